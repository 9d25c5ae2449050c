"""Find signs in a message, with simple negation ("no numbness", "I didn't fall")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from safety.levels import Level
from safety.semantic import red_flag_bank
from safety.signs import BLADDER_WORDS, SADDLE_AREA, SIGNS, Sign
from safety.text import NEGATION_CUES, OTHER_PERSON_CUES, clauses, normalise, qualifiers


@dataclass(frozen=True)
class Finding:
    sign: Sign
    negated: bool
    matched: str

    @property
    def level(self) -> Level:
        return self.sign.level


def find_signs(text: str, signs: Sequence[Sign] = SIGNS) -> list[Finding]:
    """Every sign mentioned in ``text``; a sign both denied and affirmed counts as affirmed."""
    normalised = normalise(text)
    by_key: dict[str, Finding] = {}
    for clause in clauses(normalised):
        asked = bool(_HYPOTHETICAL.search(clause.text))
        cleared = bool(_RESOLVED.search(clause.text))
        for sign in signs:
            for pattern in sign.patterns:
                for match in pattern.finditer(clause.text):
                    negated, someone_else = qualifiers(clause, clause.start + match.start())
                    if someone_else or _not_now(sign, asked, cleared):
                        continue
                    finding = Finding(sign, negated, match.group(0))
                    previous = by_key.get(sign.key)
                    if previous is None or (previous.negated and not negated):
                        by_key[sign.key] = finding
    findings = list(by_key.values())
    return findings + _injury_with_fragile_bones(findings)


# "What if I get numbness down there?", "is tingling in both legs serious?": a question about a
# sign, not a report of one.
_HYPOTHETICAL = re.compile(
    r"\b(?:what if|if i (?:ever )?(?:get|got|had|have|start|notice|felt|feel)|should i (?:worry|be worried)|"
    r"would (?:it|that) be|is (?:it|that|this) (?:serious|bad|dangerous|an emergency)|"
    r"(?:is|are) \w+(?: \w+){0,5} (?:serious|dangerous|an emergency|a red flag|a sign of)|"
    r"what (?:does|would)\b(?:\s+\w+){0,8}? mean|does (?:it|that) mean|how (?:do|would) i know|"
    r"when should i (?:worry|see|go)|in case|warning signs?|red flags?)\b"
)
# "Had sciatica years ago, gone now": a past sign that has cleared. A history of cancer, a weak
# immune system or fragile bones stays relevant however long ago.
_RESOLVED = re.compile(
    r"\b(?:years ago|year ago|months ago|gone now|went away|cleared up|sorted now|fine now|resolved|got better|"
    r"long gone|recovered|healed|none since|nothing since|fixed it|sorted it|as a kid|as a teenager)\b"
)
_LASTING = frozenset({"cancer", "weak_immunity", "fragile_bones"})


def _not_now(sign: Sign, asked: bool, cleared: bool) -> bool:
    """Whether a practitioner-level sign, in a clause that asks about or dates it, is not a report.

    Emergency and urgent signs always count: "I can't control my bladder, is that serious?" is a
    report, and over-caution there costs less than a miss.
    """
    if sign.level >= Level.URGENT:
        return False
    return asked or (cleared and sign.key not in _LASTING)


def _injury_with_fragile_bones(findings: list[Finding]) -> list[Finding]:
    present = {f.sign.key for f in findings if not f.negated}
    if "fragile_bones" in present and present & {"minor_injury", "major_injury"}:
        return [Finding(FRAGILE_BONE_INJURY, False, "injury with fragile bones")]
    return []




FRAGILE_BONE_INJURY = Sign(
    "fragile_bone_injury",
    Level.URGENT,
    "an injury in someone with osteoporosis or on long-term steroids",
    (),
    answers={"screen_injury": True},
)
FIRST_PERSON = frozenset({"i", "my", "me", "im", "ive", "myself", "mine"})
QUESTION_WORDS = frozenset(
    "what which how why when where who is are can could should do does did would will shall".split()
)
# A sign found by meaning must still name its part of the body: the encoder hears "my leg tingles"
# close to "both my legs tingle", and an emergency must not be read into a one-sided symptom.
SEMANTIC_WORDS = {
    "both_legs": re.compile(r"\b(?:both|either|legs|feet|bilateral)\b"),
    "bladder_bowel": re.compile(rf"\b{BLADDER_WORDS}|\b(?:wet|soiled|leak\w*|accident|pants|knickers)\b"),
    "saddle_numbness": re.compile(rf"\b{SADDLE_AREA}\b|\bwipe\b"),
    "sexual_dysfunction": re.compile(r"\bsex\w*|erect\w*|orgasm\w*|climax\w*|bedroom|impoten\w*"),
}
SIGNS_BY_KEY = {sign.key: sign for sign in (*SIGNS, FRAGILE_BONE_INJURY)}


def red_flags(text: str, semantic: bool = False) -> list[Finding]:
    """The signs affirmed in ``text`` that need care before stretching, most serious first.

    With ``semantic``, a sign said in words the patterns do not know is found by its closeness to
    the sign's descriptions (``safety/semantic.py``), in the parts of the message that neither
    deny, ask about, date nor give to someone else what they say: the patterns read those.
    """
    flagged = [f for f in find_signs(text) if not f.negated and f.level >= Level.PRACTITIONER]
    if semantic:
        match = red_flag_bank().match(text, readable=_plainly_affirmed)
        sign = SIGNS_BY_KEY.get(match.label) if match else None
        required = SEMANTIC_WORDS.get(sign.key) if sign else None
        if required is not None and not required.search(normalise(match.unit)):
            sign = None
        if sign is not None and sign.key not in {f.sign.key for f in flagged}:
            flagged.append(Finding(sign, False, match.unit))
    return sorted(flagged, key=lambda f: -f.level)


def _plainly_affirmed(unit: str) -> bool:
    """A statement about the writer's own body: no denial, question, past or other person."""
    words = normalise(unit).split()
    if set(words) & (NEGATION_CUES | OTHER_PERSON_CUES) or not set(words) & FIRST_PERSON:
        return False
    if words and words[0] in QUESTION_WORDS:
        return False
    normalised = " ".join(words)
    return not (_HYPOTHETICAL.search(normalised) or _RESOLVED.search(normalised) or normalised.endswith("?"))


def red_flag_level(text: str) -> Level | None:
    """The most serious sign affirmed in ``text`` that needs care before stretching, if any."""
    flagged = red_flags(text)
    return flagged[0].level if flagged else None
