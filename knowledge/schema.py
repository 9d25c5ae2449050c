"""Tables of the knowledge base. Every fact row points at the article sentence it comes from."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Article(Base):
    __tablename__ = "articles"
    id = Column(Integer, primary_key=True)
    title = Column(String(300), nullable=False)
    published = Column(String(40), nullable=False)
    checksum = Column(String(64), nullable=False)


class Section(Base):
    """A heading of the article and the paragraphs under it (``kind``: intro, cause, strategy, exercise)."""

    __tablename__ = "sections"
    id = Column(Integer, primary_key=True)
    article_id = Column(ForeignKey("articles.id"), nullable=False)
    position = Column(Integer, nullable=False)
    number = Column(Integer)
    title = Column(String(200), nullable=False)
    group_title = Column(String(200))
    kind = Column(String(20), nullable=False)


class Passage(Base):
    """One sentence of the article (``kind``: prose, instruction, dosage, test, variant)."""

    __tablename__ = "passages"
    id = Column(Integer, primary_key=True)
    section_id = Column(ForeignKey("sections.id"), nullable=False)
    paragraph = Column(Integer, nullable=False)
    sentence = Column(Integer, nullable=False)
    position = Column(Integer, nullable=False, unique=True)
    text = Column(Text, nullable=False)
    lemmas = Column(Text, nullable=False)
    kind = Column(String(20), nullable=False)
    section = relationship(Section, lazy="joined")


class Topic(Base):
    __tablename__ = "topics"
    key = Column(String(40), primary_key=True)
    title = Column(String(200), nullable=False)
    other_key = Column(String(40))


class TopicPassage(Base):
    """Links a topic to the sentences that answer it (``role``: answer or why), in answer order."""

    __tablename__ = "topic_passages"
    id = Column(Integer, primary_key=True)
    topic_key = Column(ForeignKey("topics.key"), nullable=False)
    passage_id = Column(ForeignKey("passages.id"), nullable=False)
    role = Column(String(10), nullable=False)
    position = Column(Integer, nullable=False)
    passage = relationship(Passage, lazy="joined")


class Exercise(Base):
    __tablename__ = "exercises"
    id = Column(Integer, primary_key=True)
    key = Column(String(40), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    section_id = Column(ForeignKey("sections.id"), nullable=False)
    target_muscle = Column(String(100), nullable=False)
    hold_min_seconds = Column(Integer, nullable=False)
    hold_max_seconds = Column(Integer, nullable=False)
    sides = Column(String(40), nullable=False)
    hold_passage_id = Column(ForeignKey("passages.id"), nullable=False)
    timing = Column(Text)
    timing_passage_id = Column(ForeignKey("passages.id"))
    variant_passage_id = Column(ForeignKey("passages.id"))
    section = relationship(Section, lazy="joined")
    steps = relationship("ExerciseStep", order_by="ExerciseStep.position", lazy="selectin")
    cautions = relationship("ExerciseCaution", order_by="ExerciseCaution.id", lazy="selectin")


class ExerciseStep(Base):
    __tablename__ = "exercise_steps"
    id = Column(Integer, primary_key=True)
    exercise_id = Column(ForeignKey("exercises.id"), nullable=False)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    passage_id = Column(ForeignKey("passages.id"), nullable=False)


class ExerciseCaution(Base):
    __tablename__ = "exercise_cautions"
    id = Column(Integer, primary_key=True)
    exercise_id = Column(ForeignKey("exercises.id"), nullable=False)
    text = Column(Text, nullable=False)
    passage_id = Column(ForeignKey("passages.id"), nullable=False)


class FlexibilityTest(Base):
    __tablename__ = "flexibility_tests"
    id = Column(Integer, primary_key=True)
    exercise_id = Column(ForeignKey("exercises.id"), nullable=False)
    threshold_degrees = Column(Integer, nullable=False)
    passage_id = Column(ForeignKey("passages.id"), nullable=False)
