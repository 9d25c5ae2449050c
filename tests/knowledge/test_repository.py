from __future__ import annotations

import pytest
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.engine import Engine

from knowledge.build import ARTICLE_PATH
from knowledge.repository import MAX_QUOTE_SENTENCES, KnowledgeRepository
from knowledge.topics import TOPICS

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize("topic_key", [topic.key for topic in TOPICS])
def test_every_topic_answers_with_article_sentences_and_a_section(
    repository: KnowledgeRepository, topic_key: str
) -> None:
    topic = repository.topic(topic_key)
    assert topic is not None and topic.answer
    for quote in topic.answer + topic.why:
        assert quote.text in ARTICLE or all(part in ARTICLE for part in quote.text.split(". "))
        assert quote.where == "the introduction" or quote.section in ARTICLE
        assert quote.text.count(". ") < MAX_QUOTE_SENTENCES


def test_topic_answers_keep_their_defined_order(repository: KnowledgeRepository) -> None:
    deep = repository.topic("deep_muscles")
    assert "transverse abdominus (TvA)" in deep.answer[0].text
    assert deep.answer[-1].text.startswith("The human body is pretty incredible.")


def test_paired_topics_point_at_each_other(repository: KnowledgeRepository) -> None:
    for topic in TOPICS:
        if topic.other:
            assert repository.topic(topic.other).other_key == topic.key


def test_unknown_topic_is_none(repository: KnowledgeRepository) -> None:
    assert repository.topic("neck_pain") is None


def test_exercises_in_article_order_with_facts(repository: KnowledgeRepository) -> None:
    assert repository.exercise_keys() == ["hip_flexor_stretch", "hamstring_stretch"]
    hip = repository.exercise("hip_flexor_stretch")
    assert hip.timing.startswith("After your warm-up routine")
    assert hip.steps[0] == "Kneel on one knee."
    hamstring = repository.exercise("hamstring_stretch")
    assert "supine position" in hamstring.variant
    assert hamstring.cautions and hamstring.cautions[0].startswith("No need to reach forward")
    assert repository.exercise("plank") is None


def test_massage_is_only_in_the_title(repository: KnowledgeRepository) -> None:
    assert "Massage" in repository.article_title()
    assert repository.passages_mentioning("massage") == []
    assert repository.passages_mentioning("plank")


@pytest.mark.parametrize(
    ("question", "expected_start"),
    [
        ("is bed rest good", "In the past, many health practitioners only prescribed bed rest."),
        ("what is the plank", "In addition to hip mobility, you should train your spine stability."),
        ("would a yoga master still move incorrectly", "Even if you have the flexibility of a yoga master"),
        ("which muscles stabilize the spine", "The main muscles that experience change"),
    ],
)
def test_search_finds_the_passage_that_answers(
    repository: KnowledgeRepository, question: str, expected_start: str
) -> None:
    hits = repository.search(question)
    assert hits, question
    assert hits[0].quote.text.startswith(expected_start)
    assert repository.search(question) == hits, "search order is deterministic"


@pytest.mark.parametrize(
    "question",
    ["what painkillers should i take", "is swimming good", "weather today", "", "!!!"],
)
def test_search_below_threshold_finds_nothing(repository: KnowledgeRepository, question: str) -> None:
    assert repository.search(question) == []


@pytest.mark.parametrize(
    "question",
    ["how do i kneel on one knee", "elevated surface navel knee", "belt supine position"],
)
def test_search_never_returns_stretch_instructions(repository: KnowledgeRepository, question: str) -> None:
    steps = [step for key in repository.exercise_keys() for step in repository.exercise(key).steps]
    for hit in repository.search(question):
        assert not any(step.rstrip(".") in hit.quote.text for step in steps)
        assert "Instructions:" not in hit.quote.text
        assert "Alternatively" not in hit.quote.text


def test_found_answers_are_read_from_the_database_once(knowledge_engine: Engine) -> None:
    repository = KnowledgeRepository(knowledge_engine)
    queries: list[str] = []

    def record(*args: object) -> None:
        queries.append(str(args[2]))

    sqlalchemy_event.listen(knowledge_engine, "before_cursor_execute", record)
    try:
        first = (repository.topic("posture"), repository.exercise("hip_flexor_stretch"))
        first += (repository.flexibility_test(), repository.article_title())
        asked = len(queries)
        again = (repository.topic("posture"), repository.exercise("hip_flexor_stretch"))
        again += (repository.flexibility_test(), repository.article_title())
        assert asked > 0 and len(queries) == asked
        assert again == first
        repository.topic("neck_pain")
        repository.topic("neck_pain")
        assert len(queries) > asked + 1  # a missing answer is asked for every time
    finally:
        sqlalchemy_event.remove(knowledge_engine, "before_cursor_execute", record)
