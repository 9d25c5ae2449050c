"""The single entry point for every request to do a stretch."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import KnowledgeAction, utter_quote


class ActionOfferStretches(KnowledgeAction):
    """Until the safety screen exists: say a safety check comes first and never give instructions."""

    def name(self) -> str:
        return "action_offer_stretches"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_safety_check_first")
        signs = self.repository.warning_signs()
        if signs:
            # In article order the first sign is the general advice ("Moving More"); the later
            # ones belong to the hamstring flexibility test, which is not offered here.
            dispatcher.utter_message(response="utter_article_warning")
            utter_quote(dispatcher, signs[0].source)
        dispatcher.utter_message(response="utter_stretch_education_offer")
        return []
