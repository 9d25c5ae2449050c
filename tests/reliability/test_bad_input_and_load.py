"""Malformed requests on every HTTP entry point (fixed seed), and concurrent conversations."""

from __future__ import annotations

import json
import random
import sqlite3
import string
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from rasa_ext.channels.limits import MAX_MESSAGE_CHARS
from tests.servers import TELEGRAM_SECRET, Assistant, response_text

SEED = 2016
REQUESTS_PER_ENTRY_POINT = 1000
MAX_RSS_GROWTH_KB = 300_000
SAMPLES = [
    "hello",
    "why does sitting hurt",
    "/affirm",
    '/request_stretches{"exercise": "hip_flexor_stretch"}',
    '/affirm{"screening_result": "clear"}',
    "/restart",
    "/session_start",
    "/action_screening_outcome",
    "ب ظهري يؤلمني",
    "мне больно",
    "腰が痛い",
    "😀🔥💥" * 20,
    "\x00\x01\x02\x1b[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "a" * (MAX_MESSAGE_CHARS + 1),
]


def _rss_kb(assistant: Assistant) -> int:
    status = Path(f"/proc/{assistant.rasa.process.pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])


def _random_text(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.5:
        return rng.choice(SAMPLES)
    alphabet = string.printable + "éß中😀\u202e\u0000"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))


def _random_json_value(rng: random.Random) -> object:
    return rng.choice([None, 1, -1.5, True, [], {}, [1, 2], {"a": 1}, "x", _random_text(rng)])


def _malformed_rest_body(rng: random.Random) -> tuple[bytes, dict]:
    kind = rng.randrange(8)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))), {}
    if kind == 1:
        return b'{"sender": "x", "message": ', {"Content-Type": "application/json"}
    if kind == 2:
        return json.dumps(_random_json_value(rng)).encode(), {"Content-Type": "application/json"}
    if kind == 3:
        body = {"sender": _random_json_value(rng), "message": _random_json_value(rng)}
        return json.dumps(body).encode(), {"Content-Type": "application/json"}
    if kind == 4:
        return rng.choice(
            [json.dumps({"message": "hi"}).encode(), b'{"sender": "x", "message": "\\ud83d"}']
        ), {}
    if kind == 5 and rng.random() < 0.05:
        return b'{"sender": "x", "message": "' + b"a" * 2_000_000 + b'"}', {}
    sender = f"fuzz-{rng.randrange(40)}"
    return json.dumps({"sender": sender, "message": _random_text(rng)}).encode(), {}


def test_malformed_requests_on_every_entry_point_never_get_a_5xx(assistant: Assistant) -> None:
    rng = random.Random(SEED)
    base = assistant.base_url
    session = requests.Session()
    rss_before = _rss_kb(assistant)
    statuses: dict[str, list[int]] = {}

    def record(entry: str, reply: requests.Response) -> None:
        statuses.setdefault(entry, []).append(reply.status_code)
        assert reply.status_code < 500, (entry, reply.status_code, reply.text[:300])
        if entry == "rest" and reply.status_code == 200:
            assert isinstance(reply.json(), list)

    for _ in range(REQUESTS_PER_ENTRY_POINT):
        body, headers = _malformed_rest_body(rng)
        record("rest", session.post(f"{base}/webhooks/rest/webhook", data=body, headers=headers, timeout=30))

        telegram_headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET} if rng.random() < 0.7 else {}
        update = rng.choice(
            [
                _random_json_value(rng),
                {"update_id": rng.randrange(10**9), "message": _random_json_value(rng)},
                {
                    "update_id": rng.randrange(10**9),
                    "message": {"chat": {"id": rng.randrange(99)}, "text": _random_text(rng)},
                },
                {"update_id": "x", "callback_query": {"data": _random_text(rng)}},
            ]
        )
        record(
            "telegram",
            session.post(
                f"{base}/webhooks/telegram/webhook", json=update, headers=telegram_headers, timeout=30
            ),
        )

        slack_body = json.dumps(_random_json_value(rng)).encode()
        slack_headers = {
            "X-Slack-Request-Timestamp": str(rng.randrange(10**10)),
            "X-Slack-Signature": "v0=" + rng.randbytes(32).hex(),
        }
        path = rng.choice(["webhook", "interactive"])
        record(
            "slack",
            session.post(f"{base}/webhooks/slack/{path}", data=slack_body, headers=slack_headers, timeout=30),
        )

        page_path = rng.choice(["", "static/widget.js", "static/" + _random_text(rng)[:20], "history"])
        params = {"session_id": _random_text(rng)[:80]} if page_path == "history" else None
        record(
            "page",
            session.get(f"{base}/webhooks/web/{requests.utils.quote(page_path)}", params=params, timeout=30),
        )

        socket_params = {
            "EIO": rng.choice(["4", "3", "x"]),
            "transport": rng.choice(["polling", "websocket", "x"]),
            "sid": _random_text(rng)[:20],
        }
        record(
            "socketio",
            session.post(
                f"{base}/socket.io/", params=socket_params, data=_random_text(rng).encode(), timeout=30
            ),
        )

    assert requests.get(base + "/", timeout=10).ok, "the server stays up"
    assert {entry: len(codes) for entry, codes in statuses.items()} == dict.fromkeys(
        ("rest", "telegram", "slack", "page", "socketio"), REQUESTS_PER_ENTRY_POINT
    )
    assert _rss_kb(assistant) - rss_before < MAX_RSS_GROWTH_KB


def test_an_over_long_message_gets_a_clear_reply(assistant: Assistant, sender: str) -> None:
    replies = assistant.send(sender, "why " * (MAX_MESSAGE_CHARS // 4 + 1))
    assert [r["text"] for r in replies] == [response_text("utter_message_too_long")]


def test_fifty_messages_at_once_in_one_conversation_are_all_answered_and_recorded_in_order(
    assistant: Assistant, sender: str
) -> None:
    messages = [f"how common is back pain {number}" for number in range(50)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(lambda m: assistant.send(sender, m, timeout=120), messages))
    assert all(reply for reply in replies)
    with sqlite3.connect(assistant.tracker_db) as connection:
        rows = connection.execute(
            "select type_name, data from events where sender_id = ? order by id", (sender,)
        ).fetchall()
    users = [json.loads(data)["text"] for kind, data in rows if kind == "user"]
    assert sorted(users) == sorted(messages)
    # Each message is handled to the end before the next one starts: replies never interleave.
    kinds = [kind for kind, _ in rows if kind in ("user", "bot")]
    assert kinds.count("user") == 50
    assert all(kinds[i + 1] == "bot" for i, kind in enumerate(kinds) if kind == "user")


def test_fifty_users_at_once_each_get_their_own_answer(assistant: Assistant, sender: str) -> None:
    senders = [f"{sender}-{number}" for number in range(50)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(lambda s: (s, assistant.send(s, "are you a doctor?", timeout=120)), senders))
    for user, reply in replies:
        assert reply and all(message["recipient_id"] == user for message in reply)
        assert response_text("utter_iamabot") in reply[0]["text"]
