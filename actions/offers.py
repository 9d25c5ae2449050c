"""Typed answers to the assistant's offers: "yes", "ok", "sure" take the offer; "no thanks" declines.

Every message that invites an answer has buttons; a typed yes takes its first button when that
button is a way on (more of the topic, the next step, the menu, the stretches or the test), and a
typed no is acknowledged. A yes to a choice of several options asks which one.
"""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge_action import KnowledgeAction
from actions.privacy import erase_everything
from actions.safety_gate import refuse, screening_gate
from actions.screening import BUTTON_QUESTION, ActionRecheckScreen
from actions.session import END_STRETCH_SESSION, current_session_events, last_bot_buttons, last_bot_response
from actions.stretches import (
    CHOICE_PENDING,
    DECLINES_THE_MENU,
    ActionFlexibilityTest,
    ActionOfferStretches,
    ActionStretchSession,
    chosen_exercise,
    give_flexibility_test,
    start_stretch,
)
from actions.topics import EXERCISE_INTENT, INTENT_TOPICS, ActionExplainTopic, ActionFollowUp
from safety.crisis import CRISIS_INTENT
from safety.detector import find_signs

SCREEN = "screening_form"
# What a reply to the menu that chooses nothing gets when its intent has an answer of its own.
OWN_REPLIES = {
    "bot_challenge": "utter_iamabot",
    "greet": "utter_greet",
    "thank": "utter_youre_welcome",
    "ask_how_often": "utter_no_frequency",
}
CONFIRM_DELETION = "utter_confirm_deletion"
FLEX_RESULT_INTENT = "report_flexibility_result"


def first_offer(tracker: Tracker) -> tuple[str | None, dict[str, Any]]:
    """The intent and entities of the first button of the assistant's last message."""
    buttons = last_bot_buttons(current_session_events(tracker.events))
    if not buttons:
        return None, {}
    payload = str(buttons[0].get("payload") or "")
    if not payload.startswith("/"):
        return None, {}
    name, _, entities = payload[1:].partition("{")
    try:
        parsed = json.loads("{" + entities) if entities else {}
    except json.JSONDecodeError:
        parsed = {}
    return name, parsed if isinstance(parsed, dict) else {}


def pressed_old_screen_button(tracker: Tracker) -> bool:
    """A screening question's button pressed when no screen is running (it was answered already)."""
    return next(tracker.get_latest_entity_values(BUTTON_QUESTION), None) is not None


class ActionAcceptOffer(KnowledgeAction):
    """A typed yes: does what the first button of the last message offered."""

    def name(self) -> str:
        return "action_accept_offer"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if pressed_old_screen_button(tracker):
            dispatcher.utter_message(response="utter_screening_stale_answer")
            return []
        if last_bot_response(current_session_events(tracker.events)) == CONFIRM_DELETION:
            # The deletion rule answers a yes to its own question; this keeps that true whichever
            # rule the policy prefers.
            return erase_everything(dispatcher, tracker)
        intent, entities = first_offer(tracker)
        if intent == CRISIS_INTENT:
            # "yes" to "are you having thoughts of ending your life?": crisis support, nothing else.
            dispatcher.utter_message(response="utter_crisis")
            return list(END_STRETCH_SESSION)
        if "exercise" in entities:
            # Several named options ("Which would you like to do?"): "yes, the hip one" or "ok,
            # any" chooses; a bare yes is asked which.
            return ActionChooseExercise(self.repository).answer(dispatcher, tracker)
        if intent == FLEX_RESULT_INTENT:
            # "ok" to "Try bending forward... What happened?": the question stays open.
            test = self.repository.flexibility_test()
            if test is None:
                dispatcher.utter_message(response="utter_knowledge_unavailable")
            else:
                dispatcher.utter_message(response="utter_flex_question", threshold=test.threshold_degrees)
            return []
        if intent == "ask_more":
            return ActionFollowUp(self.repository).answer(dispatcher, tracker)
        if intent == "next_step":
            return ActionStretchSession(self.repository).answer(dispatcher, tracker)
        if intent == "help":
            dispatcher.utter_message(response="utter_help")
            return []
        if intent in ("request_stretches", "request_flexibility_test"):
            if tracker.get_slot("screening_result") is None:
                dispatcher.utter_message(response="utter_screening_intro")
                return [FollowupAction(SCREEN)]
            action = ActionOfferStretches if intent == "request_stretches" else ActionFlexibilityTest
            return action(self.repository).answer(dispatcher, tracker)
        dispatcher.utter_message(response="utter_what_next")
        return []


class ActionDeclineOffer(Action):
    """A typed no: acknowledged, with the way on still open."""

    def name(self) -> str:
        return "action_decline_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if last_bot_response(current_session_events(tracker.events)) == CONFIRM_DELETION:
            dispatcher.utter_message(response="utter_deletion_cancelled")
            return []
        if pressed_old_screen_button(tracker):
            dispatcher.utter_message(response="utter_screening_stale_answer")
            return []
        if tracker.get_slot("stretch_step"):
            dispatcher.utter_message(response="utter_take_your_time")
        else:
            dispatcher.utter_message(response="utter_what_next")
        return []


class ActionChooseExercise(KnowledgeAction):
    """A typed reply to the menu of exercises: starts the one it names (behind the gate)."""

    def name(self) -> str:
        return "action_choose_exercise"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        done = [SlotSet(CHOICE_PENDING, False)]
        text = tracker.latest_message.get("text") or ""
        if any(not finding.negated for finding in find_signs(text)):
            # "my leg's gone tingly" after the menu is a new symptom, not a choice.
            return done + ActionRecheckScreen().recheck(dispatcher, tracker)
        choice = chosen_exercise(tracker)
        if choice is None and DECLINES_THE_MENU.search(text.lower()):
            dispatcher.utter_message(response="utter_what_next")
            return done
        gate = screening_gate(tracker)
        if choice is not None and not gate.is_clear:
            refuse(dispatcher, gate)
            return done + END_STRETCH_SESSION
        if choice == "flexibility_test":
            return done + give_flexibility_test(dispatcher, self.repository)
        if choice is not None:
            return done + (start_stretch(dispatcher, self.repository, choice) or [])
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in INTENT_TOPICS or intent == EXERCISE_INTENT:
            return done + ActionExplainTopic(self.repository).answer(dispatcher, tracker)
        # The menu's buttons stay; the next message is read as usual, not as a choice.
        dispatcher.utter_message(response=OWN_REPLIES.get(intent, "utter_pick_an_option"))
        return done
