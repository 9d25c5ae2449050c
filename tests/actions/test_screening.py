from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (
    ActionRecheckScreen,
    ActionRecordRedFlag,
    ActionScreeningOutcome,
    ValidateScreeningForm,
)
from knowledge.repository import KnowledgeRepository
from safety.flag_holds import flag_holds
from safety.levels import Level
from safety.screening import SCREENING_SLOTS
from tests.actions.conftest import responses, run_action, slot_events
from tests.conftest import load_tracker


def _in_form(
    requested: str | None,
    text: str,
    intent: str,
    answers: dict[str, Any] | None = None,
    entities: dict[str, str] | None = None,
):
    tracker = load_tracker(
        "unscreened",
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [{"entity": name, "value": value} for name, value in (entities or {}).items()],
        },
        active_loop={"name": "screening_form"},
    )
    tracker.slots.update(answers or {})
    tracker.slots["requested_slot"] = requested
    return tracker


@pytest.mark.parametrize(
    ("requested", "text", "intent", "expected"),
    [
        ("screen_injury", "nope", "deny", {"screen_injury": False}),
        ("screen_injury", "not really", "nlu_fallback", {"screen_injury": False}),
        ("screen_injury", "i fell off my bike last week", "inform_symptoms", {"screen_injury": True}),
        (
            "screen_leg_symptoms",
            "yes my left leg",
            "affirm",
            {"screen_leg_symptoms": True, "screen_leg_sides": "one"},
        ),
        (
            "screen_leg_sides",
            "one leg",
            "nlu_fallback",
            {"screen_leg_symptoms": True, "screen_leg_sides": "one"},
        ),
        (
            "screen_injury",
            "no fall, but pins and needles down my right leg and my foot feels weak",
            "inform_symptoms",
            {
                "screen_injury": False,
                "screen_leg_symptoms": True,
                "screen_leg_sides": "one",
                "screen_weakness": True,
            },
        ),
        ("screen_systemic", "no", "deny", {"screen_systemic": False}),
        ("screen_cauda_equina", "bladder's fine", "nlu_fallback", {"screen_cauda_equina": False}),
    ],
)
def test_answers_in_free_text_fill_every_slot_they_state(
    domain: dict[str, Any], requested: str, text: str, intent: str, expected: dict[str, Any]
) -> None:
    _, events = run_action(ValidateScreeningForm(), _in_form(requested, text, intent), domain)
    filled = slot_events(events)
    assert {k: v for k, v in filled.items() if k in SCREENING_SLOTS} == expected


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("why does sitting hurt my back", "ask_posture"),
        ("I can't hold my wee", "red_flag_emergency"),
        ("stop", "stop"),
        ('/affirm{"screen_injury": false}', "ask_more"),
    ],
)
def test_interruptions_and_red_flags_fill_nothing_so_the_form_rejects(
    domain: dict[str, Any], text: str, intent: str
) -> None:
    _, events = run_action(ValidateScreeningForm(), _in_form("screen_injury", text, intent), domain)
    assert not set(slot_events(events)) & set(SCREENING_SLOTS)


def test_a_later_no_never_undoes_an_earlier_yes(domain: dict[str, Any]) -> None:
    tracker = _in_form("screen_weakness", "no", "deny", {"screen_leg_symptoms": True})
    tracker.latest_message["text"] = "no, my legs are fine now"
    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    assert "screen_leg_symptoms" not in slot_events(events)


def test_questions_already_answered_in_the_session_are_skipped(domain: dict[str, Any]) -> None:
    tracker = _in_form(None, "show me the stretches", "request_stretches")
    tracker.events.insert(-1, {"event": "user", "text": "i slipped on ice and my left leg tingles"})
    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    filled = slot_events(events)
    assert filled["screen_injury"] is True
    assert filled["screen_leg_symptoms"] is True and filled["screen_leg_sides"] == "one"
    # Rasa asks the first required slot that is still empty: the injury follow-up, not the injury.
    assert filled.get("requested_slot", "screen_injury_major") == "screen_injury_major"


def test_an_emergency_answer_ends_the_questions(domain: dict[str, Any]) -> None:
    tracker = _in_form(
        "screen_leg_sides", "both", "nlu_fallback", {"screen_injury": False, "screen_leg_symptoms": True}
    )
    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    filled = slot_events(events)
    assert filled["screen_leg_sides"] == "both"
    assert filled["requested_slot"] is None


def _answers(**overrides: Any) -> dict[str, Any]:
    base = {slot: None for slot in SCREENING_SLOTS}
    base.update(
        screen_injury=False,
        screen_leg_symptoms=False,
        screen_weakness=False,
        screen_cauda_equina=False,
        screen_systemic=False,
    )
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("answers", "expected_responses", "result"),
    [
        (_answers(screen_injury=True, screen_injury_major=False), ["utter_see_practitioner"], "practitioner"),
        (
            _answers(screen_leg_symptoms=True, screen_leg_sides="one"),
            ["utter_see_practitioner"],
            "practitioner",
        ),
        (_answers(screen_weakness=True), ["utter_see_practitioner"], "practitioner"),
        (_answers(screen_systemic=True), ["utter_urgent"], "urgent"),
        (_answers(screen_cauda_equina=True), ["utter_emergency"], "emergency"),
        (_answers(screen_leg_symptoms=True, screen_leg_sides="both"), ["utter_emergency"], "emergency"),
        (_answers(screen_injury=True, screen_injury_major=True), ["utter_emergency"], "emergency"),
    ],
)
def test_outcome_tells_the_user_what_to_do(
    answers: dict[str, Any], expected_responses: list[str], result: str, repository: KnowledgeRepository
) -> None:
    tracker = load_tracker("unscreened")
    tracker.slots.update(answers)
    dispatcher, events = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher) == expected_responses
    assert slot_events(events) == {"screening_result": result, "rescreen_due": False}


def _clear_screen_after(request: str, intent: str) -> Tracker:
    tracker = load_tracker("unscreened")
    tracker.events[-1] = {**tracker.events[-1], "text": request, "parse_data": {"intent": {"name": intent}}}
    tracker.slots.update(_answers())
    return tracker


def test_a_clear_screen_goes_straight_to_the_stretch_the_user_named(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("unscreened")  # the screen began with a request for the hip flexor stretch
    tracker.slots.update(_answers())
    dispatcher, events = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher) == ["utter_screening_clear", "utter_stretch_intro"]
    assert slot_events(events)["screening_result"] == "clear"
    assert slot_events(events)["stretch_exercise"] == "hip_flexor_stretch"


def test_a_clear_screen_goes_straight_to_the_flexibility_test(repository: KnowledgeRepository) -> None:
    tracker = _clear_screen_after("test my hamstring flexibility", "request_flexibility_test")
    dispatcher, events = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher) == ["utter_screening_clear", "utter_flex_test", "utter_flex_question"]
    assert slot_events(events)["screening_result"] == "clear"


def test_a_clear_screen_after_a_general_request_offers_the_menu(repository: KnowledgeRepository) -> None:
    tracker = _clear_screen_after("what stretches would help", "request_stretches")
    dispatcher, events = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher) == ["utter_screening_clear", "utter_stretch_menu"]
    assert slot_events(events) == {
        "screening_result": "clear",
        "exercise_choice_pending": True,
        "rescreen_due": False,
    }


def test_outcome_of_an_incomplete_screen_gives_no_result(repository: KnowledgeRepository) -> None:
    tracker = load_tracker("unscreened")
    tracker.slots.update(_answers(screen_systemic=None))
    dispatcher, events = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher) == ["utter_no_stretch_without_screen"]
    assert events == []


@pytest.mark.parametrize(
    ("intent", "current", "expected"),
    [
        ("red_flag_emergency", None, "emergency"),
        ("red_flag_urgent", "clear", "urgent"),
        ("red_flag_urgent", "emergency", None),
    ],
)
def test_record_red_flag_never_downgrades(intent: str, current: str | None, expected: str | None) -> None:
    tracker = load_tracker("unscreened", latest_message={"text": "x", "intent": {"name": intent}})
    tracker.slots["screening_result"] = current
    _, events = run_action(ActionRecordRedFlag(), tracker)
    assert slot_events(events).get("screening_result") == expected
    assert slot_events(events)["stretch_step"] is None


@pytest.mark.parametrize(
    ("signs", "advice", "expected"),
    [
        (["bladder_bowel"], ["utter_emergency"], "emergency"),
        (["one_leg", "fever_unwell"], ["utter_urgent"], "urgent"),
        ([], [], None),
    ],
)
def test_after_the_crisis_reply_a_red_flag_in_the_same_message_gets_its_care(
    signs: list[str], advice: list[str], expected: str | None
) -> None:
    message = {"text": "x", "intent": {"name": "crisis"}, "red_flags": signs}
    tracker = load_tracker("unscreened", latest_message=message)
    dispatcher, events = run_action(ActionRecordRedFlag(), tracker)
    assert responses(dispatcher) == advice
    assert slot_events(events).get("screening_result") == expected
    assert slot_events(events)["stretch_step"] is None


def test_a_new_symptom_after_a_clear_screen_resets_it() -> None:
    dispatcher, events = run_action(ActionRecheckScreen(), load_tracker("screened_clear"))
    assert responses(dispatcher) == ["utter_screen_reset"]
    filled = slot_events(events)
    assert filled["screening_result"] is None
    assert all(filled[slot] is None for slot in SCREENING_SLOTS)


def test_a_new_symptom_after_a_flag_repeats_the_advice() -> None:
    dispatcher, events = run_action(ActionRecheckScreen(), load_tracker("flagged_after_clear"))
    assert responses(dispatcher) == ["utter_emergency"]
    assert "screening_result" not in slot_events(events)


def test_a_symptom_before_any_screen_is_noted() -> None:
    dispatcher, events = run_action(ActionRecheckScreen(), load_tracker("unscreened"))
    assert responses(dispatcher) == ["utter_symptom_noted"]
    assert slot_events(events) == {"rescreen_due": False}


def test_a_symptom_before_any_screen_told_with_a_request_for_help_starts_the_screen() -> None:
    tracker = load_tracker(
        "unscreened",
        latest_message={
            "text": "back's been sore all week, got any exercise for me?",
            "intent": {"name": "inform_symptoms"},
        },
    )
    dispatcher, events = run_action(ActionRecheckScreen(), tracker)
    assert responses(dispatcher) == ["utter_screening_intro"]
    assert slot_events(events) == {"rescreen_due": True}


@pytest.mark.parametrize(
    ("requested", "text", "intent"),
    [
        ("screen_leg_sides", "no", "deny"),
        ("screen_leg_sides", "yes", "affirm"),
        ("screen_leg_sides", "neither, it's my bum", "inform_symptoms"),
        ("screen_injury", "ok go on", "ask_more"),
    ],
)
def test_an_answer_that_says_nothing_usable_gets_the_question_again(
    requested: str, text: str, intent: str
) -> None:
    answers = {"screen_injury": False, "screen_leg_symptoms": True} if requested == "screen_leg_sides" else {}
    dispatcher, events = run_action(ValidateScreeningForm(), _in_form(requested, text, intent, answers))
    assert slot_events(events).get("screen_unclear_answers") == 1.0
    assert slot_events(events).get("requested_slot") == requested
    assert requested not in slot_events(events)


def test_a_button_of_an_earlier_question_is_not_an_answer_to_the_current_one() -> None:
    tracker = _in_form(
        "screen_cauda_equina",
        '/deny{"screen_question":"screen_weakness"}',
        "deny",
        {"screen_injury": False, "screen_leg_symptoms": False, "screen_weakness": False},
        {"screen_question": "screen_weakness"},
    )
    dispatcher, events = run_action(ValidateScreeningForm(), tracker)
    assert responses(dispatcher)[0] == "utter_screening_stale_answer"
    assert "screen_cauda_equina" not in slot_events(events)
    assert slot_events(events).get("requested_slot") == "screen_cauda_equina"


@pytest.mark.parametrize(
    ("requested", "intent", "entities", "expected"),
    [
        ("screen_cauda_equina", "deny", {"screen_question": "screen_cauda_equina"}, False),
        ("screen_cauda_equina", "affirm", {"screen_question": "screen_cauda_equina"}, True),
        ("screen_leg_sides", "affirm", {"screen_question": "screen_leg_sides", "leg_sides": "both"}, "both"),
        ("screen_leg_sides", "affirm", {"screen_question": "screen_leg_sides", "leg_sides": "one"}, "one"),
    ],
)
def test_a_button_of_the_current_question_answers_it(
    requested: str, intent: str, entities: dict[str, str], expected: Any
) -> None:
    answers = {"screen_injury": False, "screen_leg_symptoms": True, "screen_weakness": False}
    payload = f"/{intent}"
    dispatcher, events = run_action(
        ValidateScreeningForm(), _in_form(requested, payload, intent, answers, entities)
    )
    assert slot_events(events)[requested] == expected
    assert "utter_screening_stale_answer" not in responses(dispatcher)


def test_a_new_symptom_after_a_clear_screen_starts_the_screen_again() -> None:
    _, events = run_action(ActionRecheckScreen(), load_tracker("screened_clear"))
    assert slot_events(events)["rescreen_due"] is True


@pytest.mark.parametrize(
    ("request_text", "first_response"),
    [
        ("Guide me through the half-kneeling hip flexor stretch", "utter_stretch_intro"),
        ("my hammies are tight, walk me through stretching them", "utter_stretch_intro"),
        ("can I do the 70 degree test", "utter_flex_test"),
    ],
)
def test_a_clear_screen_starts_the_exercise_named_even_without_an_entity(
    request_text: str, first_response: str, repository: KnowledgeRepository
) -> None:
    tracker = _clear_screen_after(request_text, "request_stretches")
    dispatcher, _ = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher)[:2] == ["utter_screening_clear", first_response]


def test_an_entity_holding_the_words_rather_than_the_key_still_names_the_exercise(
    repository: KnowledgeRepository,
) -> None:
    tracker = _clear_screen_after(
        "guide me through the half-kneeling hip flexor stretch", "request_stretches"
    )
    tracker.events[-1]["parse_data"]["entities"] = [
        {"entity": "exercise", "value": "half-kneeling hip flexor stretch"}
    ]
    dispatcher, _ = run_action(ActionScreeningOutcome(repository), tracker)
    assert responses(dispatcher)[:2] == ["utter_screening_clear", "utter_stretch_intro"]


def test_a_flag_held_from_an_earlier_conversation_asks_no_question_and_refuses(
    domain: dict[str, Any], repository: KnowledgeRepository
) -> None:
    tracker = _in_form(None, "show me the stretches", "request_stretches")
    flag_holds().hold(tracker.sender_id, Level.URGENT)

    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    assert slot_events(events).get("requested_slot") is None

    outcome = load_tracker("unscreened", latest_message={"text": "show me the stretches"})
    dispatcher, events = run_action(ActionScreeningOutcome(repository), outcome)
    assert responses(dispatcher) == ["utter_flag_held", "utter_urgent"]
    assert slot_events(events)["screening_result"] == "urgent"


def test_a_yes_to_weakness_that_is_getting_worse_leads_to_urgent_care(
    domain: dict[str, Any], repository: KnowledgeRepository
) -> None:
    tracker = _in_form(
        "screen_weakness", "yes, and it gets weaker every day", "affirm", {"screen_injury": False}
    )
    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    filled = slot_events(events)
    assert filled["screen_weakness"] is True
    assert filled["screening_result"] == "urgent"

    answers = {slot: False for slot in SCREENING_SLOTS} | {"screen_weakness": True}
    answers |= {"screen_injury_major": None, "screen_leg_sides": None}
    outcome = load_tracker("unscreened", latest_message={"text": "no"})
    outcome.slots.update(answers)
    outcome.events.append({"event": "slot", "name": "screening_result", "value": "urgent"})
    dispatcher, events = run_action(ActionScreeningOutcome(repository), outcome)
    assert responses(dispatcher) == ["utter_urgent"]
    assert slot_events(events)["screening_result"] == "urgent"


@pytest.mark.parametrize("text", ["yes", "yes a bit, it comes and goes", "/affirm"])
def test_a_plain_yes_to_weakness_stays_at_the_practitioner(domain: dict[str, Any], text: str) -> None:
    tracker = _in_form("screen_weakness", text, "affirm", {"screen_injury": False})
    _, events = run_action(ValidateScreeningForm(), tracker, domain)
    assert "screening_result" not in slot_events(events)


def test_a_flag_told_during_this_screen_does_not_stop_its_questions(domain: dict[str, Any]) -> None:
    """The practitioner sign just told was held at once; the bladder question must still come."""
    tracker = _in_form("screen_weakness", "no", "deny", {"screen_injury": True, "screen_injury_major": False})
    flag_holds().hold(tracker.sender_id, Level.PRACTITIONER)
    questions = asyncio.run(
        ValidateScreeningForm().required_slots([], CollectingDispatcher(), tracker, domain)
    )
    assert "screen_cauda_equina" in questions


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("right, heel's up on the step now", True),
        ("ok kneeling on the cushion", True),
        ("knee is down and hips forward", True),
        ("my back feels different now, sharper", False),
        ("getting a dead leg doing this", False),
        ("i just peed a bit without meaning to", False),
        ("my foot feels weird and cold on the step", False),
        ("can’t feel my toes on the towel", False),
        ("pins & needles in my knee", False),
        ("a bit uncomfortable in my hip", False),
        ("i feel faint", False),
        ("thanks", False),
    ],
)
def test_during_a_stretch_saying_what_one_is_doing_goes_on_and_a_symptom_resets_the_screen(
    text: str, goes_on: bool
) -> None:
    tracker = load_tracker(
        "screened_clear", latest_message={"text": text, "intent": {"name": "inform_symptoms"}}
    )
    tracker.slots["stretch_exercise"] = "hip_flexor_stretch"
    dispatcher, events = run_action(ActionRecheckScreen(), tracker)
    if goes_on:
        assert responses(dispatcher) == []
        assert {"event": "followup", "name": "action_stretch_session", "timestamp": None} in events
    else:
        assert responses(dispatcher) == ["utter_screen_reset"]
