from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionDeleteMyData
from actions.safety_gate import Status, refuse, screening_gate
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


def test_a_flag_from_an_earlier_conversation_keeps_the_gate_closed_and_says_so() -> None:
    screening_gate(load_tracker("flagged_after_clear"))
    # The same sender after /restart or a new session, with a clear screen in it.
    gate = screening_gate(load_tracker("screened_clear"))
    assert (gate.status, gate.level, gate.held) == (Status.FLAGGED, Level.EMERGENCY, True)
    dispatcher = CollectingDispatcher()
    refuse(dispatcher, gate)
    assert [m["response"] for m in dispatcher.messages] == ["utter_flag_held", "utter_emergency"]


def test_a_flag_is_held_only_for_its_own_sender() -> None:
    screening_gate(load_tracker("flagged_after_clear"))
    assert screening_gate(load_tracker("screened_clear", sender_id="someone-else")).is_clear


def test_forget_me_opens_a_held_gate_again() -> None:
    screening_gate(load_tracker("flagged_after_clear"))
    asyncio.run(ActionDeleteMyData().run(CollectingDispatcher(), load_tracker("screened_clear"), {}))
    assert screening_gate(load_tracker("screened_clear")).is_clear


def test_a_more_serious_flag_held_from_before_decides_over_a_new_one() -> None:
    screening_gate(load_tracker("flagged_after_clear"))
    gate = screening_gate(load_tracker("screened_practitioner"))
    assert (gate.status, gate.level, gate.held) == (Status.FLAGGED, Level.EMERGENCY, True)


def test_a_buttons_payload_is_not_read_as_the_users_words() -> None:
    tracker = load_tracker("screened_clear")
    tracker.events.insert(
        -1,
        {
            "event": "user",
            "text": '/deny{"screen_question":"screen_injury"}',
            "parse_data": {"intent": {"name": "deny"}},
        },
    )
    assert screening_gate(tracker).is_clear
