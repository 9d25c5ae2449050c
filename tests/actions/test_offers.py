"""Typed yes and no to what the assistant's last message offered (actions/offers.py)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.offers import ActionAcceptOffer, ActionChooseExercise, ActionDeclineOffer
from actions.stretches import ActionOfferStretches
from knowledge.repository import KnowledgeRepository
from tests.actions.conftest import responses, run_action
from tests.conftest import load_tracker


def after_offer(buttons: list[str], text: str, intent: str, **slots: Any) -> Tracker:
    """A conversation whose last bot message had ``buttons`` and whose user then typed ``text``."""
    return Tracker.from_dict(
        {
            "sender_id": "offer",
            "slots": {"topic": "posture", "topic_page": 1.0, "screening_result": None, **slots},
            "latest_message": {"text": text, "intent": {"name": intent}, "entities": []},
            "events": [
                {"event": "session_started"},
                {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}},
                {
                    "event": "bot",
                    "text": "an offer",
                    "data": {"buttons": [{"title": b, "payload": b} for b in buttons]},
                },
                {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
            ],
            "active_loop": {},
            "paused": False,
            "followup_action": None,
            "latest_action_name": "action_listen",
        }
    )


def test_yes_to_tell_me_more_tells_more(repository: KnowledgeRepository) -> None:
    dispatcher, events = run_action(
        ActionAcceptOffer(repository), after_offer(["/ask_more", "/help"], "sure", "affirm")
    )
    assert dispatcher.messages[0]["quote"] == repository.topic("posture").answer[1].text


def test_yes_to_the_safety_questions_starts_the_screen(repository: KnowledgeRepository) -> None:
    dispatcher, events = run_action(
        ActionAcceptOffer(repository), after_offer(["/request_stretches"], "yes", "affirm")
    )
    assert responses(dispatcher) == ["utter_screening_intro"]
    assert events == [{"event": "followup", "name": "screening_form", "timestamp": None}]


def test_yes_to_a_choice_of_named_options_asks_which(repository: KnowledgeRepository) -> None:
    menu = ['/request_stretches{"exercise": "hip_flexor_stretch"}', "/request_flexibility_test"]
    dispatcher, events = run_action(ActionAcceptOffer(repository), after_offer(menu, "ok", "affirm"))
    assert responses(dispatcher) == ["utter_pick_an_option"]
    assert events == [{"event": "slot", "name": "exercise_choice_pending", "value": False, "timestamp": None}]


def test_yes_to_the_menu_button_shows_the_menu(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run_action(ActionAcceptOffer(repository), after_offer(["/help"], "yeah", "affirm"))
    assert responses(dispatcher) == ["utter_help"]


def test_yes_without_an_offer_asks_what_next(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run_action(ActionAcceptOffer(repository), after_offer([], "ok", "affirm"))
    assert responses(dispatcher) == ["utter_what_next"]


@pytest.mark.parametrize(
    ("slots", "expected"), [({}, "utter_what_next"), ({"stretch_step": 2.0}, "utter_take_your_time")]
)
def test_no_is_acknowledged(slots: dict[str, Any], expected: str) -> None:
    dispatcher, events = run_action(
        ActionDeclineOffer(), after_offer(["/ask_more"], "no thanks", "deny", **slots)
    )
    assert responses(dispatcher) == [expected]
    assert events == []


def menu_reply(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> Tracker:
    """A user with a clear screen replying in words to the menu of exercises."""
    tracker = load_tracker(
        "screened_clear",
        latest_message={"text": text, "intent": {"name": intent}, "entities": entities or []},
    )
    tracker.slots["exercise_choice_pending"] = True
    return tracker


@pytest.mark.parametrize(
    ("text", "intent", "exercise"),
    [
        ("the leg one, hamstrings", "inform_symptoms", "hamstring_stretch"),
        ("the first one", "nlu_fallback", "hip_flexor_stretch"),
        ("the kneeling one", "ask_exercise", "hip_flexor_stretch"),
        ("the one where you go down on one knee", "bot_challenge", "hip_flexor_stretch"),
        ("the leg one", "inform_symptoms", "hamstring_stretch"),
        ("the one with the towel", "nlu_fallback", "hamstring_stretch"),
        ("whichever is simplest", "request_flexibility_test", "hip_flexor_stretch"),
        ("ok", "affirm", "hip_flexor_stretch"),
        ("yes please", "affirm", "hip_flexor_stretch"),
        ("next", "next_step", "hip_flexor_stretch"),
        ("da hip 1", "nlu_fallback", "hip_flexor_stretch"),
        ("hammy yin", "nlu_fallback", "hamstring_stretch"),
    ],
)
def test_a_typed_choice_starts_that_stretch(
    repository: KnowledgeRepository, text: str, intent: str, exercise: str
) -> None:
    dispatcher, events = run_action(ActionChooseExercise(repository), menu_reply(text, intent))
    assert responses(dispatcher) == ["utter_stretch_intro"]
    assert {"event": "slot", "name": "stretch_exercise", "value": exercise, "timestamp": None} in events
    assert {"event": "slot", "name": "exercise_choice_pending", "value": False, "timestamp": None} in events


def test_a_typed_choice_of_the_test_gives_the_test(repository: KnowledgeRepository) -> None:
    dispatcher, _ = run_action(
        ActionChooseExercise(repository), menu_reply("the 70 degree one", "nlu_fallback")
    )
    assert responses(dispatcher) == ["utter_flex_test", "utter_flex_question"]


def test_a_new_symptom_after_the_menu_is_not_a_choice(repository: KnowledgeRepository) -> None:
    dispatcher, events = run_action(
        ActionChooseExercise(repository), menu_reply("my left leg has gone tingly", "inform_symptoms")
    )
    assert "utter_stretch_intro" not in responses(dispatcher)
    assert not any(e.get("name") == "stretch_exercise" and e.get("value") for e in events)


def test_a_reply_naming_nothing_asks_which(repository: KnowledgeRepository) -> None:
    dispatcher, events = run_action(
        ActionChooseExercise(repository), menu_reply("hmm, wait a sec", "nlu_fallback")
    )
    assert responses(dispatcher) == ["utter_pick_an_option"]
    assert events == [{"event": "slot", "name": "exercise_choice_pending", "value": False, "timestamp": None}]


@pytest.mark.parametrize(
    ("text", "intent", "response"),
    [
        ("are you a real person?", "bot_challenge", "utter_iamabot"),
        ("thanks!", "thank", "utter_youre_welcome"),
    ],
)
def test_a_reply_naming_nothing_with_an_answer_of_its_own_gets_that_answer(
    repository: KnowledgeRepository, text: str, intent: str, response: str
) -> None:
    dispatcher, _ = run_action(ActionChooseExercise(repository), menu_reply(text, intent))
    assert responses(dispatcher) == [response]


def test_a_request_for_stretches_in_reply_to_the_menu_reads_the_choice(
    repository: KnowledgeRepository,
) -> None:
    dispatcher, events = run_action(
        ActionOfferStretches(repository), menu_reply("the second one please", "request_stretches")
    )
    assert responses(dispatcher) == ["utter_stretch_intro"]
    assert {
        "event": "slot",
        "name": "stretch_exercise",
        "value": "hamstring_stretch",
        "timestamp": None,
    } in events


@pytest.mark.parametrize(
    "text",
    [
        "whichever is easiest", "surprise me", "any", "you choose", "u decide", "whichever u like", "ur call",
        "ah just pick one for me", "whatever you reckon", "you tell me",
    ],
)
def test_leaving_the_choice_to_the_assistant_starts_the_first_stretch(
    repository: KnowledgeRepository, text: str
) -> None:
    dispatcher, events = run_action(ActionChooseExercise(repository), menu_reply(text, "nlu_fallback"))
    assert responses(dispatcher) == ["utter_stretch_intro"]
    assert {
        "event": "slot",
        "name": "stretch_exercise",
        "value": "hip_flexor_stretch",
        "timestamp": None,
    } in events


def test_a_typed_yes_to_the_deletion_question_deletes_and_a_no_keeps(repository: KnowledgeRepository) -> None:
    tracker = after_offer(["/affirm", "/deny"], "yes", "affirm")
    tracker.events[2]["metadata"] = {"utter_action": "utter_confirm_deletion"}
    dispatcher, events = run_action(ActionAcceptOffer(repository), tracker)
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert {"event": "slot", "name": "erase_conversation", "value": True, "timestamp": None} in events
    dispatcher, events = run_action(ActionDeclineOffer(), tracker)
    assert responses(dispatcher) == ["utter_deletion_cancelled"]
    assert events == []


@pytest.mark.parametrize(("action", "intent"), [("accept", "affirm"), ("decline", "deny")])
def test_an_old_screening_button_after_the_screen_answers_nothing(
    action: str, intent: str, repository: KnowledgeRepository
) -> None:
    tracker = after_offer(["/ask_more"], f'/{intent}{{"screen_question":"screen_injury"}}', intent)
    tracker.latest_message["entities"] = [{"entity": "screen_question", "value": "screen_injury"}]
    runner = ActionAcceptOffer(repository) if action == "accept" else ActionDeclineOffer()
    dispatcher, events = run_action(runner, tracker)
    assert responses(dispatcher) == ["utter_screening_stale_answer"]
    assert events == []


def test_yes_to_the_crisis_question_gets_crisis_support_and_ends_the_stretch(
    repository: KnowledgeRepository,
) -> None:
    tracker = after_offer(["/crisis", "/deny"], "yeah", "affirm", stretch_exercise="hamstring_stretch")
    dispatcher, events = run_action(ActionAcceptOffer(repository), tracker)
    assert responses(dispatcher) == ["utter_crisis"]
    assert {"event": "slot", "name": "stretch_exercise", "value": None, "timestamp": None} in events


def test_ok_to_the_flexibility_question_keeps_the_question_open(repository: KnowledgeRepository) -> None:
    tracker = after_offer(['/report_flexibility_result{"flex_result": "tight"}'], "ok", "affirm")
    dispatcher, _ = run_action(ActionAcceptOffer(repository), tracker)
    assert responses(dispatcher) == ["utter_flex_question"]
    assert dispatcher.messages[0]["threshold"] == repository.flexibility_test().threshold_degrees


@pytest.mark.parametrize(
    "text", ["on second thoughts, not today", "no thanks, maybe later", "changed my mind"]
)
def test_declining_the_menu_in_words_starts_nothing(repository: KnowledgeRepository, text: str) -> None:
    dispatcher, events = run_action(ActionChooseExercise(repository), menu_reply(text, "deny"))
    assert responses(dispatcher) == ["utter_what_next"]
    assert not any(event.get("name") == "stretch_exercise" for event in events)


@pytest.mark.parametrize(
    ("text", "exercise"),
    [
        ("on second thoughts, the hip one", "hip_flexor_stretch"),
        ("no thanks, the hamstring one then", "hamstring_stretch"),
    ],
)
def test_a_choice_after_a_change_of_mind_is_still_a_choice(
    repository: KnowledgeRepository, text: str, exercise: str
) -> None:
    dispatcher, events = run_action(ActionChooseExercise(repository), menu_reply(text, "deny"))
    assert responses(dispatcher) == ["utter_stretch_intro"]
    assert {"event": "slot", "name": "stretch_exercise", "value": exercise, "timestamp": None} in events
