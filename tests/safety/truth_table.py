"""The screen's expected outcomes, written from the clinical levels (safety/SOURCES.md) without the
code under test: each answer's level of care on its own, and the most serious one decides."""

from __future__ import annotations

import itertools
from typing import Any

from safety.levels import Level

# (question, answer) -> the level of care that answer alone calls for.
ANSWER_LEVELS: dict[tuple[str, Any], Level] = {
    ("injury", "minor"): Level.PRACTITIONER,
    ("injury", "major"): Level.EMERGENCY,  # high-energy trauma: possible fracture
    ("legs", "one"): Level.PRACTITIONER,  # nerve symptoms down one leg
    ("legs", "both"): Level.EMERGENCY,  # both legs: possible cauda equina
    ("weakness", True): Level.PRACTITIONER,
    ("cauda", True): Level.EMERGENCY,  # saddle numbness, bladder or bowel change
    ("systemic", True): Level.URGENT,  # fever, cancer, weight loss, immunity, night pain
}

ALL_ANSWERS = [
    dict(zip(("injury", "legs", "weakness", "cauda", "systemic"), values, strict=True))
    for values in itertools.product(
        (None, "minor", "major"), (None, "one", "both"), (False, True), (False, True), (False, True)
    )
]


def expected_level(answers: dict[str, Any]) -> Level:
    return max(
        (ANSWER_LEVELS.get((question, answer), Level.CLEAR) for question, answer in answers.items()),
        default=Level.CLEAR,
    )
