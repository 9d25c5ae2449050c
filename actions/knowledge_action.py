"""The abstract base of every action that answers from the knowledge base."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from knowledge.nlp import content_lemmas
from knowledge.repository import KnowledgeRepository, Quote
from knowledge.topics import TOPICS
from language.encoder import default_encoder

TOPIC_KEYS = tuple(topic.key for topic in TOPICS)

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def knowledge_repository() -> KnowledgeRepository:
    """The action server's one repository (its engine pools connections)."""
    return KnowledgeRepository()


def report_knowledge_base_status(repository: KnowledgeRepository | None = None) -> bool:
    """Say clearly at start-up whether the knowledge base can be read."""
    repository = repository or knowledge_repository()
    try:
        title = repository.article_title()
    except SQLAlchemyError as error:
        logger.error(
            "KNOWLEDGE BASE MISSING OR UNREADABLE (%s): run `make knowledge` to build it. "
            "Education answers will apologise until it is fixed.",
            type(error).__name__,
        )
        return False
    logger.info("Knowledge base ready: %s", title)
    return True


def prepare_passage_choice(repository: KnowledgeRepository | None = None) -> None:
    """Load the sentence encoder and embed every topic's passages before the first question.

    Choosing the passage that answers a question (knowledge/passages.py) needs both; loading them
    during a question would take longer than Rasa waits for an action.
    """
    repository = repository or knowledge_repository()
    try:
        topics = [topic for key in TOPIC_KEYS if (topic := repository.topic(key))]
    except SQLAlchemyError:
        return  # already reported by report_knowledge_base_status
    default_encoder().encode([quote.text for topic in topics for quote in topic.answer])
    content_lemmas("the lemmatiser loads on its first text")


def utter_quote(dispatcher: CollectingDispatcher, quote: Quote) -> None:
    """Send the article's words with the section they come from."""
    dispatcher.utter_message(response="utter_quote", quote=quote.text, where=quote.where)


class KnowledgeAction(Action, ABC):
    """Runs ``answer`` with the repository; a failing knowledge base gets an apology, not silence."""

    def __init__(self, repository: KnowledgeRepository | None = None) -> None:
        self._repository = repository

    @property
    def repository(self) -> KnowledgeRepository:
        return self._repository or knowledge_repository()

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            return self.answer(dispatcher, tracker)
        except SQLAlchemyError:
            logger.exception("Knowledge base query failed in %s", self.name())
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []

    @abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """Send the reply and return the events to apply."""
