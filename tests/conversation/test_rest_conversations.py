"""Whole conversations over REST against the real servers and the real trained model."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from knowledge.repository import KnowledgeRepository
from tests.servers import Assistant, response_text


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply.get("text", "") for reply in replies)


def buttons(replies: list[dict[str, Any]]) -> list[str]:
    return [button["payload"] for reply in replies for button in reply.get("buttons", [])]


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeRepository:
    return KnowledgeRepository()


@pytest.fixture(scope="module", autouse=True)
def no_stretch_instructions_in_this_module(
    assistant: Assistant, knowledge: KnowledgeRepository
) -> Iterator[None]:
    """None of this module's conversations, in whatever order they run, gets a stretch's steps.

    Checked once they have all run; other modules' conversations do serve stretches.
    """
    first = len(assistant.replies)
    yield
    replies = assistant.replies[first:]
    assert replies, "this module's conversations got replies"
    everything = texts(replies).lower()
    for key in knowledge.exercise_keys():
        for step in knowledge.exercise(key).steps:
            assert step.rstrip(".").lower() not in everything


def test_ready_page_answers(assistant: Assistant) -> None:
    import requests

    assert "Rasa" in requests.get(assistant.base_url + "/", timeout=5).text


def test_greeting_says_it_is_education_not_diagnosis(assistant: Assistant, sender: str) -> None:
    replies = assistant.send(sender, "hello")
    assert "not a doctor" in texts(replies)
    assert "/help" in buttons(replies)


def test_bot_challenge_gives_a_disclaimer(assistant: Assistant, sender: str) -> None:
    assert "not a doctor" in texts(assistant.send(sender, "are you a real doctor?"))


def test_menu_lists_the_topics(assistant: Assistant, sender: str) -> None:
    replies = assistant.send(sender, "what can you do?")
    assert {"/ask_posture", "/ask_bed_rest", "/request_stretches"} <= set(buttons(replies))


def test_education_answer_then_follow_ups(
    assistant: Assistant, sender: str, knowledge: KnowledgeRepository
) -> None:
    posture = knowledge.topic("posture")
    first = texts(assistant.send(sender, "why does sitting at my desk all day hurt my lower back"))
    assert posture.answer[0].text in first
    assert 'From the article, section "Chronic Poor Posture"' in first

    assert posture.answer[1].text in texts(assistant.send(sender, "tell me more"))
    assert posture.why[0].text in texts(assistant.send(sender, "why?"))

    mechanics = knowledge.topic("mechanics")
    other = texts(assistant.send(sender, "what about the other one?"))
    assert mechanics.answer[0].text in other
    assert 'section "Poor Movement Mechanics"' in other


def test_the_other_one_after_a_stretch_is_the_other_stretch(
    assistant: Assistant, sender: str, knowledge: KnowledgeRepository
) -> None:
    assistant.send(sender, "what is the half kneeling hip flexor stretch and why do it")
    other = texts(assistant.send(sender, "and the other one?"))
    assert knowledge.topic("hamstring_stretch").answer[0].text in other


@pytest.mark.parametrize(
    ("message", "topic_key"),
    [
        ("how common is back pain", "prevalence"),
        ("where does back pain actually come from", "pain_sources"),
        ("my hip flexors are really tight, does that matter for my back", "hip_flexors"),
        ("can tight hamstrings cause low back pain", "hamstrings"),
        ("is it bad to lift boxes with a rounded back", "mechanics"),
        ("should i stay in bed or keep moving", "bed_rest"),
        ("what is the transverse abdominis", "deep_muscles"),
        ("what's the best way to recover from back pain", "strategy"),
        ("why would i do the hamstring stretch", "hamstring_stretch"),
    ],
)
def test_each_education_intent_answers_from_its_topic(
    assistant: Assistant, sender: str, knowledge: KnowledgeRepository, message: str, topic_key: str
) -> None:
    reply = texts(assistant.send(sender, message))
    assert any(quote.text in reply for quote in knowledge.topic(topic_key).answer), reply
    assert "(From the article," in reply


def test_stretch_requests_start_the_safety_screen_first(
    assistant: Assistant, sender: str, knowledge: KnowledgeRepository
) -> None:
    intro = response_text("utter_screening_intro")
    requests = (
        "show me the stretches",
        "walk me through the hamstring stretch",
        "give me exercises for my back",
    )
    for number, message in enumerate(requests):
        reply = texts(assistant.send(f"{sender}-{number}", message))
        assert intro in reply
        for key in knowledge.exercise_keys():
            for step in knowledge.exercise(key).steps:
                assert step.rstrip(".").lower() not in reply.lower()


def test_massage_is_honestly_not_covered(assistant: Assistant, sender: str) -> None:
    reply = texts(assistant.send(sender, "does massage help with back pain?"))
    assert "no massage advice" in reply


def test_out_of_scope_is_declined(assistant: Assistant, sender: str) -> None:
    reply = texts(assistant.send(sender, "which painkillers should i take"))
    assert "doesn't cover" in reply


def test_an_unclear_message_gets_a_way_on_not_a_guess(assistant: Assistant, sender: str) -> None:
    assert response_text("utter_out_of_scope") in texts(assistant.send(sender, "zxqv blorp fnord"))
    unclear = assistant.send(f"{sender}-back", "my back thingy is being weird again")
    offered = {button["payload"] for reply in unclear for button in reply.get("buttons", [])}
    assert "From the article" not in texts(unclear)
    assert offered, "an unclear message about a back is offered a way on"


def test_conversations_are_stored_in_the_sqlite_tracker_store(assistant: Assistant, sender: str) -> None:
    assistant.send(sender, "hi")
    with sqlite3.connect(assistant.tracker_db) as connection:
        (count,) = connection.execute(
            "select count(*) from events where sender_id = ? and type_name = 'user'", (sender,)
        ).fetchone()
    assert count == 1

