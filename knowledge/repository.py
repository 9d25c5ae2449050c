"""Typed, read-only queries over the knowledge base for the actions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import settings
from knowledge import schema
from knowledge.nlp import content_lemmas
from knowledge.parse import INTRO_TITLE
from knowledge.search import BM25Index

# A free-text match counts as the article's answer only when it scores at least SEARCH_THRESHOLD
# (BM25) and the article knows at least MIN_QUERY_COVERAGE of the question's content words: a
# question about swimming or the neck shares a word or two with the article by chance, not more.
# Calibrated with tests/knowledge/test_repository.py.
SEARCH_THRESHOLD = 3.0
MIN_QUERY_COVERAGE = 0.6
MAX_QUOTE_SENTENCES = 3

T = TypeVar("T")


@dataclass(frozen=True)
class Quote:
    """Sentences from one place in the article, with the section they come from."""

    text: str
    section: str
    paragraph: int

    @property
    def where(self) -> str:
        return "the introduction" if self.section == INTRO_TITLE else f'section "{self.section}"'


@dataclass(frozen=True)
class TopicAnswer:
    key: str
    title: str
    answer: tuple[Quote, ...]
    why: tuple[Quote, ...]
    other_key: str | None


@dataclass(frozen=True)
class ExerciseFacts:
    key: str
    name: str
    section: str
    target_muscle: str
    hold_min_seconds: int
    hold_max_seconds: int
    sides: str
    timing: str | None
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    variant: str | None


@dataclass(frozen=True)
class FlexibilityTestFacts:
    exercise_key: str
    threshold_degrees: int
    quote: Quote


@dataclass(frozen=True)
class SearchHit:
    quote: Quote
    score: float


def _group_quotes(passages: list[schema.Passage]) -> tuple[Quote, ...]:
    """Join consecutive sentences of the same paragraph into quotes of at most three sentences."""
    quotes: list[Quote] = []
    current: list[schema.Passage] = []
    for passage in passages:
        if current and (
            passage.section_id != current[-1].section_id
            or passage.paragraph != current[-1].paragraph
            or len(current) == MAX_QUOTE_SENTENCES
        ):
            quotes.append(_quote(current))
            current = []
        current.append(passage)
    if current:
        quotes.append(_quote(current))
    return tuple(quotes)


def _remembered(query: Callable[..., T]) -> Callable[..., T]:
    """Keep each answer that a query found: the knowledge base does not change while a server
    reads it (rebuilding it means restarting the action server), and profiling showed these
    queries at about 40% of the action server's time. Nothing is kept for a missing answer or a
    failed query, so a knowledge base built after start-up is still found."""

    @functools.wraps(query)
    def remembered(self: KnowledgeRepository, *args: Any) -> T:
        key = (query.__name__, *args)
        if key not in self._answers:
            answer = query(self, *args)
            if answer is None:
                return answer
            self._answers[key] = answer
        return self._answers[key]

    return remembered


def _quote(passages: list[schema.Passage]) -> Quote:
    first = passages[0]
    return Quote(" ".join(p.text for p in passages), first.section.title, first.paragraph)


class KnowledgeRepository:
    """Read access to the knowledge base; the URL comes from ``KNOWLEDGE_DB_URL``."""

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine or create_engine(settings.knowledge_db_url())
        self._answers: dict[tuple[Any, ...], Any] = {}

    @_remembered
    def article_title(self) -> str:
        with Session(self._engine) as session:
            return session.execute(select(schema.Article.title)).scalar_one()

    @_remembered
    def topic(self, key: str) -> TopicAnswer | None:
        """The quotes that answer ``key``, in answer order, or None for an unknown topic."""
        with Session(self._engine) as session:
            topic = session.get(schema.Topic, key)
            if topic is None:
                return None
            links = (
                session.execute(
                    select(schema.TopicPassage)
                    .where(schema.TopicPassage.topic_key == key)
                    .order_by(schema.TopicPassage.role, schema.TopicPassage.position)
                )
                .scalars()
                .all()
            )
            by_role = {
                role: _group_quotes([link.passage for link in links if link.role == role])
                for role in ("answer", "why")
            }
            return TopicAnswer(topic.key, topic.title, by_role["answer"], by_role["why"], topic.other_key)

    @_remembered
    def exercise(self, key: str) -> ExerciseFacts | None:
        with Session(self._engine) as session:
            exercise = session.execute(
                select(schema.Exercise).where(schema.Exercise.key == key)
            ).scalar_one_or_none()
            if exercise is None:
                return None
            variant = (
                session.get(schema.Passage, exercise.variant_passage_id)
                if exercise.variant_passage_id
                else None
            )
            return ExerciseFacts(
                key=exercise.key,
                name=exercise.name,
                section=exercise.section.title,
                target_muscle=exercise.target_muscle,
                hold_min_seconds=exercise.hold_min_seconds,
                hold_max_seconds=exercise.hold_max_seconds,
                sides=exercise.sides,
                timing=exercise.timing,
                steps=tuple(step.text for step in exercise.steps),
                cautions=tuple(caution.text for caution in exercise.cautions),
                variant=variant.text if variant else None,
            )

    def exercise_keys(self) -> list[str]:
        with Session(self._engine) as session:
            return list(
                session.execute(
                    select(schema.Exercise.key).join(schema.Section).order_by(schema.Section.position)
                ).scalars()
            )

    @_remembered
    def flexibility_test(self) -> FlexibilityTestFacts | None:
        """The article's flexibility test, with all of its sentences."""
        with Session(self._engine) as session:
            test = session.execute(select(schema.FlexibilityTest)).scalars().first()
            if test is None:
                return None
            exercise = session.get(schema.Exercise, test.exercise_id)
            sentences = (
                session.execute(
                    select(schema.Passage)
                    .where(schema.Passage.section_id == exercise.section_id, schema.Passage.kind == "test")
                    .order_by(schema.Passage.position)
                )
                .scalars()
                .all()
            )
            return FlexibilityTestFacts(exercise.key, test.threshold_degrees, _quote(list(sentences)))

    def passages_mentioning(self, lemma: str) -> list[Quote]:
        """Sentences of the article's body whose lemmas include ``lemma``."""
        with Session(self._engine) as session:
            passages = session.execute(select(schema.Passage).order_by(schema.Passage.position)).scalars()
            return [_quote([p]) for p in passages if lemma in p.lemmas.split()]

    @cached_property
    def _index(self) -> tuple[BM25Index, list[schema.Passage]]:
        with Session(self._engine, expire_on_commit=False) as session:
            passages = list(
                session.execute(
                    select(schema.Passage)
                    .where(schema.Passage.kind == "prose")
                    .order_by(schema.Passage.position)
                ).scalars()
            )
            session.expunge_all()
        return BM25Index([(p.id, p.lemmas.split()) for p in passages]), passages

    def search(self, question: str, limit: int = 3) -> list[SearchHit]:
        """Sentences that best answer ``question`` (stretch instructions never qualify), best first.

        Only confident hits are returned (see ``SEARCH_THRESHOLD``); each comes with the rest of
        its paragraph, up to three sentences.
        """
        index, passages = self._index
        terms = content_lemmas(question)
        if not terms or index.coverage(terms) < MIN_QUERY_COVERAGE:
            return []
        by_id = {p.id: p for p in passages}
        hits = []
        for ranked in index.rank(terms)[:limit]:
            if ranked.score < SEARCH_THRESHOLD:
                break
            best = by_id[ranked.document_id]
            paragraph = [
                p for p in passages if p.section_id == best.section_id and p.paragraph == best.paragraph
            ]
            start = max(0, min(paragraph.index(best), len(paragraph) - MAX_QUOTE_SENTENCES))
            hits.append(SearchHit(_quote(paragraph[start : start + MAX_QUOTE_SENTENCES]), ranked.score))
        return hits
