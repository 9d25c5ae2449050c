"""Answers for what the article leaves out: massage."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import KnowledgeAction, utter_quote


class ActionExplainMassage(KnowledgeAction):
    """The title promises massage; say so honestly unless the article's text covers it."""

    def name(self) -> str:
        return "action_explain_massage"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mentions = self.repository.passages_mentioning("massage")
        if not mentions:
            dispatcher.utter_message(
                response="utter_massage_not_in_text", article_title=self.repository.article_title()
            )
        for quote in mentions:
            utter_quote(dispatcher, quote)
        return []
