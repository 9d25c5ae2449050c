"""A red flag outlives the conversation over REST: /restart and new sessions keep stretches closed
for 7 days and say why; "forget me" erases it; messages in other languages get the emergency line."""

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


@pytest.mark.parametrize("fresh_start", ["/restart", "/session_start"])
def test_a_red_flag_keeps_stretches_closed_after_a_fresh_start(
    assistant: Assistant, sender: str, instructions: list[str], fresh_start: str
) -> None:
    assert response_text("utter_urgent") in texts(
        assistant.send(sender, "i've had a fever and night sweats all week")
    )
    assistant.send(sender, fresh_start)
    conversation = screen(assistant, sender, CLEAR)
    conversation += assistant.send(sender, HIP_FLEXOR) + assistant.send(sender, "/next_step")
    assert response_text("utter_flag_held") in texts(conversation)
    assert response_text("utter_urgent") in texts(conversation)
    assert response_text("utter_screening_clear") not in texts(conversation)
    assert response_text("utter_ask_screen_injury") not in texts(conversation), "refused before any question"
    assert not contains_instructions(conversation, instructions)


def test_a_flag_told_in_a_screen_is_held_too(
    assistant: Assistant, sender: str, instructions: list[str]
) -> None:
    screen(assistant, sender, {**CLEAR, "cauda": True})
    assistant.send(sender, "/restart")
    replies = assistant.send(sender, HIP_FLEXOR)
    replies += screen(assistant, sender, CLEAR) + assistant.send(sender, HIP_FLEXOR)
    assert response_text("utter_emergency") in texts(replies)
    assert not contains_instructions(replies, instructions)


def test_forget_me_erases_the_flag_with_the_conversation(
    assistant: Assistant, sender: str, instructions: list[str]
) -> None:
    assistant.send(sender, "i've had a fever and night sweats all week")
    assert response_text("utter_confirm_deletion") in texts(assistant.send(sender, "please forget me"))
    assert response_text("utter_data_deleted") in texts(assistant.send(sender, "yes"))
    screen(assistant, sender, CLEAR)
    assert contains_instructions(
        assistant.send(sender, HIP_FLEXOR) + assistant.send(sender, "/next_step"), instructions
    )


def test_another_language_gets_the_english_only_line_with_the_emergency_number(
    assistant: Assistant, sender: str
) -> None:
    replies = assistant.send(sender, "me duele mucho la espalda, qué puedo hacer")
    assert texts(replies) == response_text("utter_english_only")


def test_another_language_mid_screen_asks_the_question_again(assistant: Assistant, sender: str) -> None:
    assistant.send(sender, "show me the stretches")
    replies = assistant.send(sender, "ich verstehe nicht, ich habe Rückenschmerzen")
    assert response_text("utter_english_only") in texts(replies)
    assert response_text("utter_ask_screen_injury") in texts(replies)
