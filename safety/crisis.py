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

from safety.text import Clause, clauses, normalise, qualifiers

# The intent that carries a crisis through the dialogue (set by the NLU's RedFlagDetector).
CRISIS_INTENT = "crisis"


class CrisisKind(Enum):
    SUICIDAL = "suicidal"
    SELF_HARM = "self_harm"
    OVERDOSE = "overdose"


# Spellings seen in crisis messages, mapped before matching ("kil my self" -> "kill myself").
_CRISIS_SPELLINGS = (
    (re.compile(r"\bmy ?(?:self|slef|slf|sefl)\b|\bmyselfe\b|\bmeself\b"), "myself"),
    (re.compile(r"\bki+l+(?=\s+myself\b)"), "kill"),
    (re.compile(r"\bs+u+i+c+i*de?\b|\bsuic?ide\b|\bsuiside\b|\bsuicdie\b|\bsucide\b|\bsuicde\b"), "suicide"),
    (re.compile(r"\bsu+i?c+i*d[ae]l+\b|\bsuicidel\b|\bsucidal\b|\bsuicdal\b|\bsuicidle\b|\bsuisidal\b"), "suicidal"),
    (re.compile(r"\bwann?a\b"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bany more\b"), "anymore"),
    (re.compile(r"\bover ?do[sz]e?\w*\b|\bovrdose\b|\boverdoze\b"), "overdose"),
    (re.compile(r"\bd+i+e+\b"), "die"),
)

PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|painkillers?|pain killers?|paracetamol|"
    r"acetaminophen|tylenol|ibuprofen|co-codamol|codeine|tramadol|oxy\w*|morphine|opioids?|"
    r"sleeping pills|antidepressants?|insulin|the lot|the whole (?:box|bottle|packet|pack))"
)
_LIFE = r"(?:live|be alive|be here|exist|wake up|carry on|go on|keep going|be around)"
_ENDING = r"(?:\s+(?:anymore|any longer|like this)\b|\s*(?:$|[,.!;?]))"


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
            r"\bunalive\w*|\bkms\b|\bkys\b",
            r"\b(?:want|wants|wanted|wanting|ready|trying|planning|plan|deserve) to die\b",
            r"\b(?:kill|killing|killed|end|ending) (?:himself|herself|themselves|themself)\b",
            r"\bi (?:just )?(?:wish|hope) (?:i|that i) (?:was|were|could be|would be) dead\b",
            r"\b(?:wish|hope) (?:i|that i) (?:could |would )?(?:die|never wake up|would not wake up|do not wake up|did not wake up)\b",
            r"\b(?:better off|rather be|want to be|be better) dead\b",
            r"\bbetter off without me\b|\b(?:be )?better (?:off )?if i (?:was|were) (?:not here|gone|dead)\b",
            rf"\b(?:do not|does not|did not|no longer|never) (?:really )?want to {_LIFE}\b",
            rf"\bnot sure (?:i|if i) want to {_LIFE}\b|\bnot want(?:ing)? to {_LIFE}\b",
            r"\b(?:end|ending|ended) it all\b",
            r"\b(?:to|just|will|could|might|going to|thinking of|thinking about) (?:end|ending) (?:it|everything|things)\b(?! (?:with|off|on|there|here|early|for today))",
            r"\bno (?:point|reason|purpose) (?:in |to )?(?:living|life|going on|carrying on|being alive|being here|to live|anymore|to go on|in anything)\b",
            rf"\bno point anymore\b|\bcannot (?:go on|carry on|keep going){_ENDING}",
            r"\b(?:do not|cannot|no longer|fail to) see (?:the |a |any )?point (?:in |of )?(?:living|life|going on|carrying on|being here|anything anymore)\b",
            r"\b(?:life is not|life is no longer) worth living\b|\bnot worth living\b",
            r"\b(?:give|giving|given) up on (?:life|living|everything)\b",
            r"\b(?:jump|jumping) (?:off|from|in front of) (?:a |the )?(?:bridge|building|roof|train|cliff|balcony)\b",
            r"\b(?:hang|hanging) myself\b|\bin front of a (?:train|bus|lorry|truck)\b",
            r"\bi (?:just )?want (?:it all|everything) to (?:end|stop|be over)\b",
            r"\b(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up\b",
        ),
        deniable=True,
    ),
    CrisisSign(
        CrisisKind.SELF_HARM,
        _compile(
            r"\bself[- ]?harm\w*",
            r"\b(?:cut|cutting|burn|burning|harm|harming|hurt|hurting|punish|punishing) myself (?:again|on purpose|deliberately)\b",
            r"\b(?:want|wanted|wanting|going|urge|urges|tempted|thinking about|thought about|started|start|keep) (?:to )?(?:cut|cutting|burn|burning|harm|harming|hurt|hurting) myself\b",
            r"\b(?:been|am|keep|started|start) (?:cutting|burning|harming) (?:myself|again)\b",
            r"\bcutting again\b|\bcut (?:my )?(?:wrists?|arms?|legs?) (?:again|open)\b",
        ),
        deniable=True,
    ),
    CrisisSign(
        CrisisKind.OVERDOSE,
        _compile(
            r"\boverdose\w*|\bod on\b",
            rf"\b(?:take|taking|took|swallow|swallowing|down|neck) (?:all|every one|the rest|the whole lot) (?:of )?(?:my |the |these |those )?{PILLS}",
            rf"\b{PILLS} all at once\b|\ball (?:my |the )?{PILLS} at once\b|\bwhole (?:box|bottle|packet|pack) of {PILLS}",
            rf"\b(?:stockpil\w*|saving up|saved up|hoarding|collecting|stashing) (?:my |some |the |enough )?{PILLS}",
            rf"\b(?:lethal|fatal|deadly|killer) (?:dose|amount|number)\b|\bhow many {PILLS}\b(?:\s+\w+){{0,4}}? (?:kill|die|fatal|lethal|to not wake up|it would take)\b",
            rf"\benough {PILLS} to (?:die|kill|not wake up|end it)\b",
        ),
        deniable=False,
    ),
)

_HIGHEST_DOSE = re.compile(
    r"\b(?:max\w*|most|highest|largest|biggest|top) (?:dose|amount|number|i can take|you can take)\b"
    r"|\bhow (?:many|much) (?:\w+ ){0,3}(?:can|could) i (?:take|have)\b(?:\s+\w+){0,3}? (?:at once|in one go|before)"
)
_DISTRESS = re.compile(
    r"\b(?:desperate|cannot cope|cannot take (?:it|this|any ?more)|had enough|hopeless|give up|giving up|"
    r"at the end of my rope|at my wits end|no point|do not care anymore|nothing left|sick of (?:it all|living|life)|"
    r"make it (?:all )?stop|make it end|just want it to stop)\b"
)


@dataclass(frozen=True)
class CrisisFinding:
    kind: CrisisKind
    matched: str


def _crisis_text(text: str) -> str:
    normalised = normalise(text)
    for pattern, replacement in _CRISIS_SPELLINGS:
        normalised = pattern.sub(replacement, normalised)
    return normalised


def find_crisis(text: str) -> list[CrisisFinding]:
    """The crisis signs affirmed in ``text``, one per kind; someone else's crisis counts too."""
    normalised = _crisis_text(text)
    # Patterns run on the whole text, so that "go to sleep and never wake up" is not cut at "and";
    # a denial is looked for only in the clause of the match.
    message_clauses = clauses(normalised)
    found: dict[CrisisKind, CrisisFinding] = {}
    for sign in CRISIS_SIGNS:
        for pattern in sign.patterns:
            match = next((m for m in pattern.finditer(normalised) if not _denied(sign, message_clauses, m)), None)
            if match:
                found[sign.kind] = CrisisFinding(sign.kind, match.group(0))
                break
    if CrisisKind.OVERDOSE not in found and _HIGHEST_DOSE.search(normalised) and _DISTRESS.search(normalised):
        found[CrisisKind.OVERDOSE] = CrisisFinding(CrisisKind.OVERDOSE, "the highest dose, asked in distress")
    return list(found.values())


def _denied(sign: CrisisSign, message_clauses: list[Clause], match: re.Match[str]) -> bool:
    if not sign.deniable:
        return False
    for clause in message_clauses:
        if clause.start <= match.start() < clause.start + len(clause.text):
            return qualifiers(clause, match.start())[0]
    return False


def is_crisis(text: str) -> bool:
    return bool(find_crisis(text))
