"""The messages of a guided stretch session, built from the article's facts about one exercise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.repository import ExerciseFacts

SIDE_UNITS = {"each side": "side", "each leg": "leg"}


@dataclass(frozen=True)
class PlannedMessage:
    response: str
    values: dict[str, Any] = field(default_factory=dict)
    # Machine-readable payload for clients that can show a countdown.
    custom: dict[str, Any] | None = None


def session_plan(exercise: ExerciseFacts) -> list[PlannedMessage]:
    """Intro, one message per step, the article's notes, a hold per side, then the finish."""
    unit = SIDE_UNITS.get(exercise.sides, "side")
    timing = f"Do it {exercise.timing[0].lower()}{exercise.timing[1:]}." if exercise.timing else ""
    plan = [
        PlannedMessage(
            "utter_stretch_intro",
            {
                "exercise_name": exercise.name.lower(),
                "hold_min": exercise.hold_min_seconds,
                "hold_max": exercise.hold_max_seconds,
                "sides": exercise.sides,
                "timing": timing,
                "section": exercise.section,
            },
        )
    ]
    total = len(exercise.steps)
    for number, step in enumerate(exercise.steps, start=1):
        plan.append(PlannedMessage("utter_stretch_step", {"number": number, "total": total, "step": step}))
    for note in exercise.cautions + ((exercise.variant,) if exercise.variant else ()):
        plan.append(PlannedMessage("utter_stretch_note", {"note": note, "section": exercise.section}))
    for side_index, side in enumerate((f"first {unit}", f"other {unit}"), start=1):
        plan.append(
            PlannedMessage(
                "utter_stretch_hold",
                {"hold_min": exercise.hold_min_seconds, "hold_max": exercise.hold_max_seconds, "side": side},
                {
                    "type": "stretch_hold",
                    "exercise": exercise.key,
                    "side": side_index,
                    "side_label": side,
                    "hold_seconds": exercise.hold_min_seconds,
                    "max_hold_seconds": exercise.hold_max_seconds,
                },
            )
        )
    plan.append(PlannedMessage("utter_stretch_finished", {"exercise_name": exercise.name.lower()}))
    return plan
