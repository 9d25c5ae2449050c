"""The semantic matcher: closeness to a sign's descriptions, and closer to them than to look-alikes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from safety.detector import red_flags
from safety.levels import Level
from safety.semantic import SemanticBank, crisis_bank, message_units

WORDS = ("die", "pain", "stretch")


class WordEncoder:
    """A stand-in encoder: one axis per word, so closeness is easy to reason about."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.array([[text.lower().count(word) for word in WORDS] for text in texts], dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def test_a_unit_matches_when_close_enough_and_closer_to_the_sign_than_to_any_look_alike() -> None:
    bank = SemanticBank({"crisis": ["die"]}, ["stretch"], WordEncoder(), threshold=0.9, margin=0.1)
    assert bank.match("I want to die").label == "crisis"
    assert bank.match("which stretch") is None
    # Halfway between the sign and a look-alike: close enough, but not closer by the margin.
    assert bank.match("die stretch") is None


def test_a_sign_buried_in_a_long_story_is_its_own_unit() -> None:
    story = "My back has been bad for years. I lost my job. Honestly I want to die. Anyway, which stretch?"
    assert "Honestly I want to die." in message_units(story)
    bank = SemanticBank({"crisis": ["die"]}, ["stretch"], WordEncoder(), threshold=0.9, margin=0.1)
    assert bank.match(story).unit == "Honestly I want to die."


@pytest.mark.parametrize(
    "text",
    [
        "i think my family would cope better without me around",
        "everyone would be happier if i just disappeared for good",
        "i've started hurting myself again when the pain gets bad",
    ],
)
def test_the_crisis_bank_reads_crisis_in_other_words(text: str) -> None:
    assert crisis_bank().match(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "this back pain is killing me",
        "what's the point of the hip flexor stretch",
        "can i take my husband's tramadol",
        # The article's "your body remembers where you've been hurt" sits near self-harm in meaning.
        "my body remembers being hurt?? is that real",
    ],
)
def test_the_crisis_bank_leaves_idioms_and_plain_questions_alone(text: str) -> None:
    assert crisis_bank().match(text) is None


def test_a_banks_embeddings_are_kept_between_processes_until_the_bank_changes(tmp_path) -> None:
    bank_file = tmp_path / "bank.yml"
    bank_file.write_text("positive:\n  crisis: [die]\nnegative: [stretch]\n")
    calls: list[Sequence[str]] = []

    class CountingEncoder(WordEncoder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            calls.append(texts)
            return super().encode(texts)

    first = SemanticBank.from_file(bank_file, CountingEncoder(), 0.9, 0.1, cache=tmp_path / "cache")
    embedded = len(calls)
    again = SemanticBank.from_file(bank_file, CountingEncoder(), 0.9, 0.1, cache=tmp_path / "cache")
    assert len(calls) == embedded, "the second load reads the stored embeddings"
    assert again.match("I want to die") == first.match("I want to die")
    bank_file.write_text("positive:\n  crisis: [die, pain]\nnegative: [stretch]\n")
    SemanticBank.from_file(bank_file, CountingEncoder(), 0.9, 0.1, cache=tmp_path / "cache")
    assert len(calls) > embedded, "a changed bank is embedded again"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The matcher hears these near a sign; the detector's checks keep them what they are.
        ("bumped my back on the car door, it's bruised", Level.PRACTITIONER),
        ("will a steroid injection fix my back", None),
        ("I can feel the toilet paper fine when I wipe", None),
        ("I have knee pain", None),
        ("my back hurts, should I lie down and rest all day", None),
        ("I had tingling in my foot earlier but it went away", None),
        ("i came off my bike on sunday", Level.PRACTITIONER),
    ],
)
def test_a_semantic_match_passes_the_detectors_checks(text: str, level: Level | None) -> None:
    found = red_flags(text, semantic=True)
    assert (found[0].level if found else None) == level


@pytest.mark.parametrize(
    "text",
    [
        "I keep finding wet patches in my knickers that I never felt happen",
        "since the back went my other half and I can't be intimate, I feel nothing",
    ],
)
def test_the_red_flag_bank_reads_emergencies_in_other_words(text: str) -> None:
    found = red_flags(text, semantic=True)
    assert found and found[0].level == Level.EMERGENCY
