from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.stretches import (
    ActionFlexibilityResult,
    ActionFlexibilityTest,
    ActionOfferStretches,
    ActionStretchSession,
    named_exercise,
    screen_request,
)
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import responses, run_action, slot_events
from tests.conftest import load_tracker


def _instruction_texts(repository: KnowledgeRepository) -> list[str]:
    return [step for key in repository.exercise_keys() for step in repository.exercise(key).steps]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unscreened", "utter_no_stretch_without_screen"),
        ("forged_clear", "utter_no_stretch_without_screen"),
        ("flagged_after_clear", "utter_emergency"),
        ("screened_practitioner", "utter_see_practitioner"),
        ("clear_in_previous_session", "utter_no_stretch_without_screen"),
    ],
)
@pytest.mark.parametrize("action_class", [ActionOfferStretches, ActionStretchSession, ActionFlexibilityTest])
def test_gated_actions_refuse_without_a_clear_screen(
    repository: KnowledgeRepository, fixture: str, expected: str, action_class: type
) -> None:
    tracker = load_tracker(fixture)
    tracker.slots.update({"stretch_exercise": "hip_flexor_stretch", "stretch_step": 2.0})
    dispatcher, events = run_action(action_class(repository), tracker)
    assert responses(dispatcher) == [expected]
    sent = str(dispatcher.messages)
    assert not any(step in sent for step in _instruction_texts(repository))
    assert slot_events(events) == {
        "stretch_exercise": None,
        "stretch_step": None,
        "exercise_choice_pending": False,
    }


def test_clear_user_without_a_chosen_stretch_gets_the_menu(repository: KnowledgeRepository) -> None:
    tracker = load_tracker(
        "screened_clear", latest_message={"text": "stretches", "intent": {"name": "request_stretches"}}
    )
    dispatcher, _ = run_action(ActionOfferStretches(repository), tracker)
    assert responses(dispatcher) == ["utter_stretch_menu"]


@pytest.mark.parametrize("exercise_key", ["hip_flexor_stretch", "hamstring_stretch"])
def test_a_clear_user_is_guided_through_every_step_and_both_holds(
    repository: KnowledgeRepository, exercise_key: str
) -> None:
    exercise = repository.exercise(exercise_key)
    tracker = load_tracker("screened_clear")
    tracker.latest_message["entities"] = [{"entity": "exercise", "value": exercise_key}]
    dispatcher, events = run_action(ActionOfferStretches(repository), tracker)
    intro = dispatcher.messages[0]
    assert intro["response"] == "utter_stretch_intro"
    assert (intro["hold_min"], intro["hold_max"], intro["sides"]) == (30, 60, exercise.sides)
    assert intro["section"] == exercise.section
    if exercise.timing:
        assert "after your warm-up routine" in intro["timing"]

    sent = []
    for _ in range(50):
        tracker.slots.update(slot_events(events))
        if not tracker.get_slot("stretch_step"):
            break
        dispatcher, events = run_action(ActionStretchSession(repository), tracker)
        sent.extend(dispatcher.messages)
    steps = [m["step"] for m in sent if m["response"] == "utter_stretch_step"]
    assert steps == list(exercise.steps)
    holds = [m["custom"] for m in sent if m["response"] == "utter_stretch_hold"]
    assert [(h["exercise"], h["side"], h["hold_seconds"], h["max_hold_seconds"]) for h in holds] == [
        (exercise_key, 1, 30, 60),
        (exercise_key, 2, 30, 60),
    ]
    notes = [m["note"] for m in sent if m["response"] == "utter_stretch_note"]
    assert list(exercise.cautions) == notes[: len(exercise.cautions)]
    assert sent[-1]["response"] == "utter_stretch_finished"
    assert tracker.get_slot("stretch_step") is None


def test_next_without_a_stretch_in_progress(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run_action(ActionStretchSession(repository), load_tracker("screened_clear"))
    assert responses(dispatcher) == ["utter_no_stretch_in_progress"]


def test_flexibility_test_quotes_the_article(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run_action(ActionFlexibilityTest(repository), load_tracker("screened_clear"))
    assert responses(dispatcher) == ["utter_flex_test", "utter_flex_question"]
    assert "70-degrees" in dispatcher.messages[0]["test"]
    assert "zinging sensation into your calves" in dispatcher.messages[0]["test"]
    assert dispatcher.messages[1]["threshold"] == 70


@pytest.mark.parametrize(
    ("entity", "text", "expected", "result_slot"),
    [
        ("zinging", "", "utter_flex_nerve", "practitioner"),
        (None, "i felt a zing into my calves", "utter_flex_nerve", "practitioner"),
        ("tight", "", "utter_flex_tight", None),
        (None, "couldn't get anywhere near", "utter_flex_tight", None),
        ("fine", "", "utter_flex_fine", None),
        (None, "hmm", "utter_flex_question", None),
    ],
)
def test_flexibility_result_follows_the_article(
    repository: KnowledgeRepository, entity: str | None, text: str, expected: str, result_slot: str | None
) -> None:
    entities = [{"entity": "flex_result", "value": entity}] if entity else []
    tracker = load_tracker(
        "screened_clear",
        latest_message={"text": text, "intent": {"name": "report_flexibility_result"}, "entities": entities},
    )
    dispatcher, events = run_action(ActionFlexibilityResult(repository), tracker)
    assert responses(dispatcher) == [expected]
    assert slot_events(events).get("screening_result") == result_slot


def _request_after_reading(topic: str, text: str) -> Tracker:
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {
            "event": "user",
            "text": "how long do i hold it",
            "parse_data": {"intent": {"name": "ask_exercise"}},
        },
        {"event": "slot", "name": "topic", "value": topic},
        {
            "event": "user",
            "text": text,
            "parse_data": {"intent": {"name": "request_stretches"}, "entities": []},
        },
    ]
    return Tracker.from_dict({"sender_id": "reader", "events": events, "slots": {"topic": topic}})


def test_a_request_that_points_back_means_the_exercise_being_read() -> None:
    assert screen_request(_request_after_reading("hamstring_stretch", "ok can we do it now")) == (
        "request_stretches",
        "hamstring_stretch",
    )


def test_a_request_that_points_back_to_a_topic_that_is_no_exercise_names_none() -> None:
    assert screen_request(_request_after_reading("posture", "can we do that now")) == (
        "request_stretches",
        None,
    )
    assert screen_request(_request_after_reading("hamstring_stretch", "show me the stretches")) == (
        "request_stretches",
        None,
    )


def test_a_request_that_points_back_ignores_what_was_read_in_an_earlier_session() -> None:
    events = [
        *_request_after_reading("hamstring_stretch", "thanks").events,
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {
            "event": "user",
            "text": "can we do it now",
            "parse_data": {"intent": {"name": "request_stretches"}},
        },
    ]
    tracker = Tracker.from_dict({"sender_id": "reader", "events": events, "slots": {}})
    assert screen_request(tracker) == ("request_stretches", None)


@pytest.mark.parametrize(
    ("text", "exercise"),
    [
        ("i'd like to know how flexible i really am first", "flexibility_test"),
        ("can you check my flexibility before we start", "flexibility_test"),
        ("let's do the 70 degree one", "flexibility_test"),
        ("the hammy one please", "hamstring_stretch"),
        ("kneeling stretch", "hip_flexor_stretch"),
        ("the one for the backs of my legs", "hamstring_stretch"),
        ("wat was that hamstrin won", "hamstring_stretch"),
        ("i'm not very flexible, any stretch", None),
        ("a stretch for my back", None),
    ],
)
def test_the_words_of_a_request_name_its_exercise(text: str, exercise: str | None) -> None:
    assert named_exercise(text) == exercise


@pytest.mark.parametrize("text", ["could i do the self-test first", "the bend test please"])
def test_the_test_named_in_other_words(text: str) -> None:
    assert named_exercise(text) == "flexibility_test"
