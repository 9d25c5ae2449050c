"""The signs the assistant looks for, with their level of care and the screening answer they give.

Patterns run on ``safety.text.normalise``d text: lower case, "cannot" for can't, "did not" for
didn't, common misspellings corrected. Sources: safety/SOURCES.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import Pattern

from safety.levels import Level

# Word classes in everyday English, slang and dialect (UK, US, Australian, Indian, Nigerian).
PAIN = r"(?:pain\w*|hurt\w*|ach\w*|sore|agony|throbb\w*|stabb\w*)"
# What a nerve does to a limb: numb, tingling, electric, weak, giving way, heavy as lead.
NERVE = (
    r"(?:numb\w*|tingl\w*|pins and needles|dead|asleep|buzz\w*|fizz\w*|prickl\w*|electric\w*|shooting|burning|"
    r"on fire|weak\w*|giving way|give way|gives way|gave way|gave out|give out|gives out|giving out|buckl\w*|collaps\w*|(?:like )?jelly|(?:like )?lead|"
    r"heavy|useless|wobbly|shaky|no feeling|no sensation|cannot feel|could not feel|dragging|floppy|flopping|"
    r"slapping|not working|cotton wool|rubbery|sciatica|zing\w*)"
)
SYMPTOM = rf"(?:{PAIN}|{NERVE}|gone)"
BLADDER_WORDS = (
    r"(?:pee|peeing|peed|wee|wees|weeing|urin\w*|bladder|bowels?|poo\w*|toilet|loo|waterworks|pass water|"
    r"passed water|passing water|piss\w*|number (?:one|two|1|2)s?|stools?|motions?|bathroom|restroom|potty)"
)
CONTROL_TROUBLE = r"(?:cannot|could not|unable to|not able to|no longer able to|can no longer|trouble|difficult\w*|problems?|issues?|struggl\w*|hard to|lost control|losing control|loss of control|no control)"
SADDLE_AREA = (
    r"(?:groin|genital\w*|buttocks?|bum|butt|privates|private parts?(?: region| area)?|inner thighs?|saddle(?: area)?|"
    r"down there|crotch|perine\w*|anus|anal area|back passage|between my legs|penis|vagina|vag|willy|bottom|bits|"
    r"fanny|bum hole|bum cheeks|vaginal(?: area| region)?|private area|nether regions?|nethers|down below|backside|arse|ass|between the legs|"
    r"seat area|sit(?:ting)? bones|(?:man|lady|girl|boy) parts|parts down there|yansh|rear end|tush\w*|booty|undercarriage|lady (?:bits|parts)|man bits|balls|"
    r"testicles?|scrotum|labia|vulva|clitoris|clit|taint|gooch|bikini (?:area|line)|where i sit|dick)"
)
NUMBNESS = (
    r"(?:numb\w*|tingl\w*|no feeling|no sensation|pins and needles|cannot feel|could not feel|can not feel|"
    r"(?:can |could )?(?:hardly|barely|scarcely) feel|"
    r"unable to feel|not able to feel|lost (?:the |all |some |my )?(?:feeling|sensation)|loss of (?:feeling|sensation)|"
    r"reduced (?:feeling|sensation)|less (?:feeling|sensation)|dead|deadened|asleep|muffled|frozen|feel nothing|"
    r"felt nothing|not feeling (?:my|anything|a thing)|like cotton wool|like rubber|(?:been |being )?injected|epidural|insensib\w*|insensitiv\w*|(?:dental|dentist\w*|local) (?:injection|anaesthetic|anesthetic)|novocaine)"
)
# Sex in plain words and euphemism: the context in which "can't feel a thing" is a sexual sign.
SEX_CONTEXT = (
    r"(?:sex|sexual\w*|intercourse|bedroom|love ?making|making love|make love|intima\w*|slept together|"
    r"sleep together|fool\w* around|get it on|orgasm\w*|climax\w*|ejaculat\w*|libido|arous\w*|"
    r"masturbat\w*|pleasure myself|touch(?:ing|ed)? myself|wank\w*|morning wood|hard[- ]on|foreplay|"
    r"in bed with|(?:me|i) (?:and|n) my (?:bf|gf|partner|wife|husband|boyfriend|girlfriend|hubby|missus) (?:tried|were trying|had a go)|with my (?:partner|wife|husband|girlfriend|boyfriend|bf|gf|missus|hubby|other half)|"
    r"(?:me|i) (?:and|n) (?:the|my) (?:wife|missus|husband|hubby|partner|fella|bloke|man|woman)|"
    r"(?:my|the) (?:partner|wife|husband|missus|hubby|other half|girlfriend|boyfriend) (?:and|n) (?:i|me) (?:tried|try|were trying|had a go)|"
    r"(?:she|he|they) touch\w* me|down there|downstairs|man bits|lady bits|penis|willy|dick|clitoris|clit|vagina|"
    r"equipment|tackle|todger|manhood|private part\w*)"
)
# A leg, one side or both, in the words people use for its parts.
LEG_PARTS = r"(?:legs?|foot|feet|calf|calves|thighs?|toes?|shins?|knees?|ankles?|heels?|hamstrings?|soles?)"
# Plural legs or feet read as both sides; calves are left out because the article's own
# flexibility test speaks of "a zinging sensation into your calves".
LEGS = r"(?:legs|feet)"
# A gap of a few words inside a pattern, never one that denies ("my legs are not numb").
GAP_WORD = r"(?:\s+(?!not\b|no\b|never\b)[\w.-]+)"
# Falling, in its everyday verbs; idioms ("fell for it", "fell asleep") are left out.
FALL = (
    r"(?:fell(?! (?:for|asleep|back asleep|back to sleep|off to sleep|in love|behind|apart|out with|short|silent|ill|pregnant|through with|head over heels (?:for|in love)))|"
    r"fall(?! (?:asleep|back asleep|back to sleep|off to sleep|in love|apart|behind|for|short))|falls|falling(?! (?:asleep|back asleep|back to sleep|off to sleep|apart|behind|in love|for))|"
    r"fallen(?! (?:asleep|back asleep|back to sleep|off to sleep|in love|behind|for))|tumbled?|tumbling|toppled|slipped|slid|dropped|plunged|plummeted|"
    r"flew|thrown|chucked|flung|knocked|came off|come off|bucked)"
)
# A fall as a minor injury: the verbs that say it whatever the height ("dropped" or "flew" alone do not).
FALL_PLAIN = (
    # The writer falls ("I fell", "tripped and fell", "slipped on the ice"), not "my phone fell off
    # the table": the verb opens its clause or follows the writer or an adverb.
    r"(?:(?:(?<=^)|(?<=^ )|(?<=\bi )|(?<=\band )|(?<=\bthen )|(?<=\bjust )|(?<=\bhave )|(?<=\bhad )|"
    r"(?<=\bhas )|(?<=\bwas )|(?<=\bbeen )|(?<=\balso )|(?<=\bnearly )|(?<=\balmost )|(?<=\bactually )|"
    r"(?<=[^\w\s] )|(?<=\bliterally )|(?<=\baccidentally )|(?<=\bbadly )|(?<=\bonce )|(?<=\bwhen )|(?<=\bas )|(?<=\bthen i )|"
    r"(?<=\bsort of )|(?<=\bkind of ))"
    r"(?:fell(?! (?:for|asleep|back asleep|back to sleep|off to sleep|in love|behind|apart|out with|short|silent|ill|pregnant|through with|head over heels (?:for|in love)))|"
    r"fall(?! (?:asleep|back asleep|back to sleep|off to sleep|in love|apart|behind|for|short))|falling(?! (?:asleep|back asleep|back to sleep|off to sleep|apart|behind|in love|for))|"
    r"fallen(?! (?:asleep|back asleep|back to sleep|off to sleep|in love|behind|for))|tumbled?|tumbling|toppled|slipped|stumbled)|"
    # "up on the slip" is a boat's slipway, not a slip.
    r"(?<!\bon )(?<!\bup )(?<!\bdown )(?:a|the|my|that|bad|nasty|big|small|minor|little|another|recent|few|several|two|three|some|any) "
    r"(?:fall|falls|tumble|slip|trip))"
)
# Where a fall is from high enough to be a high-energy injury (NICE NG59: fall from a height).
HEIGHT = (
    # "the garage roof", "the shed roof": a roof named by its building.
    r"(?:(?:\w+ )?roof\w*|ladder|heights?|balcony|horse|pony|scaffold\w*|tree|building|wall|cliff|stairs|staircase|"
    r"stairway|flight|storey|story|(?:first|second|third|upper|top|\d+(?:st|nd|rd|th)) floor|loft|attic|hatch|"
    r"window|bunk\w*|platform|lorry|truck|trailer|stage|ledge|crane|mezzanine|bridge|rocks?|quarry|trampoline|"
    r"motorbike|motorcycle|quad\w*|dirt bike|handlebars|cherry picker|forklift|tractor|hay\w*|"
    r"(?:\d\d+|[4-9]|lots of|loads of|several|concrete|stone|steep) (?:\w+ )?steps)"
)
_HEIGHT_GAP = (
    r"(?:(?:a|an|the|my|his|some|our|this|that|whole|entire|full|big|tall|high|steep|long|concrete|stone|"
    r"wooden|metal|back of (?:a|the)|top of (?:a|the)|edge of (?:a|the)|about|around|over|nearly|almost|"
    r"first|second|third|upper|\d+) ){0,4}"
)
VEHICLE = (
    r"(?:car|cars|auto|automobile|motorbike|motorcycle|moped|scooter|bus|truck|lorry|van|taxi|cab|ute|suv|jeep|tractor|train|"
    r"tram|bike|bicycle|vehicle|okada|keke|rickshaw|auto rickshaw|tuk[- ]?tuk|boda ?boda|danfo|matatu|quad bike)"
)
# A sit or an effort that explains numb or heavy legs ("legs like jelly after spin class").
BENIGN_CAUSE = re.compile(
    r"(?<!\bnot )(?<!\bnot just )(?<!\bnot only )(?<!\bnot simply )\b(?:after|from|on|during|in|with|when i|if i|whenever i)\b(?:\s+(?!not\b|never\b)\S+){0,4}? (?:gym|workout|work out|spin|"
    r"class|leg day|squats?|run|running|jog\w*|training|session|hike|hiking|marathon|\d+ ?k|parkrun|race|football|match|game|"
    r"dancing|film|movie|cinema|flight|long drive|drive|journey|bike rides?|cycle rides?|ride|rides|cycling|roller ?coaster|"
    r"sitting|sat|kneel\w*|cross[- ]legged|new shoes|these shoes|(?<!\bon )(?<!\bon my )heels|standing all day|long shift|long day|day on my feet|"
    r"cinema seats?|hours? on (?:the|a) (?:toilet|bike|plane|train)|slept on (?:it|them)|the cold|cold weather|freezing|the snow)\b"
    # Fear, nerves and laughter: "legs went to jelly when she said yes".
    r"|\b(?:when|as) (?:she|he|they) (?:said|kissed|smiled|walked in|proposed)\b|"
    # A shock at news or a sight: "knees went weak when I saw the bill".
    r"\b(?:when|as) i (?:saw|heard|read|opened|looked at|found out|spotted)\b|\bat the (?:sight|thought) of\b|\b(?:nerves|nervous|laughing|laughter|fright|stage fright)\b"
    r"|\bsitting (?:in|at|through|for|on) (?:\w+ ){0,2}(?:meeting|chair|class|lecture|desk|office|cinema|film|movie|"
    r"flight|plane|train|bus|hours|ages|car|sofa|couch|floor|bench)\b"
)
# An injury that is not high-energy: a fall, a blow, a tackle, a pop or a strain while lifting.
INJURY = (
    rf"(?:{FALL_PLAIN}|(?:trip(?= over| on| up| and)|tripped|tripping)(?! over (?:my |his |her |the )?(?:words|tongue|myself)| (?:the|a) (?:alarm|switch|breaker|fuse)| balls| out)|"
    r"(?<!\bthe )slip(?! disc| of the tongue| my mind| on (?:my|a|some|your) (?:\w+ )?(?:shoes|trainers|jumper|dress|coat|ring|socks))|"
    r"(?<!by )accident(?!al)(?! with (?:the|a|my) (?:coffee|kettle|iron|oven|toaster|knife|paint|washing|printer|hair)\w*)|crash\w* (?:into|off|on (?:my|the|a) (?:bike|ice|road|slope|pitch|track|bend))|collision|collided|"
    rf"crash\w* (?:my|the|a) (?:\w+ )?{VEHICLE}\b|"
    r"(?<!like i had )(?<!like i have )(?<!like i )(?<!like )(?:got|was|been|being|get) (?:hit|struck|tackled|kicked|knocked)|hit (?:my|the (?:ground|floor|deck|ice|pavement|kerb|curb|wall|step|edge))|"
    r"i took a (?:\w+ )?(?:hit|knock|tumble|fall)|took a (?:\w+ )?(?:hit|knock|tumble|fall) (?:to|on) (?:my|the) (?:lower |low )?(?:back|spine|head)|"
    # A blow by a body part or a piece of kit: "took a knee to the lower back", "copped a hockey stick in the back".
    r"(?:took|take|taken|got|copped|caught|had) (?:a|an) (?:\w+ ){0,2}(?:knee|elbow|boot|kick|ball|stick|bat|club|racket|shoulder|punch|whack|smack|blow|stud|studs|helmet|belt|dig|thump|wallop) "
    r"(?:of (?:a|an|the) \w+ )?(?:to|on|in|into|across) (?:my|the) (?:lower |low )?(?:back|spine)(?! (?:of|garden|seat|yard|room|door|row|pocket|wall))|"
    r"(?:elbowed|kneed|kicked|punched|whacked|smacked|thumped|speared|barged|caught|clipped|struck) (?:me )?(?:in|on|across|into) (?:my|the) (?:lower |low )?back(?! (?:of|garden|seat|yard|room|door|row|pocket|wall))|"
    r"(?:knee|elbow|boot|shoulder|stick|hurl|hurley|bat|club|helmet)s? (?:in|into|to|across) (?:my|the) (?:lower |low )?back(?! (?:of|garden|seat|yard|room|door|row|pocket|wall))|went over on (?:the )?(?:ice|kerb|curb|step|stairs|my ankle)|(?:a|the) blow (?:to|on)|knock\w* (?:over|down|into|me|my)|"
    r"(?:slid|slipped|bounced|tumbled|went) down (?:the )?(?:\w+ ){0,2}(?:stairs|steps)|"
    r"(?:elbowed|kneed|kicked|punched|whacked|smacked|thumped) in the (?:kidney|kidneys|flank|side|ribs)\b|"
    r"tackled|flattened|(?:a|bad|big|hard|late|heavy|high) tackle|(?:head-?butt|elbow|knee|kick|punch|jump)\w* me (?:in|on) the (?:lower |low )?back|"
    r"injur\w*|(?:something|it|back|disc|spine|felt|heard)\b(?:\s+\w+){0,2}? pop(?:ped)?|something\b(?:\s+\w+){0,2}? (?:clicked|cracked|snapped)|felt my back (?:go|give|went|twang|pop|crack)|pop(?:ped)? (?:in|out) (?:my|of)|"
    # A twisted ankle or wrist is no injury to the back.
    r"twisted(?! (?:my |an |his |her )?(?:ankle|knee|wrist|finger|thumb|toe|arm|neck)| against| in my sleep| up in)|wrench\w*|landed (?:on|hard|awkwardly|badly|heavily|flat|funny|wrong)|tweak\w*|"
    r"bang\w* (?:my|into|it)|bash\w* (?:my|into|it)|bump\w* (?:my|into|it|down)|"
    r"(?:walked|backed|stepped|fell|reversed) (?:backwards )?into (?:the )?(?:corner|edge) of|clatter\w*|stacked it|came a cropper|went flying|"
    r"pulled (?:something|a muscle|my back|a \w+ muscle)|(?:strained|sprained|ricked|cricked|jarred|jolted|"
    r"tore|torn|pulled|wrenched) my (?:lower |low )?back|"
    # "hurt my back" is an injury when the writer did it, not in "does sitting hurt my back".
    r"(?:(?<![\w ])|(?<=^ )|(?<=\bi )|(?<=\bi have )|(?<=\bi had )|(?<=\bjust )|(?<=\bbadly )|(?<=\breally ))(?:hurt|injured) my (?:lower |low )?back|"
    r"did my back in|do my back in|put my back out|"
    r"threw my back out|throw my back out|back went (?:out|twang|ping|pop|snap|click)|"
    r"felt (?:something|it|a) (?:\w+ )?(?:go|give|pop|snap|tear|twang|ping|crack|click|pull|twinge|rip)|heard a (?:crack|pop|snap)|"
    # Something gave in the back: "something twanged in my back", "heard a click in my back lifting her".
    r"(?:something|it)\b(?:\s+\w+){0,1}? (?:twanged|pinged|snapped|tore|ripped|went twang|went ping|went pop) (?:in|at|across) my (?:lower |low )?back|"
    r"(?:heard|felt) (?:a|this) (?:\w+ )?(?:click|clunk|crunch|twang|ping|pop|crack) (?:in|from|at) my (?:lower |low )?back|"
    r"(?:sharp|sudden) (?:pull|twinge|tweak|twang|pop|snap|jolt)|came off (?:my|the|a|an) (?:bike|bicycle|board|skateboard|scooter|ladder|step|steps|wall|chair|stool|trampoline)|pulled me (?:over|down)|knocked me (?:over|down)|jarred|"
    r"sat down (?:too |really |very |so )?(?:hard|heavily|with a (?:thump|bump|bang|jolt|crash))|missed (?:the|a|my) (?:chair|seat|kerb|curb|step|bottom step|last step|stair)|"
    r"(?:jumped|landed|fell) on (?:top of )?my back|went down (?:on|onto) my (?:backside|bum|bottom|back|coccyx|tailbone))"
)


def _compile(*patterns: str) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _pairs(*pairs: tuple[str, ...]) -> tuple[tuple[Pattern[str], ...], ...]:
    return tuple(tuple(re.compile(part) for part in pair) for pair in pairs)


@dataclass(frozen=True)
class Sign:
    key: str
    level: Level
    description: str
    patterns: tuple[Pattern[str], ...]
    answers: dict[str, object] = field(default_factory=dict)
    # When denied ("no leg pain"), this answer is implied instead.
    denied_answers: dict[str, object] = field(default_factory=dict)
    # (trigger, context, ...): the trigger, in a clause, is the sign when each context is affirmed
    # of the writer in the same sentence ("was with my partner, felt nothing at all").
    paired: tuple[tuple[Pattern[str], ...], ...] = ()


# Phrases shared by several signs.
_UNNOTICED = r"(?:without (?:me )?(?:noticing|realising|realizing|feeling|knowing|warning|any warning)|not (?:noticing|realising|realizing|feeling it)|did not (?:notice|feel|realise|realize))"
_PEE = (
    r"(?:pee|peeing|wee|weeing|urine|urinate|urinating|piss|pissing|pass urine|pass water|empty my bladder)"
)
_UNDERWEAR = (
    r"(?:pants|trousers|knickers|underwear|undies|jeans|shorts|boxers|jocks|briefs|kecks|nappy|pad|pads)"
)
_BOTH = (
    r"(?:\bboth\b(?! (?:my |the )?(?:back|arms?|hands?|shoulders?|hips?|sides of my back|neck|kids|of us))|"
    r"\beither (?:side|leg|foot|one)\b|\b(?:left|right) (?:and|or|nor) (?:left|right)\b|\bon both sides\b(?! of (?:my |the )?(?:lower |low )?(?:back|spine))|\beach (?:leg|foot)\b|"
    r"\b(?:the|my) other (?:one|leg|foot|side)\b(?:\s+\S+){0,4}? (?:too|as well|also|now|same|started|starting|going|gone)\b|"
    r"\b(?:now|also|and) (?:the|my) (?:other|right|left) (?:one |leg |foot |side )?(?:is|has|does|too|as well|started|starting)\b|"
    r"\bspread\w* to (?:the|my) other\b|\bboth at once\b|\bsame (?:thing )?(?:on|in) the other\b)"
)
_LEG_TROUBLE = (
    rf"(?:\b{LEG_PARTS}\b{GAP_WORD}{{0,7}}?\s+{SYMPTOM}|\b{SYMPTOM}\b{GAP_WORD}{{0,6}}?\s+(?:\S+ ){{0,2}}{LEG_PARTS}\b|"
    r"\bsciatica\b|\b(?:giving|gave|gives|give) way\b|\b(?:went|gone|go|going|goes) (?:out )?from under me\b|\bcannot feel (?:the )?(?:floor|ground)\b)"
)
_WEAK = r"(?:(?<!i feel )(?<!feeling )(?<!i am )weak\w*|flop\w*|(?:foot|leg|toes?) (?:is |keeps |keep )?(?:dragging|catching|slapping|scuffing|drags|catches|slaps|scuffs)|(?:hard|harder|difficult|struggl\w*)\b(?:\s+\w+){0,4}? to (?:lift|move|raise) my (?:leg|foot)|giving way|gave way|gives way|buckl\w*|foot drop|catch\w* my (?:foot|toes?)|drag\w* my (?:foot|leg)|no power|lost (?:power|strength)|(?:cannot|could not) (?:climb|lift|stand|walk)|(?:stand|go|walk|rise) (?:up )?on (?:my )?(?:tip ?toes?|tiptoes?|toes|heels?)|less strong|not working|(?:is not|not) (?:as )?strong|no strength|struggl\w* to press)"
WORSENING = (
    r"(?:(?:floppier|weaker|worse|heavier|clumsier|more \w+) (?:every|each|by the) (?:day|hour|week)|"
    r"getting (?:floppier|heavier|clumsier)|(?:worse|weaker|more) (?:than|since) (?:yesterday|last week|before|this morning|a few days ago|last month)|"
    r"more and more|worse and worse|weaker and weaker|(?:worse|weaker) (?:every|each|by the) (?:day|hour|week)|"
    r"getting (?:worse|weaker)|going weaker|gone weaker|growing weaker|(?:yesterday|last week|before|the other day|"
    r"(?:a|one|two|three|a few|few|a couple of|couple of) (?:days?|weeks?) ago) (?:it was|i could|i was able|was|i was)|now i (?:need|have to use|use) (?:a )?(?:stick|cane|walker|frame|crutch)|"
    r"more (?:every|each|by the) (?:day|hour|week)|pass yesterday|(?:every|each) (?:day|week)\b(?:\s+\S+){0,6}? (?:weaker|worse|floppier)|spreading|progressive\w*|progressing|getting harder|harder and harder|crept up|creeping up|"
    r"at first\b(?:\s+\S+){0,8}? now|"
    r"(?:much|a lot|way|far) worse now|going downhill|(?:harder|worse) (?:every|each) day|started small|day by day|"
    r"less (?:strong|strength|power) than (?:the day before|yesterday|last week|before))"
)

SIGNS: tuple[Sign, ...] = (
    Sign(
        "bladder_bowel",
        Level.EMERGENCY,
        "new trouble with bladder or bowel control",
        _compile(
            rf"\b{CONTROL_TROUBLE}\b{GAP_WORD}{{0,5}}?\s+{BLADDER_WORDS}\b",
            rf"\b(?:cannot|no fit|not fit|unable to|could not|can no longer) (?:\w+ )?(?:hold|control|start|stop|feel|tell|empty)\b{GAP_WORD}{{0,6}}?\s+{BLADDER_WORDS}\b",
            rf"\b{_PEE}\b{GAP_WORD}{{0,2}}?\s+(?:will not|does not|would not|is not|cannot) (?:start|come|flow|stop)\b",
            r"\bcannot (?:hold|control) (?:it|myself)\b",
            # "Water" is urine in older and dialect English ("can't hold my water"); "my waters"
            # (pregnancy) and drinking water are left out by the verb and the possessive.
            rf"\b{CONTROL_TROUBLE}\b(?:\s+\w+){{0,3}}? (?:control|hold|keep in) (?:my|the) water\b(?!s| (?:bottles?|glass|jug|cup|flask|tank|pipes?|hose)\b)",
            # "Nearly wet myself laughing", "shat myself when the alarm went off": fright and laughter.
            rf"(?<!nearly )(?<!almost )(?<!had me )(?<!have me )\b(?:wet|wetting|wetted|peed|pooed|pooped|soiled|pissed|pissing|shat|shit|messed|soaked) (?:myself|my (?:{_UNDERWEAR}|bed|sheets)|the (?:bed|sheets|mattress))\b"
            r"(?! (?:laughing|from laughing|with laughter|with fright|in fright|when (?:the|a|he|she|i saw|i heard|someone)))",
            r"\bincontinen\w*\b",
            r"\bleak\w* (?:urine|pee|wee|poo)\b|\b(?:urine|pee|wee|bowel|poo|stool) (?:is )?leak\w*\b",
            rf"\b{BLADDER_WORDS}\b{GAP_WORD}{{0,3}}?\s+(?:is |are |have |has )?(?:not (?:working|right|normal)|stopped working|gone funny|weird|changed|packed up|playing up|acting up|gone wrong|shut down|failed|gone haywire|gone crazy|out of control)\b",
            rf"\b(?:numb\w*|no feeling|cannot feel|could not feel)\b{GAP_WORD}{{0,5}}?\s+(?:toilet paper|the paper|wiping|wipe)\b",
            r"\bnothing (?:comes|came|will come|would come|wanted to come) out\b",
            r"\bcannot feel (?:it|anything) when i am (?:going|peeing|weeing|on the (?:loo|toilet))\b",
            r"\b(?:peeing|weeing|urinating|pissing|passing urine|passing water) (?:is |has been |feels )?(?:hard work|a struggle|difficult|hard|so slow|really slow|tricky)\b",
            rf"\b(?:lost|no|without) (?:the |any )?(?:sensation|feeling|urge|sense)\b(?:\s+\w+){{0,7}}? {BLADDER_WORDS}\b",
            rf"\b(?:bladder|bowels?|waterworks)\b{GAP_WORD}{{0,2}}?\s+(?:will not|does not|cannot|is not|would not|did not) (?:empty|work|start|stop|function)\b",
            r"\b(?:bladder|bowels?)\b(?:\s+\w+){0,2}? (?:let go|gave way|gave out|went|opened|emptied)\b(?:\s+\w+){0,3}? (?:without (?:any )?warning|on (?:its|their) own|by (?:itself|themselves))",
            r"\b(?:cannot|could not|can not|do not|no longer) (?:feel|tell|sense|know) (?:when|if) i (?:need|have|want) to (?:go|pee|wee|poo|empty)\b",
            r"\b(?:cannot|could not|can not|do not|no longer|not (?:really )?(?:been )?able to) (?:really |even )?(?:feel|tell|sense|know) (?:when|if) i (?:need|have|want)(?: to)? (?:a |to )?(?:go|pee|wee|poo|empty|the toilet|the loo)\b",
            r"\bnot (?:had|done|been able to have|passed) (?:a |any )?(?:wee|pee|urine)\b",
            rf"\bdribbl\w* (?:wee|pee|urine)\b|\b{_PEE}\b(?:\s+\w+){{0,3}}? (?:trickl\w*|dribbl\w*|dripp?\w*)",
            r"\bstrain\w*\b(?:\s+\w+){0,3}? (?:to (?:pee|wee|urinate|poo|pass urine)|for ages on the (?:loo|toilet))\b",
            r"\b(?:wee|pee|urine) (?:just )?(?:comes|came|leaks) out\b",
            rf"\b(?:had )?an accident in my {_UNDERWEAR}\b",
            r"\bcannot feel (?:the )?(?:toilet )?seat\b",
            r"\burinary retention\b",
            r"\b(?:did not|do not|cannot|could not|does not|never) (?:even |really |actually )?(?:feel|notice) (?:myself |it )?(?:pee|peeing|wee|weeing|urinat\w*|going|poo\w*|leak\w*)\b",
            r"\b(?:urine|pee|wee|poo|stool|bowels?|bladder)\b(?:\s+\w+){0,3}? (?:on (?:its|their) own|by (?:itself|themselves)|without my (?:knowledge|control|say))\b",
            r"\b(?:weeing|peeing|pooing|pooping|soiling) myself\b|\bwee(?:d|s)? myself\b",
            rf"\b(?:cannot|unable to|not able to|have not been able to|not been able to|struggling to|struggl\w* to|no fit|not fit) (?:properly )?{_PEE}\b",
            r"\b(?:have not|not) (?:had a |had any |done a )?(?:pee|wee|passed water|peed|weed)\b",
            r"\b(?:no|lost|losing|loss of) (?:bladder|bowel|waterworks) control\b|\blost control (?:of |over )?(?:my )?(?:bladder|bowels?|waterworks|down below|down there)\b",
            r"\b(?:no|lost|losing) control (?:of|over) (?:my )?(?:bladder|bowels?|waterworks|wee|poo)\b",
            r"\bleak\w*\b(?:\s+\w+){0,3}? (?:urine|pee|wee)\b|\bkeep leaking\b",
            r"\b(?:do not|cannot|no longer|not|never|did not) (?:feel|get|getting|have|having|feeling) (?:the |any |that )?(?:urge|warning|need|pressure|sensation|signal)\b(?:\s+\w+){0,2}? (?:to |for )?(?:pass|pee|wee|urinate|go|empty|poo)",
            r"\b(?:pee|urine|wee|peeing|weeing)\b(?:\s+\w+){0,3}? (?:takes ages|will not come|is not coming|not coming|does not come|just will not)\b",
            r"\bnothing (?:happens|comes)\b(?:\s+\w+){0,4}? (?:toilet|loo|pee|wee|bladder)|\b(?:toilet|loo)\b(?:\s+\w+){0,4}? nothing (?:happens|comes)\b",
            r"\b(?:cannot|could not) get (?:a )?(?:single )?(?:drop|dribble|thing|anything) out\b|\bcannot tell if i am wet or dry\b",
            rf"\b(?:it )?(?:just )?came out in my {_UNDERWEAR}\b|\b(?:loo|toilet|bathroom)\b(?:\s+\S+){{0,8}}? (?:did not|could not) make it\b",
            r"\b(?:it )?comes? out (?:alone|by itself|on its own)\b|\bwiping\b(?:\s+\S+){0,6}? (?:someone|somebody) else\b",
            r"\bbladder (?:feels )?full but\b|\bonly realise my bladder is full\b",
            # "can't get his water going", "can't feel it coming out", "peed and didn't feel it".
            r"\bcannot get (?:my|his|her|their|the) (?:water|pee|wee|flow|stream) (?:going|started|to start|flowing)\b",
            r"\b(?:cannot|could not|do not|did not|does not) (?:even |really )?feel (?:it|the (?:pee|wee|urine)|myself) (?:coming out|come out|coming|passing|leaving)\b",
            r"\b(?:peed|weed|pissed|wet myself|leaked)\b(?:\s+\S+){0,5}? (?:did not|do not|never|without) (?:even )?(?:feel|feeling|notice|noticing|know|knowing)\b",
            rf"\bskid\w* (?:my |me )?{_UNDERWEAR}\b",
            r"\bcannot (?:really |even )?(?:hold|control|keep) (?:in )?(?:my )?(?:wind|farts?|gas)\b",
            r"\bstrain\w*\b(?:\s+\w+){0,4}? (?:to get anything out|press on my tummy)\b|\bpress on my (?:tummy|belly|stomach) to (?:get|pee|wee)\b",
            r"\b(?:poo|bowel|toilet) accident\b|\baccident\b(?:\s+\w+){0,3}? (?:did not feel|without feeling)",
            rf"\b{_UNDERWEAR} (?:are |were |was |is )?(?:wet|damp|soaked|soiled)\b|\bwet patch\b|\bwoke (?:up )?(?:wet|soaked|in a wet bed)\b",
            r"\b(?:getting|get|got|make it) to the (?:toilet|loo|bathroom) too late\b|\btoo late for the (?:toilet|loo)\b",
            r"\b(?:stream|flow)\b(?:\s+\w+){0,3}? (?:weak|slow|poor|feeble|a trickle|a dribble|stop\w* and start\w*)\b",
            r"\b(?:only|just) (?:a )?(?:few )?(?:drops?|dribble|trickle)\b",
            r"\b(?:keep|kept|keeps|been|started) having (?:little |small |a few |some )?accidents\b|\blittle accidents\b",
            rf"\bchang\w* (?:my )?{_UNDERWEAR} (?:\d+|two|three|four|several|a few|many) times\b",
            r"\b(?:came|fell|slipped|comes|falls) out without (?:me )?(?:pushing|feeling|noticing|knowing|trying)\b",
            r"\b(?:do not|did not|cannot) (?:know|tell) (?:if|when|whether) (?:i have|i am|i) (?:finished|empty|done|going|need)",
            r"\b(?:could not|cannot|can not|do not|did not) (?:really )?(?:know|tell) (?:if|when|whether) (?:i had|i would|i would have|i ' d|id) (?:finished|emptied|gone)\b",
            r"\bfor ages before (?:anything|it|any|a drop|a dribble) (?:comes|came|starts|started)\b",
            r"\bno (?:sensation|feeling) of (?:it |the (?:wee|pee|urine|poo) )?(?:flowing|coming|passing|coming out)\b",
            r"\b(?:had )?no (?:urge|need|desire) to (?:go|pee|wee|poo|urinate)\b(?:\s+\S+){0,2}? (?:all day|since|for (?:hours|a day|ages))\b",
            r"\b(?:cannot|could not|unable to|can no longer) (?:stop|hold) (?:it )?(?:mid-?stream|mid stream|the flow|once it starts)\b",
            r"\bsoiling (?:myself|my (?:bed|sheets)|the (?:bed|sheets))\b",
            r"\b(?:could not|cannot|can not) stop (?:peeing|peein|weeing|pissing)\b(?:\s+\S+){0,3}? (?:once|when) i (?:got |get )?start",
            r"\b(?:need|needs|needed|have|want) to (?:pee|wee|go)\b(?:\s+\S+){0,3}? (?:but )?(?:cannot|can not|could not) (?:start|get it started|go)\b",
            r"\b(?:must|have to|need to) (?:push|strain|press)\b(?:\s+\S+){0,6}? (?:to (?:pee|wee|pass water|pass urine|go)|only (?:a )?little (?:bit )?come)",
            r"\b(?:press|pressing|push|pushing) on my (?:tummy|belly|stomach|bladder) to (?:pass water|pee|wee|go)\b",
            r"\b(?:woke|woken|wake|waking) up (?:this morning |last night |today )?(?:with|in) (?:wet|soaked|soaking) (?:sheets|bed|pyjamas|pjs)\b|\bwet the bed\b(?! as a (?:kid|child))",
            r"\b(?:cyaan|cannot|can not|could not|cant) hold (?:mi|my|me|her|his) (?:water|wee|pee|urine|bladder)\b(?! (?:bottle|glass|jug|cup|can)\b)",
            r"\baccidents? with (?:my|her|his|the) waterworks\b|\b(?:couple of|few|some) accidents\b(?:\s+\S+){0,3}? (?:waterworks|wee|pee|bladder|toilet|loo)\b",
        ),
        answers={"screen_cauda_equina": True},
        paired=_pairs(
            # Retention: "feel full but nothing happens", "bursting yet nothing comes out".
            (
                r"\bnothing (?:happens|happened|comes|came|will come)\b|\b(?:cannot|could not) get (?:anything|any) out\b",
                # A full stomach names its meal: "full after dinner".
                r"\b(?:feel|feels|feeling|felt) (?:\w+ )?(?:full|bursting)\b(?! (?:after|from|of|up)\b)|\bbladder\b|\bbursting\b",
            ),
            # A weak stream in Pidgin and plain words: "na small small e dey come", "comes drop by drop".
            (
                r"\b(?:small small|drop by drop|drop drop|in drips|bit by bit) (?:e|it) (?:dey |does |only )?(?:come|comes|coming|drip\w*)\b|"
                r"\b(?:it|e|wee|pee|urine|piss) (?:only |just |dey )?(?:come|comes|came|coming) (?:out )?(?:small small|drop by drop|in drips)\b",
                rf"\b{_PEE}\b|\b{BLADDER_WORDS}\b",
            ),
            # "can't go at all" is the toilet only when the toilet is named.
            (r"\b(?:cannot|could not|unable to|not able to) go\b", rf"\b{BLADDER_WORDS}\b|\bbursting\b"),
            (
                r"\b(?:cannot|could not|unable to|no longer) (?:control|hold) (?:them|it|myself)\b",
                rf"\b{BLADDER_WORDS}\b",
            ),
            (r"\b(?:have to|had to|having to) (?:push|strain|bear down)\b", rf"\b{BLADDER_WORDS}\b"),
            # "didn't make it to the toilet twice today, no warning at all".
            (
                r"\b(?:did not|do not|could not|cannot|never) (?:quite )?make it to the (?:toilet|loo|bathroom|lavatory)\b",
                r"\bno warning\b|\bwithout (?:any )?warning\b|\b(?:did not|could not) feel\b|\bno (?:urge|sensation|feeling)\b",
            ),
            # "it's weird going for a wee, I can't really tell when I need to".
            (
                r"\b(?:cannot|could not|can not|do not|no longer) (?:really |properly |even )?(?:feel|tell|sense|know) when i need to\b",
                rf"\b{BLADDER_WORDS}\b|\b{_PEE}\b",
            ),
            # "had a little accident at work and didn't even know until I stood up".
            (
                r"\b(?:did not|do not) (?:even )?(?:know|realise|realize|notice|feel it)\b(?:\s+\w+){0,3}? (?:until|till) i\b",
                r"\baccident\b|\bwet\b|\bdamp\b",
            ),
            (
                rf"\bleak\w*|\bdribbl\w*|\baccidents?\b|\b{_UNDERWEAR} (?:wet|damp)",
                rf"{_UNNOTICED}|\b{_UNDERWEAR}\b|\b{_PEE}\b",
            ),
        ),
    ),
    Sign(
        "saddle_numbness",
        Level.EMERGENCY,
        "numbness around the genitals, buttocks or inner thighs",
        _compile(
            r"\b(?:cannot|could not|can not) (?:really |properly )?feel (?:my |the )?(?:ball ?sack|balls|scrotum|crotch|back passage)\b",
            rf"\b{NUMBNESS}\b{GAP_WORD}{{0,5}}?\s+(?:\S+ )?{SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b{GAP_WORD}{{0,4}}?\s+(?:is |are |feels? |went |gone |going |don |dey |has |have |been |become |becoming )*{NUMBNESS}",
            r"\bsaddle (?:numbness|anaesthesia|anesthesia)\b",
            rf"\bcannot (?:really )?feel (?:it )?(?:when i )?(?:touch|wipe|sit on)\b(?:\s+\w+){{0,2}}? {SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b(?:\s+\w+){{0,4}}? (?:feel|feels|felt) (?:like )?(?:they are |it is )?(?:asleep|numb|weird|muffled|dead|rubber|cotton wool|cardboard)\b",
            r"\b(?:sitting|sat) on (?:a )?(?:cushion|pillow|ball|wad) of (?:cotton wool|air)\b",
            r"\b(?:wipe|wiping)\b(?:\s+\S+){0,4}? (?:feels? |felt )?(?:like )?(?:someone else|numb|nothing|dead|rubber|cardboard|different|weird|strange|odd|not my)\b",
            rf"\b{SADDLE_AREA}\b(?:\s+\w+){{0,4}}? (?:belong|belongs|belonged) to (?:someone|somebody) else\b|\b{SADDLE_AREA}\b(?:\s+\w+){{0,3}}? (?:do not|does not) feel like (?:mine|my own|part of me)\b",
            rf"\b{SADDLE_AREA}\b(?:\s+\w+){{0,6}}? (?:belong|belongs|belonged) (?:to|tae) (?:someone|somebody) else\b",
            rf"\b(?:dental|dentist|anaesthetic|anesthetic|novocaine|local) (?:injection|jab)\b(?:\s+\S+){{0,4}}? {SADDLE_AREA}\b",
            rf"\b{SADDLE_AREA}\b(?:\s+\w+){{0,4}}? (?:has |have )?(?:gone|went|is|are|feels?) (?:to sleep|fuzzy|static|like static)\b",
            r"\b(?:bit|part|area) (?:you|i) (?:would )?sit on\b(?:\s+\S+){0,8}? (?:numb\w*|fuzzy|static|asleep|dead|tingl\w*|cannot feel)\b",
            r"\b(?:bikini line|inner thighs?)\b(?:\s+\S+){0,8}? (?:barely|hardly|cannot|could not|could barely|could hardly) feel\b",
            # Sitting or wiping feels like another person's body: "feels like someone else's bum".
            rf"\b(?:feels?|felt|feeling) like (?:it is |they are |i am sitting on )?(?:someone|somebody) else(?:s| is)? {SADDLE_AREA}\b",
            r"\b(?:sit|sitting|sat) on (?:the )?(?:toilet|loo)(?: seat)?\b(?:\s+\S+){0,6}? (?:sitting on nothing|no feeling|cannot feel|feel nothing)\b",
            r"\b(?:like|as if) (?:i am |im )?sitting on nothing\b",
            r"\b(?:anesthesia|anaesthesia|anaesthetic|anesthetic|numbing|novocaine)\b(?:\s+\S+){0,8}? (?:in|on|around) my (?:private|privates|bottom|bum|backside|bits|groin|genitals)\b",
            r"\b(?:cannot|can not|could not|cant) feel (?:my|his|her) (?:privates|private parts?|backside|bits|bum|bottom|down there)\b",
            r"\b(?:wiped|wiping|wipe)\b(?:\s+\S+){0,6}? (?:felt|feels|feel|was|is) (?:numb|dead|asleep|like (?:the area|it) was asleep|nothing)\b",
        ),
        answers={"screen_cauda_equina": True},
        paired=_pairs(
            (
                r"\b(?:cannot|could not|can not) feel (?:it|a thing|anything|nothing|much|that)\b|\bfelt nothing\b|\bnumb all (?:round|around|over) (?:there|here)\b",
                rf"\b{SADDLE_AREA}\b",
            ),
            # Asleep like a foot that has gone to sleep, but in the saddle area and not waking:
            # "my whole backside and it won't wake up", "it's numb" beside the bum or the toilet seat.
            (
                r"\b(?:will not|would not|does not|never|not) (?:wake|waking|woken) (?:up|back up)\b|"
                r"\b(?:it is|its|it has gone|it feels|all|completely|totally) (?:numb|dead|asleep)\b",
                rf"\b{SADDLE_AREA}\b|\b(?:toilet|loo) seat\b",
            ),
        ),
    ),
    Sign(
        "sexual_dysfunction",
        Level.EMERGENCY,
        "new sexual dysfunction",
        _compile(
            r"\berect(?:ion|ions|ile)\b|\b(?:not|never|no longer|cannot|could not|will not|does not|do not|is not|am not) (?:getting|get|stay|staying|become|becoming|be|going) erect\b",
            r"\bthings (?:are )?not working (?:down there|downstairs)\b",
            r"\b(?:things|everything|stuff) (?:down there|downstairs) (?:have |has |is |are )?(?:not|never) (?:been )?working\b",
            r"\bnot working downstairs\b",
            r"\b(?:numb\w*|cannot feel|no feeling|no sensation|could not feel)\b(?:\s+\w+){0,3}? (?:during|in|having|when i have|with|from) (?:sex|intercourse|love ?making)\b",
            r"\bimpoten\w*|\bejaculat\w*|\b(?:orgasm|climax)\w*|\bnew ed\b",
            r"\b(?:cannot|can not|unable to|could not|struggling to) (?:get|keep|stay) (?:it )?(?:up|hard)\b",
            r"\bsex\b(?:\s+\w+){0,4}? (?:feels different|numb|no sensation|zero sensation|cannot feel|barely feel)|\b(?:zero|no|lost all) (?:sensation|feeling) during sex\b",
            r"\b(?:bedroom|down there|willy|penis|man bits|lady bits|equipment|manhood|todger)\b(?:\s+\w+){0,4}? (?:will not|does not|do not|have not|has not|nothing|stopped|is not|not) (?:work|worked|working|respond\w*|get\w* hard)",
            r"\bnothing (?:down there )?responds\b|\bmy bits (?:are not|is not|have stopped|stopped|not) working\b|\bbody (?:just )?(?:does not|will not) respond\b",
            r"\b(?:no|not had|have not had|lost|never get|do not get|not getting|no more) (?:any )?morning (?:wood|glory|erections?)\b",
            r"\blimp as (?:a|an|wet)\b",
            r"\b(?:cannot|can not|could not|unable to|not able to|struggl\w* to|no longer able to) (?:cum|come|finish|perform)\b(?:\s+\S+){0,3}? (?:anymore|any more|in bed|with my|since|in the bedroom|for my)\b",
            r"\b(?:cannot|can not|could not|unable to|not able to) (?:cum|orgasm)\b|\b(?:lost|losing|no) (?:my )?(?:manhood|erections?|sex drive and feeling)\b",
            r"\b(?:cannot|can not|could not|unable to|not able to) (?:get|become|feel) (?:physically )?aroused\b",
            r"\b(?:came|come|finished|climaxed)\b(?:\s+\S+){0,2}? (?:but )?(?:barely|hardly|could not|did not) (?:feel|felt)\b",
            r"\b(?:todger|willy|penis|manhood|cock|dick|member|(?<=my )junk)\b(?:\s+\S+){0,6}? (?:useless|dead|no life|not working|will not work|limp)\b",
            r"\b(?:cannot|cannae|can not|could not) get it (?:working|to work|up|going)\b",
            r"\bgoes soft (?:straight away|right away|immediately|every time)\b",
            r"\b(?:my|the) (?:equipment|old fella|old man|fella|little fella|manhood|willy|tackle|member|junk)\b(?:\s+\S+){0,3}? (?:is not|ain ' t|aint|will not|would not|does not|not|has not|stopped) (?:work|working|wor|respond|cooperat)\w*",
            r"\b(?:cannot|can not|could not|cant) (?:get|keep) (?:a |an )?(?:stauner|stiffy|boner|hard-?on|erection|it up)\b",
            r"\b(?:cannot|can not|could not|cant)\b(?:\W+\w+){0,3}?\W+get it up\b",
            r"\b(?:cannot|can not|could not|cant) (?:perform|finish|climax|come)\b(?:\s+\S+){0,6}? (?:for the (?:wife|missus|husband)|in bed|when (?:it is|it\W*s) happening|with (?:the|my) (?:wife|missus|partner|husband))\b|\b(?:cannot|can not|could not) perform for (?:the|my) (?:wife|missus|husband|partner)\b",
            r"\b(?:cannot|can not|could not|cant) (?:feel|finish) (?:anything|a thing)\b(?:\s+\S+){0,3}? when (?:it is|it\W*s|we are|we re) (?:happening|at it|together)\b",
        ),
        answers={"screen_cauda_equina": True},
        paired=_pairs(
            (
                r"\b(?:cannot|could not|can not|unable to|do not|did not) (?:really |literally )?(?:feel|respond)\b|\bfelt nothing\b|"
                r"\bfeel nothing\b|\bno (?:feeling|sensation)\b|\bnumb\w*|\bnothing (?:works?|happen\w*)\b|\bnot working\b|"
                r"\bwill not (?:work|respond)\b|\bdoes not (?:work|respond)\b|\bstopped working\b|\blost (?:all )?(?:feeling|sensation)\b|"
                r"\b(?:does not|do not|did not) feel (?:like )?(?:anything|much|the same|right|a thing)\b",
                rf"\b{SEX_CONTEXT}\b",
            ),
        ),
    ),
    Sign(
        "both_legs",
        Level.EMERGENCY,
        "symptoms in both legs",
        _compile(
            rf"\b(?:both|two|each of|all of) (?:of )?(?:my |the )?(?:legs?|feet|calves|thighs|knees|shins|ankles|heels|hamstrings)\b{GAP_WORD}{{0,6}}?\s+{SYMPTOM}",
            rf"\b{SYMPTOM}\b{GAP_WORD}{{0,6}}?\s+(?:both|two) (?:of )?(?:my )?(?:legs?|feet|calves|thighs)\b",
            rf"\b(?:my )?(?:legs|thighs) (?:are |feel |have |keep |both |kept |went |gone |going |started )?(?:(?!not\b|no\b|never\b)\w+ )?{SYMPTOM}",
            rf"\b(?:my )?(?:feet|shins|heels|soles) (?:are |feel |have |keep |both |went |gone |going |started )?(?:(?!not\b|no\b|never\b)\w+ )?{NERVE}",
            r"\b(?:my )?(?:knees|ankles) (?:are |feel |have |keep |keeps |both |kept |went |gone |going )?(?:(?!not\b|no\b|never\b)\w+ )?(?:giving way|give way|gave way|buckl\w*|collaps\w*|weak|numb\w*|tingl\w*)",
            # "my two legs are sleeping": numb, in the words of someone writing in a second language.
            r"\b(?:legs|feet) (?:are |is |keep |have been )?(?:sleeping|falling asleep)\b",
            rf"\b(?:my )?{LEGS} (?:are |feel |have )?(?:gone |going |like |as )?(?:jelly|heavy|wobbly|useless|lead|concrete|cotton wool|rubber|noodles|spaghetti|dead weights?|shaky|not mine)\b",
            rf"\b(?:my )?{LEGS}\b(?:\s+\w+){{0,3}}? (?:do not|does not) (?:belong to me|feel like mine|feel like my own)\b",
            r"\b(?:cannot|could not|can hardly|can barely|hardly|barely) feel (?:my |both )?(?:legs|feet)\b|\bcannot feel (?:the )?(?:floor|ground)\b(?:\s+\w+){0,2}? (?:both |my |either )?(?:legs|feet)\b",
            r"\bleft and right (?:leg|foot|legs|feet)\b",
            rf"\b{SYMPTOM}\b{GAP_WORD}{{0,3}}?\s+(?:in|down|into|through|along|across|to|round|around) (?:my |the |both )?(?:(?:backs?|fronts?|sides?|outsides?|insides?) of (?:my |the |both )?)?(?:legs|feet|thighs)\b",
            r"\bbilateral\b",
            rf"\b(?:both|either) (?:of )?(?:my )?(?:legs?|feet)\b(?:\s+\S+){{0,8}}? {SYMPTOM}",
            rf"\b{SYMPTOM}\b(?:\s+\S+){{0,8}}? (?:both|either) (?:of )?(?:my )?(?:legs?|feet|sides)\b(?! of (?:my |the )?(?:lower |low )?(?:back|spine))",
            r"\b(?:spread|spreading|gone|going|moved) (?:to|into) (?:the other|my other|my right|my left|the right|the left) (?:leg|foot|side)\b",
            r"\bnow the (?:right|left|other) (?:one |leg |foot )?is (?:going|gone|doing it|doing the same|the same|bad|affected)\b",
            r"\bnot (?:just |only )?(?:one|the one) (?:leg|side|foot)\b(?:\s+\S+){0,4}? both\b|\bnumb (?:from|below) (?:the|my) (?:waist|hips|belly button|bum) down\b",
            r"\bboth (?:my |her |his )?legs\b(?:\s+\S+){0,5}? (?:belong to someone else|feel like (?:they are )?(?:not mine|someone else|jelly|cotton wool)|full of pins|are not mine)\b",
            r"\b(?:first|at first) only (?:the )?(?:left|right)(?: one| leg)?\b(?:\s+\S+){0,4}? (?:also|now|and) (?:the )?(?:right|left)(?: one| leg)?\b",
            r"\b(?:cannot|can not|could not) feel (?:her|his|my) (?:slippers|shoes|feet)\b",
        ),
        answers={"screen_leg_symptoms": True, "screen_leg_sides": "both"},
        paired=_pairs(
            (_LEG_TROUBLE, _BOTH),
            (_BOTH, _LEG_TROUBLE),
            # "legs feel weird, both of them, kinda numb": the parts of the sign in separate clauses.
            (rf"\b{NERVE}\b", r"\b(?:legs|feet)\b", _BOTH),
        ),
    ),
    Sign(
        "major_injury",
        Level.EMERGENCY,
        "back pain after a high-energy injury",
        _compile(
            rf"(?<!\bwas a )(?<!\bis a )(?<!\bbeen a )(?<!\btotal )(?<!\bcomplete )(?<!\babsolute )(?<!\blike a )\b{VEHICLE} (?:crash|accident|collision|wreck|smash|pile-?up|prang|shunt|rta|rtc)\b",
            rf"\b(?:crash|accident|collision|smash|wreck|pile-?up) (?:on|in|with|involving) (?:my|a|the|an) (?:\w+ )?{VEHICLE}\b",
            rf"\b(?:my|the|our|a|an) {VEHICLE} (?:that |which )?(?:crashed|flipped|rolled|jack-?knifed|overturned|skidded|was hit|got hit|was rear)\b"
            r"(?! over (?:a|the|some) (?:\w+ )?(?:bump|kerb|curb|pothole|stone|cable|hill))",
            rf"\b(?:crashed|wrecked|rolled|flipped|totalled|totaled|smashed|pranged|wrote off) (?:my|the|a|our|his|her) (?:\w+ )?{VEHICLE}\b",
            # A vehicle that turned over onto the writer: "quad bike flipped over on me".
            rf"\b{VEHICLE} (?:flipped|rolled|tipped|toppled|turned|went|came) (?:over )?(?:on|onto|on to|on top of) (?:me|my|us)\b",
            # Nigerian Pidgin "jam" is to be hit by a vehicle: "okada jam me for road", "motor jam am".
            rf"\b(?:{VEHICLE}|motor) (?:\w+ )?(?:jam|jammed|don jam|knock|nack|hit|bash) (?:me|my|us)\b",
            # "feel like I've been hit by a bus": how someone feels, not what happened.
            rf"(?<!\blike i had been )(?<!\blike i have been )(?<!\blike i would been )(?<!\blike i been )(?<!\blike ive been )(?<!\blike being )(?<!\blike been )(?<!\blike i got )"
            rf"\b(?:hit|knocked (?:down|over|off)|run over|ran over|struck|mowed down|clipped|sideswiped|rammed|ploughed into|plowed into) by (?:a|an|the|some) (?:\w+ )?{VEHICLE}\b",
            rf"\b(?:a|the|some) (?:\w+ )?{VEHICLE}\b(?:\s+\w+){{0,2}}? (?:hit|struck|ran over|ran into|rammed|ploughed into|plowed into|knocked|clipped|went into|drove into|crashed into|smashed into) (?:me|my|the back of me|us|our)\b",
            # "a van ran me over", "a lorry knocked me down".
            rf"\b(?:a|the|some) (?:\w+ )?{VEHICLE}\b(?:\s+\w+){{0,2}}? (?:ran|run|knocked|mowed) (?:me|us) (?:over|down)\b",
            rf"\b{FALL}\b(?:\s+[\w.-]+){{0,4}}? (?:off|from|down|out of|over|through) (?!(?:a|one|two|three|a couple of|a few|the last|the bottom|couple of)(?: few)? (?:steps?|stairs))"
            + _HEIGHT_GAP
            + HEIGHT
            + r"\b",
            r"\b(?:fall|fell|came off|landed|dropped) from (?:a )?(?:great |big |good |decent )?height\b|\bfrom (?:a )?(?:great |big |good |decent )?height\b|\bpile-?ups?\b|\bmulti-?car\b|\bmotorway (?:crash|accident|smash)\b",
            r"\bknocked off (?:my )?(?:bike|bicycle)\b",
            r"\b(?:rear[- ]?ended|t[- ]?boned|head[- ]on|sideswiped|jack-?knifed)\b",
            r"\b\d+ ?(?:mph|kph|km/h|kmh|km per hour|miles an hour|miles per hour)\b",
            # "I rolled over in bed" is a turn in bed, not a rollover: the vehicle or "we" is named.
            r"\b(?:car|van|truck|jeep|suv|ute|we) (?:rolled|flipped)\b(?! over (?:a|the|some) (?:\w+ )?(?:bump|kerb|curb|pothole|stone|cable|hill))|\brolled the car\b|\brta\b|\brtc\b|\broad traffic\b",
            r"\b(?:knocked over|knocked down|run over|struck) by a\b",
            r"\b(?:fell|dropped|came down|came off|come off|landed|fallen|fall|falling)\b(?:\s+[\w.-]+){0,6}? (?:\d+|ten|six|eight|twenty|several|a few|two|three) ?(?:foot|feet|ft|metres|meters|m|storeys|stories|floors)\b",
            r"\b(?:fell|fallen|came|come|fall|went|gone) (?:out of|through) (?:the |a |an )?(?:loft|hayloft|window|tree|attic|hatch|ceiling|roof|skylight|floor)\b|\bfrom way up\b",
            r"\b(?:fell|dropped|landed|fallen) (?:onto|on|to|down to) the (?:floor|ground|level|deck|road) below\b",
            r"\b(?:came|come|fell|thrown|flew|knocked) off (?:my|the|a) (?:motorbike|motorcycle|moped|quad\w*|dirt bike|horse|pony)\b",
            # "came off a roof", "I came off the scaffold": said of the writer, not of a tile or a gutter.
            r"(?:^|(?<=\bi )|(?<=\bwe )|(?<=\bjust )|(?<=\band )|(?<=\bthen )|(?<=\bbasically ))(?:came|come) off (?:my|the|a|our) (?:\w+ )?(?:roof|scaffold\w*)\b",
            r"\b(?:at (?:full |high |top )?speed|high speed|full (?:speed|pelt|tilt)|flat out)\b|\b(?:snowboard|ski|skiing|quad bike|horse riding|paragliding|mountain bik\w*|motocross)\w*\b(?:\s+\w+){0,6}? (?:crash|fell|landed|thrown|chucked|came off)",
            r"\b(?:chucked|thrown|flung|bucked) (?:off|from) (?:a |the |my )?(?:horse|pony|bike|quad\w*|motorbike|motorcycle|roof|ladder)\b|\bhorse (?:threw|bucked|kicked|fell on|rolled on) me\b",
            r"\b(?:went|flew|thrown|catapulted|came|gone|going) over (?:the|my) (?:handle)?bars\b",
            r"\b(?:ploughed|plowed|smashed|slammed|ran|drove|crashed|went) into the back of (?:me|my car|us|our car)\b|\b(?:car|van) (?:is |was |' s )?(?:a )?write[- ]?off\b",
            r"\bat (?:about |around |like )?\d{2,3}\b(?:\s+\S+){0,3}? (?:on the )?(?:motorway|dual carriageway|a-road|highway|freeway|expressway)\b",
            r"\b(?:thrown|chucked|flung|bucked|came|come|fell) off (?:my|the|a) (?:\w+ )?(?:mare|gelding|stallion|horse|pony)\b",
            r"\b(?:came|come|fell|thrown) off (?:the|my|a) (?:motor)?bike at (?:about |around |like )?\d+\b",
            r"\bdecked (?:it )?(?:from )?(?:about |around )?\d+ ?(?:m|metres|meters|feet|ft)\b",
            r"\b\d+ ?(?:m|metres?|meters?|feet|foot|ft)\b(?:\s+\S+){0,2}? (?:onto|on to|down onto|down to|on) (?:the |a )?(?:deck|ground|floor|concrete|pavement|road|tarmac|rocks|tiles?|patio|stone)\b",
            rf"\b(?:tractor|quad|quad bike|atv|car|van|truck|lorry|ute|jeep) went over\b|\bthrown clear\b|\bwrote (?:my|the|our) (?:\w+ )?{VEHICLE} off\b",
            rf"\brolled (?:the|my|a) (?:quad|atv|quad bike|{VEHICLE})\b",
            rf"\b(?:stacked|wrapped|drove|ploughed|plowed|smashed|piled|rolled|put|ran|crashed) (?:my|the|a|our) (?:\w+ )?{VEHICLE} (?:into|round|around|off|through|under)\b",
            r"\b(?:fell|fallen|came|went) (?:through|down) (?:the |a )?(?:floorboards?|floor|manhole|hole|trapdoor|stairwell|lift shaft)\b|\b(?:kicked|trampled|crushed)\b(?:\s+\S+){0,4}? by (?:a|the) (?:horse|cow|bull)\b|\bhorse kicked me\b",
            r"\b(?:jumped|leapt|leaped)\b(?:\s+[\w.-]+){0,4}? (?:\d+|several|a few|two|three|four|five|ten) ?(?:foot|feet|ft|metres|meters|m)\b",
            # A jump off a roof or balcony lands like a fall from it (NICE NG59: fall from a height).
            r"\b(?:jumped|jumping|jump|leapt|leaped|leaping)\b(?:\s+[\w.-]+){0,2}? (?:off|from|out of) (?:the |a |our |my )?(?:\w+ )?"
            r"(?:roof\w*|balcony|scaffold\w*|bridge|window|loft|wall|cliff|tree|ledge|first floor|top floor)\b",
            r"\b(?:tackled|hit(?! the (?:gym|books|road|hay|sack|shops|town|pub|bar|ground running))|smashed|slammed|driven|speared|dumped|thrown|body[- ]?slammed|flattened|crunched|steamrolled|went down)\b(?:\s+\w+){0,4}? (?:hard|heavily|into the (?:ground|deck|floor|turf|boards)|onto (?:my|the) (?:back|neck|head|spine))\b",
            r"\b(?:massive|huge|big|heavy|nasty|brutal|horrible|almighty) (?:hit|tackle|collision|impact|crunch|smash)\b|\bspear tackle\b|\bcollapsed scrum\b|\bscrum (?:went down|collapsed)\b|\bbottom of a (?:ruck|pile|scrum)\b|\bpile[- ]?driv\w*",
            r"\bcollided\b(?:\s+\w+){0,6}? (?:at (?:full )?speed|hard|head on|full pelt)\b",
            r"\b(?:quad|tractor|atv|ute|buggy|motorbike|bike|car|horse)\b(?:\s+\S+){0,8}? (?:came down|landed|rolled|fell) on (?:top of )?me\b",
            r"\b(?:fell|fallen|fall|came|tumbled|went) down (?:the |a )?(?:whole|full|entire) (?:flight of )?(?:stairs|steps|staircase)\b",
        ),
        answers={"screen_injury": True, "screen_injury_major": True},
    ),
    Sign(
        "fever_unwell",
        Level.URGENT,
        "fever or feeling very unwell",
        _compile(
            # "The chills watching a horror film", "that song gave me chills": not a fever.
            r"(?<!gave me )(?<!give me )(?<!gives me )\bchills\b(?! (?:watching|listening|reading|down my spine|up my spine|from (?:the|that|a) (?:film|movie|song|music|story)))",
            r"\b(?:fiebre|fi[eè]vre|fieber|febre|escalofr\w*)\b|(?<!cabin )\b(?:fever(?! pitch)\w*|feverish|high temperature|a temperature|shivering|shivery|night sweats|sweating at night|clammy|rigors|flu[- ]like)\b",
            r"\b(?:very|really|quite|so|properly|seriously) (?:unwell|ill|poorly|sick(?! of| and tired))\b|\bfeel\w* unwell\b",
            r"\btemp(?:erature)?\b(?:\s+\w+){0,2}? (?:of |is |at |was )?(?:3[89]|4[01]|10[0-5])(?:\.\d)?\b|\b(?:3[89]|4[01])(?:\.\d)? ?(?:degrees|c)\b|\b10[0-5](?:\.\d)? ?(?:f|degrees|fahrenheit)\b",
            r"\b(?:hot and cold|cold) sweats\b|\bsweats\b|\bthe shakes\b|\brunning a temp\w*",
            r"\bbody (?:hotness|heat|is hot|is very hot)\b|(?<!running )\bhot and cold\b(?! (?:running )?(?:water|taps?|drinks|food|weather))|\brunning hot\b|\bflu[- ]?ish\b|\bsick as a dog\b|\bhigh temp\b|\bburning up\b|\b(?:properly|really|very) ill\b|\bfeel\w* (?:ill|rough|awful|terrible|like (?:crap|death|rubbish|shit)) and\b|\bfeel\w* like death\b(?! warmed)|\bteeth chattering\b|\bhot and shivery\b",
            r"\b(?:hot (?:and|n|an|&) cold|hot an cold|cold (?:and|n) hot)\b(?:\s+\S+){0,3}? (?:all night|sweats?|shivers?|body|back|since|and|,)|\bhot (?:and|n|an) cold\b(?=.*\bback\b)",
            r"\b(?:really |very |so )?hot and (?:muddled|confused|not (?:herself|himself|myself))\b",
            r"\bhot and (?:shaky|shaking|shivery|shivering|throwing up|vomiting|being sick)\b|\b(?:throwing up|vomiting|being sick)\b(?:\s+\S+){0,3}? (?:and )?(?:hot|shaky|shivery|shivering|feverish)\b",
        ),
        answers={"screen_systemic": True},
        # "temperature and shakes": a temperature is a fever beside other signs of one.
        paired=_pairs(
            (
                r"\btemperature\b",
                r"\b(?:shak\w*|shiver\w*|sweat\w*|chills|hot|burning|feeling (?:terrible|awful|rough|ill|unwell|rubbish|like crap))\b",
            ),
            (r"\bshakes\b", r"\b(?:temperature|hot|sweat\w*|fever\w*|shiver\w*)\b"),
        ),
    ),
    Sign(
        "cancer",
        Level.URGENT,
        "a history of cancer",
        _compile(
            r"(?<!\bto be )(?<!\bit be )(?<!\bit is )(?<!\bbe a )(?<!\bmean )\b(?:cancer(?! (?:ward|unit|centre|center|charity|research|nurse|hospital|awareness|run))|tumour|chemo\w*|radiotherapy|oncolog\w*|metasta\w*|leuka?emia|lymphoma|myeloma|melanoma|carcinoma|sarcoma|malignan\w*|mastectomy|lumpectomy)\b",
            r"\bthe big c\b|\b(?:breast|prostate|lung|bowel|colon|ovarian|cervical|skin|kidney|thyroid|pancreatic|stomach|bladder) ca\b",
            r"\b(?:tamoxifen|letrozole|anastrozole|exemestane|herceptin|zoladex|bicalutamide|enzalutamide)\b|\bin remission\b",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "weight_loss",
        Level.URGENT,
        "unexplained weight loss",
        _compile(
            r"\b(?:unexplained|unintentional|unintended|sudden|rapid) weight loss\b",
            r"\b(?:getting|gettin|got|going) (?:thinner|skinnier)\b(?:\s+\S+){0,4}? (?:every|each|since|and|do not know|no idea)\b",
            r"\b(?:lost|losing|dropped|dropping|shed|shedding) (?:a lot of |lots of |so much |some |loads of |heaps of )?weight\b(?! on purpose| on a diet| dieting| deliberately| intentionally| with (?:diet|exercise))",
            r"\bweight (?:is |has )?(?:just |really |been |kept |keeps )?(?:dropping|falling off|gone down|going down|dropped|fallen|come off|coming off|plummet\w*|plunged|crashed|nosedived|tumbled)\b",
            r"\b(?:lost|dropped|losing|shed|down)\b(?:\s+\w+){0,4}? (?:about |around |nearly |almost |over |like )?(?:a |two |three |\d+ ?)(?:stone|kilos?|kgs?|pounds|lbs)\b",
            r"\b(?:clothes|jeans|trousers|pants|skirts?|dresses|shirts?|tops)\b(?:\s+\w+){0,2}? (?:are |is )?(?:hanging|falling) off me\b",
            r"\b(?:new|extra|another) (?:hole|notch) (?:in|on) my belt\b|\bbelt\b(?:\s+\S+){0,4}? notch\w*\b",
            r"\b(?:not|never|without) (?:been |even )?(?:tried|trying|tryin) to lose (?:any )?weight\b",
            r"\b(?:clothes|jeans|trousers|pants|belt|shirts?|waistband)\b(?:\s+\w+){0,2}? (?:loose|looser|baggy|baggier|hanging off)\b",
            r"\bwithout trying\b|\btighten my belt\b|\blosing w(?:ie|ei)ght\b|\bno (?:appetite|apetite)\b|\blost (?:my |all )?appetite\b",
            # Clothes sizes down: "dropped 2 dress sizes", "gone down a jeans size".
            r"\b(?:dropped|dropping|lost|losing|gone down|went down|down)\b(?:\s+\w+){0,1}? (?:a|one|two|three|four|\d+) (?!(?:shoe|bra|cup|ring|hat|glove|collar)\b)(?:\w+ )?sizes?\b(?! (?:in|of) (?:shoes?|feet|bra))",
            r"\b(?:without|not) (?:meaning|wanting|intending) to\b(?:\s+\S+){0,3}? (?:lose|lost|drop|dropped)\b|\b(?:lost|dropped|losing)\b(?:\s+\S+){0,4}? (?:without|not) (?:meaning|wanting|intending) to\b",
            r"\breduced (?:in )?(?:size|weight)\b|\b(?:says?|said|tell me|telling me|think) i (?:look|am looking|have got|am) (?:so |very |really |too )?(?:thin|skinny|gaunt)\b|\bi (?:look|am looking|have gone|have got) (?:so |very |really |too )?(?:thin|skinny|gaunt)\b",
            r"\bweight (?:drop|dropped|gone down|went down|down)\b(?:\s+\S+){0,3}? \d+ ?(?:kg|kgs|kilos?|lbs?|pounds|stone)\b(?:\s+\S+){0,4}? (?:no diet|not dieting|without (?:trying|dieting|a diet))\b",
            r"\b(?:now|down to) \d+ ?(?:kg|kgs|kilos?|lbs?|stone)\b(?:\s+\S+){0,4}? without (?:any )?(?:change|changing|trying|dieting|a diet)\b",
        ),
        answers={"screen_systemic": True},
        paired=_pairs(
            (
                r"\b(?:getting|got|gone|becoming) (?:thinner|skinnier)\b",
                r"\b(?:do not|cannot) (?:know|tell|understand) why\b|\bno reason\b|\bnot (?:trying|dieting|on a diet)\b|\bwithout trying\b",
            ),
        ),
    ),
    Sign(
        "weak_immunity",
        Level.URGENT,
        "a weakened immune system, long-term steroids or IV drug use",
        _compile(
            r"\b(?:immunosuppress\w*|immunocompromised|transplant|hiv)\b",
            r"\b(?:weak|weakened|low|poor|compromised) immun\w*\b|\bimmune system (?:is )?(?:weak|low|poor|compromised)\b",
            # A short course ("steroids for a week for a rash") is not long-term.
            r"\b(?:long term|long-term|on|taking|take) (?:oral |high dose |high-dose |daily )?steroids\b(?! for (?:a|one|two|three|\d+|a few|a couple of) (?:days?|weeks?))",
            r"\bsteroids for (?:months|years|a long time)\b",
            r"\b(?:prednisolone|prednisone|dexamethasone|hydrocortisone tablets|methotrexate|azathioprine|ciclosporin|cyclosporine|tacrolimus|biologics|immunosuppressants?|mycophenolate)\b",
            r"\b(?:inject\w*|iv|shoot\w* up) (?:drugs?|heroin)\b|\bintravenous drug\b|\bshoot(?:ing)? up\b",
            r"\bheroin\b|\bbiologic\b|\b(?:adalimumab|humira|infliximab|rituximab|etanercept|chemo\w*)\b|\b(?:use|using) needles\b|\bstill inject\b",
            r"\bback on the needle\b|\bi (?:inject|am injecting)\b(?! (?:insulin|my insulin|b12|vitamin|for (?:my )?diabetes|the cat|the dog))|\bshooting (?:meth|heroin|up|gear|smack|speed|coke)\b",
            r"\b(?:cortisone|prednisolone|prednisone|steroids?)(?: tablets| pills| tabs)? (?:every day|daily|for my (?:lupus|arthritis|rheumatoid|asthma|crohn\w*|colitis|copd|psoriasis|ms)\b)",
        ),
        answers={"screen_systemic": True},
    ),
    Sign(
        "night_pain",
        Level.URGENT,
        "pain at night or at rest that nothing eases",
        _compile(
            # "my back is killing me after lugging speakers all night": the night belongs to the work.
            rf"\b(?:{PAIN}|back)\b(?:\s+(?!not\b|no\b|never\b|after\b|from\b)[\w.-]+){{0,6}}?\s+(?:at night|all night|during the night|every night|in the night|night ?time|at nights|overnight|for night|in the early hours|small hours)\b",
            r"\bwakes? me (?:up )?(?:\w+ ){0,3}?(?:at night|every night|in the night|(?:at|about|around|by|before) \d+ ?am)\b|\bkeeps me (?:up|awake)\b",
            # The night named first: "every night it wakes me", "most nights the pain wakes me up".
            r"\b(?:every|each|most) nights?\b(?:\s+\w+){0,3}? (?:wakes?|woke|keeps) me\b",
            r"\bnight pain\b|\b(?:worse|bad|worst) at night\b|\b(?:night ?time|nights|the night) (?:is|are) (?:the )?(?:worst|bad|terrible|awful|hell|agony|unbearable)\b",
            r"\bnothing (?:helps|eases|eases it|relieves|works|touches it|settles it|shifts it|stops it)\b",
            r"\b(?:painkillers|tablets|pills|medication|meds) (?:do|does|did) not (?:touch|help|work|ease)\b",
            r"\b(?:hurts?|pain|aches?)\b(?:\s+[\w.-]+){0,6}? even when i am (?:lying|resting|sitting|sat|still|in bed|doing nothing)\b",
            r"\ball the time even when\b|\beven (?:when |while )?(?:lying|resting|sitting) still\b|\beven (?:if|when) i (?:lie|rest|lay|sit still|am lying|am resting|am in bed)\b",
            r"\bpain (?:even )?(?:at|when i am at) rest\b|\beven (?:at rest|lying (?:down|flat|still)|when (?:resting|lying (?:down|still|flat)))\b",
            # Sleeping in a chair because of the pain; "stiff from sleeping in a chair" names its cause.
            r"(?<!\bfrom )(?<!\bafter )\b(?:sleeping|sleep|slept|have to sleep|been sleeping) (?:sitting up|upright|in (?:a|the|my) (?:chair|armchair|recliner))\b"
            r"(?! (?:by|beside|next to|at) (?:the|their|his|her|my|a|our) |(?: \w+)? (?:at|in) (?:the )?(?:hospital|ward|airport))",
            r"\bcannot (?:sleep|get comfortable|get comfy) (?:because of|for|with) (?:the |my )?pain\b",
            r"\b(?:worse|worst|hurts more|more painful)\b(?:\s+\w+){0,3}? (?:when i am |when i |when |if i )?(?:lying|lie|lay|in bed|resting|rest|at rest|lying still|go to bed)\b",
            r"\b(?:lying|lie|laying|lay) (?:down|flat|still)?\b(?:\s+\S+){0,2}? (?:makes?|made) (?:\S+ ){0,4}?worse\b",
            r"\bday (?:and|or) night\b|\b(?:does not|never) change\w* whatever i do\b|\bno position (?:helps|makes|eases|works|is comfortable)\b|\bposition makes no difference\b|\bunrelenting\b|\brelentless\b",
            r"\b(?:resting|rest|lying down|lying still|sleep|bed rest) makes (?:no|zero|absolutely no|not any|not much|little) difference\b|\bpacing\b(?:\s+\w+){0,4}? at night\b",
            r"\bno relief\b(?:\s+\S+){0,3}? (?:rest|resting|lying|lie|position|bed|sleep)\b|\brest\w* (?:does not|did not|never|will not|is not) (?:help|ease|touch|make any difference|do anything|relieve|stop)",
            r"\b(?:does not|do not|did not) (?:care|matter) (?:if|whether|when) i (?:rest|lie|sit)\b",
            r"\b(?:does not|do not|will not|never) (?:ease|settle|improve|get better|calm down|let up)\b(?:\s+\w+){0,1}? (?:with|for|by|when i|after|on) (?:rest|resting|lying down|lying still|sleep|a rest)\b",
            r"\bcannot lie (?:down|flat)\b(?:\s+\S+){0,3}? (?:because of|for|with|from) (?:the |my )?pain\b|\bsleep (?:sitting up|upright)\b",
            r"\b(?:have to|had to|can only) sleep (?:in|on) (?:a|the|my) (?:chair|armchair|recliner|sofa|couch)\b",
            r"\bnever (?:ever )?(?:lets? up|eases?|stops|lets? go|goes away|settles|switches off)\b|\b(?:will not|does not|not) (?:settle|ease off|let up|ease up)\b",
            r"\bnights are (?:murder|hell|the worst|torture|agony)\b|\blying still is (?:worse|the worst)\b",
            r"\b(?:there|hurts?|pain\w*|aches?|sore)\b(?:\s+\S+){0,4}? (?:when|while) (?:i am |i ' m )?(?:resting|lying down|lying still|in bed|at rest)(?: too| as well| also)\b",
            r"\bnothing makes (?:it|the pain) (?:go|ease|better|stop|shift|settle)\b(?:\s+\S+){0,3}? (?:even )?(?:lying|resting|in bed|at rest)\b",
            r"\b(?:up|awake) (?:pacing|walking about|walking around)\b(?:\s+\S+){0,4}? (?:at )?(?:\d ?am|night|midnight)\b",
        ),
        answers={"screen_systemic": True},
        paired=_pairs(
            # The small hours named apart from the pain: "3am again, awake with back pain".
            (
                r"\b(?:[1-5] ?am|middle of the night|small hours|early hours)\b",
                r"\b(?:awake|woken|woke|waking|wakes me)\b(?:\s+\S+){0,2}? (?:with|from|by|because of) (?:the |my )?(?:back |lower back )?(?:pain|ache|agony)\b",
            ),
            # Up in the night for pain, not for a wee or the baby.
            (
                r"\b(?:woken|woke|wakes? me|waking up|wake up|up|awake)\b(?:\s+(?!wee|pee|toilet|loo|baby)\S+){0,4}? "
                r"(?:every night|each night|most nights|at night|at \d+ ?am|in the night)\b(?! (?:to|for) (?:a |the )?(?:wee|pee|toilet|loo|feed|baby))",
                rf"\b(?:{PAIN}|back(?! to sleep)|waist|spine)\b",
            ),
            (
                r"\b(?:cannot|could not|can not|unable to|no fit|not able to) (?:get to |go to |get any )?sleep\b|\b(?:up|awake) all night\b|\bcannot get (?:comfy|comfortable)\b",
                rf"\b(?:{PAIN}|back|waist|spine)\b",
            ),
        ),
    ),
    Sign(
        "worsening_weakness",
        Level.URGENT,
        "weakness that is getting worse",
        _compile(
            rf"\bweak\w*\b{GAP_WORD}{{0,4}}?\s+(?:getting|gets|got|is getting) worse\b",
            r"\b(?:getting|growing|going) weaker\b|\bweaker and weaker\b|\bworsening weakness\b|\bweaker (?:every|each) day\b",
            r"\b(?:weak\w*|strength|floppier|foot drop)\b(?:\s+\w+){0,8}? (?:is |has )?(?:getting )?(?:worse|weaker|spreading|gotten worse)\b",
            r"\bprogressive weakness\b|\bharder and harder\b|\bweaker (?:today|than)\b|\b(?:floppier|weaker) every\b",
            r"\b(?:losing|lost|loosing) (?:the )?(?:strength|power)\b(?:\s+\S+){0,4}? (?:quickly|fast|rapidly|by the day|every day|more)\b|\b(?:strength|power)\b(?:\s+\w+){0,3}? (?:is |has been )?(?:fading|going|draining|disappearing)(?: fast| quickly| by the day)?\b",
            r"\bfrom weak to (?:useless|nothing|nearly useless|almost useless|dead|floppy|not working)\b|\b(?:weak|weakness)\b(?:\s+\S+){0,6}? now (?:i )?(?:cannot|can not|can barely|can hardly)\b",
            r"\b(?:leg|foot|legs)\b(?:\s+\S+){0,2}? (?:is |are )?geting weeker\b|\bweeker (?:evry|every|each) day\b",
            r"\b(?:has not got|have not got|has not|does not have|lost) the (?:strength|power) (?:it|they|she|he) had\b(?:\s+\S+){0,3}? (?:yesterday|last week|a few days ago|days ago)\b",
        ),
        answers={"screen_weakness": True},
        paired=_pairs(
            (rf"\b{WORSENING}\b", rf"\b{_WEAK}\b"),
            # "weak yesterday, today it gives way": then and now contrasted over a weak limb.
            (
                r"\b(?:today|now|this morning)\b",
                r"\b(?:yesterday|last week|the other day|(?:a|one|two|three|a few|few|a couple of|couple of) (?:days?|weeks?) ago|"
                r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
                rf"\b{_WEAK}\b",
            ),
        ),
    ),
    Sign(
        "fragile_bones",
        Level.CLEAR,
        "osteoporosis, long-term steroids or an age when bones are fragile (serious only with an injury)",
        _compile(
            r"\b(?:osteoporosis|osteo porosis|brittle bones|thin bones|osteopenia|alendronate|bisphosphonates?|fragile bones|weak bones)\b",
            r"\b(?:long term|long-term) (?:hydrocortisone|prednisolone|steroids|pred)\b",
            r"\b(?:alendronic acid|risedronate|ibandronic acid|zoledronic acid|denosumab|prolia)\b",
            r"\bbone density\b(?:\s+\w+){0,3}? (?:bad|low|poor|not good|thin)\b|\blow bone density\b|\bbones (?:are|have gone|have got) (?:thin|brittle|fragile|weak|soft|thinning)\b",
            # Age: from 65 a fall can break a bone without osteoporosis being known (IFOMPT:
            # age over 65 with trauma raises the chance of a fracture).
            r"\b(?:i am|aged|age|i turned|just turned|i will be|i m)\s+(?:an? )?(?:\w+ )?(?:of )?(?:6[5-9]|[7-9]\d|1[01]\d)\b(?! (?:pounds|lbs|kg|kilos|percent|minutes|mins))",
            r"\b(?:6[5-9]|[7-9]\d|1[01]\d) ?(?:years?|yrs?|yo|y o|year-old|years-old)\b(?! ago)",
            r"\b(?:elderly|pensioner|oap|senior citizen|old (?:codger|man|lady|woman|girl|boy|timer|git|fella|fogey|bird|duffer)|in my (?:seventies|eighties|nineties|late sixties|70s|80s|90s))\b",
        ),
    ),
    Sign(
        "one_leg",
        Level.PRACTITIONER,
        "pain, numbness or tingling travelling down one leg",
        _compile(
            r"(?<!standing on )(?<!stand on )(?<!stood on )(?<!balance on )(?<!balancing on )(?<!hopping on )(?<!hop on )\b(?:left|right|one) (?:leg|foot|calf|thigh|shin)\b|\b(?:left|right|one) side\b(?! of (?:my |the )?(?:lower |low )?back)(?:\s+\S+){0,4}? (?:leg|foot|calf|thigh|shin|knee|ankle|toes|down)\b|\bdown (?:my|the) (?:left|right) side\b",
            rf"\b(?:leg|foot|calf|thigh|toes|shin)\b{GAP_WORD}{{0,4}}?\s+{SYMPTOM}",
            rf"\b{SYMPTOM}\b{GAP_WORD}{{0,5}}?\s+(?:leg|foot|calf|thigh|toes|shin)\b",
            r"\bsciatica\b|(?<!\bon )(?<!\bfingers get )(?<!\bhands get )(?<!\bfingers )(?<!\bhands )(?<!\bhand gets )\bpins and needles\b(?! (?:waiting|about|for|until|over|in (?:my |the |both )?(?:left |right )?(?:fingers?|hands?|arms?|thumbs?|wrists?|face|lips?)))|\bsciatca\b|\btrapped nerve (?:in|down|into) (?:my |the )?(?:leg|buttock|bum|hip|thigh)\b",
            # "down the back of my thigh"; "a stretch for the back of the leg" names a muscle, not a symptom.
            r"\b(?:down|into|to)\b(?:\s+(?!stretch\w*\b|exercis\w*\b|for\b)\S+){0,3}? (?:back|front|side|outside|inside) of (?:my |the )?(?:knee|thigh|calf|leg|shin|ankle)\b",
            # Travelling into the leg; an ache spreading into the buttock alone is referred back pain.
            r"\b(?:shoot\w*|radiat\w*|travel\w*|runs|running|goes|going|spread\w*) (?:down|into|through|along)\b(?:\s+\S+){0,5}? (?:leg|thigh|calf|foot|knee|ankle|heel)\b",
            # The span of the leg it travels: "hip to heel on the left", "from my bum down to my calf".
            r"\bdown my leg\b|\b(?:big )?toe\w* (?:has |have )?(?:gone )?numb\b|\bdown (?:to|into) my (?:heel|knee|foot|ankle)\b",
        ),
        answers={"screen_leg_symptoms": True},
        denied_answers={"screen_leg_symptoms": False},
        paired=_pairs(
            # "my leg don't feel right, the left one, kind of numb and heavy": the side told apart.
            (
                r"\b(?:numb\w*|tingl\w*|pins and needles|heavy|dead|asleep|weak\w*|burning|electric\w*)\b",
                r"\b(?:the (?:left|right) one|only (?:the )?(?:left|right)(?: side)?)\b",
                r"\b(?:leg|foot|calf|thigh)\b",
            ),
            # The span of the leg it travels, with a symptom told: "hip to heel on the left, ache and
            # tingle", "from my bum down to my calf it burns".
            (
                r"\b(?:hip|bum|buttock|butt|backside|glute|thigh)\b (?:right |all the way |straight )?(?:down )?(?:to|into) "
                r"(?:my |the )?(?:heel|foot|ankle|toes?|calf|shin|knee)\b(?! (?:is|are|feels?|seems?) (?:fine|ok|okay|normal|good|alright))",
                rf"\b{SYMPTOM}\b",
            ),
        ),
    ),
    Sign(
        "calf_zing",
        Level.PRACTITIONER,
        "a zinging feeling into the calves when bending forward (the article: likely the nerve)",
        _compile(
            r"\b(?:70 degree|flexibility|forward bend(?:ing)?|hamstring) test\b(?:\s+\S+){0,6}? (?:tingl\w*|zing\w*|tightness|pain|buzz\w*) (?:running )?(?:right )?(?:down )?(?:into|in|to) (?:my |the )?(?:calf|calves)\b",
            # "zzzzt", "bzzz": the zing written as a sound.
            r"\b(?:zing\w*|zap\w*|buzz\w*|electric\w*|lightning|shooting|current|shocks?|jolts?|spark\w*|fizz\w*|twang\w*|b?z{2,}\w*)\b(?:\s+\S+){0,6}? (?:calf|calves)\b",
            r"\b(?:calf|calves)\b(?:\s+\S+){0,3}? (?:zing\w*|zap\w*|buzz\w*|went zz+\w*|fizz\w*|twang\w*)",
            r"\b(?:zing\w*|zap\w*|electric\w*|lightning|shocks?|jolts?|twang\w*)\b(?:\s+\S+){0,6}? (?:into|down|to) (?:my |the )?lower legs?\b",
        ),
        answers={"screen_leg_symptoms": True},
        # "a tightness in my calves, and a bit of a zing": the zing and the calves in one sentence.
        paired=_pairs((r"\b(?:zing\w*|zap\w*|twang\w*)\b", r"\b(?:calf|calves)\b")),
    ),
    Sign(
        "leg_weakness",
        Level.PRACTITIONER,
        "weakness in a leg or foot",
        _compile(
            r"\b(?:leg|knee) (?:goes|gives|gave|went) (?:out )?(?:from )?under me\b",
            r"\b(?:leg|knee)(?: ' s| has| is)? (?:gone|went|goes|going) (?:out )?from under (?:me|us)\b",
            r"\bfoot (?:is )?(?:falling|drops|dropping|flops|flopping) (?:down )?when i walk\b|\bcannot (?:pick|lift) (?:it|my foot) up\b",
            r"\bfoot drop\b|\bdropped foot\b",
            r"\b(?:leg|legs|knee|knees) (?:keeps? |kept |is |are )?(?:giving way|gives way|gave way|buckl\w*|collaps\w*)\b",
            r"\btrip\w* (?:over|on) (?:my )?toes\b|\b(?:toes?|foot) (?:keeps? )?catch\w*\b|\bcatch\w* my (?:left |right )?(?:foot|toes?)\b",
            r"\b(?:leg|foot|ankle|knee|calf|thigh) (?:feels |is |has |gone |went )?weak\b|\bweak(?:ness)? (?:in|of) (?:my |the )?(?:leg|foot|ankle|knee|legs|feet|calf|thigh)\b",
            r"\bweakness\b",
            r"\bfoot (?:\w+ )?(?:slaps|slapping|catches|drags)\b|\bslapping\b|\bdragging (?:my )?(?:foot|leg|it)\b",
            # Foot drop in plain words: "my foot doesn't lift properly", "toes won't clear the ground".
            r"\b(?:foot|toes?)\b(?:\s+\w+){0,1}? (?:does not|do not|will not|would not|cannot|is not|are not) (?:lift|lifting|come up|coming up|clear|clearing|pick up|raise)\b",
            r"\bfoot\b(?:\s+\w+){0,2}? (?:hangs|dangles|flops|flaps)\b(?! (?:off|over|out|down from))|\bscuff\w* (?:my )?(?:left |right )?(?:shoe|toe|foot|trainer|boot)s?\b",
            r"\bcannot lift (?:the front of )?my (?:foot|toes)\b|\b(?:knee|leg) (?:just )?buckles\b|\bwent from under me\b",
            r"\bcannot (?:go|stand|get|rise|walk) (?:up )?on (?:my )?(?:tip ?toes?|tiptoes?|toes|heels?)\b",
            r"\b(?:leg|foot|knee|ankle)\b(?:\s+\w+){0,3}? (?:no strength|no power|will not take my weight|not working)\b",
            r"\b(?:leg|foot|ankle|toes?)\b(?:\s+\w+){0,2}? (?:will not|would not|cannot|could not) (?:push|press) (?:down )?(?:on )?(?:the |a )?(?:\w+ )?(?:pedal|clutch|brake|accelerator|gas)\b",
            r"\blimping\b",
            r"\b(?:leg|foot|knee|ankle)\b(?:\s+\w+){0,3}? (?:does not|do not|will not|did not) (?:feel )?(?:strong enough|take my weight|hold me|hold my weight|support me)\b",
        ),
        answers={"screen_weakness": True},
        denied_answers={"screen_weakness": False},
        # "my left ankle won't push the pedal, no strength in it": the part named before the comma.
        paired=_pairs((r"\bno (?:strength|power) (?:in|to) (?:it|them)\b", rf"\b{LEG_PARTS}\b")),
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

# Found by the detector when an injury and fragile bones are both told (no patterns of its own).
FRAGILE_BONE_INJURY = Sign(
    "fragile_bone_injury",
    Level.URGENT,
    "an injury in someone with osteoporosis, on long-term steroids or of an age when bones are fragile",
    (),
    answers={"screen_injury": True},
)
