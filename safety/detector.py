"""Find signs in a message, with simple negation ("no numbness", "I didn't fall")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from safety.levels import Level
from safety.signs import SIGNS, Sign
from safety.text import clauses, normalise, qualifiers


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
        for sign in signs:
            for pattern in sign.patterns:
                for match in pattern.finditer(clause.text):
                    negated, someone_else = qualifiers(clause, clause.start + match.start())
                    if someone_else:
                        continue
                    finding = Finding(sign, negated, match.group(0))
                    previous = by_key.get(sign.key)
                    if previous is None or (previous.negated and not negated):
                        by_key[sign.key] = finding
    findings = list(by_key.values())
    return findings + _injury_with_fragile_bones(findings)


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


def red_flags(text: str) -> list[Finding]:
    """The emergency and urgent signs affirmed in ``text``, most serious first."""
    flagged = [f for f in find_signs(text) if not f.negated and f.level in (Level.EMERGENCY, Level.URGENT)]
    return sorted(flagged, key=lambda f: -f.level)


def red_flag_level(text: str) -> Level | None:
    """The most serious emergency or urgent sign affirmed in ``text``, if any."""
    flagged = red_flags(text)
    return flagged[0].level if flagged else None
