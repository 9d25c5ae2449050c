"""Which sentences of the article answer which question.

This is the one place where people chose something: which paragraphs answer a topic, in what
order, and which sentences say why. The words themselves are always the article's own; the builder
fails if an excerpt points at a sentence the article does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.parse import INTRO_TITLE

POSTURE = "Chronic Poor Posture"
MECHANICS = "Poor Movement Mechanics"
MOVING = "Moving More (Not Less) Helps Your Lower Back"
MINDFUL = "Be Mindful That Pain Affects How Your Body Moves"
HIP_AND_STABILITY = "Improve Hip Flexibility & Lumbar Spine Stability"
HIP_FLEXOR_STRETCH = "Half-Kneeling Hip Flexor Stretch"
HAMSTRING_STRETCH = "Standing or Supine Hamstring Stretch"


@dataclass(frozen=True)
class Excerpt:
    """Sentences of one paragraph (1-based); all of its sentences when ``sentences`` is empty."""

    section: str
    paragraph: int
    sentences: tuple[int, ...] = ()


@dataclass(frozen=True)
class TopicDefinition:
    key: str
    title: str
    answer: tuple[Excerpt, ...]
    why: tuple[Excerpt, ...] = ()
    other: str | None = None
    # Kinds of sentence the topic may quote. Instructions and the test stay behind the safety
    # gate; only the flexibility test's own topic may describe what the test shows.
    kinds: tuple[str, ...] = ("prose",)


TOPICS: tuple[TopicDefinition, ...] = (
    TopicDefinition(
        "prevalence",
        "how common low back pain is",
        answer=(Excerpt(INTRO_TITLE, 1, (2, 3)),),
    ),
    TopicDefinition(
        "pain_sources",
        "where low back pain comes from",
        answer=(Excerpt(INTRO_TITLE, 2), Excerpt(INTRO_TITLE, 3)),
        other=None,
    ),
    TopicDefinition(
        "posture",
        "posture and sitting",
        answer=(Excerpt(POSTURE, 1), Excerpt(POSTURE, 2), Excerpt(POSTURE, 3)),
        why=(Excerpt(POSTURE, 1, (2, 3)),),
        other="mechanics",
    ),
    TopicDefinition(
        "mechanics",
        "lifting and movement mechanics",
        answer=(Excerpt(MECHANICS, 1),),
        why=(Excerpt(MECHANICS, 1, (2, 3)),),
        other="posture",
    ),
    TopicDefinition(
        "hip_flexors",
        "tight hip flexors",
        answer=(Excerpt(POSTURE, 2), Excerpt(HIP_AND_STABILITY, 2, (2,))),
        why=(Excerpt(POSTURE, 2, (2,)), Excerpt(HIP_AND_STABILITY, 2, (1,))),
        other="hamstrings",
    ),
    TopicDefinition(
        "hamstrings",
        "tight hamstrings",
        answer=(Excerpt(POSTURE, 3), Excerpt(HAMSTRING_STRETCH, 2)),
        why=(Excerpt(POSTURE, 3, (2,)), Excerpt(HAMSTRING_STRETCH, 2)),
        other="hip_flexors",
    ),
    TopicDefinition(
        "bed_rest",
        "bed rest versus moving",
        answer=(Excerpt(MOVING, 1), Excerpt(MOVING, 2), Excerpt(MOVING, 3)),
        why=(Excerpt(MOVING, 2, (1,)),),
    ),
    TopicDefinition(
        "deep_muscles",
        "the deep trunk muscles",
        answer=(Excerpt(MINDFUL, 2), Excerpt(MINDFUL, 3), Excerpt(MINDFUL, 1)),
        why=(Excerpt(MINDFUL, 2, (2,)), Excerpt(MINDFUL, 3)),
    ),
    TopicDefinition(
        "strategy",
        "the recovery strategy",
        answer=(Excerpt(HIP_AND_STABILITY, 1), Excerpt(HIP_AND_STABILITY, 3)),
        why=(Excerpt(HIP_AND_STABILITY, 1, (2,)), Excerpt(HIP_AND_STABILITY, 2, (1,))),
    ),
    TopicDefinition(
        "plank",
        "the plank and spine stability",
        answer=(Excerpt(HIP_AND_STABILITY, 3),),
        why=(Excerpt(HIP_AND_STABILITY, 3, (3,)),),
    ),
    TopicDefinition(
        "flexibility_test",
        "the hamstring flexibility test",
        answer=(Excerpt(HAMSTRING_STRETCH, 1),),
        why=(Excerpt(HAMSTRING_STRETCH, 2),),
        kinds=("prose", "test"),
    ),
    TopicDefinition(
        "hip_flexor_stretch",
        "the half-kneeling hip flexor stretch",
        answer=(Excerpt(HIP_FLEXOR_STRETCH, 1, (1,)), Excerpt(HIP_AND_STABILITY, 2, (1, 2))),
        why=(Excerpt(POSTURE, 2),),
        other="hamstring_stretch",
    ),
    TopicDefinition(
        "hamstring_stretch",
        "the standing or supine hamstring stretch",
        answer=(Excerpt(HAMSTRING_STRETCH, 2),),
        why=(Excerpt(POSTURE, 3),),
        other="hip_flexor_stretch",
    ),
)
