from __future__ import annotations

import pytest

from actions.safety_gate import Status, screening_gate
from safety.levels import Level
from tests.conftest import load_tracker


@pytest.mark.parametrize(
    ("fixture", "status", "level"),
    [
        ("unscreened", Status.UNSCREENED, None),
        ("screened_clear", Status.CLEAR, Level.CLEAR),
        ("forged_clear", Status.UNSCREENED, None),
        ("flagged_after_clear", Status.FLAGGED, Level.EMERGENCY),
        ("clear_in_previous_session", Status.UNSCREENED, None),
        ("screened_practitioner", Status.FLAGGED, Level.PRACTITIONER),
    ],
)
def test_gate_reads_the_current_session(fixture: str, status: Status, level: Level | None) -> None:
    gate = screening_gate(load_tracker(fixture))
    assert gate.status is status
    assert gate.level == level


def test_a_red_flag_in_the_users_own_words_closes_the_gate_whatever_the_intent() -> None:
    tracker = load_tracker("screened_clear")
    tracker.events.insert(
        -1,
        {
            "event": "user",
            "text": "i have had a fever all week",
            "parse_data": {"intent": {"name": "ask_posture"}},
        },
    )
    gate = screening_gate(tracker)
    assert (gate.status, gate.level) == (Status.FLAGGED, Level.URGENT)


def test_incomplete_answers_are_not_clear_even_with_a_clear_result() -> None:
    tracker = load_tracker("screened_clear")
    tracker.slots["screen_systemic"] = None
    assert screening_gate(tracker).status is Status.UNSCREENED


def test_a_reset_after_a_clear_screen_closes_the_gate() -> None:
    tracker = load_tracker("screened_clear")
    tracker.events.insert(-1, {"event": "action", "name": "action_recheck_screen"})
    tracker.events.insert(-1, {"event": "slot", "name": "screening_result", "value": None})
    assert screening_gate(tracker).status is Status.UNSCREENED
