"""Seeded fuzzing of the Telegram webhook and Slack's two endpoints with valid secrets and signatures.

Each body starts from a real update, event or button press and is then broken (a value of another
type, a key removed or added, truncation, deep nesting, bytes that are not UTF-8) or left valid, so
that both the validation and the conversation behind it are exercised. No body may get a 5xx, and
nothing may fail unseen in the server's log.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from tests.servers import SLACK_SIGNING_SECRET, TELEGRAM_SECRET, Assistant

SEED = 2216
BODIES_PER_ENDPOINT = 1_000
# Few conversations, so the fuzz does not fill the tracker store.
CHATS = [7_100_000 + number for number in range(12)]
SLACK_CHANNELS = [f"DFUZZ{number:03d}" for number in range(12)]
TEXTS = [
    "/greet",
    "/help",
    "/deny",
    "/affirm",
    "/ask_posture",
    "/start",
    "/restart",
    '/affirm{"screen_question":"screen_injury"}',
    "are you a bot?",
    "",
    "😀",
    "\x00\x1b[31m",
    "<script>alert(1)</script>",
    "a" * 1_200,
]
_fresh = itertools.count(10**9)


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return rng.choice(TEXTS)
    return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF)])) for _ in range(20))


def random_value(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            0,
            -1,
            2**70,
            1.5,
            "",
            "x",
            random_text(rng),
            [],
            {},
            [None],
            ["x"],
            {"id": "x"},
            {"id": rng.randrange(100)},
            {"text": 5},
        ]
    )


def mutate(value: Any, rng: random.Random) -> Any:
    """A copy of a JSON value with one change somewhere in it."""
    if isinstance(value, dict) and value and rng.random() < 0.75:
        changed = dict(value)
        key = rng.choice(list(value))
        choice = rng.random()
        if choice < 0.2:
            del changed[key]
        elif choice < 0.3:
            changed[rng.choice(["extra", "type", "id", "text", "from", "ts"])] = random_value(rng)
        else:
            changed[key] = mutate(value[key], rng)
        return changed
    if isinstance(value, list) and value and rng.random() < 0.75:
        changed_list = list(value)
        index = rng.randrange(len(value))
        changed_list[index] = mutate(value[index], rng)
        return changed_list
    return random_value(rng)


def deep_nesting(rng: random.Random) -> bytes:
    depth = rng.choice([1_000, 10_000, 100_000])
    return rng.choice([b"[" * depth, b'{"a":' * depth, b"[" * depth + b"]" * depth])


def broken(template: Any, rng: random.Random) -> bytes:
    """A JSON body made from ``template``: valid, mutated, truncated, deeply nested or not JSON."""
    choice = rng.random()
    if choice < 0.2:
        return json.dumps(template).encode()
    if choice < 0.8:
        value = template
        for _ in range(rng.randint(1, 3)):
            value = mutate(value, rng)
        return json.dumps(value).encode()
    if choice < 0.87:
        return deep_nesting(rng)
    if choice < 0.94:
        raw = json.dumps(template).encode()
        return raw[: rng.randrange(len(raw))]
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 80)))


def telegram_update(rng: random.Random) -> dict[str, Any]:
    chat, user = rng.choice(CHATS), rng.choice(CHATS)
    message = {
        "message_id": rng.randrange(1, 999),
        "chat": {"id": chat},
        "from": {"id": chat},
        "text": random_text(rng),
    }
    kind = rng.randrange(6)
    if kind == 0:
        return {
            "update_id": next(_fresh),
            "message": {**message, "chat": {"id": -chat}, "from": {"id": user}},
        }
    if kind == 1:
        press = {
            "id": str(next(_fresh)),
            "from": {"id": chat},
            "data": random_text(rng)[:64],
            "message": message,
        }
        return {"update_id": next(_fresh), "callback_query": press}
    if kind == 2:
        return {"update_id": next(_fresh), "edited_message": message}
    if kind == 3:
        photo = {key: value for key, value in message.items() if key != "text"}
        return {"update_id": next(_fresh), "message": {**photo, "photo": [{"file_id": "f"}], "caption": "hi"}}
    return {"update_id": next(_fresh), "message": message}


def slack_event(rng: random.Random) -> dict[str, Any]:
    channel = rng.choice(SLACK_CHANNELS)
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": "UFUZZ",
        "text": random_text(rng),
        "ts": f"{next(_fresh)}.000100",
    }
    kind = rng.randrange(6)
    if kind == 0:
        return {"type": "url_verification", "challenge": random_text(rng)}
    if kind == 1:
        event = {**event, "type": "app_mention", "channel": "CFUZZ001", "text": "<@UBOT> " + event["text"]}
    elif kind == 2:
        event = {
            **event,
            "subtype": rng.choice(["file_share", "message_changed", "bot_message"]),
            "files": [{}],
        }
    elif kind == 3:
        event = {"type": "reaction_added", "user": "UFUZZ", "item": {"channel": channel, "ts": "1.1"}}
    return {"type": "event_callback", "event_id": f"EvFuzz{next(_fresh)}", "event": event}


def slack_press(rng: random.Random) -> dict[str, Any]:
    channel = rng.choice(SLACK_CHANNELS)
    number = next(_fresh)
    press = {
        "type": "block_actions",
        "trigger_id": f"trigger-{number}",
        "user": {"id": "UFUZZ"},
        "channel": {"id": channel},
        "container": {"channel_id": channel, "message_ts": f"{number}.1"},
        "message": {"ts": f"{number}.1", "text": "a question"},
        "actions": [{"value": random_text(rng), "text": {"text": "No"}, "action_ts": f"{number}.2"}],
    }
    if rng.random() < 0.1:
        return {"type": "view_submission", "view": {"id": "V1"}}
    return press


def slack_form(rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.9:
        return urlencode({"payload": broken(slack_press(rng), rng).decode("utf-8", "replace")}).encode()
    if choice < 0.95:
        return b"payload=%FF%FE" + bytes(rng.randrange(128, 256) for _ in range(5))
    return urlencode({"not_payload": "x"}).encode()


def slack_headers(body: bytes) -> dict[str, str]:
    """Slack's v0 signature made by hand: slack_sdk signs only UTF-8 bodies, the fuzz sends any bytes."""
    stamp = str(int(time.time()))
    digest = hmac.new(SLACK_SIGNING_SECRET.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


def fuzz(make_request: Callable[[random.Random], requests.Response], seed: int) -> Counter[int]:
    rng = random.Random(seed)
    statuses: Counter[int] = Counter()
    for _ in range(BODIES_PER_ENDPOINT):
        reply = make_request(rng)
        assert reply.status_code < 500, (reply.status_code, reply.text[:300])
        statuses[reply.status_code] += 1
    print(f"statuses of {BODIES_PER_ENDPOINT} bodies (seed {seed}): {dict(statuses)}")
    return statuses


def assert_both_paths_taken(statuses: Counter[int]) -> None:
    """A fuzz that only ever got 400 (or only 200) would not test the other path."""
    assert sum(statuses.values()) == BODIES_PER_ENDPOINT
    assert statuses[200] >= BODIES_PER_ENDPOINT // 10 and statuses[400] >= BODIES_PER_ENDPOINT // 10, statuses


def wait_until_idle(assistant: Assistant, timeout: float = 180.0) -> None:
    """Until the server has finished what it answers in the background (Slack's replies): its CPU
    time stops growing."""
    assert assistant.rasa.process is not None
    stat = Path(f"/proc/{assistant.rasa.process.pid}/stat")
    ticks_per_second = os.sysconf("SC_CLK_TCK")

    def cpu_seconds() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks_per_second

    deadline = time.monotonic() + timeout
    before = cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu_seconds()
        if now - before < 0.05:
            return
        before = now
    raise AssertionError("the server was still busy")


def assert_nothing_failed_unseen(assistant: Assistant, log_start: int) -> None:
    wait_until_idle(assistant)
    with assistant.rasa.log.open("rb") as log:
        log.seek(log_start)
        written = log.read().decode("utf-8", "replace")
    assert "Traceback" not in written, written[written.index("Traceback") :][:3000]


def test_the_telegram_webhook_never_answers_5xx(assistant: Assistant) -> None:
    session = requests.Session()
    log_start = assistant.rasa.log.stat().st_size
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"}

    def post(rng: random.Random) -> requests.Response:
        body = broken(telegram_update(rng), rng)
        return session.post(
            f"{assistant.base_url}/webhooks/telegram/webhook", data=body, headers=headers, timeout=60
        )

    assert_both_paths_taken(fuzz(post, SEED))
    assert_nothing_failed_unseen(assistant, log_start)


def test_slacks_events_endpoint_never_answers_5xx(assistant: Assistant) -> None:
    session = requests.Session()
    log_start = assistant.rasa.log.stat().st_size

    def post(rng: random.Random) -> requests.Response:
        body = broken(slack_event(rng), rng)
        headers = {"Content-Type": "application/json", **slack_headers(body)}
        return session.post(
            f"{assistant.base_url}/webhooks/slack/webhook", data=body, headers=headers, timeout=60
        )

    assert_both_paths_taken(fuzz(post, SEED + 1))
    assert_nothing_failed_unseen(assistant, log_start)


def test_slacks_interactive_endpoint_never_answers_5xx(assistant: Assistant) -> None:
    session = requests.Session()
    log_start = assistant.rasa.log.stat().st_size

    def post(rng: random.Random) -> requests.Response:
        body = slack_form(rng)
        headers = {"Content-Type": "application/x-www-form-urlencoded", **slack_headers(body)}
        return session.post(
            f"{assistant.base_url}/webhooks/slack/interactive", data=body, headers=headers, timeout=60
        )

    assert_both_paths_taken(fuzz(post, SEED + 2))
    assert_nothing_failed_unseen(assistant, log_start)
