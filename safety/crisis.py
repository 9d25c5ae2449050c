"""Crisis signs: thoughts of suicide or self-harm, and intentions to overdose (no Rasa imports).

A crisis is checked before every other sign, in any state of the conversation, whatever else the
message says (safety/SOURCES.md: NICE NG225, NHS "Help for suicidal thoughts", Samaritans' online
safety guidelines). Idioms are not crises: "this pain is killing me", "I'm dying to know".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from re import Pattern

import numpy as np

from safety.crisis_model import CrisisClassifier
from safety.medication import MEDICINE_NAMES
from safety.semantic import SemanticBank
from safety.text import Clause, clauses, normalise, substitute

# The intent that carries a crisis through the dialogue (set by the NLU's RedFlagDetector).
CRISIS_INTENT = "crisis"
# A message that may be a crisis, read only from meaning: the reply asks, with the helplines.
CRISIS_CHECK_INTENT = "crisis_check"


class CrisisKind(Enum):
    SUICIDAL = "suicidal"
    SELF_HARM = "self_harm"
    OVERDOSE = "overdose"


_SPORT = re.compile(
    r"\b(?:coach\w*|training|practice|sprint\w*|basketball|football|netball|hockey|soccer|rugby|drills?|"
    r"gym|court|pitch|cardio|conditioning|pe|laps|fitness|bootcamp|squad|team)\b"
)


def _shuttle_runs(match: re.Match[str]) -> str:
    """"suicides" in a message about sport are the shuttle runs of that name."""
    text = match.group(0)
    return re.sub(r"\bsuicides\b", "shuttle runs", text) if _SPORT.search(text) else text


# Spellings seen in crisis messages, mapped before matching ("kil my self" -> "kill myself"); first,
# the exercises named after a crisis word ("suicide sprints", "overdosed on squats").
_CRISIS_SPELLINGS = (
    (re.compile(r"\bsuicides?(?= (?:sprints?|runs?|drills?|shuttles?|lines?)\b)"), "shuttle"),
    (re.compile(r"^.*\bsuicides\b.*$", re.S), _shuttle_runs),
    (
        re.compile(
            r"\boverdo\w* on (?:the )?(?:squats|lunges|burpees|deadlifts|planks?|stretch\w*|exercis\w*|cardio|"
            r"leg day|gym|running|yoga|pilates|crunches|sit-?ups|press-?ups|push-?ups|workouts?|training|"
            r"caffeine|coffee|sugar|chocolate)\b"
        ),
        "overdid it on exercise",
    ),
    (re.compile(r"\bsewer ?slide\b"), "suicide"),
    # Car doors hinged at the back; a forearm is an arm; "bee alive" is voice-to-text for "be alive".
    (re.compile(r"\bsuicide doors?\b"), "rear hinged doors"),
    # "bed rest is slow suicide for your back", "sitting all day is self harm for your spine".
    (re.compile(r"\b(?:slow )?(?:suicide|self[- ]?harm) for (?:your|my|the|our) (?:back|spine|body|posture|knees|joints)\b"), "bad for the back"),
    (re.compile(r"\bforearms?\b"), "arm"),
    (re.compile(r"\bbee (?=alive\b|here\b)"), "be "),
    (re.compile(r"\bmy ?(?:self|slef|slf|sefl)\b|\bmyselfe\b|\bmeself\b"), "myself"),
    (re.compile(r"\bki+l+(?=\s+myself\b)"), "kill"),
    (re.compile(r"\bs+u+i+c+i*de?\b|\bsuic?ide\b|\bsuiside\b|\bsuicdie\b|\bsucide\b|\bsuicde\b"), "suicide"),
    (
        re.compile(r"\bsu+i?c+i*d[ae]l+\b|\bsuicidel\b|\bsucidal\b|\bsuicdal\b|\bsuicidle\b|\bsuisidal\b"),
        "suicidal",
    ),
    (re.compile(r"\bs(?:el|le|l)f[- ]?harm"), "self-harm"),
    (re.compile(r"\bwann?a\b"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bany more\b|\banymare\b|\bnae mair\b"), "anymore"),
    # Scots and texting: "done wi life", "take them all at 1ce", "im ending it".
    (re.compile(r"\bwi\b"), "with"),
    (re.compile(r"\b1ce\b"), "once"),
    (re.compile(r"\bim\b"), "i am"),
    (re.compile(r"\bover ?do[sz]e?\w*\b|\bovrdose\b|\boverdoze\b|\bod(?:ing|ed|d)?(?= on\b)"), "overdose"),
    (re.compile(r"\bd+i+e+\b"), "die"),
    # "I'd never", "I'll take": the contractions normalise leaves apart.
    (re.compile(r"\bi ' d\b"), "i would"),
    (re.compile(r"\bi ' ll\b"), "i will"),
    (re.compile(r"\b(?:cnt|carnt|cannae|canna|cant)\b"), "cannot"),
    (
        re.compile(r"\b(?:this|it) (?:no more|nae mair|nae more)\b"),
        lambda m: m.group(0).split()[0] + " anymore",
    ),
    (re.compile(r"\bhw\b"), "how"),
    (re.compile(r"\bmny\b"), "many"),
    (re.compile(r"\bwud\b"), "would"),
    (re.compile(r"\btae\b"), "to"),
    (re.compile(r"\bdae\b"), "do"),
)

# "sleepers" are sleeping pills to someone thinking of taking them all.
_MEDICINE = rf"(?:{MEDICINE_NAMES}|sleepers)"
# "my pain meds", "the rest of these tablets": possessives and "pain" before a medicine.
PILLS = (
    rf"(?:(?:my |the |these |those |his |her |all my )?(?:pain |sleeping |prescription )?{_MEDICINE}|the lot)"
)
_LIFE = r"(?:live|be alive|be here|exist|wake up|carry on|go on|keep going|be around|keep living)"
_ENDING = r"(?:\s+(?:anymore|any longer|like this)\b|\s*(?:$|[,.!;?]))"
# What someone says before an act they are considering ("thinking about stepping in front of").
_CONSIDERING = (
    r"(?:thinking about|thinking of|think about|thought about|tempted to|want to|wanted to|going to|"
    r"urge to|plan to|planning to|could easily|might)"
)


def _compile(*patterns: str) -> tuple[Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@dataclass(frozen=True)
class CrisisSign:
    kind: CrisisKind
    patterns: tuple[Pattern[str], ...]
    # Whether "not", "never"... just before a match deny it ("I'm not suicidal"). Patterns that
    # carry their own negation ("don't want to live") are in signs that are not deniable.
    deniable: bool


CRISIS_SIGNS: tuple[CrisisSign, ...] = (
    CrisisSign(
        CrisisKind.SUICIDAL,
        _compile(
            r"\bsuicid\w*",
            r"\b(?:kill|killed|killing|top|topping|off|offing|end|ending|ended) myself\b(?! (?:laughing|at (?:work|the gym)|working))",
            r"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b",
            r"\bunaliv\w*|\bkms\b|\bkys\b",
            r"\b(?:want|wants|wanted|wanting|ready|trying|planning|plan|deserve) to die\b(?! of (?:embarrassment|boredom|shame|laughter|laughing|cringe))",
            r"\b(?:kill|killing|killed|end|ending) (?:himself|herself|themselves|themself)\b(?! laughing)",
            r"\bi (?:just )?(?:wish|hope) (?:i|that i) (?:was|were|could be|would be) dead\b",
            r"\b(?:wish\w*|hop\w*|pray\w*) (?:that )?i (?:could |would )?(?:die|never wake up)\b",
            r"\b(?:wish\w*|hop\w*|pray\w*|maybe|hopefully|so that|then) (?:that )?i (?:would not|will not|do not|did not|never|will never|would never) wake up\b",
            r"\b(?:better off|rather be|want to be|be better) dead\b",
            r"\bbetter off\b(?:\s+\S+){0,8}? (?:without me|than (?:with )?me)\b",
            r"\b(?:got|have|made|making) a plan\b(?:\s+\S+){0,6}? (?:do it|go through with it)\b|\bgo through with it\b",
            r"\b(?:easier|better) (?:off )?(?:for \w+ )?if i (?:was|were|am|was just) (?:not here|gone|dead|not around|no longer (?:here|around))\b",
            r"\b(?:notice|care|miss me|matter)\b(?:\s+\w+){0,3}? if i (?:was gone|were gone|died|disappeared|was not here|were not here|was not around)\b",
            rf"\b(?:do not|does not|did not|no longer|never) (?:really )?want to {_LIFE}\b",
            rf"\bnot sure (?:i|if i) want to {_LIFE}\b|\bnot want(?:ing)? to {_LIFE}\b",
            r"\bcannot (?:keep living|keep on living|go on living|carry on living)\b",
            r"\b(?:end|ending|ended) it all\b",
            r"\b(?:to|just|will|could|might|going to|thinking of|thinking about|about|feel like|if i|i will|have|would have|had|i might|am|i am) (?:end|ending|ended) (?:it|everything|things)\b(?! (?:with|off|on|there|here|early|for today))",
            r"\bno (?:point|reason|purpose) (?:in |to |of )?(?:living|life|going on|carrying on|being alive|being here|to live|anymore|to go on|in anything|keep going|to keep going|me)\b",
            rf"\bno point anymore\b|\bcannot (?:go on|carry on|keep going){_ENDING}",
            r"\b(?:do not|cannot|no longer|fail to) see (?:the |a |any )?point (?:in |of )?(?:living|life|going on|carrying on|being here|anything anymore|me)\b",
            r"\b(?:the )?point (?:of|in) me(?: being (?:here|alive|around))?\b",
            r"\bnothing (?:left )?to live for\b|\bno(?:thing| one| reason) (?:left )?to live for\b",
            r"\b(?:life is not|life is no longer) worth living\b|\bnot worth living\b",
            r"\b(?:give|giving|given|gave) up on (?:life|living|everything)\b",
            r"\b(?:tired|sick|weary) of (?:being alive|living|life|existing|being here)\b",
            r"\bdone with (?:life|living|everything|it all|being alive|this life|existing)\b",
            r"\b(?:check|checking) out (?:permanently|for good|early)\b|\bwant out (?:for good|of (?:this life|life))\b",
            r"\b(?:no way out|only way out)\b",
            r"\b(?:jump|jumping) (?:off|from|in front of) (?:a |the |my )?(?:\w+ ){0,2}?(?:bridge|building|roof|train|cliff|balcony)\b",
            r"\b(?:hang|hanging) myself\b|\b(?:step|stepping|jump|jumping|throw myself|throwing myself|walk|walking) (?:out )?(?:in front of|under) (?:a |the )?(?:train|bus|lorry|truck|car)\b",
            rf"\b{_CONSIDERING}\s+(?:\w+\s+){{0,2}}?(?:driving|drive|steering|steer|crashing|crash) (?:my car |the car )?(?:into|off) (?:a |the )?(?:wall|tree|bridge|cliff|river|lorry|truck|oncoming)\b",
            r"\bi (?:just )?want (?:it all|everything|this all) to (?:end|stop|be over)\b",
            r"\b(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up\b",
            r"\b(?:written|wrote|writing|left) (?:a |my )?(?:letters?|notes?|goodbye\w*) (?:to|for) (?:my )?(?:kids|children|family|wife|husband|partner|son|daughter|parents|everyone|friends)\b",
            r"\b(?:said|saying|say) (?:my )?goodbyes?\b(?! to (?:the|my|our|an?|that|this) (?:old |\w+ )?(?:pain|back|job|mattress|chair|car|house|flat|sofa|bed|couch|desk|phone|gym|office|van|bike|shoes|laptop))|\b(?:giving|gave|given) away my (?:things|stuff|belongings)\b",
            r"\bcannot do (?:this|it) anymore\b|\bcannot do this\s*(?:$|[.!])",
            r"\bcannot face (?:another day|tomorrow|(?:another|one more) (?:night|morning|year|week|day)|living|life|going on|carrying on|it anymore|anything anymore)\b",
            r"\bno hope left\b|\blost all (?:my )?hope\b|\b(?:there is|i have|have) no hope(?: left| anymore)?\s*(?:$|[,.!;?])|\bbeyond hope\b|\bhope is gone\b|\bgiven up (?:all )?hope\b",
            r"\b(?:cannot|can not|do not think i can|not sure i can|too tired to|no strength to) (?:keep (?:on )?fighting|fight (?:this|it|on|anymore)|keep going)\b|\b(?:tired|sick|weary|exhausted) of fighting\b",
            r"\b(?:will not|not going to) be (?:here|around)\b(?:\s+\S+){0,2}? (?:for|by|at|to see) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|xmas|christmas|my birthday|new year|next year|the new year|easter|the summer|much longer|long)\b(?!.*\b(?:holiday|visiting|away|trip|abroad|flying|travel\w*|going to|staying|off to|working|work|course)\b)",
            r"\b(?:rope|noose)\b(?:\s+\S+){0,4}? (?:ready|tied|bought|in the (?:garage|loft|shed|attic))\b|\b(?:bought|tied|made) (?:a|the|myself a) (?:rope|noose)\b",
            # Means and plans, in everyday words.
            r"\b(?:finish|finishing|finished) my (?:own )?life\b|\bneck myself\b|\bend am\b|\btire for this life\b",
            r"\b(?:think|thinks|thinking|thought) (?:about|of) (?:jumping(?! (?:back|jacks|rope|at|ship|on (?:the|a|board)|in(?:to)? (?:the|a) (?:pool|sea|lake|water|shower|bath|car|queue)))|letting go|using it|ending it)\b",
            r"\b(?:bridge|balcony|ledge|roof|cliff|platform)\b(?:\s+\S+){0,8}? (?:letting go|jump\w*)\b",
            r"\b(?:rope|noose|gun)\b(?:\s+\S+){0,10}? (?:looking at it|using it|for me|came today)\b",
            r"\bfor me ?,? not for (?:the pain|my back|protection|\w+ing)\b|\b(?:it is|they are) for me\b",
            r"\blook like an accident\b|\b(?:family|kids|wife|husband|children)\b(?:\s+\S+){0,4}? (?:gets?|get) (?:the )?(?:life )?(?:insurance|payout)\b",
            r"\btonight(?: is|'s) the night\b|\b(?:let|make) (?:this|tonight|today) (?:be )?my last\b",
            r"\bhow high\b(?:\s+\S+){0,6}? (?:to be sure|to die|to kill|to do it)\b",
            r"\b(?:picked|chosen) (?:out )?(?:a |the )?(?:place|spot|date|day)\b|\b(?:place|spot) picked out\b",
            r"\b(?:car|exhaust)\b(?:\s+\S+){0,4}? (?:hosepipe|hose pipe|hose)\b(?:\s+\S+){0,3}? ready\b",
            # Passive wishes to die.
            r"\b(?:wish\w*|hop\w*|pray\w*) (?:that )?i (?:had |would have |would )?never (?:woken|woke|wake)\b",
            r"\b(?:hop\w*|wish\w*|pray\w*)\b(?:\s+\S+){0,8}? (?:terminal|heart (?:just )?stops|(?:all )?be over|way out|my last (?:night|day)|not wake)\b",
            r"\b(?:lord|god|jesus) ?,? (?:please )?take me\b|\benvy (?:the )?dead\b",
            r"\bdeath (?:sounds|seems|looks|feels) (?:so |really )?(?:peaceful|good|nice|better|like a relief|appealing)\b",
            r"\bsleep (?:forever|for good|permanently)\b|\bi (?:will|would|might|may) not come back\b|\bnever come back from\b",
            # Everyday and indirect words for wanting to die, and for a plan.
            r"\b(?:i will|i am going to|going to|gonna|i might|i think i will|i am) (?:\w+ )?(?:finally |just |really )?(?:end it|end it all|do it)(?: all| now)? (?:tonight|today|tomorrow|this weekend|soon|for good)\b|\b(?:tonight|today|this weekend)\b(?:\s+\S+){0,6}? (?:finally )?end it\b(?! with| off)",
            r"\b(?:not|never) (?:planning on|going to be|expecting to be|intending to be) (?:being )?(?:around|here|alive)\b",
            r"\b(?:my )?last message\b(?:\s+\S+){0,2}? (?:to anyone|ever|to anybody)\b|\bprobably my last message\b",
            r"\b(?:will not|would not|not going to) (?:need|be needing)\b(?:\s+\S+){0,3}? (?:help|anything|you|this)\b(?:\s+\S+){0,1}? after (?:this|tonight|today|tomorrow|the weekend|this weekend|this week)\b",
            r"\b(?:after|past) (?:tonight|this weekend|this week|today)\b(?:\s+\S+){0,4}? (?:none of (?:this|it|that)|nothing) (?:will|would) matter\b",
            r"\b(?:take|look after|have|keep)\b(?:\s+\S+){0,3}? (?:the |my )?(?:cat|dog|pets?|kids|children)\b(?:\s+\S+){0,3}? (?:from now on|after this week|when i am gone|once i am gone|after i am gone)\b|\bwill not be able to look after (?:her|him|them|it) after\b",
            r"\b(?:bridge|multi-?storey|car park roof|cliff|rooftop|top floor)\b(?:\s+\S+){0,8}? (?:and )?(?:looking down|jump\w*)\b|\b(?:going up|go up|climb\w*)\b(?:\s+\S+){0,4}? (?:and|to) jump\b",
            r"\b(?:easy|easier) (?:it would be )?(?:to )?(?:just )?not be here\b|\bnot be here (?:anymore|any more)\b|\bit would be (?:kinder|easier|better) if i (?:was|were) not\b",
            r"\bmy life is over\b|\bi am worthless\b|\b(?:hit|at) rock bottom\b|\bno light at the end\b|\beverything is pointless\b|\blife is pointless\b",
            r"\bno hope (?:na |left |of (?:it|things) ever )\b|\bno hope na\b|\bmy life (?:is |both )?finished\b|\bmy (?:back|body) and my life\b(?:\s+\S+){0,2}? finished\b",
            r"\bdo not care (?:about anything|what happens to me|if i live|whether i live|anymore about anything)\b|\bstopped caring\b(?:\s+\S+){0,3}? no point\b",
            r"\bno point (?:in )?(?:eating|getting up(?! early)|trying anymore|carrying on)\b",
            r"\b(?:looking forward to|not (?:scared|afraid|frightened) of|ready for|welcome) (?:dying|death|the end|being dead|not being here)\b",
            r"\b(?:suicide|goodbye|farewell) (?:note|letter)s?\b|\bmy will and (?:a|my) (?:note|letter)\b",
            r"\b(?:know|decided|worked out|planned|figured out) (?:exactly )?how i (?:would|will|am going to|could) do it\b",
            r"\bstill here\W*(?:unfortunately|sadly|worse luck|more is the pity)\b",
            r"\b(?:what is|whats) (?:even |really )?the point (?:of|in) (?:living|going on|carrying on|being alive|life)\b",
            r"\bno point (?:in )?(?:waking up|getting up anymore|of waking)\b",
            r"\b(?:wnat|wnt|wamt|wanna|wana|wan) (?:to )?die\b|\b(?:do|doing|did) away with myself\b",
            r"\b(?:end|ending|take|taking) (?:your|ones|one is) (?:own )?life\b|\bfinish(?:ing)? myself\b",
            r"\b(?:will not|not going to) be (?:here|around) (?:for )?(?:much|very) long(?:er)?\b",
            r"\b(?:bridge|tracks|train line|railway|cliff|ledge|roof|platform|motorway|river)\b(?:\s+\S+){0,12}? (?:thinking|thought|think) about (?:it|doing it|jumping|ending it)\b",
            r"\b(?:everything|it all|all i need|what i need) (?:is )?(?:ready|sorted|together) (?:to do it|for tonight)\b|\bready to do it (?:tonight|today|tomorrow|this weekend)\b",
            r"\b(?:go|went|going|time (?:i|to)|i will|want to)(?: and| to)? join (?:my (?:late )?)?\w+ (?:soon|now|up there|in heaven|on the other side)\b",
            r"\bpainless (?:way|method) (?:to go|out|to die|to do it|of doing it)\b|\b(?:would|will|could) i (?:go|die|slip away|drift off) (?:peacefully|painlessly|quietly|in my sleep)\b",
            r"\bnot able for (?:living|life|this life|going on)\b",
            r"\b(?:would not|do not|will not) mind if (?:a |the )?(?:bus|car|train|lorry|truck)\b(?:\s+\S+){0,3}? (?:hit|hits|took|ran over|knocked) me\b",
            r"\b(?:hop\w*|wish\w*|pray\w*)\b(?:\s+\S+){0,10}? i (?:do not|did not|never|will not|would not) (?:come|wake) (?:round|around|up)\b",
            # Means looked into, and the places: trains that don't stop, a car left running in a
            # closed garage, a floor or bridge high enough, how long drowning takes.
            r"\b(?:trains?|express(?:es)?)\b(?:\s+\S+){0,3}? (?:that|which) (?:do not|does not|never|will not) stop\b",
            r"\b(?:platform|edge|ledge|bridge|cliff|balcony|roof|stairs|tracks)\b(?:\s+\S+){0,8}? (?:step\w* (?:off|out|in front)|throw\w* myself|let\w* myself fall)\b|\bthrow\w* myself (?:down|off|in front|under|from|out of)\b",
            r"\b(?:car|engine) running\b(?:\s+\S+){0,4}? (?:garage|closed|shut)\b|\b(?:closed|shut) garage\b(?:\s+\S+){0,4}? (?:car|engine|exhaust)\b",
            r"\bnoose\b|\bhow long (?:does it|would it|will it|it) takes? (?:to )?(?:drown|bleed out|suffocate|die)\b|\bhow long (?:to )?(?:drown|bleed out)\b",
            r"\b(?:bridge|floor|flats|building|balcony|roof|car park|cliff|window|tower)\b(?:\s+\S+){0,8}? (?:is |are |was )?(?:high|tall) enough\b|\b(?:high|tall) enough (?:to die|to do it|to be sure|to not survive)\b",
            r"\b(?:gun|pistol|rifle|shotgun|knife|blade|razor|rope)\b(?:\s+\S+){0,8}? (?:on myself|to my (?:head|temple))\b",
            # Goodbyes and last words.
            r"\bthis is (?:my )?goodbye\b|\bmy last (?:msg|message|chat|text|words)\b(?=\s*(?:$|[,.!;?]|ever\b|to anyone|with anyone|on earth|before i go))|\bdone\b(?:\W+\w+){0,5}\W+goodbye\b",
            r"\btell (?:my )?\w+ (?:that )?i loved (?:her|him|them|you)\b(?:\s+\S+){0,6}? (?:if|when|after)\b|\bi am (?:going|gone) for good\s*(?:$|[,.!;?])",
            r"^(?!.*\b(?:holiday|away|visiting|trip|abroad|travel\w*|working|work|busy|off to|moving)\b).*\b(?:will not|not going to|would not) be (?:here|around) for (?:it|that|them|the appointment|the next one)\b",
            r"\b(?:rehom\w*|found (?:someone|a home|a new home) (?:to take|for))\b(?:\s+\S+){0,4}? (?:dog|cat|pets?|budgie|bird|rabbit|hamster|puppy|kitten)s?\b(?:\s+\S+){0,8}? (?:what is coming|other plans|will not (?:need|be)|not be around|before i go|deserves? better than)\b",
            r"\bif anything happens to me\W+(?:and )?it will\b",
            r"\b(?:working out|figuring out|thinking about|planning|lying (?:in bed |awake )?(?:working out|thinking about)) how (?:i would|i will|i could|i am going to|to) do it\b",
            r"\bsui (?:thoughts|ideation|feelings|attempt)\b|\bctb\b",
            r"\bonly one way (?:out|to (?:end|stop) (?:this|it))\b|\bthe point of my (?:life|existence)\b|\btire(?:d)? (?:to|of) (?:dey |being )?alive\b",
            r"\b(?:they|everyone|everybody|my family|my kids|you all|all of them)\b(?:\s+\S+){0,2}? (?:would|will) (?:all )?be better off\s*(?:$|[,.!;?]|without)",
            r"\b(?:getting|making it|get|make it) through\b(?:\s+\S+){0,5}? and i do not want to\b",
            # Hopelessness and being a burden.
            r"\bwhat is the point (?:of|in) (?:going on|living|carrying on|being alive|anything|life|it all|me)\b",
            r"\bno point in any of it\b|\bnot sticking around\b",
            r"\b(?:run out of|no|cannot see (?:a|any)|(?:struggl\w* to|hard to|do not) see (?:a|any|the)|lost (?:all|my)) reasons? to (?:keep living|be alive|live|stay alive|go on|keep going|carry on)\b",
            r"\bonly (?:exit|escape)\b|\bnot being (?:here|alive|around)\b",
            r"\b(?:better|easier) (?:off )?if i (?:am|was|were) not (?:there|here|around)\b",
            r"\b(?:be glad|be happier|be relieved) if i (?:was|were) (?:not around|not here|gone)\b",
            r"\b(?:i am|i feel like|feel like|i am just) (?:just |such |only )?a burden\b|\btime i (?:was|were) not\b",
            r"\bnot be a problem for (?:much )?longer\b",
            r"\b(?:will not|would not) (?:be )?need(?:ing)? (?:it|any of it|them|anything)(?: after (?:this|next|tonight|tomorrow)|\s*(?:$|[,.!;?]))",
            r"\b(?:sorted|sorting|put|putting) (?:out )?(?:all )?my affairs\b|\b(?:given|gave|giving) (?:away )?(?:my|the) (?:cat|dog|savings|pets?) (?:away |to )\b",
            # A plan with a time and no object: "the plan is after my shift on thursday", "I've
            # worked out how and when", "when my partner goes away on the 14th I'm going to do it".
            r"\b(?:worked out|figured out|decided|know|planned|picked) (?:the )?(?:how and when|when and how|when and where|where and when)\b",
            r"\b(?:the plan is|my plan is|it is planned for|planned (?:it )?for|got it (?:all )?plan+ed(?: out)?|(?:all|it) plan+ed out)\b(?:\s+\S+){0,5}? (?:after|when|on|for|this|next|tonight|tomorrow|sunday|monday|tuesday|wednesday|thursday|friday|saturday|wen)\b",
            r"\b(?:i am|i will|im|gonna|going to|i am going to) (?:going to |gonna )?do it\b(?:\s+\S+){0,4}?\W+(?:not going to say|not gonna say|i have told no one|told no one|nobody knows|no one knows)\b|"
            r"\b(?:when|after|once|while)\b(?:\s+\S+){1,10}? (?:i am going to|i will|gonna|i am gonna) do it\b(?:\s+\S+){0,3}?\W+(?:i have )?told no(?: |)one\b",
            r"\b(?:gonna|going to|i will) do it\W+not (?:gonna|going to) say what\b",
            # The means looked at: a gun, a beam, a bridge without barriers, the train line.
            r"\b(?:gun|shotgun|rifle|pistol)s?\b(?:\s+\S+){0,8}? (?:think about it|thinking about it|loaded|cleaned and loaded)\b(?:\s+\S+){0,6}?(?:\W+(?:more than i should|not telling|ai not tellin|not tellin|nothing left|told no(?: |)one))?",
            r"\b(?:eyeing|eying|looking at|staring at)(?: off)? the (?:beam|rafters?|banister|loft hatch)\b",
            r"\b(?:bridges?|cliffs?|car parks?|roofs?)\b(?:\s+\S+){0,6}? (?:do not|does not|without|with no) (?:have )?(?:the )?(?:barriers?|railings?|fences?|nets?)\b",
            r"\b(?:train line|railway|tracks|motorway|river|bridge|cliff)\b(?:\s+\S+){0,8}? (?:differently|an option|like it is an option)\b",
            r"\b(?:sitting|sat|sit) in the garage with the (?:car|engine) running\b",
            r"\b(?:woods|forest|bridge|cliff|river)\b(?:\s+\S+){0,6}? (?:working out|figuring out|picking|choosing) (?:where|the spot|the place|the tree)\b",
            r"\b(?:letting|let) go of the (?:wheel|steering)\b|\b(?:one|a) (?:proper|good|big) fall and (?:it would|it will|it\W*d) (?:all )?be over\b",
            r"\b(?:in the ground|six feet under|pushing up daisies) (?:beside|next to|with) \w+\b|\bas well off (?:in the ground|dead|in my grave)\b",
            r"\b(?:allah|god|the lord|lord|jesus) (?:takes|take|would take|will take) (?:my soul|me)\b(?:\s+\S+){0,3}? (?:while i sleep|in my sleep|tonight|soon)\b",
            r"\bif i (?:just )?(?:did not|didn\W*t|never) come back (?:down|home|up)\b",
            r"\b(?:insurance|policy) (?:pays|will pay|would pay) out\b(?:\s+\S+){0,10}? (?:counting|a year|suicide|if i die|when i die)\b",
            # Goodbyes: "if you don't hear from me again", "tell them it wasn't their fault".
            r"\bif (?:you|anyone) (?:do not|does not|never) hear from me (?:again|after)\b",
            r"\b(?:last time|the last) (?:i will|i\W*ll|ill) be (?:bothering|troubling|bugging) (?:anyone|anybody|you)\b",
            r"\btell (?:them|my (?:kids|children|family|wife|husband|son|daughter|mum|mom|dad))\b(?:\s+\S+){0,2}? (?:it|this) (?:was not|wasn\W*t|is not|isn\W*t) (?:their|your|his|her) fault\b",
            r"\b(?:said (?:bye|goodbye)|saying (?:bye|goodbye))\b(?:\s+\S+){0,8}? (?:they think|think i am|think im)\b(?:\s+\S+){0,6}? (?:i am not|im not)\b",
            r"\b(?:made|making) my peace\b(?:\s+\S+){0,8}? (?:before|someone to know|goodbye)\b|\bjust wanted someone to know before\b",
            r"\b(?:sorted|sorting|arranged|found a home for) (?:the |my )?(?:cat|dog|pets?|kids)\b(?:\s+\S+){0,8}?\W+(?:i am|im|i\W*m) done\b",
            r"\bi am done\W+(?:properly|really|completely|totally) done\b",
            r"\bthe pain won\b|\bit is not the back\W*s fault\W+it is me\b",
            # A burden setting others free: "setting him free, for good".
            r"\bset(?:ting)? (?:him|her|them|everyone|my family) free\b(?:\s+\S+){0,2}? (?:for good|forever|permanently)\b|\bnot (?:worth|wurth) (?:nothing|anything) to (?:no one|anyone|nobody)\b",
            r"\bwhat is the point (?:anymore|of (?:anything|it all|going on|living|me|carrying on))\b",
            r"\b(?:i will|i would|gonna|going to|might|reckon i will|think i will) (?:just )?check out\s*(?:[.!,;]|$)",
            r"\b(?:platform|bridge|ledge|cliff|tracks|railway)\b(?:\s+\S+){0,8}? how easy it would be\b",
            r"\b(?:nah|nuh|no) (?:waan|wan|want) (?:to |fi )?live\b",
            r"\bbetter off\b(?:\s+\S+){0,8}? (?:and|with) me gone\b",
            r"\bknow (?:exactly )?what i would take\b(?:\s+\S+){0,3}? how much\b",
            # Goodbyes said to the assistant: "you won't hear from me again", "goodnight forever".
            r"\b(?:you|u) (?:will not|wont|will never|are not going to) hear from me (?:again|after (?:today|tonight))\b",
            r"\b(?:good ?night|goodbye|bye|farewell) forever\b|\blast time i (?:will )?bother you\b|\btidying up before i go\b",
            # The same in the languages users most often fall back on (Spanish, Portuguese, French, Polish,
            # German): "ya no quiero vivir", "quero morrer", "je veux mourir", "nie chcę żyć".
            r"\bno quiero (?:vivir|seguir viviendo)\b|\bquiero (?:morir\w*|matarme)\b|\bn[ãa]o quero (?:mais )?viver\b",
            r"\bquero morrer\b|\bje veux mourir\b|\bje ne veux plus vivre\b|\bnie chc[ęe] (?:ju[żz] )?[żz]y[ćc]\b",
            r"\bchc[ęe] umrze[ćc]\b|\bich will (?:nicht mehr leben|sterben)\b",
            # French, Malay, Indonesian, Arabic and Japanese in Latin letters, Portuguese.
            r"\bj ' ai envie d ' en finir\b|\b(?:je veux|envie d ' |besoin d ' ) ?en finir\b|\bnak mati\b|\bnak bunuh diri\b|\b(?:pengen|ingin|mau) mati\b|\bbunuh diri\b",
            r"\bbidd?[iy]e? (?:a)?mo+u?t\b|\bshinitai\b|\bshini tai\b|\bacabar com (?:tudo|a minha vida|a vida)\b|\bn[ãa]o aguento mais viver\b",
            r"\bjeena (?:hi )?nahi (?:hai|chahta|chahti)\b|\bmar jaun to (?:acha|accha|achha)\b|\bnataka kufa\b|\bme quiero matar\b|\byeet(?:ing)? myself\b",
            r"\b(?:least painful|most painless|painless) way to go\b|\bpermanent (?:bed rest|sleep|rest)\b(?:\s+\S+){0,4}? (?:sounds|would be|looks) (?:good|nice|great|tempting|appealing)\b",
            r"\bgarage\b(?:\s+\S+){0,6}? engine (?:running|on)\b",
            r"\bmarne ka (?:mann?|dil) (?:karta|karti|kar raha|kar rahi)\b|\bmar (?:jaana|jana|jaun) (?:chahta|chahti)\b|\bjeene ka (?:mann?|dil) nahi\b",
            # Italian, Hindi and Urdu in Latin letters, Tagalog, Dutch; Turkish, with its dotted letters, is read on
            # the raw text (_IN_OTHER_SCRIPTS).
            r"\bstanc[oa] di vivere\b|\bvoglio morire\b|\bnon voglio (?:più |piu )?vivere\b|\bfarla finita\b|\btogliermi la vita\b",
            r"\bmarna chaht[aie]\b|\bjeena nahi chaht[aie]\b|\bgusto ko (?:na |nang )?mamatay\b|\bik wil (?:dood|niet meer leven)\b",
            # Doubt about still being alive: "idk if ill still be around next month".
            r"\b(?:do not know|not sure|idk|dunno|no idea) (?:if|whether) (?:i will|ill|i am going to) (?:still )?be (?:around|here|alive)\b",
            # "I'm done. proper done. not talking about the stretches".
            r"\bdone\b(?:\W+\w+){0,4}?\W+(?:not (?:talking|on) about|i do not mean|and not with) (?:the )?(?:stretch\w*|exercis\w*|back|test|session|workout|gym|chat)\b",
            r"\b(?:sitting|sat|standing|lying|here) (?:here )?with (?:a|the|my) (?:rope|noose)\b|\bholding (?:a|the) (?:rope|noose)\b",
            r"\b(?:easiest|quickest|best|least painful|simplest|gentlest|most peaceful) way to (?:go(?= (?:without|peacefully|painlessly|quietly|in my sleep|for good))|die|end it|end things|check out)\b",
            r"\b(?:hop\w*|wish\w*|pray\w*)\b(?:\s+\S+){0,5}? (?:scan|test|results?|biopsy|mri|x-?ray)\b(?:\s+\S+){0,4}? (?:positive|is cancer|shows? cancer|terminal|bad news)\b",
            # Methods looked up: "started reading about how people end it", "googling ways to die".
            r"\b(?:reading|read|researching|looking up|looked up|googling|googled|searching)\b(?:\s+\S+){0,3}? (?:how (?:people|to|you|someone) (?:end it|end their lives?|end your life|kill (?:themselves|yourself)|die)|ways to (?:die|end it|kill myself))\b",
            r"\b(?:do not|not|never) plan(?:ning)? on (?:still )?being (?:here|around|alive)\b",
            r"\bnot (?:turning|to turn|turn) the (?:steering )?wheel\b",
            r"\b(?:gave|given|giving) (?:away )?my\b(?:\s+\S+){0,6}? (?:sorted|made|wrote|written|updated) (?:out )?(?:my |the )?will\b",
            r"\b(?:bought|got|picked up|ordered)\b(?:\s+\S+){0,4}? (?:rope|a noose)\b(?:\s+\S+){0,7}? not for\b",
            r"\b(?:want|wanting|wanted|going|like) to (?:just )?(?:fade|slip|drift) (?:out|away)\b",
            r"\b(?:sat|sitting|stood|standing|was) on (?:the )?(?:edge of )?(?:the |a )?(?:bridge|ledge|roof|cliff|platform|railing|parapet)\b(?:\s+\S+){0,12}? (?:did not|could not|almost|nearly|was going to) (?:do it|did it|jump|go through)",
            r"\b(?:is there )?(?:any|a) point (?:in )?(?:carrying on|going on|living|being alive|being here|keeping going)\b(?! with (?:the|this|these|my|it) )",
            r"\bthanks? (?:you )?for trying\b(?:\s+\S+){0,12}? (?:will not|would not|am not going to) (?:need|be needing|be coming)\b",
        ),
        deniable=True,
    ),
    CrisisSign(
        CrisisKind.SELF_HARM,
        _compile(
            r"\bself-harm\w*|\bsh (?:again|urges?)\b|\brelaps\w* (?:with |into |on )?(?:sh|cutting)\b",
            r"\b(?:cutting|burning|punching|hitting|scratching|bruising|hurting) my own (?:arms?|wrists?|legs?|thighs?|skin|body|stomach|belly|chest|hands?|face|head)\b",
            r"\bcutting my (?:arms?|wrists?|legs?|thighs?|skin)\b|\bburning my (?:arms?|wrists?|legs?|thighs?|skin|hands?)\b(?:\s+\S+){0,2}? with\b",
            r"\bhate (?:myself|my body)\b(?:\s+\S+){0,8}? (?:hurting|cutting|hitting|punching|burning|scratching) my\b",
            r"\bon purpose\b(?:\s+\S+){0,10}? (?:i )?deserve (?:it|this|the pain)\b",
            r"\b(?:cut|cutting|burn|burning|harm|harming|hurt|hurting|punish|punishing) myself (?:again|on purpose|deliberately)\b",
            r"\b(?:want|wanted|wanting|going|urge|urges|tempted|thinking about|thought about|started|start|keep) (?:to )?(?:cut|cutting|burn|burning|harm|harming|hurt|hurting) myself\b",
            r"\b(?:been|am|keep|started|start|have been) (?:cutting|burning|harming|hurting|punishing) (?:myself\b(?! (?:a |some |off|free|short|slack|loose))|again\b)",
            # Cutting calories or burning fat on purpose is a diet, not self-harm.
            r"\b(?:cut|burn|hurt|harm|scratch|hit|punch|bang|bite|dig|stab)\w*\b(?! (?:down|back|out|calories|carbs|sugar|costs?|hours|fat|the grass|my hair|corners|ties))(?:\s+\S+){0,6}? (?:on purpose|deliberately|to feel something|to feel anything)\b",
            r"\b(?:until|till|til) (?:it bleeds|i bleed|they bleed|it bled|i bled)\b",
            r"\bcutting again\b|\bcut (?:my )?(?:wrists?|arms?|thighs?|skin)\b",
            r"\b(?:started|start|keep|been|wanting to|want to|urge to|urges to|only thing that helps is|helps is) cut(?:ting)?\b(?! (?:down|back|out|it|the|my hours|hours|costs|sugar|carbs|calories|fat|meat|grass|wood|hair|corners|ties))",
            r"\b(?:the |a )?(?:blade|razor)s? (?:out|next to me|in my hand|ready)\b",
            r"\b(?:put|stub\w*|scald\w*|starv\w*|pinch\w*|punch\w*|hit\w*|bang\w*|cut\w*|burn\w*)\b(?! (?:down|back|out|calories|carbs|sugar|costs?|hours|fat|the grass|my hair|corners|ties))(?:\s+\S+){0,10}? (?:on purpose|deliberately)\b",
            r"\b(?:razor )?blades?\b(?:\s+\S+){0,8}? (?:hidden|getting them out|next to me)\b",
            r"\bi (?:hurt|cut|burnt|burned|harmed) myself (?:last night|yesterday|again|today|this morning|on purpose)\b|\bmarks on my (?:wrists?|arms?|thighs?|legs?)\b",
            r"\b(?:punch|hit|bang|kick)\w* (?:the |a )?(?:wall|door|floor)\b(?:\s+\S+){0,3}? (?:till|until) (?:my )?(?:knuckles|hands?|fists?|head) (?:bleed|bled|bruise|split)\b|\bbang\w* my head (?:on|against) (?:the )?(?:floor|wall)\b(?:\s+\S+){0,2}? (?:when (?:the |my )?(?:pain|back|it)|till|until|to (?:cope|feel|stop))\b",
            r"\b(?:on purpose|deliberately)\b(?:\s+\S+){0,6}? (?:make|making) (?:it|my back|the pain) worse\b|\bbecause i deserve (?:it|the pain|to hurt)\b",
            r"\b(?:scratch\w*|dig\w*|burn\w*|cut\w*) (?:myself|my skin|my arms?)\b(?:\s+\S+){0,6}? (?:when|till|until|to cope|to feel)\b",
            r"\b(?:until|till) (?:it|they|my skin) (?:blisters?|bleeds?|burns?)\b|\bthe old thing with the (?:razor|blade)\b|\bwith the (?:razor|blade) again\b",
            r"\b(?:blades?|razors?)\b(?:\s+\S+){0,8}? (?:for when|in case) (?:it|things|life) (?:gets?|get|is) (?:too much|too bad|bad|worse|unbearable)\b",
            r"\b(?:cigarettes?|lighter)\b(?:\s+\S+){0,4}? on my (?:arm|arms|skin|leg|legs|wrist|wrists|hand|hands)\b",
            r"\b(?:burn|burning|cut|cutting|hit|hitting|hurt|hurting|scratch\w*|punch\w*|bruis\w*) myself to (?:take my mind|cope|distract|feel|forget|get through|numb|release|calm|stop)\b",
            r"\bi (?:sometimes |often |still |usually )?(?:burn|cut) myself\b(?! (?:cooking|shaving|on (?:the|a)|by accident|accidentally|with the (?:iron|kettle|knife)|in the kitchen|making|while))",
            r"\b(?:sleeves?|long tops?|hide|hiding)\b(?:\s+\S+){0,10}? (?:what i (?:have|had) done to myself|my (?:cuts|scars|burns))\b",
            r"\bcuts (?:on|all over) (?:her|his|their|my) (?:arms?|wrists?|legs?|thighs?|stomach)\b",
            r"\b(?:making it|make it|made it) worse on purpose\b|\bi deserve (?:to be in pain|the pain|to hurt|to suffer|this pain)\b",
            r"\bmy (?:wrists?|arms?|thighs?|legs?) (?:are|is) (?:a mess|covered in cuts|cut up|scarred)\b|\bcovered in cuts\b",
            r"\bcut(?:ting)? my (?:legs?|hands?|body|stomach|hips?|wrists?|arms?|thighs?)\b|\bstarv\w* myself\b",
            r"\b(?:knife|blade|razor|scissors)\b(?:\s+\S+){0,3}? on my (?:arm|arms|leg|legs|wrist|wrists|skin|thigh|thighs|hand|body)\b",
            r"\b(?:scratch\w*|carv\w*|cut)\b(?:\s+\S+){0,5}? into my (?:arm|arms|skin|leg|legs|wrist|thigh)\b",
            r"\bto punish (?:myself|me|it|my body)\b|\bas (?:a )?punishment\b|\bi want (?:it|myself) to hurt\b",
            r"\bpull\w* my hair out in clumps\b|\bwant to sh\b",
            r"\bcutting myself\b(?! (?:a |some |off|free|short|slack|loose|shaving|on|by accident|accidentally|while))",
            r"\b(?:slash\w*|slit\w*|slic\w*|carv\w*) (?:my |both )?(?:wrists?|arms?|thighs?|skin|legs?)\b",
            r"\b(?:hurting|cutting|burning|scratching|bruising|hitting|punching) (?:my )?(?:arms?|wrists?|legs?|thighs?|skin|face|stomach|body|head) again\b",
            r"\b(?:deliberately|purposely|intentionally|on purpose) (?:cut|cutting|burn\w*|hit\w*|punch\w*|scratch\w*|bang\w*|stab\w*|scald\w*|harm\w*|hurt\w*|bruis\w*) (?:myself|my)\b|\b(?:deliberately|purposely|intentionally|on purpose) (?:put|held|pressed) my (?:hand|arm|fingers?|wrist|skin|leg)\b",
            r"\bstab\w* (?:myself|my (?:leg|legs|arm|arms|thigh|thighs|hand|hands|skin|wrist|wrists))\b|\bsh ' (?:d|ing)\b|\bsh(?:ed|d) again\b",
            r"\b(?:took|take|taken|taking|put|used|use) (?:a |the |my )?(?:razor|blade|knife|lighter|scissors|compass) to my\b|\b(?:doing|do|did) harm to (?:my (?:body|self|arms?|legs?|skin)|myself)\b",
            r"\b(?:held|hold|holding|pressed|press|put|putting|slam\w*|trap\w*)\b (?:my )?(?:hands?|palms?|arms?|fingers?|wrists?|skin|legs?)\b(?:\s+\S+){0,6}? (?:on purpose|deliberately|(?:just )?to feel (?:something|anything|(?:a )?different (?:kind of )?pain))\b",
            r"\b(?:slam|slamming|slammed|smash\w*|bang\w*|throw\w*|hit\w*) my (?:back|head|body|fists?|hands?)\b(?:\s+\S+){0,5}? (?:on purpose|deliberately|over and over)\b",
            r"\b(?:did it|done it|went) again\W+(?:deeper|worse|more) this time\b|\bdeeper this time\b",
            r"\b(?:blades?|razors?|razor blades?)\b(?:\s+\S+){0,6}? just in case\b",
            r"\b(?:the )?urges? (?:to (?:cut|harm|hurt)\w* (?:myself )?)?(?:are|is|have|has|came|come|coming) (?:come )?back\b",
            r"\b(?:cut|burn|punch|hit|scratch|bruise|hurt|bang|slap|pinch|bite)s? my own (?:arms?|wrists?|legs?|thighs?|skin|body|stomach|belly|chest|hands?|face|head)\b",
            r"\b(?:she|he|they)\b(?:\s+\S+){0,3}? (?:going to|will|wants to|want to|threatening to) (?:hurt|harm|kill|cut) (?:herself|himself|themselves)\b",
            r"\b(?:do not want to|would not want to|not going to) (?:hurt|harm|cut|kill) myself\b(?:\s+\S+){0,2}? but\b(?:\s+\S+){0,3}? (?:keep|cannot stop|can not stop|always) thinking\b",
        ),
        deniable=True,
    ),
    CrisisSign(
        CrisisKind.OVERDOSE,
        _compile(
            # "overdosed on Netflix" is a figure of speech; "overdosed on my tablets" is not.
            r"(?<!\bnot going to )(?<!\bnot )(?<!\bnever )(?<!\bwould not )(?<!\bwill not )(?<!\baccidentally )(?<!\baccidental )\boverdose\w*(?! on (?:netflix|tv|telly|box ?sets?|series|youtube|tiktok|social media|chocolate|sugar|sweets|caffeine|coffee|tea|sun|sunshine|love|cake|pizza|carbs|crisps|true crime|podcasts?|reality tv|gaming|video games|nostalgia|cuteness)\b)",
            rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downed|neck|necked|double up|doubling up) (?:all|every one|the rest|the whole lot|a load|loads|lots|a lot|a handful|handfuls|a bunch|too many|a whole (?:box|bottle|packet|pack)|the whole (?:box|bottle|packet|pack)) (?:of )?{PILLS}\b(?! as (?:prescribed|directed)| in the (?:packet|course)| with (?:food|water)| every day| a day| each day)",
            rf"\b{PILLS} all at once\b|\ball {PILLS} at once\b|\bwhole (?:box|bottle|packet|pack|lot) of {PILLS}",
            rf"\b(?:stockpil\w*|saving|saved|hoarding|collecting|stashing|storing|stash of|stockpile of|hoard of|putting aside|put aside|setting aside|set aside|keeping back|kept back)\b(?:\s+(?:up|my|some|the|enough|all))*\s+{PILLS}",
            r"\b(?:lethal|fatal|deadly|killer) (?:dose|amount|number)\b",
            rf"\bhow (?:many|much) {PILLS}\b(?:\s+\S+){{0,5}}? (?:kill|die|fatal|lethal|to not wake up|not wake up|it would take|would it take|does it take|to do it|would do it|make it (?:all )?stop|end it)\b",
            rf"\bhow many {PILLS} would it take\b|\bhow many (?:would it take|does it take)\b",
            rf"\benough {PILLS} to (?:die|kill|not wake up|end it)\b",
            rf"\b(?:swallowed|took|taken|downed|necked|take|taking|swallow)\s+(?:about |around |like |over )?\d{{2,}} (?:\w+ )?{PILLS}",
            # "do it" only with a medicine named: "how many times a day should i do it" is a stretch.
            r"\bhow (?:many|much)\b(?:\s+\S+){0,6}? (?:finish me|do the job|not come back|sleep forever)\b",
            rf"\bhow (?:many|much)\b(?:\s+\S+){{0,3}}? {PILLS}\b(?:\s+\S+){{0,4}}? do it\b",
            rf"\b(?:deadliest|most lethal)\b|{PILLS}\b(?:\s+\S+){{0,12}}? (?:should|will|would) do it\b",
            r"\b(?:hoard\w*|stockpil\w*)\b(?:\s+\S+){0,6}? i know what (?:it is|they are) for\b|\bi know what (?:it is|they are) for\b",
            rf"{PILLS}\b(?:\s+\S+){{0,4}}? from (?:\w+ )?(?:different|several|multiple|\d+) (?:different )?(?:shops|pharmacies|chemists|stores)\b",
            r"\b(?:going to|want to|will|might|about to|plan to|planning to|thinking of|thinking about) od\b|\b(?:planning|plan|planned|thinking about|thinking of) (?:an |a |my )?od\b",
            r"\b(?:stopped|not|stop) taking my (?:\w+ )?(?:painkillers|pills|tablets|meds|medication)\b(?:\s+\S+){0,6}? (?:build up|save up|stash|stockpile|collect)\b",
            rf"\b(?:bag|box|bottle|pile) of {PILLS}\b(?:\s+\S+){{0,6}}? (?:picked out|ready|tonight)\b",
            r"\b(?:take|taking|took|swallow\w*|neck|necking|down|downing) (?:the whole|a whole|every|all the) (?:box|packet|pack|bottle|lot|strip|supply|tub)\b(?! of (?:the )?antibiotics)",
            rf"\b\d+ (?:\w+ )?{PILLS}\b(?:\s+\S+){{0,2}}? (?:do it|do the job|be enough|kill (?:me|you)|finish me)\b",
            rf"{PILLS}\b(?:\s+\S+){{0,3}}? (?:is|are|would be|be) (?:fatal|lethal|deadly|enough to (?:die|kill))\b|\bbefore (?:it|they|that) (?:kills?|would kill|will kill) (?:you|me)\b",
            rf"\b(?:downed|necked|drank|drunk|had) (?:a |the |half a |a whole |most of a )?(?:bottle|litre|load) of \w+ (?:and|with|plus) (?:all |some |a load of |loads of |a handful of )?{PILLS}",
            r"\b(?:take|taking|took|swallow\w*|neck\w*|down|downing)\b(?:\s+\S+){0,1}? (?:the whole lot|everything|the lot|them all|all of them) (?:at once|in one go|together)\b",
            rf"\b(?:swallowed|took|taken|downed|necked|swallow|take|taking) (?:a load|loads|a lot|lots|a handful|handfuls|all|the rest|too many|a bunch|the whole lot) of (?:\w+ ){{0,3}}?{_MEDICINE}\b",
            rf"{PILLS}\b(?:\s+\S+){{0,3}}? (?:lined up|laid out|counted out)\b",
            rf"{PILLS}\b(?:\s+\S+){{0,8}}? (?:go|die|slip away|drift off) (?:peacefully|quietly|painlessly)\b",
            r"\b(?:dose|dangerous|lethal|overdose)\b(?:\s+\S+){0,8}? (?:i would be|i will be|i am|i would honestly be) (?:glad|happy|relieved) if\b",
            r"\b(?:taken|took|take|swallowed)\b(?:\s+\S+){0,6}? (?:than i should|too many|extra|double)\b(?:\s+\S+){0,3}? (?:on purpose|deliberately)\b",
            rf"\b(?:wash|washed|washing|wash(?:ed)? down) (?:down )?(?:\w+ ){{0,2}}?{_MEDICINE}\b(?:\s+\S+){{0,2}}? (?:down )?with (?:a |the |half a )?(?:bottle|whole bottle|litre|load|vodka|whisky|gin|wine)\b",
            r"\b(?:do not|does not) care if (?:it is|its|it ' s) (?:too much|too many|lethal|fatal|dangerous|an overdose)\b",
            # "OD'd", "ODed"; "odd" is a word of its own ("my back feels odd").
            r"\bod ' ?d\b|\boded\b",
            rf"\b(?:take|taking|took|swallow\w*)\b(?:\s+\S+){{0,2}}? (?:every|all the|all of the|each) (?:\w+ )?(?:{_MEDICINE}|pill|tablet)s?\b(?:\s+\S+){{0,3}}? (?:in the (?:cupboard|house|drawer|cabinet)|i have|i can find|and sleep)\b",
            rf"\b(?:taking|take|took) the lot\b|\ball (?:of )?my {_MEDICINE}\b(?:\s+\S+){{0,2}}? (?:tonight|at once|in one go)\b",
            r"\benough (?:\w+ )?to (?:never|not) wake up\b|\b(?:finish|kill|end) a person\b",
            r"\b(?:doubled|tripled) my (?:dose|tablets|pills|meds)\b(?:\s+\S+){0,3}? (?:on purpose|deliberately)\b",
            r"\bdo not care about (?:side effects|the risks?|what happens)\b(?:\s+\S+){0,6}? (?:do not care about anything|anymore|any more)\b",
            # Supplies kept back for the day, and doses asked after.
            rf"{PILLS}\b(?:\s+\S+){{0,4}}? (?:keeping|saving|kept|saved) (?:it|them) for (?:when i (?:decide|am ready|have had enough)|the day|when the time comes)\b|\bkeeping (?:it|them) for when i (?:decide|am ready)\b",
            rf"\b(?:kept|keeping|kept back|put aside|putting aside|set aside)\b(?:\s+\S+){{0,4}}? {PILLS}\b(?:\s+\S+){{0,6}}? (?:enough (?:now|to do it|to die|to not wake up|to be sure)|for when i (?:decide|am ready|have had enough)|for the day)\b",
            rf"\b(?:boxes|packets|strips|bottles|tubs) of (?:\w+ ){{0,2}}?{_MEDICINE}\b(?:\s+\S+){{0,3}}? (?:saved|stored|stashed|hidden|kept) (?:up|away|back)\b|\b(?:boxes|packets|strips)\b(?:\s+\S+){{0,2}}? (?:saved|stashed) up\b|\btake (?:them|these|those|it) all (?:tonight|today|at once|in one go)\b",
            r"\bbefore (?:your|my|the|a) heart stops\b",
            rf"\b(?:took|taken|taking|take)\b(?:\s+\S+){{0,3}}? (?:more|extra|too many|lots|loads|all|double|whole|the whole|a whole)\b(?:\s+\S+){{0,5}}? {PILLS}\b(?:\s+\S+){{0,6}}? on purpose\b",
            r"\bi want (?:it|them) to do (?:real |some |proper )?damage\b",
            r"\b(?:going to|then|about to|want to|will)\s+(?:just\s+)?(?:swallow|neck|down) (?:the lot|them all|all of them|the whole lot)\b",
            r"\bmake it painless\b|\b(?:want|need) to be sure this time\b",
            r"\blooking at (?:my |your |ur |the )?(?:meds|medicine|medication|pills|tablets)(?: cabinet| cupboard| drawer| box)? differently\b",
            r"\b(?:fall asleep|go to sleep|sleep) and (?:that is|thats) it\b",
            # The lot, looked at or taken, "and be done with it"; a supply put by.
            r"\b(?:neck|necking|down|downing|swallow\w*|take|taking)\b (?:the lot|them all|all of them|the whole (?:lot|box|packet|bottle|pack))\b(?:\s+\S+){0,3}? (?:and )?be done\b",
            rf"\b(?:looking|staring) at (?:my |the |all my |these |those )?(?:\w+ )?{_MEDICINE}\b(?:\s+\S+){{0,10}}? (?:neck|swallow|take them all|the lot|be done|end it)\b",
            rf"\b{_MEDICINE}\b(?:\s+\S+){{0,2}}? (?:stashed|stockpiled|hoarded)\b|\b(?:stash\w*|stockpil\w*|hoard\w*) (?:of )?(?:\S+ ){{0,6}}?{_MEDICINE}\b",
            rf"\bhow (?:many|much)\b(?:\s+\S+){{0,6}}? {_MEDICINE}\b(?:\s+\S+){{0,2}}? (?:would it take|does it take|would do it|to kill)\b",
        ),
        deniable=False,
    ),
)

_HIGHEST_DOSE = re.compile(
    r"\b(?:max\w*|most|highest|largest|biggest|top) (?:dose|amount|number|i can take|you can take)\b"
    r"|\bmost \w+ i (?:can|could) take\b|\btoo (?:much|many)\b"
    r"|\bhow (?:many|much) (?:\w+ ){0,3}(?:can|could) i (?:take|have)\b(?:\s+\w+){0,3}? (?:at once|in one go|before)"
)
_DISTRESS = re.compile(
    r"\b(?:desperate|cannot cope|cannot take (?:it|this|any ?more)|had enough|hopeless|give up|giving up|"
    r"at the end of my rope|at my wits end|no point|do not care (?:anymore|what happens)|nothing left|"
    r"sick of (?:it all|living|life)|make (?:it|this) (?:all )?stop|make it end|just want (?:it|this) to stop|"
    r"want (?:it|this) (?:all )?to (?:stop|end) for good|for good|done with (?:everything|it all|life)|so done|"
    r"ask\w* (?:for|4) a reason|not for the pain)\b"
)


@dataclass(frozen=True)
class CrisisFinding:
    kind: CrisisKind
    matched: str


def _crisis_text(text: str) -> str:
    return substitute(normalise(text), _CRISIS_SPELLINGS)


# Russian, Polish with its diacritics, Japanese and Arabic script: "не хочу больше жить",
# "nie chce mi się już żyć", "死にたい".
_IN_OTHER_SCRIPTS = re.compile(
    r"не хочу (?:больше )?жить|хочу умереть|покончить с собой|nie chce mi si[ęe] (?:już |juz )?(?:żyć|zyc)|"
    r"nie chc[ęe] (?:już |juz )?(?:żyć|zyc)|chc[ęe] umrze[ćc]|[öo]lmek istiyorum|ya[şs]amak istemiyorum|"
    r"n[ãa]o quero (?:mais )?viver|n[ãa]o aguento mais viver|non voglio (?:più |piu )?vivere|死にたい|消えたい|أريد أن أموت"
)


def find_crisis(text: str) -> list[CrisisFinding]:
    """The crisis signs affirmed in ``text``, one per kind; someone else's crisis counts too."""
    normalised = _crisis_text(text)
    # Patterns run on the whole text, so that "go to sleep and never wake up" is not cut at "and";
    # a denial is looked for only in the clause of the match.
    message_clauses = clauses(normalised)
    found: dict[CrisisKind, CrisisFinding] = {}
    for sign in CRISIS_SIGNS:
        for pattern in sign.patterns:
            match = next(
                (
                    m
                    for m in pattern.finditer(normalised)
                    if not _denied(sign, message_clauses, m) and not _reported(message_clauses, m)
                ),
                None,
            )
            if match:
                found[sign.kind] = CrisisFinding(sign.kind, match.group(0))
                break
    if CrisisKind.SUICIDAL not in found and (raw := _IN_OTHER_SCRIPTS.search(text.lower())):
        found[CrisisKind.SUICIDAL] = CrisisFinding(CrisisKind.SUICIDAL, raw.group(0))
    if CrisisKind.OVERDOSE not in found and _HIGHEST_DOSE.search(normalised) and _DISTRESS.search(normalised):
        found[CrisisKind.OVERDOSE] = CrisisFinding(CrisisKind.OVERDOSE, "the highest dose, asked in distress")
    return list(found.values())


# Only "not" / "never" / "no" right before a crisis phrase deny it ("I'm not suicidal", "I would
# never kill myself"); "no one would care if I died" and "not fine, I'm suicidal" do not.
_DENIALS = frozenset({"not", "never", "no"})
DENIAL_WORDS = 2


# "no thoughts of suicide", "never had any thoughts of ending my life", "I'm not saying I want to
# die": the denial stands a few words back, before what it denies.
_DENIED_BEFORE = re.compile(
    r"\b(?:no|not|never|without|nor)\b(?:\s+\S+){0,2}? (?:thoughts?|thinking|plans?|intentions?|urges?|ideas?)"
    r"(?: at all)? (?:of|about|to|on)\s*$|\bnot (?:saying|that) i\s*$"
)
# "I used to self harm as a teenager": the past, unless it is back ("again", "relapsed").
_USED_TO = re.compile(r"\bused to\s*$")
_BACK_AGAIN = re.compile(r"\b(?:again|relaps\w*|started|back to|still|now|lately|recently|tonight|today)\b")


# "cut my hand chopping onions", "burnt my arm on the oven": an accident, unless said to be on purpose.
_ACCIDENT = re.compile(
    r"\b(?:chopping|cooking|slicing|peeling|shaving|by accident|accidentally|opening (?:a|the)|knife slipped|"
    r"gardening|in the kitchen|on (?:a|the|some) (?:glass|tin|can|knife|nail|fence|wire|saw|oven|iron|kettle|stove|pan|grill|barbecue|bbq)|"
    r"with (?:a|the) (?:bread knife|kitchen knife|stanley knife|saw|chisel|secateurs)|at work|doing (?:the )?(?:diy|dishes|washing up))\b"
)
_ON_PURPOSE = re.compile(r"\b(?:on purpose|deliberately|purposely|intentionally|to feel|to cope|to punish)\b")


def _denied(sign: CrisisSign, message_clauses: list[Clause], match: re.Match[str]) -> bool:
    if not sign.deniable:
        return False
    for clause in message_clauses:
        if clause.start <= match.start() < clause.start + len(clause.text):
            if sign.kind is CrisisKind.SELF_HARM and _ACCIDENT.search(clause.text) and not _ON_PURPOSE.search(clause.text):
                return True
            text_before = clause.text[: match.start() - clause.start]
            if _DENIED_BEFORE.search(text_before):
                return True
            if _USED_TO.search(text_before) and not _BACK_AGAIN.search(match.string):
                return True
            before = text_before.split()
            window = before[-DENIAL_WORDS - 1 :]  # "i would never": the subject, a verb, the denial
            return any(word in _DENIALS for word in window[-DENIAL_WORDS:]) and not _no_one(window)
    return False


# "a novel where the main guy wants to die", "an essay on suicide risk", "is it in the article that
# pain raises suicide risk": a story or a study, when the words do not speak of the writer.
_STORY_OR_STUDY = re.compile(
    r"\b(?:novel|book|film|movie|tv show|series|episode|documentary|character|essay|module|lecture|assignment|"
    r"dissertation|coursework|podcast|in the article|the article say\w*|statistic\w*|research|study|studies)\b"
)
_WRITER = frozenset({"i", "me", "my", "myself", "mine"})
# "as a nurse I once looked after a lad who overdosed", "my mate self harmed at uni years ago": someone
# else's crisis, long past.
_SOMEONE_ELSES_PAST = re.compile(
    r"^(?=.*\b(?:who|he|she|they|his|her|lad|guy|patient|mate|friend|dad|mum|brother|sister|uncle|aunt\w*|nan|grandad|cousin)\b)"
    r"(?=.*\b(?:years ago|in the \d0s|back in|at uni|at school|as (?:a )?(?:kid|teen\w*)|when (?:we|he|she|they) (?:was|were)|"
    r"once looked after|survived)\b)"
)


def _reported(message_clauses: list[Clause], match: re.Match[str]) -> bool:
    for clause in message_clauses:
        if clause.start <= match.start() < clause.start + len(clause.text):
            # "my" just before is someone's ("my mate self harmed"); "i" or "me" is the writer.
            before = set(clause.text[: match.start() - clause.start].split()[-3:]) - {"my"}
            if _WRITER & (set(match.group(0).split()) | before):
                return False
            return bool(_STORY_OR_STUDY.search(clause.text) or _SOMEONE_ELSES_PAST.search(clause.text))
    return False


def _no_one(words: list[str]) -> bool:
    return any(a == "no" and b in ("one", "body") for a, b in zip(words, words[1:], strict=False))


def is_crisis(text: str) -> bool:
    return bool(find_crisis(text))


# "I'm not suicidal", "no thoughts of harming myself", "never self harmed", "not going to take too
# many": a denial within three words before what it denies.
_DENIES_CRISIS = re.compile(
    r"(?<!trying )(?<!try )\b(?:not|never|no)\b(?:\s+\S+){0,3}?\s+(?:suicid\w*|die|dying|harm\w*|self-harm\w*|hopeless|"
    r"ending|kill\w*|hurt\w* myself|take too many|thoughts|giving up|give up|overdose\w*)\b"
)
# A medicine question is near the overdose descriptions in meaning; only one that speaks of dying,
# of the whole supply or of not waking is read as a crisis by the semantic bank.
_OVERDOSE_INTENT = re.compile(
    r"\b(?:die|dead|death|kill\w*|end|ending|wake|forever|for good|over|stop|all|whole|enough|lot|too|"
    r"everything|lethal|sure|peaceful|save it up|not for the pain)\b"
)


_PAST_HARM = re.compile(
    r"\bused to (?:self-harm|cut|hurt myself|harm myself|burn myself|overdose|be suicidal|feel suicidal)\b"
)


# Shorter parts are read by the patterns only: "finished" or "i am finished" typed after a
# stretch sits near "I'm done with life" in meaning, and the words alone cannot tell them apart.
MIN_WORDS_IN_MEANING = 4


# Death and killing as figures of speech. In meaning they sit close to a crisis ("my kids will be
# the death of me" scores like "I want to die"), and the patterns already read the real thing.
_DEATH_IDIOM = re.compile(
    r"\b(?:(?:mum|mom|mam|dad|mother|father|wife|husband|nan|gran|gf|bf) would (?:die|kill me)|(?:the )?death of (?:me|her|him|us|you|them)|crawl (?:into|in) a hole and die|death march|(?:killed|killing|kill) (?:himself|herself|themselves|myself|me|us) laughing|(?:an )?early grave|(?:bored|scared|worried|frozen|tickled) to death|"
    r"bor\w* (?:me |us )?to death|"
    r"over my dead body|dead on my feet|could murder (?:a|an|some)\b|(?:i am|im) so dead\b|"
    r"will not be around (?:next|this|for|on|until|till|tomorrow|tonight)\b|"
    r"dying to (?:know|see|try|hear|meet|get|go|ask|tell)\b|"
    r"(?:kill|die|murder) for (?:a|an|some) (?:\w+ )?(?:coffee|tea|cuppa|pint|beer|drink|massage|nap|lie-in|holiday|break|"
    r"sandwich|pizza|biscuit|chocolate|bath|decent night|good night|night ' s sleep|proper sleep)\b|"
    r"so (?:bored|hungry|tired|embarrassed|happy) (?:that )?i could (?:just )?die\b|"
    r"could (?:just )?die (?:of|from) (?:embarrassment|boredom|shame|laughing|happiness))"
)


def _readable(unit: str) -> bool:
    """A part of a message that neither denies a crisis, puts a past one behind the writer, nor
    speaks of death as a figure of speech."""
    normalised = _crisis_text(unit)
    if len(normalised.split()) < MIN_WORDS_IN_MEANING:
        return False
    if _DENIES_CRISIS.search(normalised) or _DEATH_IDIOM.search(normalised):
        return False
    return not (_PAST_HARM.search(normalised) and not _BACK_AGAIN.search(normalised))


@dataclass(frozen=True)
class MeaningReading:
    """What meaning makes of a message: the crisis kind when it is clear, and the classifier's
    highest probability over the readable parts, for a gentler check-in when it is not."""

    kind: str | None
    probability: float


def read_meaning(
    text: str, bank: SemanticBank, classifier: CrisisClassifier | None = None, *, near_descriptions: bool = True
) -> MeaningReading:
    """A crisis read from meaning in the parts of ``text`` that deny nothing.

    A part is a crisis when it is close to one of ``bank``'s descriptions (unless
    ``near_descriptions`` is off) or, failing that, when ``classifier`` reads it as one at its
    threshold; its kind is then that of the nearest description. The patterns read denials
    precisely ("I'm not suicidal" is not a crisis, "no one would care if I died" is); meaning
    cannot, so the parts that deny anything are skipped.
    """
    units, embedded = bank.embed(text)
    scored = bank.scores(text, (units, embedded))
    match = bank.match(text, readable=_readable, scored=scored) if near_descriptions else None
    if match is not None and _intends(match.label, match.unit):
        return MeaningReading(match.label, 1.0)
    if classifier is None:
        return MeaningReading(None, 0.0)
    probabilities = classifier.probabilities(embedded)
    highest = 0.0
    for index in np.argsort(-probabilities):
        unit, nearest = scored[index][0], scored[index][3]
        label = bank.label_of(nearest)
        if not (_readable(unit) and _intends(label, unit)):
            continue
        if probabilities[index] >= classifier.threshold:
            return MeaningReading(label, float(probabilities[index]))
        highest = max(highest, float(probabilities[index]))
    return MeaningReading(None, highest)


def crisis_in_meaning(text: str, bank: SemanticBank, classifier: CrisisClassifier | None = None) -> str | None:
    """The crisis kind :func:`read_meaning` finds in ``text``, if it is clear."""
    return read_meaning(text, bank, classifier).kind


def _intends(label: str, unit: str) -> bool:
    """A medicine question reads as an overdose only when it speaks of dying, the whole supply or not waking."""
    return label != CrisisKind.OVERDOSE.value or bool(_OVERDOSE_INTENT.search(_crisis_text(unit)))
