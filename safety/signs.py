"""The signs the assistant looks for, with their level of care and the screening answer they give.

Patterns run on ``safety.text.normalise``d text: lower case, "cannot" for can't, "did not" for
didn't, common misspellings corrected. Sources: safety/SOURCES.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import Pattern

from safety.levels import Level

SYMPTOM = r"(?:pain\w*|hurt\w*|ach\w*|numb\w*|tingl\w*|pins and needles|weak\w*|dead|gone|shooting|burning|sciatica|giving way|give way|gives way|buckl\w*|electric\w*|zing\w*|sore)"
BLADDER_WORDS = r"(?:pee|peeing|wee|weeing|urin\w*|bladder|bowels?|poo\w*|toilet|loo|waterworks|pass water|passed water|passing water)"
CONTROL_TROUBLE = r"(?:cannot|could not|unable to|trouble|difficult\w*|problems?|issues?|struggl\w*|hard to|lost control|losing control|loss of control|no control)"
SADDLE_AREA = r"(?:groin|genitals?|buttocks?|bum|butt|privates|private parts|inner thighs?|saddle|down there|crotch|perineum|anus|back passage|between my legs|penis|vagina|vag|willy|bottom|bits|fanny|bum hole|private area|nether regions|down below|backside|arse|ass|between the legs)"
NUMBNESS = r"(?:numb\w*|tingl\w*|no feeling|no sensation|pins and needles|cannot feel|lost feeling|dead|asleep|muffled)"
# Plural legs or feet read as both sides; calves are left out because the article's own
# flexibility test speaks of "a zinging sensation into your calves".
LEGS = r"(?:legs|feet)"
# A gap of a few words inside a pattern, never one that denies ("my legs are not numb").
GAP_WORD = r"(?:\s+(?!not\b|no\b|never\b)[\w.-]+)"
INJURY = (
    r"(?:fell|fall|falling|fallen|slipped(?! disc)|slip(?! disc)|tripped|accident|crash\w*|collision|hit(?! me with)|"
    r"blow|knock\w*|tackl\w*|"
    r"injur\w*|popped|pop|twisted|wrenched|landed|tweak\w*|banged|bashed|clattered|stacked it|came off|"
    r"pulled something|strained my back|felt something go|felt it go|heard a crack|felt a crack|jarred)"
)


def _compile(*patterns: str) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@dataclass(frozen=True)
class Sign:
    key: str
    level: Level
    description: str
    patterns: tuple[Pattern[str], ...]
    answers: dict[str, object] = field(default_factory=dict)
    # When denied ("no leg pain"), this answer is implied instead.
    denied_answers: dict[str, object] = field(default_factory=dict)


SIGNS: tuple[Sign, ...] = (
    Sign(
        "bladder_bowel",
        Level.EMERGENCY,
        "new trouble with bladder or bowel control",
        _compile(
            rf"\b{CONTROL_TROUBLE}\b{GAP_WORD}{{0,5}}?\s+{BLADDER_WORDS}\b",
            rf"\bcannot (?:\w+ )?(?:hold|control|start|stop|feel|tell|empty)\b{GAP_WORD}{{0,6}}?\s+{BLADDER_WORDS}\b",
            r"\bcannot (?:hold|control) (?:it|myself)\b",
            r"\b(?:wet|wetting|wetted|peed|pooed|soiled) (?:myself|my (?:pants|trousers|knickers|underwear|bed)|the bed)\b",
            r"\bincontinen\w*\b",
            r"\bleak\w* (?:urine|pee|wee|poo)\b|\b(?:urine|pee|wee) (?:is )?leak\w*\b",
            rf"\b{BLADDER_WORDS}\b{GAP_WORD}{{0,3}}?\s+(?:is |are )?(?:not (?:working|right|normal)|stopped working|gone funny|weird|changed)\b",
            rf"\b(?:numb\w*|no feeling|cannot feel)\b{GAP_WORD}{{0,5}}?\s+(?:toilet paper|wiping|wipe)\b",
            r"\bcannot (?:pee|wee|urinate|poo)\b",
            r"\bnothing (?:comes|came|will come) out\b",
            r"\bnot (?:had|done|been able to have|passed) (?:a |any )?(?:wee|pee|urine)\b",
            r"\bdribbl\w* (?:wee|pee|urine)\b|\b(?:wee|pee|urine) (?:keeps )?dribbl\w*",
            r"\bstrain\w* to (?:pee|wee|urinate|poo)\b",
            r"\b(?:wee|pee|urine) (?:just )?(?:comes|came|leaks) out\b",
            r"\b(?:had )?an accident in my (?:pants|trousers|knickers|underwear)\b",
            r"\bcannot feel (?:the )?(?:toilet )?seat\b",
            r"\burinary retention\b",
            r"\b(?:cannot|unable to|not able to|have not been able to|not been able to|struggling to) (?:pee|wee|urinate|pass water|go)\b",
            r"\b(?:have not|not) (?:had a |had any |done a )?(?:pee|wee|passed water|peed|weed)\b",
            r"\b(?:no|lost|losing|loss of) (?:bladder|bowel|waterworks) control\b|\blost control of (?:my )?(?:bladder|bowels?|waterworks)\b",
            r"\b(?:no|lost|losing) control (?:of|over) (?:my )?(?:bladder|bowels?|waterworks)\b",
            r"\bleak\w*\b(?:\s+\w+){0,3}? (?:urine|pee|wee)\b|\bkeep leaking\b",
            r"\b(?:do not|cannot|no longer) (?:feel|get) (?:the |any )?(?:urge|warning|need)\b",
            r"\b(?:pee|urine|wee|peeing|weeing)\b(?:\s+\w+){0,3}? (?:takes ages|will not come|is not coming|not coming|does not come|just will not)\b",
            r"\bnothing (?:happens|comes)\b(?:\s+\w+){0,4}? (?:toilet|loo|pee|wee|bladder)|\b(?:toilet|loo)\b(?:\s+\w+){0,4}? nothing (?:happens|comes)\b",
            r"\bbladder (?:feels )?full but\b|\bonly realise my bladder is full\b",
            r"\bstrain\w*\b(?:\s+\w+){0,4}? (?:to get anything out|press on my tummy)\b",
            r"\b(?:poo|bowel|toilet) accident\b|\baccident\b(?:\s+\w+){0,3}? (?:did not feel|without feeling)",
            r"\b(?:knickers|pants|underwear|trousers) (?:are |were )?wet\b",
            r"\b(?:getting|get|got|make it) to the (?:toilet|loo|bathroom) too late\b|\btoo late for the (?:toilet|loo)\b",
        ),
        answers={"screen_cauda_equina": True},
    ),
    Sign(
        "saddle_numbness",
        Level.EMERGENCY,
        "numbness around the genitals, buttocks or inner thighs",
        _compile(
            rf"\b{NUMBNESS}\b{GAP_WORD}{{0,5}}?\s+{SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b{GAP_WORD}{{0,4}}?\s+(?:is |are |feels? |went |gone |going )?{NUMBNESS}",
            r"\bsaddle (?:numbness|anaesthesia|anesthesia)\b",
            rf"\bcannot (?:really )?feel (?:it )?(?:when i )?(?:touch|wipe|sit on)\b(?:\s+\w+){{0,2}}? {SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b(?:\s+\w+){{0,4}}? (?:feel|feels|felt) (?:like )?(?:they are |it is )?(?:asleep|numb|weird|muffled|dead)\b",
        ),
        answers={"screen_cauda_equina": True},
    ),
    Sign(
        "sexual_dysfunction",
        Level.EMERGENCY,
        "new sexual dysfunction",
        _compile(
            r"\b(?:erectile|erection)\b",
            r"\bthings (?:are )?not working (?:down there|downstairs)\b",
            r"\bnot working downstairs\b",
            r"\b(?:numb\w*|cannot feel|no feeling)\b(?:\s+\w+){0,3}? (?:during|in|having|when i have) sex\b",
            r"\bimpoten\w*|\bejaculat\w*|\b(?:orgasm|climax)\w*|\bnew ed\b",
            r"\b(?:cannot|can not|unable to|could not|struggling to) (?:get|keep) (?:it )?(?:up|hard)\b",
            r"\bsex\b(?:\s+\w+){0,4}? (?:feels different|numb|no sensation|zero sensation|cannot feel|barely feel)|\b(?:zero|no|lost all) (?:sensation|feeling) during sex\b",
            r"\b(?:bedroom|down there|willy|penis)\b(?:\s+\w+){0,4}? (?:will not|does not|do not|have not|has not|nothing) (?:work|worked|respond)",
            r"\bnothing (?:down there )?responds\b|\bbody (?:just )?(?:does not|will not) respond\b",
        ),
        answers={"screen_cauda_equina": True},
    ),
    Sign(
        "both_legs",
        Level.EMERGENCY,
        "symptoms in both legs",
        _compile(
            rf"\b(?:both|two|each of|all of) (?:of )?(?:my )?(?:legs?|feet|calves|thighs)\b{GAP_WORD}{{0,6}}?\s+{SYMPTOM}",
            rf"\b{SYMPTOM}\b{GAP_WORD}{{0,6}}?\s+(?:both|two) (?:of )?(?:my )?(?:legs?|feet|calves|thighs)\b",
            rf"\b(?:my )?{LEGS} (?:are |feel |have |keep |both )?(?:(?!not\b|no\b|never\b)\w+ )?{SYMPTOM}",
            rf"\b(?:my )?{LEGS} (?:are |feel |have )?(?:gone |going |like )?(?:jelly|heavy|wobbly|useless)\b",
            r"\bcannot feel (?:my |both )?(?:legs|feet)\b",
            r"\bleft and right (?:leg|foot|legs|feet)\b",
            rf"\b{SYMPTOM} (?:in|down|into|through) (?:my |the )?{LEGS}\b",
            r"\bbilateral\b",
            rf"\b(?:both|either) (?:of )?(?:my )?(?:legs?|feet)\b(?:\s+\S+){{0,8}}? {SYMPTOM}",
            rf"\b{SYMPTOM}\b(?:\s+\S+){{0,8}}? (?:both|either) (?:of )?(?:my )?(?:legs?|feet|sides)\b",
            r"\b(?:spread|spreading|gone|going|moved) (?:to|into) (?:the other|my other|my right|my left|the right|the left) (?:leg|foot|side)\b",
            r"\bnow the (?:right|left|other) (?:one |leg |foot )?is (?:going|gone|doing it)\b",
        ),
        answers={"screen_leg_symptoms": True, "screen_leg_sides": "both"},
    ),
    Sign(
        "major_injury",
        Level.EMERGENCY,
        "back pain after a high-energy injury",
        _compile(
            r"\b(?:car|motorbike|motorcycle|moped|road|traffic|bus|truck|lorry|van) (?:crash|accident|collision|wreck)\b",
            r"\bcrashed (?:my|the|a) (?:car|motorbike|motorcycle|moped)\b",
            r"\b(?:hit|knocked down|run over) by a (?:car|bus|truck|van|lorry|motorbike)\b",
            r"\b(?:fell|fallen|falling|fall) (?:off|from|down) (?:a |the |my )?(?:roof|ladder|height|balcony|horse|scaffold\w*|tree|building|wall|cliff|stairs|flight of stairs)\b",
            r"\bfall from (?:a )?height\b",
            r"\b(?:fell|fallen|falling|fall|came|thrown|knocked|flew)\b(?:\s+[\w.-]+){0,4}? (?:off|from|out of|down) (?:a |the |my |some )?(?:roof|ladder|height|balcony|horse|scaffold\w*|tree|building|wall|cliff|stairs|flight of stairs|motorbike|motorcycle)\b",
            r"\bknocked off (?:my )?(?:bike|bicycle)\b",
            r"\b(?:rear-ended|t-boned|head-on)\b",
            r"\b\d+ ?mph\b",
            r"\brear[- ]ended\b|\b(?:car|van|truck) (?:rolled|flipped)\b|\brolled (?:the car|over)\b|\brta\b|\brtc\b|\broad traffic\b",
            r"\b(?:knocked over|knocked down|hit|run over|struck) by a\b|\b(?:car|van|bus|truck|lorry|motorbike) (?:hit|struck|ran over) me\b",
            r"\b(?:fell|dropped|came down|landed|fallen)\b(?:\s+[\w.-]+){0,6}? (?:\d+|ten|six|eight|twenty) ?(?:foot|feet|ft|metres|meters|m)\b",
            r"\b(?:fell|fallen|came|come) (?:out of|through) (?:the |a )?(?:loft|hayloft|window|tree|attic|hatch)\b|\bfrom way up\b",
            r"\b(?:at speed|high speed)\b|\b(?:snowboard|ski|skiing|quad bike|horse riding|paragliding)\w*\b(?:\s+\w+){0,6}? (?:crash|fell|landed|thrown|chucked|came off)",
            r"\b(?:chucked|thrown|flung) off (?:a |the |my )?(?:horse|bike|quad\w*|motorbike|motorcycle|roof|ladder)\b",
        ),
        answers={"screen_injury": True, "screen_injury_major": True},
    ),
    Sign(
        "fever_unwell",
        Level.URGENT,
        "fever or feeling very unwell",
        _compile(
            r"\b(?:fever\w*|feverish|high temperature|a temperature|chills|shivering|shivery|night sweats|sweating at night)\b",
            r"\b(?:very|really|quite|so) (?:unwell|ill|poorly)\b|\bfeel\w* unwell\b",
            r"\btemp(?:erature)? (?:of |is |at |was )?(?:3[89]|4[01])(?:\.\d)?\b|\b(?:3[89]|4[01])(?:\.\d)? ?(?:degrees|c)\b",
            r"\b(?:hot and cold|cold) sweats\b",
            r"\brigors\b|\bhigh temp\b|\bburning up\b|\b(?:properly|really|very) ill\b|\bfeel\w* (?:ill|rough|awful) and\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "cancer",
        Level.URGENT,
        "a history of cancer",
        _compile(
            r"\b(?:cancer|tumour|chemo\w*|radiotherapy|oncolog\w*|metasta\w*|leuka?emia|lymphoma|myeloma|melanoma|carcinoma|sarcoma)\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "weight_loss",
        Level.URGENT,
        "unexplained weight loss",
        _compile(
            r"\b(?:unexplained|unintentional|unintended|sudden|rapid) weight loss\b",
            r"\b(?:lost|losing|dropped|dropping) (?:a lot of |lots of |so much |some |loads of )?weight\b(?! on purpose)",
            r"\bweight (?:is )?(?:dropping|falling off)\b",
            r"\b(?:lost|dropped|losing) (?:a |two |three |\d+ ?)?(?:stone|kilos?|kg|pounds|lbs)\b|\b(?:lost|dropped) \d+(?:kg|lbs)\b",
            r"\bclothes (?:are )?(?:hanging|falling) off me\b",
            r"\bnot (?:been )?trying to lose weight\b",
            r"\b(?:lost|dropped|losing) (?:about |around |nearly |almost |over |like )?(?:a |two |three |\d+ ?)(?:stone|kilos?|kg|pounds|lbs)\b",
            r"\bwithout trying\b|\btighten my belt\b|\blosing w(?:ie|ei)ght\b|\bno (?:appetite|apetite)\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "weak_immunity",
        Level.URGENT,
        "a weakened immune system, long-term steroids or IV drug use",
        _compile(
            r"\b(?:immunosuppress\w*|immunocompromised|transplant|hiv)\b",
            r"\b(?:weak|weakened|low|poor|compromised) immune\b|\bimmune system (?:is )?(?:weak|low|poor|compromised)\b",
            r"\b(?:long term|long-term|on|taking|take) (?:oral )?steroids\b|\bsteroids for (?:months|years|a long time)\b",
            r"\b(?:prednisolone|prednisone|methotrexate|azathioprine|ciclosporin|cyclosporine|tacrolimus|biologics|immunosuppressants?)\b",
            r"\b(?:inject\w*|iv) (?:drugs?|heroin)\b|\bintravenous drug\b",
            r"\bbiologic\b|\b(?:adalimumab|humira|infliximab|rituximab|etanercept|chemo\w*)\b|\b(?:use|using) needles\b|\bstill inject\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "night_pain",
        Level.URGENT,
        "pain at night or at rest that nothing eases",
        _compile(
            rf"\b(?:pain|hurts?|aches?|aching|throbbing)\b{GAP_WORD}{{0,5}}?\s+(?:at night|all night|during the night|every night|in the night)\b",
            r"\bwakes? me (?:up )?(?:at night|every night|in the night)\b|\bkeeps me awake\b",
            r"\bnight pain\b|\b(?:worse|bad|worst) at night\b",
            r"\bnothing (?:helps|eases|eases it|relieves|works)\b",
            r"\b(?:painkillers|tablets|pills|medication|meds) (?:do|does|did) not (?:touch|help|work|ease)\b",
            r"\b(?:hurts?|pain|aches?)\b(?:\s+[\w.-]+){0,6}? even when i am (?:lying|resting|sitting|still|in bed)\b",
            r"\ball the time even when\b",
            r"\bpain (?:even )?(?:at|when i am at) rest\b",
            r"\bcannot (?:sleep|get comfortable) (?:because of|for|with) (?:the |my )?pain\b",
            r"\b(?:worse|worst|hurts more|more painful)\b(?:\s+\w+){0,3}? (?:when i am |when )?(?:lying|in bed|resting|at rest|lying still)\b",
            r"\b(?:woken|woke|wakes me|waking up)\b(?:\s+\w+){0,4}? (?:every night|at night|at \d+ ?am|in the night)\b",
            r"\bday and night\b|\bno position (?:helps|makes)\b|\bposition makes no difference\b|\bunrelenting\b|\brelentless\b",
            r"\b(?:resting|rest|lying down) makes no difference\b|\bpacing\b(?:\s+\w+){0,4}? at night\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "worsening_weakness",
        Level.URGENT,
        "weakness that is getting worse",
        _compile(
            rf"\bweak\w*\b{GAP_WORD}{{0,4}}?\s+(?:getting|gets|got|is getting) worse\b",
            r"\b(?:getting|growing) weaker\b|\bweaker and weaker\b|\bworsening weakness\b|\bweaker (?:every|each) day\b",
            r"\b(?:weak\w*|strength|floppier|foot drop)\b(?:\s+\w+){0,8}? (?:is |has )?(?:getting )?(?:worse|weaker|spreading|going|gotten worse)\b",
            r"\bprogressive weakness\b|\bharder and harder\b|\bweaker (?:today|than)\b|\b(?:floppier|weaker) every\b",
        ),
        answers={"screen_weakness": True},
    ),
    Sign(
        "fragile_bones",
        Level.CLEAR,
        "osteoporosis or long-term steroids (serious only with an injury)",
        _compile(
            r"\b(?:osteoporosis|osteo porosis|brittle bones|thin bones|osteopenia|alendronate|bisphosphonates?)\b",
            r"\b(?:long term|long-term) (?:hydrocortisone|prednisolone|steroids)\b",
        ),
    ),
    Sign(
        "one_leg",
        Level.PRACTITIONER,
        "pain, numbness or tingling travelling down one leg",
        _compile(
            r"\b(?:left|right|one) (?:leg|foot|calf|thigh|side)\b",
            rf"\b(?:leg|foot|calf|thigh|toes)\b{GAP_WORD}{{0,4}}?\s+{SYMPTOM}",
            rf"\b{SYMPTOM}\b{GAP_WORD}{{0,5}}?\s+(?:leg|foot|calf|thigh|toes)\b",
            r"\bsciatica\b|\bpins and needles\b|\bsciatca\b",
            r"\bdown my leg\b|\b(?:big )?toe\w* (?:has |have )?(?:gone )?numb\b|\bdown (?:to|into) my (?:heel|knee|foot|ankle)\b",
        ),
        answers={"screen_leg_symptoms": True},
        denied_answers={"screen_leg_symptoms": False},
    ),
    Sign(
        "calf_zing",
        Level.PRACTITIONER,
        "a zinging feeling into the calves when bending forward (the article: likely the nerve)",
        _compile(
            r"\b(?:zing\w*|zap\w*|buzz\w*|electric\w*|lightning|shooting)\b(?:\s+\S+){0,6}? (?:calf|calves)\b",
            r"\b(?:calf|calves)\b(?:\s+\S+){0,3}? (?:zing\w*|zap\w*|buzz\w*|went zz+\w*)",
        ),
        answers={"screen_leg_symptoms": True},
    ),
    Sign(
        "leg_weakness",
        Level.PRACTITIONER,
        "weakness in a leg or foot",
        _compile(
            r"\bfoot drop\b|\bdropped foot\b",
            r"\b(?:leg|legs|knee|knees) (?:keeps? |kept |is |are )?(?:giving way|gives way|gave way|buckl\w*|collaps\w*)\b",
            r"\btrip\w* (?:over|on) (?:my )?toes\b",
            r"\b(?:leg|foot|ankle|knee) (?:feels |is |has |gone |went )?weak\b|\bweak(?:ness)? (?:in|of) (?:my |the )?(?:leg|foot|ankle|knee|legs|feet)\b",
            r"\bweakness\b",
            r"\bfoot (?:slaps|slapping|catches|drags)\b|\bslapping\b|\bdragging (?:my )?(?:foot|leg|it)\b",
            r"\bcannot lift (?:the front of )?my (?:foot|toes)\b|\b(?:knee|leg) (?:just )?buckles\b|\bwent from under me\b",
            r"\blimping\b",
        ),
        answers={"screen_weakness": True},
        denied_answers={"screen_weakness": False},
    ),
    Sign(
        "minor_injury",
        Level.PRACTITIONER,
        "an injury: a fall, a blow, a tackle or a pop while lifting",
        _compile(rf"\b{INJURY}\b"),
        answers={"screen_injury": True},
        denied_answers={"screen_injury": False},
    ),
)
