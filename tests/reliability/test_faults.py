"""Faults with the real servers: the action server stopped, hung or restarted; the Rasa server restarted."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from knowledge.repository import KnowledgeRepository
from tests.servers import Assistant, response_text

REPLY_WITHIN_SECONDS = 5.0


def texts(replies: list[dict]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def timed_send(assistant: Assistant, sender: str, message: str) -> tuple[list[dict], float]:
    started = time.monotonic()
    replies = assistant.send(sender, message, timeout=REPLY_WITHIN_SECONDS + 5)
    return replies, time.monotonic() - started


@pytest.fixture
def actions_down(assistant: Assistant) -> Iterator[None]:
    assistant.actions.stop()
    try:
        yield
    finally:
        assistant.actions.start()
        assistant.actions.wait_until_ready()


@pytest.fixture
def actions_hung(assistant: Assistant) -> Iterator[None]:
    assistant.actions.pause()
    try:
        yield
    finally:
        assistant.actions.resume()


@pytest.mark.parametrize("fault", ["actions_down", "actions_hung"])
def test_every_message_gets_a_useful_reply_within_5_seconds_and_escalation_still_works(
    assistant: Assistant, sender: str, fault: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(fault)
    for message in ("why does sitting all day hurt my back", "show me the stretches", "tell me more"):
        replies, seconds = timed_send(assistant, sender, message)
        assert seconds < REPLY_WITHIN_SECONDS, (message, seconds)
        assert texts(replies).strip(), message
    replies, seconds = timed_send(assistant, f"{sender}-flag", "I can't hold my wee since this morning")
    assert seconds < REPLY_WITHIN_SECONDS
    assert replies[0]["text"] == response_text("utter_emergency")


def test_conversations_continue_when_the_action_server_is_back(assistant: Assistant, sender: str) -> None:
    assistant.actions.stop()
    try:
        down, _ = timed_send(assistant, sender, "why does sitting all day hurt my back")
        assert response_text("utter_actions_unavailable") in texts(down)
    finally:
        assistant.actions.start()
        assistant.actions.wait_until_ready()
    deadline = time.monotonic() + 20
    posture = KnowledgeRepository().topic("posture").answer[0].text
    while time.monotonic() < deadline:
        replies = assistant.send(sender, "why does sitting all day hurt my back")
        if posture in texts(replies):
            return
        time.sleep(1)
    raise AssertionError("the assistant did not answer from the knowledge base again")


def test_a_rasa_server_restart_mid_screen_resumes_where_it_was(assistant: Assistant, sender: str) -> None:
    assistant.send(sender, "show me the stretches")
    assistant.send(sender, "/deny")
    before = assistant.send(sender, "/deny")
    assert response_text("utter_ask_screen_weakness") in texts(before)
    assistant.rasa.stop()
    assistant.rasa.start()
    assistant.rasa.wait_until_ready()
    after = assistant.send(sender, "/deny")
    assert response_text("utter_ask_screen_cauda_equina") in texts(after)
    assistant.send(sender, "/deny")
    clear = assistant.send(sender, "/deny")
    assert response_text("utter_screening_clear") in texts(clear)


def test_an_action_server_restart_mid_stretch_resumes_at_the_same_step(
    assistant: Assistant, sender: str
) -> None:
    assistant.send(sender, "show me the stretches")
    for _ in range(5):
        assistant.send(sender, "/deny")
    assistant.send(sender, '/request_stretches{"exercise": "hip_flexor_stretch"}')
    steps = KnowledgeRepository().exercise("hip_flexor_stretch").steps
    assert steps[0] in texts(assistant.send(sender, "/next_step"))
    assistant.actions.stop()
    assistant.actions.start()
    assistant.actions.wait_until_ready()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        replies = assistant.send(sender, "/next_step")
        if response_text("utter_actions_unavailable") not in texts(replies):
            assert steps[1] in texts(replies)
            return
        time.sleep(1)
    raise AssertionError("the stretch did not continue after the restart")
