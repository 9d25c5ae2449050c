"""A sign told after a clear screen acts at once over REST: advice, and no stretch step after it."""

from __future__ import annotations

import pytest

from knowledge.repository import KnowledgeRepository
from tests.conversation.test_crisis_conversations import CLEAR
from tests.conversation.test_screening_conversations import HIP_FLEXOR, contains_instructions, screen, texts
from tests.servers import Assistant, response_text


@pytest.fixture(scope="module")
def instructions() -> list[str]:
    repository = KnowledgeRepository()
    return [step for key in repository.exercise_keys() for step in repository.exercise(key).steps]


@pytest.mark.parametrize(
    ("disclosure", "advice"),
    [
        ("oh actually I did have a fall last month", "utter_see_practitioner"),
        ("hang on, my left foot has gone numb", "utter_see_practitioner"),
        ("wait, I just wet myself and didn't feel it", "utter_emergency"),
    ],
)
def test_a_sign_told_mid_stretch_stops_it_and_no_step_follows(
    assistant: Assistant,
    sender: str,
    instructions: list[str],
    disclosure: str,
    advice: str,
) -> None:
    screen(assistant, sender, CLEAR)
    started = assistant.send(sender, HIP_FLEXOR) + assistant.send(sender, "next")
    assert contains_instructions(started, instructions)
    replies = assistant.send(sender, disclosure)
    assert replies[0]["text"] == response_text(advice)
    later = (
        assistant.send(sender, "next")
        + assistant.send(sender, "/next_step")
        + assistant.send(sender, HIP_FLEXOR)
    )
    assert not contains_instructions(later, instructions)
    assert response_text(advice) in texts(later)


def test_a_practitioner_sign_before_any_screen_says_who_to_see_and_education_stays_open(
    assistant: Assistant, sender: str
) -> None:
    replies = assistant.send(
        sender, "i tweaked my back lifting a box yesterday, which stretches should i do?"
    )
    assert replies[0]["text"] == response_text("utter_see_practitioner")
    assert "From the article" in texts(assistant.send(sender, "why does sitting all day hurt my back"))


def test_a_changed_symptom_mid_stretch_stops_it_and_asks_the_first_question_at_once(
    assistant: Assistant, sender: str, instructions: list[str]
) -> None:
    screen(assistant, sender, CLEAR)
    started = assistant.send(sender, HIP_FLEXOR) + assistant.send(sender, "/next_step")
    assert contains_instructions(started, instructions)
    replies = assistant.send(sender, "wait, my back pain feels different now, it has spread to my side")
    assert [reply["text"] for reply in replies] == [
        response_text("utter_screen_reset"),
        response_text("utter_ask_screen_injury"),
    ]
    assert not contains_instructions(assistant.send(sender, "/next_step"), instructions)
