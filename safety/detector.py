"""Find signs in a message, with simple negation ("no numbness", "I didn't fall").

A sign counts when the writer reports it of themselves now. The same structures hold at every
level: a denial, another person ("my dad can't feel his legs"), a question about a sign ("what if
I get numbness down there?") and a sign that has cleared ("sciatica years ago, gone now") do not
escalate (README, Safety). A report followed by a question ("I can't wee, is that serious?") is
still a report: the question is its own clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from safety.levels import Level
from safety.semantic import red_flag_bank
from safety.signs import (
    BENIGN_CAUSE,
    BLADDER_WORDS,
    FALL,
    FRAGILE_BONE_INJURY,
    LEG_PARTS,
    NERVE,
    SADDLE_AREA,
    SEX_CONTEXT,
    SIGNS,
    Sign,
)
from safety.text import (
    NEGATION_CUES,
    NEGATION_WINDOW,
    OTHER_PERSON_CUES,
    THIRD_PERSON,
    SignClause,
    expand_abbreviations,
    normalise,
    sign_clauses,
    speaker,
    substitute,
)


@dataclass(frozen=True)
class Finding:
    sign: Sign
    negated: bool
    matched: str

    @property
    def level(self) -> Level:
        return self.sign.level


# Chat spellings the sign patterns read in full: "pins n needles", "down me leg", "cant".
_RESPELLINGS = (
    (re.compile(r"\bpins (?:n|an|&|\+) needles\b", re.I), "pins and needles"),
    (
        re.compile(
            r"\bme (?=(?:left |right |lower |low )?(?:legs?|foot|feet|back|bum|arse|bladder|bowels?|knees?|calf|calves|thighs?|privates|bits)\b)",
            re.I,
        ),
        "my ",
    ),
    (re.compile(r"\b(?:cnt|carnt|cannae|canna)\b", re.I), "cannot"),
    # Nigerian Pidgin "no fit" (cannot): "I no fit feel my legs".
    (re.compile(r"\b(?:no|no go) fit\b(?= \w)", re.I), "cannot"),
    # Scots: "ma legs baith feel deid" (my legs both feel dead); "ma" only before a body part.
    (re.compile(r"\bbaith\b", re.I), "both"),
    # "I can't, you know, get it up": the filler would split the clause.
    (re.compile(r"\s*,\s*you know\s*,\s*", re.I), " "),
    (re.compile(r"\bdeid\b", re.I), "dead"),
    (re.compile(r"\bnae\b", re.I), "no"),
    (re.compile(r"\bfeelin\b", re.I), "feeling"),
    (re.compile(r"\bcomin\b", re.I), "coming"),
    (re.compile(r"\broon\b", re.I), "round"),
    (re.compile(r"\b(?:meself|mesel|masel)\b", re.I), "myself"),
    (re.compile(r"\b(?:summat|summink|summit)\b", re.I), "something"),
    # Scots "hiv" is "have" ("hiv been sat on a chopper"), not HIV.
    (re.compile(r"\bhiv (?=been|got|had|tae|to|nae|no)\b", re.I), "have "),
    # Voice-to-text spells out its punctuation: "... all week full stop what does that mean question mark".
    (re.compile(r"\s+full stop\b", re.I), "."),
    (re.compile(r"\s+question mark\b", re.I), "?"),
    (re.compile(r"\s+exclamation mark\b", re.I), "!"),
    (re.compile(r"\s+comma\b", re.I), ","),
    (re.compile(r"\bbahookie\b", re.I), "bum"),
    (
        re.compile(
            r"\bma (?=(?:left |right |lower |low )?(?:legs?|foot|feet|back|bum|arse|bladder|bowels?|knees?|calf|calves|thighs?|privates|bits)\b)",
            re.I,
        ),
        "my ",
    ),
)


# Typed for someone who is there ("grandson typing: she's wet herself twice"): their signs are
# read as if they wrote them.
_THIRD_TO_FIRST = (
    (re.compile(r"\b(?:she|he) is\b"), "i am"),
    (re.compile(r"\b(?:she|he) has\b"), "i have"),
    (re.compile(r"\b(?:she|he) was\b"), "i was"),
    (re.compile(r"\b(?:herself|himself)\b"), "myself"),
    (re.compile(r"\b(?:she|he)\b"), "i"),
    (re.compile(r"\b(?:her|his)\b"), "my"),
    (re.compile(r"\bhim\b"), "me"),
)


def respell(text: str) -> str:
    """``text`` with dialect and shorthand spelt as the sign patterns read them."""
    return substitute(text, _RESPELLINGS)


def find_signs(text: str, signs: Sequence[Sign] = SIGNS) -> list[Finding]:
    """Every sign mentioned in ``text``; a sign both denied and affirmed counts as affirmed."""
    normalised = normalise(expand_abbreviations(respell(text)))
    typed_for = bool(_TYPED_FOR.search(normalised))
    if typed_for:
        normalised = substitute(normalised, _THIRD_TO_FIRST)
    reading = _Reading(
        sign_clauses(normalised), "other" if _PROXY.search(normalised) and not typed_for else "self"
    )
    by_key: dict[str, Finding] = {}
    for index, clause in enumerate(reading.units):
        state = reading.state(index)
        for sign in signs:
            if _not_now(sign, state):
                continue
            for match in _matches(sign, reading, index):
                negated, who = _qualifiers(clause, match.start(), reading.subjects[index])
                if who == "other" and not typed_for:
                    continue
                finding = Finding(sign, negated, match.group(0))
                previous = by_key.get(sign.key)
                if previous is None or (previous.negated and not negated):
                    by_key[sign.key] = finding
    findings = list(by_key.values())
    return findings + _injury_with_fragile_bones(findings)


@dataclass(frozen=True)
class _ClauseState:
    """What a clause and its sentence say about time, questions and causes, for every sign."""

    asked: bool
    dated: bool  # past or resolved, with nothing bringing it into the present
    around: str  # the clause's sentence


class _Reading:
    """A message's clauses grouped by sentence, with each clause's subject; read once per message."""

    def __init__(self, units: list[SignClause], default: str) -> None:
        self.units = units
        self.sentences: dict[int, list[int]] = {}
        for index, unit in enumerate(units):
            self.sentences.setdefault(unit.sentence, []).append(index)
        # The subject a clause inherits from the clauses before it in its sentence.
        self.subjects: list[str] = []
        for index, unit in enumerate(units):
            earlier = [units[i].text for i in self.sentences[unit.sentence] if i < index]
            self.subjects.append(speaker(" ".join(earlier[-3:]).split(), default))
        self._contexts: dict[tuple[int, int], bool] = {}

    def state(self, index: int) -> _ClauseState:
        clause = self.units[index]
        sentence = [self.units[i] for i in self.sentences[clause.sentence]]
        following = [self.units[i] for i in self.sentences.get(clause.sentence + 1, [])]
        resolved = any(_RESOLVED.search(u.text) for u in (*sentence, *following))
        current = bool(_CURRENT.search(clause.text))
        past = bool(_PAST.search(clause.text)) and not _RECENT.search(clause.text)
        # "fell off my bike as a kid and hurt my back, 30 years ago": a distant time may stand in
        # another clause of the sentence, when nothing in the clause brings it nearer.
        past = past or (
            any(_DISTANT_PAST.search(u.text) for u in sentence) and not _RECENT.search(clause.text)
        )
        dated = not current and (past or resolved)
        return _ClauseState(
            _asked(clause, sole=len(sentence) == 1), dated, " ".join(u.text for u in sentence)
        )

    def affirmed_in_sentence(self, context: re.Pattern[str], sentence: int) -> bool:
        """Whether ``context`` is said, not denied, of the writer in ``sentence``."""
        key = (id(context), sentence)
        if key not in self._contexts:
            self._contexts[key] = any(
                _affirmed_context(context, self.units[i], self.subjects[i]) for i in self.sentences[sentence]
            )
        return self._contexts[key]


def _matches(sign: Sign, reading: _Reading, index: int) -> list[re.Match[str]]:
    """The sign's matches in a clause: its patterns, and its triggers whose context is nearby.

    A trigger such as "can't feel a thing" is a sign only with its context ("sex", "down there")
    affirmed, of the writer, somewhere in the same sentence.
    """
    clause = reading.units[index]
    found = [m for pattern in sign.patterns for m in pattern.finditer(clause.text)]
    for trigger, *contexts in sign.paired:
        hits = list(trigger.finditer(clause.text))
        if hits and all(reading.affirmed_in_sentence(c, clause.sentence) for c in contexts):
            found.extend(hits)
    return found


def _affirmed_context(context: re.Pattern[str], unit: SignClause, subject: str) -> bool:
    for match in context.finditer(unit.text):
        negated, who = _qualifiers(unit, match.start(), subject)
        if not negated and who == "self":
            return True
    return False


def _qualifiers(clause: SignClause, offset: int, subject: str) -> tuple[bool, str]:
    """Whether the words just before a match deny it, and whom they speak of.

    Another person before the sign yields to the writer named just after it: "my husband found a
    wet patch on my side of the bed" is the writer's; "my dad fell and hurt his back" is not.
    """
    before = clause.text[max(0, offset - 200) : offset].split()
    window = before[-NEGATION_WINDOW:]
    # "no accident or injury", "no numbness, tingling or weakness": a denial covers its list.
    if "or" in window or "nor" in window:
        window = before[-2 * NEGATION_WINDOW :]
    # A denial does not reach past "when" or "since": "I don't respond when she touches me".
    cut = max((i for i, word in enumerate(window) if word in _SUBORDINATORS), default=-1)
    negated = any(word in _NEGATORS for word in window[cut + 1 :])
    who = speaker(before, subject)
    if who == "other":
        after = clause.text[offset:].split()
        first = next(
            (w for w in after if w in FIRST_PERSON or w in THIRD_PERSON or w in OTHER_PERSON_CUES), None
        )
        if first in FIRST_PERSON:
            who = "self"
    return negated, who


# "I nearly fell off my chair laughing": what nearly happened did not.
_NEGATORS = NEGATION_CUES | {"nearly", "almost"}
_SUBORDINATORS = frozenset(
    {"when", "whenever", "while", "if", "since", "after", "before", "because", "until"}
)
# A message sent for someone else: "asking for my mum", "on behalf of my husband".
_PROXY = re.compile(
    r"\b(?:asking|enquiring|askin|writing|messaging) (?:for|about|on behalf of) (?:my|a) \w+|\bon behalf of\b|\bfor a friend\b"
)

# Typed for the person it is about, who is there and asked for it: "my mum asked me to type this",
# "typing this for my dad, he can't use the phone". That person's signs are the conversation's
# ("asking for my dad", "for a friend" stay someone else's).
_TYPED_FOR = re.compile(
    r"\b(?:asked|told|wants|wanted|got) me to (?:type|write|message|text|send|fill)\b|"
    r"\b(?:typing|writing|texting|messaging) (?:this |these )?(?:for|on behalf of) (?:my|her|him|them)\b|"
    r"\bon (?:his|her|their) behalf\b|\b(?:grandson|granddaughter|son|daughter|nephew|niece) here (?:again )?for\b|"
    r"\b(?:show|teach|give|find|get) (?:her|him) (?:a |the |some )?(?:\w+ )?(?:stretch\w*|exercises?)\b|"
    r"\b(?:stretch\w*|exercises?)\b(?:\s+\S+){0,3}? help (?:him|her)\b|\b(?:she|he) (?:is|' s) here\s*(?:$|[,.!;)])|\b(?:she|he) (?:cannot|can not|could not) (?:type|use (?:the|a|her|his) (?:phone|computer|tablet))\b|"
    # "grandson typing", "(I'm typing)", "typing for nan", "she wants stretches": the person is there.
    r"\b(?:grandson|granddaughter|son|daughter|husband|wife|i am|im) typing\b|\b(?:she|he) (?:wants|would like|asked) to (?:try|do) (?:your |the |some )?(?:stretch\w*|exercises?)\b|\btyping for (?:my )?(?:nan|nana|nanna|gran|granny|grandma|grandad|grandpa|mum|mam|mom|dad|wife|husband)\b|"
    r"\b(?:she|he) (?:wants|would like|needs|asked for) (?:some |a )?(?:stretch\w*|exercises?|something (?:she|he) can do)\b|\bwhat stretch\w* (?:can|could|should) (?:she|he) do\b|"
    r"\b(?:stretch\w*|exercises?|something) (?:she|he) (?:can|could|should|might) do\b|"
    # "my mum's here next to me", "he's sat next to me nodding", "she is here with me".
    r"\b(?:she|he|my (?:mum|mam|mom|dad|nan|gran|grandma|grandad|husband|wife|partner|son|daughter|brother|sister|uncle|aunt\w*)) "
    r"(?:is|' s) (?:here |sat |sitting |right )?(?:next to|beside|with) me\b"
)

# "What if I get numbness down there?", "is tingling in both legs serious?": a question about a
# sign, not a report of one.
_HYPOTHETICAL = re.compile(
    r"\b(?:what if|what happens if|what would happen|suppose|supposing|hypothetical\w*|(?:let us|let is|lets) say|"
    r"(?:^say|\blets say|\blet us say) my \w+ (?:started|starts|went|goes|got|gets)\b|(?:^say|\blets say|\blet us say) i (?:started|start|got|get|had|have|was|were|felt|feel|noticed|notice|did|do|fell|fall|hurt|injured)\b|"
    # "I wish a bus would hit me", "wouldn't mind if a car hit me": a wish, not an accident had.
    r"\bwish(?:ed|ing)? (?:a|an|the|some|someone|somebody|something) [\w ]{0,20}?(?:would|could|will|'d)\b|"
    r"\bif (?:a|an|the|some|someone|somebody|something) \w+ (?:hit|hits|ran|runs|knocked|knocks|crashed|crashes) "
    r"(?:me|into me|over me)\b(?! (?:and|yesterday|last|this|on|at|in|when|while))|"
    # "is saddle numbness something I should watch out for?": what to look for, not what is felt.
    r"\b(?:watch|look|keep an eye) out for\b|\bbe on the lookout\b|\bsomething (?:i|you|we) should (?:worry|know|watch|look)|"
    # "could not tell if I had finished": whether, not a supposition.
    r"\bif (?:the pain|it|my \w+|the \w+) ever\b|imagine|in case|(?<!tell )(?<!know )(?<!sure )(?<!check )if i (?:ever|were to|was to|start\w*|get|got|develop\w*|notice\w*|had|have|felt|"
    r"feel|became|become|end up|happen\w* to)|if (?:you|someone|somebody|a person|people|one) (?:has|have|had|gets?|got)|"
    r"should i (?:worry|be worried|be concerned)|would (?:it|that) be|how (?:do|would|can|will) (?:i|you|we) "
    r"(?:know|tell)|when (?:should|do) (?:i|you|we) (?:worry|see|go|call|seek)|warning signs?|red flags?|"
    r"signs? of|symptoms of|what (?:does|would|do|can)\b(?:\s+\w+){0,8}? (?:mean|cause|indicate)|"
    r"does (?:it|that|this) mean|can (?:back pain|a bad back|sciatica|a slipped disc|it|that) (?:cause|lead|make)|"
    r"what (?:causes|is|are) the (?:difference|signs|symptoms)|difference between|read (?:about|that|online|somewhere)|"
    r"heard (?:about|that)|googl\w*|out of curiosity|just (?:wondering|curious)|for future reference|"
    r"what (?:should|do|would) (?:i|you) do (?:if|when)|is it (?:dangerous|safe|ok|okay|bad) to|"
    r"(?:worried|worry|scared|afraid|frightened|nervous|anxious|terrified) (?:about|of) (?:\w+ )?(?:falling|getting|having|"
    r"developing|ending up|losing|breaking|a fall)|when i am older|when i get older|in (?:the )?future|"
    r"if (?:my|i) \w+ (?:go|goes|get|gets|start|starts|become|becomes|turn|turns|stop|stops)|"
    # "if the pain started going into both legs", "would a fever be a reason to stop", "your screen asks about cancer".
    r"if (?:the|my) (?:pain|ache|numbness|tingling|it) (?:started|began|went|spread|moved|got|were to)|"
    r"would (?:a|an) \w+(?: \w+){0,3} be a reason|(?:you|your (?:questions?|screen)|the (?:screen|questions?)) (?:ask|asks|asked|mention\w*) about)\b"
)
# Words a question opens with. A question counts as a report only if it names the writer after
# its own subject ("can I stretch if I can't wee?", "is my numbness serious?"). "What", "how" and
# "why", and "does" or "do" without "not", ask with or without a question mark; "is", "can" and the
# like ask only with one or with their subject ("can I stretch with sciatica"): in chat they also
# open statements without a subject ("is numb all round my bum", "could not feel a thing").
QUESTION_WORDS = frozenset(
    "what which how why when where who is are can could should do does did would will shall any anyone".split()
)
_SUPPOSED = re.compile(
    r"\bif (?:i|my \w+) (?!cannot|can not|am\b|are\b|is\b|have been|keep|still|already|just|really)\w+"
)
_ALWAYS_ASK = frozenset("what which how why does do".split())
# "The article mentions a zinging into the calves, what's that about": a question about the text.
_ABOUT_THE_ARTICLE = re.compile(r"\b(?:the|this|that|your) (?:article|text|blog|post)\b|\baccording to\b")
_OPENERS = frozenset("is are can could should would will".split())
_SUBJECTS = frozenset("i you it this that there we a an the my your".split())
_FILLERS = frozenset("so and but also um erm ok okay hey hi hello just quick question sorry please".split())
FIRST_PERSON = frozenset({"i", "my", "me", "im", "ive", "myself", "mine", "id"})


def _asked(clause: SignClause, sole: bool = False) -> bool:
    """A clause that asks about a sign rather than reports one (``sole``: alone in its sentence)."""
    if _HYPOTHETICAL.search(clause.text):
        return True
    words = [w for w in clause.text.split() if w.isalnum()]
    if _ABOUT_THE_ARTICLE.search(clause.text) and not set(words) & FIRST_PERSON:
        return True
    while words and words[0] in _FILLERS:
        words = words[1:]
    if not words:
        return False
    first, second = words[0], words[1] if len(words) > 1 else ""
    asks = (first in _ALWAYS_ASK and second not in {"not", "no", "never"}) or (
        first in _OPENERS and second in _SUBJECTS
    )
    if first in QUESTION_WORDS and (clause.question or asks):
        # The question's own words and subject ("how do I", "should I", "can you") are not a
        # report; "my" is ("why would my calves zing").
        rest = list(words)
        while rest and rest[0] in QUESTION_WORDS:
            rest = rest[1:]
        if rest and rest[0] in {"i", "you", "it", "this", "that", "there", "we"}:
            rest = rest[1:]
        return not set(rest) & FIRST_PERSON
    # "If I wet myself, should I go to A&E?": an event supposed in a question. A state stays a
    # report ("can I stretch if I can't wee properly?").
    if clause.question and _SUPPOSED.search(clause.text):
        return True
    # "weakness? no, ...": a sign's name asked back, not reported.
    return sole and clause.question and len(words) <= 3 and not set(words) & FIRST_PERSON


# Past time that does not reach the present: "years ago", "as a kid", "back in 1998".
_PAST = re.compile(
    r"\b(?:(?:\d+|a few|few|many|several|some|two|three|four|five|ten|twenty|a couple of|couple of|a|one) "
    r"(?:years|year|decades|decade) (?:ago|back)|years ago|decades ago|(?:as|when i was) (?:a |an )?"
    r"(?:kid|child|teenager|teen|toddler|baby|boy|girl|youngster|student|young|little|younger)|"
    r"(?:ages|long|a long time|donkey ' s years|months|(?:a few|few|several|\d+) months) ago|when i was (?:\d+|in (?:my )?(?:school|college|uni\w*))|"
    r"in (?:19|20)\d\d|back in (?:19|20)\d\d|in my (?:teens|twenties|thirties|forties|fifties|\d0s)|years back|"
    r"(?:\w+ )?(?:winters|summers|winter|summer) ago|last (?:spring|summer|autumn|winter|christmas|easter)|"
    r"back in (?:my|the) (?:\w+ ){0,2}(?:days|day)|back in (?:january|february|march|april|may|june|july|august|september|october|november|december)|used to|once last year|old injur\w*|last year|in the past|at school|"
    r"when i was pregnant|when pregnant|during (?:my )?pregnancy)\b"
)
# Times far enough back to date every clause of their sentence; "used to" and "last year" date
# only their own ("catching my toes, never used to do that" is new).
_DISTANT_PAST = re.compile(
    r"\b(?:(?:\d+|a few|few|many|several|some|two|three|four|five|ten|twenty|a couple of|couple of) "
    r"(?:years|decades) (?:ago|back)|years ago|decades ago|(?:ages|long|a long time) ago|(?:as|when i was) (?:a |an )?"
    r"(?:kid|child|teenager|teen|toddler|baby|boy|girl|youngster|student)|when i was \d+|months ago|"
    r"(?:back )?in (?:19|20)\d\d|in my (?:teens|twenties|thirties|forties|fifties|\d0s))\b"
)
# The sign has ended: "went away", "gone now", "fully healed". These reach the sign's clause from
# anywhere in its sentence or the next one ("had a fever last month, long over now").
_RESOLVED = re.compile(
    r"(?<!not )(?<!never )\b(?:settles? (?:right |straight )?(?:down|away)|went away|goes away|go away|gone (?:now|once|when|after|by|within|in a)|cleared up|clears up|"
    r"(?:sorted|cleared|treated) with (?:antibiotics|tablets|medication|meds)|(?:all )?fine (?:now|since|after|afterwards|ever since|for (?:years|ages|months|decades))|no lasting (?:injur\w*|damage|problems?|effects?|issues?)|(?:all )?sorted (?:now|since|itself|out)|resolved|got better|long gone|"
    r"long over|(?:all )?over now|recovered|(?:fully |completely )?healed|none since|nothing since|never again|"
    r"never since|never came back|not since|stopped (?:after|when|once|by itself|on its own)|disappeared|wore off|"
    r"wears off|passed (?:off|after)|put (?:it |the weight )?(?:all )?back on|no problems? (?:since|now)|"
    r"(?:ok|okay|good|normal) (?:again|now)|back to normal|(?:all|much|loads) better|better now|then (?:it was )?fine|"
    r"fine (?:as soon as|once|when) i (?:stood|got up|moved|stand|get up|move)|cleared (?:it|them)|"
    r"(?:it|that|they) (?:is|are|has|have) (?:all |completely )?gone(?! (?:numb|weak|dead|wrong|worse|down|into|to|floppy|limp|heavy|funny|weird|strange|stiff|tingly|wobbly|useless))\b|"
    r"(?:it|that|they) (?:has |have )?(?:settled|cleared|eased off) (?:now|since|down)|shook it off|shake it off)\b"
)
# Again, still, now: a past or resolved sign brought into the present. "now" counts unless it
# closes a resolution ("gone now", "fine now").
_CURRENT = re.compile(
    r"\b(?:again|still|came back|come back|coming back|returned|this time|currently|at the moment|these days|"
    r"keeps? happening|since\b(?:\s+\S+){0,5}? ago)\b|"
    r"(?<!gone )(?<!fine )(?<!sorted )(?<!over )(?<!okay )(?<!ok )(?<!good )(?<!normal )(?<!better )\bnow\b"
)
# Today, last night: recent, so not "years ago", but a recent sign can still have cleared ("numb
# this morning after I slept on it, fine now").
_RECENT = re.compile(r"\b(?:today|tonight|this morning|last night|yesterday|this week|lately|recently)\b")
# A history of cancer, a weak immune system or fragile bones stays relevant however long ago.
_LASTING = frozenset({"cancer", "weak_immunity", "fragile_bones"})
# A cancer scare that came to nothing is no history of cancer.
_NOT_CANCER = re.compile(
    r"\b(?:i am a cancer(?! survivor| patient| sufferer)|typical cancer|star sign|zodiac|horoscope|scare|benign|false alarm|turned out (?:to be )?(?:nothing|fine|negative|ok|okay|clear)|"
    r"was not cancer|not cancer|negative for)\b"
)
# Weight lost on purpose or for a known reason ("dieting and down 3kg", "after having my baby")
# is not unexplained; "not dieting" keeps it so.
_INTENDED = re.compile(
    r"\b(?:diet\w*|on purpose|trying to lose|deliberately|intentionally|slimming|weight watchers|calories|keto|"
    r"fasting|happy about|pleased|after (?:having )?(?:my |the )?baby|after giving birth|breastfeeding|after (?:my |the )?pregnancy)\b"
)
_UNINTENDED = re.compile(
    r"\b(?:not|no|never|without|have not|had not) (?:(?:been|even|a|any|on|doing) ){0,3}(?:trying|dieting|diet|changed)\b|\bwithout trying\b|"
    r"\b(?:not|without) (?:on purpose|meaning to|intending to|deliberately|intentionally)\b|\bunintention\w*"
)
# Numb or heavy legs explained by a long sit or hard exercise ("legs like jelly after spin class",
# "my arse is numb after a three hour film") are the ordinary effect of posture or effort, not a
# nerve sign, unless they last ("still numb since the drive yesterday"). Clinical reason: the
# cauda equina and radicular signs are new symptoms without such a cause (safety/SOURCES.md).
_EXPLAINABLE = frozenset({"saddle_numbness", "both_legs", "one_leg", "leg_weakness"})
_LASTS = re.compile(
    r"\b(?:still|since|not (?:gone|worn off|come back|gone away)|will not (?:go|wear)|hours later|days|lately|recently|"
    # Pain or tingling that runs into the foot, or keeps one side, is the nerve, whatever set it off.
    r"these days|started (?:last|this|on|a)|every time|all the way down|(?:travel\w*|shoot\w*|radiat\w*|runs|running) down|one leg|into my (?:foot|feet|toes|calf|heel)|(?:leg|side) only|only (?:the|my) (?:left|right))\b"
)


# "fell flat on my face, metaphorically": a sentence that says it is a figure of speech.
_FIGURATIVE = re.compile(
    r"\b(?:metaphorically|figuratively|so to speak|not literally|in a manner of speaking|(?:just )?a figure of speech)\b"
)
# A thing, not the body, losing weight: "my wallet's lost a lot of weight", "bank account is down 2 stone".
_THING_LOSES = re.compile(
    r"\b(?:wallet|purse|bank (?:account|balance)|account|savings|budget|pockets?|piggy bank|suitcase|luggage|"
    r"rucksack|backpack|bag|bike|car|phone|laptop)\b(?:\s+\S+){0,2}? (?:lost|losing|dropped|shed|down|lighter)\b"
)


# "a 5-day course of prednisolone for a chest infection": a short course, not a weakened immune system.
_SHORT_COURSE = re.compile(r"\b(?:\d+[- ]?days?|short|few days?|one week|week ?long|\d+[- ]?week) course\b|\bcourse of\b(?:\s+\S+){0,3}? for (?:a|an|my) (?:chest infection|flare|asthma attack|cough|rash)\b")


# "tripped over the cat but caught myself, didn't fall": nothing hit the back.
_DID_NOT_FALL = re.compile(r"\b(?:did not fall|caught myself|managed not to fall|stayed on my feet|kept my feet)\b")
_HURT_ANYWAY = re.compile(r"\b(?:twist\w*|wrench\w*|pull\w*|strain\w*|jar\w*|jolt\w*|pop\w*|crack\w*|hurt|injur\w*|bang\w*|hit|whack\w*|knock\w*)\b")
# Sweating in a heatwave, shivering at a bus stop: the weather or effort, not a fever.
_WEATHER_OR_EFFORT = re.compile(
    r"\b(?:when i (?:saw|heard|read|opened)|heatwave|heat wave|hot weather|in the heat|in the sun|sauna|at the gym|workout|bus stop|in the cold|"
    r"standing in the cold|freezing (?:office|house|weather)|the cold)\b"
)


def _not_now(sign: Sign, state: _ClauseState) -> bool:
    """Whether a clause asks about the sign, dates it in the past, or explains it away."""
    if state.asked or _FIGURATIVE.search(state.around):
        return True
    if sign.key == "weak_immunity" and _SHORT_COURSE.search(state.around):
        return True
    if sign.key == "fever_unwell" and _WEATHER_OR_EFFORT.search(state.around):
        return True
    if sign.key == "minor_injury" and _DID_NOT_FALL.search(state.around) and not _HURT_ANYWAY.search(state.around):
        return True
    if sign.key == "weight_loss" and _THING_LOSES.search(state.around):
        return True
    if sign.key == "weight_loss" and _INTENDED.search(state.around) and not _UNINTENDED.search(state.around):
        return True
    if sign.key == "cancer" and _NOT_CANCER.search(state.around):
        return True
    if sign.key not in _LASTING and state.dated:
        return True
    return (
        sign.key in _EXPLAINABLE
        and bool(BENIGN_CAUSE.search(state.around))
        and not _LASTS.search(state.around)
    )


def _injury_with_fragile_bones(findings: list[Finding]) -> list[Finding]:
    present = {f.sign.key for f in findings if not f.negated}
    if "fragile_bones" in present and present & {"minor_injury", "major_injury"}:
        return [Finding(FRAGILE_BONE_INJURY, False, "injury with fragile bones")]
    return []


# A sign found by meaning must still name what it is about: the encoder hears "my leg tingles"
# close to "both my legs tingle" and "bumped my back on the car door" close to "a car hit me", and
# no sign may be read into a message that does not mention its subject.
SEMANTIC_WORDS: dict[str, re.Pattern[str]] = {
    "both_legs": re.compile(r"\b(?:both|either|legs|feet|knees|thighs|bilateral|each leg|other leg)\b"),
    "bladder_bowel": re.compile(
        rf"\b{BLADDER_WORDS}|\b(?:wet\w*|soiled|leak\w*|accident|pants|knickers|undies|dribbl\w*|trickl\w*)\b"
    ),
    "saddle_numbness": re.compile(rf"\b{SADDLE_AREA}|\bwip\w*\b"),
    "sexual_dysfunction": re.compile(rf"\b{SEX_CONTEXT}|\berect\w*|\bimpoten\w*"),
    # An event, not a place: "my knee gave way on the stairs" is no fall down them.
    "major_injury": re.compile(
        rf"\b(?:{FALL}|crash\w*|collision|collided|thrown|tackl\w*|scrum|accident|hit|speed|mph|rear[- ]?ended|"
        r"landed|came a cropper|went flying|wreck\w*|run over|knocked)\b"
    ),
    "minor_injury": re.compile(
        rf"\b(?:{FALL}|slip\w*|trip\w*|tackl\w*|bump\w*|bang\w*|knock\w*|pop\w*|pull\w*|strain\w*|twist\w*|"
        r"tweak\w*|jar\w*|injur\w*|did my|put my|threw my|wrench\w*)\b"
    ),
    "fever_unwell": re.compile(
        r"\b(?:fever\w*|temp\w*|hot|cold|sweat\w*|shiver\w*|chill\w*|ill|unwell|sick|poorly|flu\w*|clammy|rough|rigors)\b"
    ),
    "cancer": re.compile(
        r"\b(?:cancer|tumour|chemo\w*|radio\w*|oncolog\w*|remission|malignan\w*|big c|ca|lump|biopsy|mastectomy)\b"
    ),
    "weight_loss": re.compile(
        r"\b(?:weight|thin\w*|kilos?|kg|stone|pounds|lbs|clothes|appetite|size|skinny|belt)\b"
    ),
    # A steroid injection or inhaler is not a weakened immune system.
    "weak_immunity": re.compile(
        r"\b(?:immun\w*|steroids?\b(?! (?:injection|jab|shot|cream|inhaler|spray))|transplant|drugs?|inject(?!ion)\w*|chemo\w*|hiv|needles?|prednisol\w*)\b"
    ),
    "fragile_bone_injury": re.compile(
        rf"^(?=.*\b(?:bones?|osteo\w*|steroid\w*|elderly|old|aged?|\d\d)\b)"
        rf"(?=.*\b(?:{FALL}|slip\w*|trip\w*|injur\w*|knock\w*|bump\w*|bang\w*|landed|crash\w*|accident|broke|broken|crack\w*|"
        r"go|gone|went|gave|cough\w*|sneez\w*|lift\w*|twist\w*|pop\w*|snap\w*|tweak\w*|strain\w*|pull\w*|jar\w*|jolt\w*))",
        re.S,
    ),
    "night_pain": re.compile(
        r"\b(?:night(?! shifts?\b)\w*|sleep\w*|rest\w*|lying|lie|bed|constant\w*|never|wakes?|woke|awake|\d ?am)\b"
    ),
    "worsening_weakness": re.compile(
        r"\b(?:weak\w*|strength|power|giving way|gave way|buckl\w*|drag\w*|foot drop)\b"
    ),
    # A nerve sign, not any pain in a leg ("I have knee pain").
    "one_leg": re.compile(
        rf"\b(?:{LEG_PARTS}|sciatica|nerve)\b.*\b(?:{NERVE}|down|shoot\w*|radiat\w*|travel\w*|spread\w*|runs?|running)\b|"
        rf"\b(?:{NERVE}|shoot\w*|radiat\w*|travel\w*|spread\w*)\b.*\b(?:{LEG_PARTS})\b|\bsciatica\b"
    ),
    "leg_weakness": re.compile(
        r"\b(?:weak\w*|giv\w* way|gave way|buckl\w*|collaps\w*|drag\w*|slap\w*|trip\w*|catch\w*|flop\w*|foot drop|"
        r"limp\w*|cannot (?:lift|stand|raise)|no (?:strength|power))\b"
    ),
    "calf_zing": re.compile(r"\bcal(?:f|ves)\b|\blower legs?\b"),
}
# The patterns read the mechanism or the sides precisely: when they found the milder sign of a
# pair, the matcher's nearness to the graver one ("bumped my back on the car door" near "a car
# hit me") does not overrule them.
_MILDER: dict[str, set[str]] = {
    "major_injury": {"minor_injury"},
    "both_legs": {"one_leg"},
    "worsening_weakness": {"leg_weakness"},
}
# The key under which the NLU detector lists the signs it found in a message.
RED_FLAGS_KEY = "red_flags"
SIGNS_BY_KEY = {sign.key: sign for sign in (*SIGNS, FRAGILE_BONE_INJURY)}


def red_flags(text: str, semantic: bool = False) -> list[Finding]:
    """The signs affirmed in ``text`` that need care before stretching, most serious first.

    With ``semantic``, a sign said in words the patterns do not know is found by its closeness to
    the sign's descriptions (``safety/semantic.py``), in the parts of the message that neither
    deny, ask about, date nor give to someone else what they say: the patterns read those.
    """
    flagged = [f for f in find_signs(text) if not f.negated and f.level >= Level.PRACTITIONER]
    if semantic:
        bank = red_flag_bank()
        scored = bank.scores(text)
        match = bank.match(text, readable=_plainly_affirmed, scored=scored) or bank.match(
            text, readable=_loosely_affirmed, threshold=LOOSE_THRESHOLD, margin=LOOSE_MARGIN, scored=scored
        )
        sign = SIGNS_BY_KEY.get(match.label) if match else None
        required = SEMANTIC_WORDS.get(sign.key) if sign else None
        if required is not None and not required.search(normalise(expand_abbreviations(respell(match.unit)))):
            sign = None
        # "my knee buckled and I nearly fell": what nearly happened did not.
        if sign is not None and sign.key in _INJURIES and _NEAR_MISS.search(normalise(match.unit)):
            sign = None
        if sign is not None and _not_now_anywhere(sign, match.unit):
            sign = None
        # The matcher's units cut sentences at "but": "pins and needles earlier but it went away".
        if sign is not None and sign.key not in _LASTING and _RESOLVED.search(normalise(text)):
            sign = None
        found = {f.sign.key for f in flagged}
        if sign is not None and sign.key not in found and not found & _MILDER.get(sign.key, set()):
            flagged.append(Finding(sign, False, match.unit))
    return sorted(flagged, key=lambda f: -f.level)


_INJURIES = frozenset({"major_injury", "minor_injury", "fragile_bone_injury"})
_NEAR_MISS = re.compile(r"\b(?:nearly|almost|near) (?:fell|fall|falling|slipped|tripped|crashed|came off)\b")


def _not_now_anywhere(sign: Sign, unit: str) -> bool:
    """Whether any clause of ``unit`` asks about ``sign``, dates it or explains it away."""
    reading = _Reading(sign_clauses(normalise(expand_abbreviations(unit))), "self")
    return any(_not_now(sign, reading.state(index)) for index in range(len(reading.units)))


# Negations that state a sign rather than deny one: "I never felt it happen", "no feeling at all",
# "nothing comes out". Any other "no", "not" or "never" in a unit keeps the matcher off it.
_SIGN_NEGATIONS = re.compile(
    r"\b(?:never|not|did not|do not|does not) (?:felt|feel|noticed|notice|realised|realized|knew|know|"
    r"able|getting|get|respond\w*)\b|\bno (?:feeling|sensation|control|idea|warning|urge|power|strength)\b|"
    r"\bnothing (?:comes|came|happens|happened|at all)\b|\bfeel nothing\b|\bfelt nothing\b"
)
# "should I lie down and rest?" asks for advice, whatever follows; the patterns read the rest.
_ADVICE = re.compile(r"\b(?:should|shall|can|could|do) i\b")
# "I can feel the paper fine", "I can pee normally": an ability stated is a denial.
_ABLE = re.compile(
    r"\bi can (?:still |now )?(?:feel|pee|wee|go|walk|stand|move|get|lift|sleep)\b|\b(?:fine|normal|normally|okay|ok|all good)\b"
)


def _plainly_affirmed(unit: str) -> bool:
    """A statement about the writer's own body: no denial, question, past, other person or cause."""
    normalised = normalise(expand_abbreviations(unit))
    words = normalised.split()
    if set(_SIGN_NEGATIONS.sub(" ", normalised).split()) & NEGATION_CUES:
        return False
    if not set(words) & FIRST_PERSON or normalised.endswith("?"):
        return False
    if any(speaker(words[: i + 1], "none") == "other" for i in range(len(words))):
        return False
    if _PROXY.search(normalised) or _ABLE.search(normalised) or _ADVICE.search(normalised):
        return False
    units = sign_clauses(normalised)
    if any(
        _asked(u, sole=len(units) == 1) or _PAST.search(u.text) or _RESOLVED.search(u.text) for u in units
    ):
        return False
    return not BENIGN_CAUSE.search(normalised)


# A unit very close to a sign's descriptions and well clear of every look-alike is read even
# where a word of negation stands that belongs to the sign ("I didn't even feel myself pee",
# "haven't been able to since my back went") or where the writer leaves out "I" ("pins n needles
# down me leg"): only a plain denial, a question, the past, a cause or another person stops it.
LOOSE_THRESHOLD = 0.66
LOOSE_MARGIN = 0.12
_DENIAL = re.compile(
    r"^(?:no|nope|not|never|none|nothing|neither|nor)\b|\b(?:no|not|never|without|nor|neither|none|any)\b(?:\s+\S+){0,2}? "
    r"(?:numb\w*|tingl\w*|pins|weak\w*|pain\w*|problems?|issues?|trouble|fever\w*|temperature|injur\w*|accidents?|"
    r"falls?|fell|crash\w*|cancer|loss|changes?|leak\w*|symptoms?|sciatica|zing\w*|signs?|history|pop\w*|snap\w*|click\w*)\b|"
    r"\b(?:have not|has not|had not|did not|do not|does not|never) (?:had|have|get|got|notice\w*|lost|fallen|fell|wake|woke|keep|"
    r"injured|hurt|experience\w*|been (?!able))\b|"
    r"\b(?:does not|do not|did not|is not|are not|never) (?:go|goes|spread\w*|travel\w*|radiat\w*|affect\w*|reach\w*)\b"
)


def _loosely_affirmed(unit: str) -> bool:
    """A unit that reports something of the writer: no plain denial, question, past, cause or other."""
    normalised = normalise(expand_abbreviations(unit))
    words = normalised.split()
    if _DENIAL.search(normalised) or _PROXY.search(normalised) or _ABLE.search(normalised):
        return False
    if any(speaker(words[: i + 1], "none") == "other" for i in range(len(words))):
        return False
    units = sign_clauses(normalised)
    if not units or _asked(units[0], sole=len(units) == 1):
        return False
    if any(_HYPOTHETICAL.search(u.text) or _PAST.search(u.text) or _RESOLVED.search(u.text) for u in units):
        return False
    return not BENIGN_CAUSE.search(normalised)


# The safety gate reads every message of the session again on each gated turn: a message is read once.
@lru_cache(maxsize=4096)
def red_flag_level(text: str) -> Level | None:
    """The most serious sign affirmed in ``text`` that needs care before stretching, if any."""
    flagged = red_flags(text)
    return flagged[0].level if flagged else None
