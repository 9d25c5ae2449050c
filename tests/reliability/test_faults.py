"""Faults with the real servers: the action server stopped, hung or restarted; the Rasa server restarted."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import requests
import socketio

from knowledge.repository import KnowledgeRepository
from rasa_ext.channels.slack import signature
from tests.fakes.platform_api import PlatformApi
from tests.servers import SLACK_SIGNING_SECRET, TELEGRAM_SECRET, Assistant, response_text

REPLY_WITHIN_SECONDS = 5.0


def texts(replies: list[dict]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def timed_send(assistant: Assistant, sender: str, message: str) -> tuple[list[dict], float]:
    started = time.monotonic()
    replies = assistant.send(sender, message, timeout=REPLY_WITHIN_SECONDS + 5)
    return replies, time.monotonic() - started


def wait_until_actions_answer(assistant: Assistant) -> None:
    """After a fault, wait until the Rasa server calls actions again (its circuit has closed)."""
    deadline = time.monotonic() + 30
    posture = KnowledgeRepository().topic("posture")
    while time.monotonic() < deadline:
        reply = texts(
            assistant.send(f"after-fault-{time.monotonic()}", "why does sitting all day hurt my back")
        )
        if any(quote.text in reply for quote in posture.answer):
            return
        time.sleep(1)
    raise AssertionError("the assistant did not call its actions again after the fault")


@pytest.fixture
def actions_down(assistant: Assistant) -> Iterator[None]:
    assistant.actions.stop()
    try:
        yield
    finally:
        assistant.actions.start()
        assistant.actions.wait_until_ready()
        wait_until_actions_answer(assistant)


@pytest.fixture
def actions_hung(assistant: Assistant) -> Iterator[None]:
    assistant.actions.pause()
    try:
        yield
    finally:
        assistant.actions.resume()
        wait_until_actions_answer(assistant)


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


def test_telegram_slack_and_web_users_also_get_a_reply_within_5_seconds(
    assistant: Assistant, platform_api: PlatformApi, actions_down: None
) -> None:
    fallback = response_text("utter_actions_unavailable")
    chat = 990_001
    started = time.monotonic()
    requests.post(
        f"{assistant.base_url}/webhooks/telegram/webhook",
        json={
            "update_id": 990_001,
            "message": {"message_id": 1, "chat": {"id": chat}, "text": "how common is back pain"},
        },
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
        timeout=10,
    )
    platform_api.wait_for(lambda c: c.body.get("chat_id") == str(chat) and fallback in c.body.get("text", ""))
    assert time.monotonic() - started < REPLY_WITHIN_SECONDS

    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvFault0001",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": "DFAULT01",
                "user": "U1",
                "text": "how common is back pain",
                "ts": "1.0",
            },
        }
    ).encode()
    stamp = str(int(time.time()))
    started = time.monotonic()
    requests.post(
        f"{assistant.base_url}/webhooks/slack/webhook",
        data=body,
        headers={
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(SLACK_SIGNING_SECRET, stamp, body),
        },
        timeout=10,
    )
    platform_api.wait_for(
        lambda c: c.body.get("channel") == "DFAULT01" and fallback in c.body.get("text", "")
    )
    assert time.monotonic() - started < REPLY_WITHIN_SECONDS

    client = socketio.Client(reconnection=False)
    replies: list[dict] = []
    client.on("bot_uttered", lambda message: replies.append(message))
    client.connect(assistant.base_url, transports=["polling"], socketio_path="socket.io")
    try:
        client.emit("session_request", {"session_id": "faulttest0000000000000001"})
        started = time.monotonic()
        client.emit(
            "user_uttered", {"message": "how common is back pain", "session_id": "faulttest0000000000000001"}
        )
        while not replies and time.monotonic() - started < REPLY_WITHIN_SECONDS:
            time.sleep(0.1)
        assert replies and replies[0]["text"] == fallback
    finally:
        client.disconnect()


def test_crisis_support_needs_no_action_server(assistant: Assistant, sender: str, actions_down: None) -> None:
    replies, seconds = timed_send(assistant, sender, "i want to end my life")
    assert seconds < REPLY_WITHIN_SECONDS
    assert [reply.get("text") for reply in replies] == [response_text("utter_crisis")]
