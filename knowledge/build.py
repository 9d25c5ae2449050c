"""Build the knowledge base from ``knowledge/article.txt``: ``python -m knowledge.build``.

Rebuilding is idempotent: the tables are dropped and written again from the article in one
transaction, so the same article always gives the same rows.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from spacy.matcher import PhraseMatcher
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import settings
from knowledge import schema
from knowledge.nlp import content_lemmas, pipeline
from knowledge.parse import ParsedArticle, parse_article
from knowledge.topics import TOPICS, Excerpt

ARTICLE_PATH = Path(__file__).resolve().parent / "article.txt"

# The muscles the builder looks for; each row keeps the sentence that first names the muscle.
MUSCLE_TERMS = (
    "hip flexor",
    "hamstring",
    "psoas",
    "transverse abdominus",
    "multifidus",
    "abdominals",
)
_HOLD = re.compile(r"\b(\d+)\s*-\s*(\d+)\s+seconds on (each (?:side|leg))\b")
_TIMING = re.compile(r"^(After [^,]+),")
_DEGREES = re.compile(r"\b(\d+)\s*-?\s*degrees?\b")
_NEGATIVE_START = ("No need", "Don't", "Do not", "Never", "Avoid")

PassageKey = tuple[str, int, int]


def _muscle_matcher() -> PhraseMatcher:
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for term in MUSCLE_TERMS:
        matcher.add(term, [nlp(term)])
    return matcher


def _split_steps(sentence: str) -> list[str]:
    """Split one instruction sentence into its coordinated commands, keeping purpose clauses whole."""
    text = re.sub(r"^Instructions:\s*", "", sentence).rstrip(".")
    if text.startswith("To "):
        return [text[0].upper() + text[1:] + "."]
    parts = [p.strip() for p in re.split(r",\s*(?:and |then )?", text) if p.strip()]
    return [part[0].upper() + part[1:] + "." for part in parts]


def _write_structure(
    session: Session, article: ParsedArticle, checksum: str
) -> tuple[dict[PassageKey, schema.Passage], dict[str, schema.Section]]:
    row = schema.Article(title=article.title, published=article.published, checksum=checksum)
    session.add(row)
    session.flush()
    passages: dict[PassageKey, schema.Passage] = {}
    sections: dict[str, schema.Section] = {}
    position = 0
    for parsed in article.sections:
        section = schema.Section(
            article_id=row.id,
            position=parsed.position,
            number=parsed.number,
            title=parsed.title,
            group_title=parsed.group_title,
            kind=parsed.kind,
        )
        session.add(section)
        session.flush()
        sections[parsed.title] = section
        for p_index, paragraph in enumerate(parsed.paragraphs, start=1):
            for s_index, sentence in enumerate(paragraph.sentences, start=1):
                position += 1
                passage = schema.Passage(
                    section_id=section.id,
                    paragraph=p_index,
                    sentence=s_index,
                    position=position,
                    text=sentence.text,
                    lemmas=" ".join(content_lemmas(sentence.text)),
                    kind=sentence.kind,
                )
                session.add(passage)
                passages[(parsed.title, p_index, s_index)] = passage
    session.flush()
    return passages, sections


def _excerpt_passages(excerpt: Excerpt, passages: dict[PassageKey, schema.Passage]) -> list[schema.Passage]:
    found = [
        passage
        for (section, paragraph, sentence), passage in passages.items()
        if section == excerpt.section
        and paragraph == excerpt.paragraph
        and (not excerpt.sentences or sentence in excerpt.sentences)
    ]
    if not found or (excerpt.sentences and len(found) != len(excerpt.sentences)):
        raise ValueError(f"the article has no sentences for {excerpt}")
    return sorted(found, key=lambda passage: passage.position)


def _write_topics(session: Session, passages: dict[PassageKey, schema.Passage]) -> None:
    for topic in TOPICS:
        session.add(schema.Topic(key=topic.key, title=topic.title, other_key=topic.other))
        for role, excerpts in (("answer", topic.answer), ("why", topic.why)):
            chosen = [p for excerpt in excerpts for p in _excerpt_passages(excerpt, passages)]
            for order, passage in enumerate(chosen):
                if passage.kind not in topic.kinds:
                    raise ValueError(f"topic {topic.key} would quote a {passage.kind} sentence")
                session.add(
                    schema.TopicPassage(topic_key=topic.key, passage_id=passage.id, role=role, position=order)
                )


def _target_muscle(title: str) -> str:
    doc = pipeline()(title.lower())
    matches = _muscle_matcher()(doc)
    if not matches:
        raise ValueError(f"no muscle named in exercise heading {title!r}")
    return pipeline().vocab.strings[matches[0][0]]


def _write_exercise(
    session: Session, section: schema.Section, section_passages: list[schema.Passage]
) -> None:
    target = _target_muscle(section.title)
    hold_passage: schema.Passage | None = None
    hold: re.Match | None = None
    for passage in section_passages:
        hold = _HOLD.search(passage.text) if passage.kind == "dosage" else None
        if hold:
            hold_passage = passage
            break
    if hold is None or hold_passage is None:
        raise ValueError(f"no hold time found for {section.title!r}")
    timing = _TIMING.match(hold_passage.text)
    variant = next((p for p in section_passages if p.kind == "variant"), None)
    exercise = schema.Exercise(
        key=target.replace(" ", "_") + "_stretch",
        name=section.title,
        section_id=section.id,
        target_muscle=target,
        hold_min_seconds=int(hold.group(1)),
        hold_max_seconds=int(hold.group(2)),
        sides=hold.group(3),
        hold_passage_id=hold_passage.id,
        timing=timing.group(1) if timing else None,
        timing_passage_id=hold_passage.id if timing else None,
        variant_passage_id=variant.id if variant else None,
    )
    session.add(exercise)
    session.flush()
    step_number = 0
    for passage in section_passages:
        if passage.kind == "instruction" and passage.text.startswith(_NEGATIVE_START):
            session.add(
                schema.ExerciseCaution(exercise_id=exercise.id, text=passage.text, passage_id=passage.id)
            )
        elif passage.kind == "instruction":
            for step in _split_steps(passage.text):
                step_number += 1
                session.add(
                    schema.ExerciseStep(
                        exercise_id=exercise.id, position=step_number, text=step, passage_id=passage.id
                    )
                )
        elif passage.kind == "test":
            degrees = _DEGREES.search(passage.text)
            if degrees:
                session.add(
                    schema.FlexibilityTest(
                        exercise_id=exercise.id,
                        threshold_degrees=int(degrees.group(1)),
                        passage_id=passage.id,
                    )
                )


def build(engine: Engine, article_path: Path = ARTICLE_PATH) -> None:
    """Parse the article and (re)write every table of the knowledge base."""
    text = article_path.read_text(encoding="utf-8")
    article = parse_article(text)
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    schema.Base.metadata.drop_all(engine)
    schema.Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        passages, sections = _write_structure(session, article, checksum)
        _write_topics(session, passages)
        for section in sections.values():
            if section.kind == "exercise":
                in_section = sorted(
                    (p for (title, _, _), p in passages.items() if title == section.title),
                    key=lambda p: p.position,
                )
                _write_exercise(session, section, in_section)


def main() -> None:
    url = settings.knowledge_db_url()
    if url.startswith("sqlite"):
        settings.ensure_var_dir()
    build(create_engine(url))
    print(f"Knowledge base built from {ARTICLE_PATH.name} into {url}")


if __name__ == "__main__":
    main()
