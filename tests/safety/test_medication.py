"""Which messages are about medicines (safety/medication.py)."""

from __future__ import annotations

import pytest

from safety.medication import mentions_medicine


@pytest.mark.parametrize(
    "text",
    [
        "how much ibuprofen can I take",
        "can i take my wife's co-codamol",
        "are muscle relaxants any good",
        "is 400mg too much",
        "should i stop my tablets",
        "what painkiller is best",
        "Paracetamol or Nurofen?",
    ],
)
def test_medicine_questions(text: str) -> None:
    assert mentions_medicine(text)


@pytest.mark.parametrize(
    "text",
    [
        "why does sitting hurt my back",
        "show me the hamstring stretch",
        "is bed rest good",
        "does massage help",
    ],
)
def test_other_questions(text: str) -> None:
    assert not mentions_medicine(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't want tablets, I want something I can actually do", False),
        ("I'd rather not have painkillers, which stretch helps", False),
        ("I don't want to take too many tablets, how many can I take?", True),
        ("can I take ibuprofen with naproxen", True),
    ],
)
def test_a_medicine_turned_down_is_no_medicine_question(text: str, expected: bool) -> None:
    assert mentions_medicine(text) is expected
