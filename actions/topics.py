"""Education answers: a topic from the article, then follow-ups ("tell me more", "why?", "the other one")."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import KnowledgeAction, utter_quote
from knowledge.repository import TopicAnswer

INTENT_TOPICS: dict[str, str] = {
    "ask_prevalence": "prevalence",
    "ask_pain_sources": "pain_sources",
    "ask_posture": "posture",
    "ask_lifting": "mechanics",
    "ask_hip_flexors": "hip_flexors",
    "ask_hamstrings": "hamstrings",
    "ask_bed_rest": "bed_rest",
    "ask_deep_muscles": "deep_muscles",
    "ask_strategy": "strategy",
    "ask_hip_flexor_stretch": "hip_flexor_stretch",
    "ask_hamstring_stretch": "hamstring_stretch",
}


class TopicAction(KnowledgeAction):
    """Presents one page of a topic and the offer of what comes next (abstract: no ``answer``)."""

    def present(
        self, dispatcher: CollectingDispatcher, topic: TopicAnswer, page: int
    ) -> list[dict[str, Any]]:
        utter_quote(dispatcher, topic.answer[page])
        if page + 1 >= len(topic.answer) and not topic.why and not topic.other_key:
            dispatcher.utter_message(response="utter_topic_finished", topic_title=topic.title)
        else:
            self.offer_next(dispatcher, topic)
        return [SlotSet("topic", topic.key), SlotSet("topic_page", float(page + 1))]

    def offer_next(self, dispatcher: CollectingDispatcher, topic: TopicAnswer) -> None:
        other = self.repository.topic(topic.other_key) if topic.other_key else None
        if other is None:
            dispatcher.utter_message(response="utter_topic_offer", topic_title=topic.title)
        else:
            dispatcher.utter_message(
                response="utter_topic_offer_with_other",
                topic_title=topic.title,
                other_title=other.title,
                other_button=other.title[0].upper() + other.title[1:],
            )


class ActionExplainTopic(TopicAction):
    """Answer an education intent with the first part of its topic."""

    def name(self) -> str:
        return "action_explain_topic"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        topic = self.repository.topic(INTENT_TOPICS.get(intent, ""))
        if topic is None:
            dispatcher.utter_message(response="utter_no_topic_yet")
            return []
        return self.present(dispatcher, topic, 0)


class ActionFollowUp(TopicAction):
    """Continue the current topic: the next part, the reason, or its paired topic."""

    def name(self) -> str:
        return "action_follow_up"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        topic = self._current_topic(tracker)
        if topic is None:
            dispatcher.utter_message(response="utter_no_topic_yet")
            return []
        intent = tracker.latest_message.get("intent", {}).get("name")
        if intent == "ask_why":
            return self._why(dispatcher, topic)
        if intent == "ask_other":
            return self._other(dispatcher, topic)
        return self._more(dispatcher, topic, int(tracker.get_slot("topic_page") or 1))

    def _current_topic(self, tracker: Tracker) -> TopicAnswer | None:
        key = tracker.get_slot("topic")
        return self.repository.topic(key) if key else None

    def _more(self, dispatcher: CollectingDispatcher, topic: TopicAnswer, page: int) -> list[dict[str, Any]]:
        if page >= len(topic.answer):
            dispatcher.utter_message(response="utter_topic_finished", topic_title=topic.title)
            return []
        return self.present(dispatcher, topic, page)

    def _why(self, dispatcher: CollectingDispatcher, topic: TopicAnswer) -> list[dict[str, Any]]:
        if not topic.why:
            dispatcher.utter_message(response="utter_why_not_given", topic_title=topic.title)
            return []
        for quote in topic.why:
            utter_quote(dispatcher, quote)
        self.offer_next(dispatcher, topic)
        return []

    def _other(self, dispatcher: CollectingDispatcher, topic: TopicAnswer) -> list[dict[str, Any]]:
        other = self.repository.topic(topic.other_key) if topic.other_key else None
        if other is None:
            dispatcher.utter_message(response="utter_no_other_topic", topic_title=topic.title)
            return []
        return self.present(dispatcher, other, 0)
