"""Slack round trips over real HTTP on loopback, against a local fake of the Web API."""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from knowledge.repository import KnowledgeRepository
from rasa_ext.channels import slack_api
from rasa_ext.channels.slack import SlackSettings, signature
from tests.fakes.platform_api import Call, PlatformApi
from tests.rasa_ext.channels.server_log import assert_logged
from tests.servers import SLACK_SIGNING_SECRET, SLACK_TOKEN, Assistant, response_text

_ids = itertools.count(1)


def signed_headers(
    body: bytes, timestamp: int | None = None, secret: str = SLACK_SIGNING_SECRET
) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature(secret, stamp, body)}


def post_event(assistant: Assistant, body: dict[str, Any], **header_options: Any) -> requests.Response:
    raw = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", **signed_headers(raw, **header_options)}
    return requests.post(
        f"{assistant.base_url}/webhooks/slack/webhook", data=raw, headers=headers, timeout=30
    )


def dm(channel: str, text: str, user: str = "U1") -> dict[str, Any]:
    number = next(_ids)
    return {
        "type": "event_callback",
        "event_id": f"Ev{number:08d}",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{1700000000 + number}.000100",
        },
    }


def press_payload(
    channel: str, value: str, user: str = "U1", thread: str | None = None, title: str = "a button"
) -> dict[str, Any]:
    number = next(_ids)
    container = {"channel_id": channel, "message_ts": f"{number}.0001"}
    return {
        "type": "block_actions",
        "trigger_id": f"trigger-{number}",
        "user": {"id": user},
        "channel": {"id": channel},
        "container": {**container, "thread_ts": thread} if thread else container,
        "message": {"ts": f"{number}.0001", "text": "the question"},
        "actions": [
            {
                "action_id": "backcoach_button_0",
                "value": value,
                "text": {"type": "plain_text", "text": title},
                "action_ts": f"{number}.1",
            }
        ],
    }


def post_interaction(assistant: Assistant, raw: bytes) -> requests.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signed_headers(raw)}
    return requests.post(
        f"{assistant.base_url}/webhooks/slack/interactive", data=raw, headers=headers, timeout=30
    )


def press(
    assistant: Assistant, channel: str, value: str, user: str = "U1", thread: str | None = None
) -> requests.Response:
    payload = press_payload(channel, value, user, thread)
    return post_interaction(assistant, urlencode({"payload": json.dumps(payload)}).encode())


def posted(api: PlatformApi, channel: str) -> list[Call]:
    return api.matching(lambda c: c.method == "chat.postMessage" and c.body.get("channel") == channel)


def posted_text(api: PlatformApi, channel: str) -> str:
    return "\n".join(c.body.get("text", "") for c in posted(api, channel))


def buttons(api: PlatformApi, channel: str) -> dict[str, str]:
    with_blocks = [c for c in posted(api, channel) if c.body.get("blocks")]
    if not with_blocks:
        return {}
    elements = with_blocks[-1].body["blocks"][-1]["elements"]
    return {e["text"]["text"]: e["value"] for e in elements}


def new_channel() -> str:
    return f"D{next(_ids):08d}"


def test_url_verification_answers_the_challenge(assistant: Assistant) -> None:
    reply = post_event(assistant, {"type": "url_verification", "challenge": "abc123"})
    assert reply.status_code == 200 and reply.json() == {"challenge": "abc123"}


def test_a_direct_message_is_answered_with_the_bot_token(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    assert post_event(assistant, dm(channel, "hello")).status_code == 200
    call = platform_api.wait_for(lambda c: c.body.get("channel") == channel)[0]
    assert call.path == "/api/chat.postMessage"
    assert call.headers.get("Authorization") == f"Bearer {SLACK_TOKEN}"
    assert "not a doctor" in posted_text(platform_api, channel)
    assert "thread_ts" not in call.body


def test_a_mention_in_a_channel_is_answered_in_its_thread(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = f"C{next(_ids):08d}"
    event = {
        "type": "event_callback",
        "event_id": f"Ev{next(_ids):08d}",
        "event": {
            "type": "app_mention",
            "channel": channel,
            "user": "U2",
            "text": "<@UBOT> are you a bot?",
            "ts": "1700000999.000200",
        },
    }
    post_event(assistant, event)
    call = platform_api.wait_for(lambda c: c.body.get("channel") == channel)[0]
    assert call.body["thread_ts"] == "1700000999.000200"
    assert "not a doctor" in call.body["text"]


def test_channel_chatter_without_a_mention_is_ignored(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = f"C{next(_ids):08d}"
    body = dm(channel, "hello everyone")
    body["event"]["channel_type"] = "channel"
    post_event(assistant, body)
    platform_api.settle(1.0)
    assert posted(platform_api, channel) == []


@pytest.mark.parametrize(
    "tamper",
    [
        lambda raw: {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=deadbeef"},
        lambda raw: signed_headers(raw, timestamp=int(time.time()) - 6 * 60),
        lambda raw: signed_headers(raw, secret="not-the-secret"),
        lambda raw: {},
    ],
    ids=["bad-signature", "stale-timestamp", "wrong-secret", "unsigned"],
)
def test_bad_or_stale_signatures_are_rejected_and_nothing_is_sent(
    assistant: Assistant, platform_api: PlatformApi, tamper: Any
) -> None:
    channel = new_channel()
    raw = json.dumps(dm(channel, "hello")).encode()
    headers = {"Content-Type": "application/json", **tamper(raw)}
    reply = requests.post(
        f"{assistant.base_url}/webhooks/slack/webhook", data=raw, headers=headers, timeout=10
    )
    assert reply.status_code == 401
    platform_api.settle(1.0)
    assert posted(platform_api, channel) == []


def test_retries_and_repeated_event_ids_get_exactly_one_reply(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    body = dm(channel, "are you a doctor?")
    post_event(assistant, body)
    raw = json.dumps(body).encode()
    retry_headers = {"Content-Type": "application/json", "X-Slack-Retry-Num": "1", **signed_headers(raw)}
    requests.post(f"{assistant.base_url}/webhooks/slack/webhook", data=raw, headers=retry_headers, timeout=10)
    post_event(assistant, body)
    platform_api.wait_for(lambda c: c.body.get("channel") == channel)
    platform_api.settle(1.5)
    assert len(posted(platform_api, channel)) == 1


def test_buttons_are_block_kit_actions_and_presses_are_answered(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    post_event(assistant, dm(channel, "what can you do?"))
    platform_api.wait_for(lambda c: c.body.get("channel") == channel and c.body.get("blocks"))
    assert press(assistant, channel, buttons(platform_api, channel)["Posture and sitting"]).status_code == 200
    platform_api.wait_for(
        lambda c: c.body.get("channel") == channel and "Chronic Poor Posture" in c.body.get("text", "")
    )


def _screen(assistant: Assistant, api: PlatformApi, channel: str, answers: list[str]) -> None:
    post_event(assistant, dm(channel, "show me the stretches"))
    for number, answer in enumerate(answers, start=1):
        api.wait_for(lambda c: _to_channel(channel)(c) and c.body.get("blocks"), count=number)
        press(assistant, channel, buttons(api, channel)[answer])


def test_a_full_clear_screen_ends_in_stretches(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    _screen(assistant, platform_api, channel, ["No"] * 5)
    platform_api.wait_for(lambda c: c.body.get("channel") == channel and "Hip flexor stretch" in str(c.body))
    press(assistant, channel, buttons(platform_api, channel)["Hamstring stretch"])
    platform_api.wait_for(
        lambda c: c.body.get("channel") == channel and "hamstring stretch" in c.body.get("text", "")
    )
    press(assistant, channel, "/next_step")
    first_step = KnowledgeRepository().exercise("hamstring_stretch").steps[0]
    platform_api.wait_for(lambda c: c.body.get("channel") == channel and first_step in c.body.get("text", ""))


def test_a_full_flagged_screen_ends_in_escalation(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    _screen(assistant, platform_api, channel, ["No", "No", "No", "No", "Yes"])
    platform_api.wait_for(
        lambda c: c.body.get("channel") == channel and "see a doctor today" in c.body.get("text", "")
    )
    press(assistant, channel, '/request_stretches{"exercise": "hamstring_stretch"}')
    press(assistant, channel, "/next_step")
    platform_api.settle(2.0)
    steps = KnowledgeRepository().exercise("hamstring_stretch").steps
    assert not any(step in posted_text(platform_api, channel) for step in steps)


def test_a_timestamp_that_is_not_a_number_is_rejected(assistant: Assistant) -> None:
    raw = json.dumps(dm(new_channel(), "hello")).encode()
    headers = {
        "X-Slack-Request-Timestamp": "soon",
        "X-Slack-Signature": signature(SLACK_SIGNING_SECRET, "soon", raw),
    }
    reply = requests.post(
        f"{assistant.base_url}/webhooks/slack/webhook", data=raw, headers=headers, timeout=10
    )
    assert reply.status_code == 401


def test_without_its_variables_the_channel_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert SlackSettings.from_environment() is None


def test_a_pressed_messages_buttons_are_replaced_by_the_choice(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    payload = press_payload(channel, "/ask_posture", title="Posture and sitting")
    assert (
        post_interaction(assistant, urlencode({"payload": json.dumps(payload)}).encode()).status_code == 200
    )
    update = platform_api.wait_for(lambda c: c.method == "chat.update" and c.body.get("channel") == channel)[
        0
    ]
    assert update.body["ts"] == payload["container"]["message_ts"]
    blocks = update.body["blocks"]
    assert [block["type"] for block in blocks] == ["section", "context"]
    assert blocks[0]["text"]["text"] == "the question"
    assert blocks[1]["elements"][0]["text"] == "You chose: Posture and sitting"
    platform_api.wait_for(
        lambda c: c.body.get("channel") == channel and "Chronic Poor Posture" in c.body.get("text", "")
    )


def test_a_shared_file_gets_the_text_only_reply(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    body = dm(channel, "")
    body["event"].update(subtype="file_share", files=[{"id": "F1", "name": "back.jpg"}])
    post_event(assistant, body)
    platform_api.wait_for(lambda c: c.body.get("channel") == channel)
    assert response_text("utter_non_text") in posted_text(platform_api, channel)


def test_a_shared_files_comment_is_read(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    body = dm(channel, "are you a bot?")
    body["event"].update(subtype="file_share", files=[{"id": "F2", "name": "back.jpg"}])
    post_event(assistant, body)
    platform_api.wait_for(lambda c: c.body.get("channel") == channel)
    assert response_text("utter_iamabot") in posted_text(platform_api, channel)


def test_events_without_an_event_id_are_each_answered(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channels = [new_channel(), new_channel()]
    for channel in channels:
        body = dm(channel, "are you a bot?")
        del body["event_id"]
        assert post_event(assistant, body).status_code == 200
    for channel in channels:
        platform_api.wait_for(lambda c, channel=channel: c.body.get("channel") == channel)


def _to_channel(channel: str) -> Callable[[Call], bool]:
    return lambda c: c.method == "chat.postMessage" and c.body.get("channel") == channel


def test_a_reply_refused_with_429_is_sent_after_retry_after(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    platform_api.refuse(_to_channel(channel), times=1, retry_after=1)
    post_event(assistant, dm(channel, "are you a bot?"))
    delivered = platform_api.wait_for(_to_channel(channel))[0]
    [refused] = platform_api.refused_matching(_to_channel(channel))
    assert delivered.body == refused.body
    assert delivered.at - refused.at >= 1.0


def test_retries_after_429_are_bounded(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    platform_api.refuse(_to_channel(channel), times=1_000, retry_after=0)
    post_event(assistant, dm(channel, "are you a bot?"))
    expected = 1 + slack_api.MAX_RATE_LIMIT_RETRIES
    deadline = time.monotonic() + 20
    while len(platform_api.refused_matching(_to_channel(channel))) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    platform_api.settle(3.0)  # time for any further attempt (each waits up to 1 s)
    attempts = Counter(call.body["text"] for call in platform_api.refused_matching(_to_channel(channel)))
    assert attempts and set(attempts.values()) == {expected}
    assert posted(platform_api, channel) == []


def test_a_retry_after_over_the_limit_is_not_waited_for(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    platform_api.refuse(_to_channel(channel), times=1_000, retry_after=slack_api.MAX_RETRY_AFTER_SECONDS + 1)
    post_event(assistant, dm(channel, "are you a bot?"))
    platform_api.settle(3.0)
    attempts = Counter(call.body["text"] for call in platform_api.refused_matching(_to_channel(channel)))
    assert attempts and set(attempts.values()) == {1}


def test_replies_reuse_one_connection(assistant: Assistant, platform_api: PlatformApi) -> None:
    channel = new_channel()
    for count, text in enumerate(("are you a bot?", "are you a doctor?", "hello"), start=1):
        post_event(assistant, dm(channel, text))
        platform_api.wait_for(lambda c: c.body.get("channel") == channel, count=count)
        platform_api.settle(0.5)
    calls = posted(platform_api, channel)
    assert len(calls) >= 3
    assert len({call.client_port for call in calls}) == 1


def _event(**event: Any) -> dict[str, Any]:
    return {"type": "event_callback", "event_id": f"Ev{next(_ids):08d}", "event": event}


BAD_EVENTS = {
    "channel-an-object": _event(
        type="message", channel_type="im", channel={"id": "D1"}, user="U1", text="hi"
    ),
    "text-a-list": _event(type="message", channel_type="im", channel="D1", user="U1", text=["hi"]),
    "event-a-string": {"type": "event_callback", "event_id": "Ev1", "event": "x"},
    "type-missing": {"event": {"type": "message"}},
    "challenge-a-number": {"type": "url_verification", "challenge": 5},
}


@pytest.mark.parametrize(
    "raw",
    [json.dumps(body).encode() for body in BAD_EVENTS.values()] + [b"[" * 100_000],
    ids=[*BAD_EVENTS, "nested-100000-deep"],
)
def test_malformed_events_get_400_and_are_logged(assistant: Assistant, raw: bytes) -> None:
    log_size = assistant.rasa.log.stat().st_size
    headers = {"Content-Type": "application/json", **signed_headers(raw)}
    reply = requests.post(
        f"{assistant.base_url}/webhooks/slack/webhook", data=raw, headers=headers, timeout=30
    )
    assert reply.status_code == 400
    assert_logged(assistant, log_size, "Slack sent a body that was refused")


def _pressed(**changes: Any) -> str:
    return json.dumps({**press_payload("D1", "/help"), **changes})


BAD_PRESSES = {
    "actions-a-string": _pressed(actions="x"),
    "actions-null": _pressed(actions=[None]),
    "actions-empty": _pressed(actions=[]),
    "channel-a-string": _pressed(channel="x"),
    "user-missing": _pressed(user=None),
    "not-json": "{not json",
    "nested-100000-deep": "[" * 100_000,
}


@pytest.mark.parametrize("payload", BAD_PRESSES.values(), ids=BAD_PRESSES)
def test_malformed_presses_get_400_and_are_logged(assistant: Assistant, payload: str) -> None:
    log_size = assistant.rasa.log.stat().st_size
    reply = post_interaction(assistant, urlencode({"payload": payload}).encode())
    assert reply.status_code == 400
    assert_logged(assistant, log_size, "Slack sent a body that was refused")


def test_an_old_questions_button_pressed_again_answers_nothing(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    channel = new_channel()
    post_event(assistant, dm(channel, "show me the stretches"))
    platform_api.wait_for(lambda c: _to_channel(channel)(c) and c.body.get("blocks"))
    old_no = buttons(platform_api, channel)["No"]
    press(assistant, channel, old_no)
    platform_api.wait_for(lambda c: _to_channel(channel)(c) and c.body.get("blocks"), count=2)
    press(assistant, channel, old_no)
    platform_api.wait_for(lambda c: _to_channel(channel)(c) and c.body.get("blocks"), count=3)
    said = posted_text(platform_api, channel)
    assert response_text("utter_screening_stale_answer") in said
    assert said.count(response_text("utter_ask_screen_leg_symptoms")) == 2
    assert response_text("utter_ask_screen_weakness") not in said
