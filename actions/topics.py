"""Education answers: a topic from the article, then follow-ups ("tell me more", "why?", "the other one")."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_action import TOPIC_KEYS, KnowledgeAction, utter_quote
from knowledge.passages import best_passage, closest_topic, reading_order
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
}
# Questions about an exercise name it in the ``exercise`` entity; when the entity is missing, the
# words of the question point to it (first match wins: "hamstring test" is the test).
EXERCISE_INTENT = "ask_exercise"
# An exercise question that names no exercise goes to the topic closest in meaning, when its
# closest passage is at least this similar (all-MiniLM-L6-v2 cosine; unrelated text scores < 0.2).
MIN_TOPIC_SIMILARITY = 0.40
EXERCISE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bplank|\bcore\b|\bstabil|\bspine still"), "plank"),
    (re.compile(r"\b70\b|degree|angle|flexib|\btest|bend\w* forward|\bzing|how far"), "flexibility_test"),
    (
        re.compile(
            r"hamstrin|hammy|hammies|\bbelt\b|supine|lying|leg up"
            r"|backs? of (?:my|the|your) (?:thigh|leg|upper leg)"
        ),
        "hamstring_stretch",
    ),
    (re.compile(r"\bhip|psoas|kneel"), "hip_flexor_stretch"),
)


def exercise_topic(tracker: Tracker) -> str | None:
    """The exercise a question is about: its entity, else the first exercise its words name."""
    for value in tracker.get_latest_entity_values("exercise"):
        if value in dict(EXERCISE_WORDS).values():
            return value
    text = (tracker.latest_message.get("text") or "").lower()
    return next((topic for pattern, topic in EXERCISE_WORDS if pattern.search(text)), None)


class TopicAction(KnowledgeAction):
    """Presents one page of a topic and the offer of what comes next (abstract: no ``answer``)."""

    def present(
        self, dispatcher: CollectingDispatcher, topic: TopicAnswer, page: int, first: int = 0
    ) -> list[dict[str, Any]]:
        """Sends the ``page``-th passage in reading order (the one chosen ``first``, then the rest)."""
        utter_quote(dispatcher, topic.answer[reading_order(len(topic.answer), first)[page]])
        if page + 1 >= len(topic.answer) and not topic.why and not topic.other_key:
            dispatcher.utter_message(response="utter_topic_finished", topic_title=topic.title)
        else:
            self.offer_next(dispatcher, topic)
        return [
            SlotSet("topic", topic.key),
            SlotSet("topic_page", float(page + 1)),
            SlotSet("topic_first_page", float(first)),
        ]

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
        question = tracker.latest_message.get("text") or ""
        key = exercise_topic(tracker) if intent == EXERCISE_INTENT else INTENT_TOPICS.get(intent)
        if key is None and intent == EXERCISE_INTENT and not question.startswith("/"):
            key = self.closest_topic(question)
        topic = self.repository.topic(key or "")
        if topic is None:
            dispatcher.utter_message(response="utter_no_topic_yet")
            return []
        first = 0 if question.startswith("/") else best_passage(question, [q.text for q in topic.answer])
        return self.present(dispatcher, topic, 0, first)


    def closest_topic(self, question: str) -> str | None:
        """The topic whose passages are closest in meaning, if close enough to be the one meant."""
        answers = {key: self.repository.topic(key) for key in TOPIC_KEYS}
        topics = {key: [quote.text for quote in topic.answer] for key, topic in answers.items() if topic}
        key, similarity = closest_topic(question, topics)
        return key if similarity >= MIN_TOPIC_SIMILARITY else None


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
        page, first = int(tracker.get_slot("topic_page") or 1), int(tracker.get_slot("topic_first_page") or 0)
        return self._more(dispatcher, topic, page, first)

    def _current_topic(self, tracker: Tracker) -> TopicAnswer | None:
        key = tracker.get_slot("topic")
        return self.repository.topic(key) if key else None

    def _more(
        self, dispatcher: CollectingDispatcher, topic: TopicAnswer, page: int, first: int
    ) -> list[dict[str, Any]]:
        if page >= len(topic.answer):
            dispatcher.utter_message(response="utter_topic_finished", topic_title=topic.title)
            return []
        return self.present(dispatcher, topic, page, first)

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
