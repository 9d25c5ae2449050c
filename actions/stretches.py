"""Stretches and the flexibility test, always behind the safety gate."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import KnowledgeAction
from actions.safety_gate import refuse, screening_gate
from actions.screening import END_STRETCH_SESSION
from actions.stretch_plan import PlannedMessage, session_plan
from safety.crisis import CRISIS_INTENT
from safety.levels import Level

FLEX_RESULT_WORDS = {
    "zinging": ("zing", "tingl", "nerve", "electric", "calves", "calf"),
    "tight": ("couldn", "could not", "can't", "cannot", "not even", "no way", "nowhere"),
    "fine": ("reached", "easily", "made it", "yes", "easy", "no problem"),
}


def _send(dispatcher: CollectingDispatcher, message: PlannedMessage) -> None:
    dispatcher.utter_message(response=message.response, json_message=message.custom, **message.values)


def _crisis_since_stretch_began(tracker: Tracker) -> bool:
    """Whether a crisis message came after the stretch in progress was offered.

    Crisis support ends the stretch (data/rules/crisis.yml); this holds it ended even when the
    action that clears the stretch's slots did not run.
    """
    crisis = False
    for event in tracker.events:
        if event.get("event") == "action" and event.get("name") == "action_offer_stretches":
            crisis = False
        elif event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            crisis = crisis or intent == CRISIS_INTENT
    return crisis


def _entity(tracker: Tracker, name: str) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


class GatedAction(KnowledgeAction):
    """Runs ``answer_cleared`` only for a user whose screen is clear; everyone else is referred."""

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        gate = screening_gate(tracker)
        if not gate.is_clear:
            refuse(dispatcher, gate)
            return END_STRETCH_SESSION
        return self.answer_cleared(dispatcher, tracker)

    @abstractmethod
    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """Send the reply for a user with a clear screen and return the events to apply."""


class ActionEndStretchSession(Action):
    """Forgets the stretch in progress (after pain, "stop" or a red flag)."""

    def name(self) -> str:
        return "action_end_stretch_session"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return END_STRETCH_SESSION


class ActionOfferStretches(GatedAction):
    """The single entry point for every request to do a stretch."""

    def name(self) -> str:
        return "action_offer_stretches"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        exercise = self.repository.exercise(_entity(tracker, "exercise") or "")
        if exercise is None:
            dispatcher.utter_message(response="utter_stretch_menu")
            return END_STRETCH_SESSION
        _send(dispatcher, session_plan(exercise)[0])
        return [
            SlotSet("stretch_exercise", exercise.key),
            SlotSet("stretch_step", 1.0),
            SlotSet("topic", exercise.key),
            SlotSet("topic_page", 1.0),
        ]


class ActionStretchSession(GatedAction):
    """The next message of the stretch in progress ("next", "done")."""

    def name(self) -> str:
        return "action_stretch_session"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        exercise = self.repository.exercise(tracker.get_slot("stretch_exercise") or "")
        step = int(tracker.get_slot("stretch_step") or 0)
        if exercise is None or step <= 0 or _crisis_since_stretch_began(tracker):
            dispatcher.utter_message(response="utter_no_stretch_in_progress")
            return END_STRETCH_SESSION
        plan = session_plan(exercise)
        _send(dispatcher, plan[min(step, len(plan) - 1)])
        if step + 1 >= len(plan):
            return END_STRETCH_SESSION
        return [SlotSet("stretch_step", float(step + 1))]


class ActionFlexibilityTest(GatedAction):
    """Guides the article's 70-degree hamstring test."""

    def name(self) -> str:
        return "action_flexibility_test"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        test = self.repository.flexibility_test()
        if test is None:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        dispatcher.utter_message(response="utter_flex_test", test=test.quote.text, section=test.quote.section)
        dispatcher.utter_message(response="utter_flex_question", threshold=test.threshold_degrees)
        return END_STRETCH_SESSION


class ActionFlexibilityResult(GatedAction):
    """Interprets the test as the article does: the nerve, tight hamstrings, or neither."""

    def name(self) -> str:
        return "action_flexibility_result"

    def answer_cleared(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        test = self.repository.flexibility_test()
        threshold = test.threshold_degrees if test else None
        result = _entity(tracker, "flex_result") or self._result_from_text(tracker.latest_message.get("text"))
        if result == "zinging":
            dispatcher.utter_message(response="utter_flex_nerve")
            return [SlotSet("screening_result", Level.PRACTITIONER.slot_value), *END_STRETCH_SESSION]
        if result == "tight":
            dispatcher.utter_message(response="utter_flex_tight")
        elif result == "fine":
            dispatcher.utter_message(response="utter_flex_fine", threshold=threshold)
        else:
            dispatcher.utter_message(response="utter_flex_question", threshold=threshold)
        return []

    @staticmethod
    def _result_from_text(text: str | None) -> str | None:
        lowered = (text or "").lower()
        for result, words in FLEX_RESULT_WORDS.items():
            if any(word in lowered for word in words):
                return result
        return None
