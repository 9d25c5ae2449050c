from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import schema
from knowledge.build import ARTICLE_PATH, build

ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")


def _rows(engine: Engine) -> dict:
    with Session(engine) as session:
        return {
            table.__tablename__: [
                tuple(getattr(row, column.name) for column in table.__table__.columns)
                for row in session.execute(select(table)).scalars()
            ]
            for table in (
                schema.Article,
                schema.Section,
                schema.Passage,
                schema.TopicPassage,
                schema.Exercise,
                schema.ExerciseStep,
            )
        }


def test_article_title_and_date_come_from_the_text(knowledge_engine: Engine) -> None:
    with Session(knowledge_engine) as session:
        article = session.execute(select(schema.Article)).scalar_one()
    assert article.title == ARTICLE.splitlines()[0].strip()
    assert article.published == "2016-12-06"


@pytest.mark.parametrize(
    ("key", "heading", "muscle", "sides"),
    [
        ("hip_flexor_stretch", "1. Half-Kneeling Hip Flexor Stretch", "hip flexor", "each side"),
        ("hamstring_stretch", "2. Standing or Supine Hamstring Stretch", "hamstring", "each leg"),
    ],
)
def test_every_exercise_is_found_with_hold_time_and_sides(
    knowledge_engine: Engine, key: str, heading: str, muscle: str, sides: str
) -> None:
    assert heading in ARTICLE
    with Session(knowledge_engine) as session:
        exercise = session.execute(select(schema.Exercise).where(schema.Exercise.key == key)).scalar_one()
        hold_sentence = session.get(schema.Passage, exercise.hold_passage_id).text
        step_sources = [session.get(schema.Passage, step.passage_id).text for step in exercise.steps]
    assert heading.endswith(exercise.name)
    assert exercise.target_muscle == muscle
    assert (exercise.hold_min_seconds, exercise.hold_max_seconds) == (30, 60)
    assert exercise.sides == sides
    assert f"30-60 seconds on {sides}" in hold_sentence
    assert exercise.steps, "each exercise has step-by-step instructions"
    for step, source in zip(exercise.steps, step_sources, strict=True):
        assert step.text.rstrip(".").lower() in source.lower()


def test_exercise_count_matches_the_numbered_stretch_headings(knowledge_engine: Engine) -> None:
    headings = [
        line for line in ARTICLE.splitlines() if line.strip().endswith("Stretch") and line[0].isdigit()
    ]
    with Session(knowledge_engine) as session:
        count = session.execute(select(func.count(schema.Exercise.id))).scalar_one()
    assert count == len(headings) == 2


def test_instruction_sentences_are_typed_so_they_can_be_withheld(knowledge_engine: Engine) -> None:
    with Session(knowledge_engine) as session:
        kinds = {p.text: p.kind for p in session.execute(select(schema.Passage)).scalars()}
    assert kinds[next(t for t in kinds if t.startswith("Instructions: Kneel on one knee"))] == "instruction"
    assert kinds[next(t for t in kinds if t.startswith("Alternatively"))] == "variant"
    assert kinds[next(t for t in kinds if t.startswith("Flexbility Test"))] == "test"
    assert kinds["That increases your risk of back injury."] == "prose"


def test_flexibility_test_threshold(knowledge_engine: Engine) -> None:
    with Session(knowledge_engine) as session:
        test = session.execute(select(schema.FlexibilityTest)).scalar_one()
        source = session.get(schema.Passage, test.passage_id).text
    assert test.threshold_degrees == 70
    assert "70-degrees" in source


def test_topics_quote_prose_and_only_the_test_topic_describes_the_test(knowledge_engine: Engine) -> None:
    with Session(knowledge_engine) as session:
        query = select(schema.TopicPassage.topic_key, schema.Passage.kind).join(schema.Passage)
        rows = session.execute(query)
        kinds: dict[str, set[str]] = {}
        for topic_key, kind in rows:
            kinds.setdefault(kind, set()).add(topic_key)
    assert set(kinds) == {"prose", "test"}
    assert kinds["test"] == {"flexibility_test"}


def test_rebuilding_is_idempotent(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    build(engine)
    first = _rows(engine)
    build(engine)
    assert _rows(engine) == first


def test_a_topic_pointing_at_a_missing_sentence_fails_the_build(tmp_path: Path) -> None:
    shortened = tmp_path / "article.txt"
    without_prevalence = ARTICLE.replace(
        "You’re not alone – 31% of people worldwide have previously, or currently experience this "
        "common health problem. ",
        "",
    )
    assert without_prevalence != ARTICLE
    shortened.write_text(without_prevalence, encoding="utf-8")
    with pytest.raises(ValueError):
        build(create_engine(f"sqlite:///{tmp_path / 'kb.db'}"), shortened)
