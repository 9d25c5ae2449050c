"""Telegram round trips over real HTTP on loopback, against a local fake of the Bot API."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import requests

from knowledge.repository import KnowledgeRepository
from rasa_ext.channels import telegram_api
from rasa_ext.channels.telegram import MAX_MESSAGE_LENGTH, TelegramInput, TelegramSettings, split_text
from tests.fakes.platform_api import Call, PlatformApi
from tests.rasa_ext.channels.server_log import assert_logged
from tests.servers import ROOT, TELEGRAM_SECRET, TELEGRAM_TOKEN, Assistant, response_text

_update_ids = itertools.count(1_000)
_chat_ids = itertools.count(500_000)


def post(
    assistant: Assistant, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET
) -> requests.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return requests.post(
        f"{assistant.base_url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=30
    )


def text_update(chat: int, text: str, user: int | None = None) -> dict[str, Any]:
    message = {"message_id": 1, "chat": {"id": chat}, "from": {"id": user or chat}, "text": text}
    return {"update_id": next(_update_ids), "message": message}


def button_update(chat: int, data: str, user: int | None = None, message_id: int = 7) -> dict[str, Any]:
    pressed_message = {"message_id": message_id, "chat": {"id": chat}, "text": "a question"}
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": f"cb-{next(_update_ids)}",
            "from": {"id": user or chat},
            "data": data,
            "message": pressed_message,
        },
    }


def sent_to(api: PlatformApi, chat: int) -> list[Call]:
    return api.matching(lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat))


def sent_text(api: PlatformApi, chat: int) -> str:
    return "\n".join(c.body.get("text", "") for c in sent_to(api, chat))


def last_buttons(api: PlatformApi, chat: int) -> dict[str, str]:
    keyboards = [
        c.body["reply_markup"]["inline_keyboard"] for c in sent_to(api, chat) if "reply_markup" in c.body
    ]
    return {row[0]["text"]: row[0]["callback_data"] for row in keyboards[-1]} if keyboards else {}


def test_a_text_message_is_answered_through_the_bot_api(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    assert post(assistant, text_update(chat, "hello")).status_code == 200
    calls = platform_api.wait_for(lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat))
    assert calls[0].path == f"/bot{TELEGRAM_TOKEN}/sendMessage"
    assert "not a doctor" in sent_text(platform_api, chat)
    assert "What can you do?" in last_buttons(platform_api, chat)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", TELEGRAM_SECRET + "x"])
def test_a_missing_or_wrong_secret_is_rejected_and_nothing_is_sent(
    assistant: Assistant, platform_api: PlatformApi, secret: str | None
) -> None:
    chat = next(_chat_ids)
    reply = post(assistant, text_update(chat, "hello"), secret=secret)
    assert reply.status_code == 403
    platform_api.settle(1.0)
    assert sent_to(platform_api, chat) == []


def test_a_repeated_update_is_answered_once(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    update = text_update(chat, "are you a bot?")
    assert post(assistant, update).status_code == 200
    assert post(assistant, update).status_code == 200
    platform_api.wait_for(lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat))
    platform_api.settle(1.0)
    assert len(sent_to(platform_api, chat)) == 1


def test_button_presses_are_acknowledged_and_answered(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    post(assistant, text_update(chat, "what can you do?"))
    platform_api.wait_for(lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat))
    payload = last_buttons(platform_api, chat)["Posture and sitting"]
    press = button_update(chat, payload)
    post(assistant, press)
    platform_api.wait_for(
        lambda c: (
            c.method == "answerCallbackQuery"
            and c.body.get("callback_query_id") == press["callback_query"]["id"]
        )
    )
    platform_api.wait_for(
        lambda c: c.body.get("chat_id") == str(chat) and "Chronic Poor Posture" in c.body.get("text", "")
    )


def test_stickers_and_photos_get_a_polite_reply(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    sticker = {
        "update_id": next(_update_ids),
        "message": {"message_id": 2, "chat": {"id": chat}, "sticker": {}},
    }
    post(assistant, sticker)
    platform_api.wait_for(lambda c: c.body.get("chat_id") == str(chat))
    assert response_text("utter_non_text").replace('\\"', '"') in sent_text(platform_api, chat)


def test_bad_updates_get_a_clear_4xx(assistant: Assistant) -> None:
    url = f"{assistant.base_url}/webhooks/telegram/webhook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    assert requests.post(url, data=b"{not json", headers=headers, timeout=10).status_code == 400
    assert requests.post(url, json={"message": {}}, headers=headers, timeout=10).status_code == 400


def _screen_by_buttons(assistant: Assistant, api: PlatformApi, chat: int, answers: list[str]) -> None:
    """Answer each screening question by pressing its button, waiting for each new keyboard."""
    post(assistant, text_update(chat, "show me the stretches"))
    for number, answer in enumerate(answers, start=1):
        api.wait_for(lambda c: _to_chat(chat)(c) and "reply_markup" in c.body, count=number)
        post(assistant, button_update(chat, last_buttons(api, chat)[answer]))


def test_a_clear_screen_by_buttons_ends_in_stretch_instructions(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    _screen_by_buttons(assistant, platform_api, chat, ["No"] * 5)
    platform_api.wait_for(
        lambda c: c.body.get("chat_id") == str(chat) and "Hip flexor stretch" in str(c.body)
    )
    post(assistant, button_update(chat, last_buttons(platform_api, chat)["Hip flexor stretch"]))
    post(assistant, button_update(chat, "/next_step"))
    first_step = KnowledgeRepository().exercise("hip_flexor_stretch").steps[0]
    platform_api.wait_for(
        lambda c: c.body.get("chat_id") == str(chat) and first_step in c.body.get("text", "")
    )


def test_a_flagged_screen_ends_in_escalation_without_instructions(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    _screen_by_buttons(assistant, platform_api, chat, ["No", "No", "No", "Yes"])
    platform_api.wait_for(
        lambda c: c.body.get("chat_id") == str(chat) and "emergency" in c.body.get("text", "")
    )
    post(assistant, text_update(chat, '/request_stretches{"exercise": "hip_flexor_stretch"}'))
    post(assistant, button_update(chat, "/next_step"))
    platform_api.settle(2.0)
    steps = KnowledgeRepository().exercise("hip_flexor_stretch").steps
    assert not any(step in sent_text(platform_api, chat) for step in steps)


def test_long_texts_are_split_within_telegrams_limit() -> None:
    text = ("A sentence about backs. " * 400).strip()
    parts = split_text(text)
    assert len(parts) > 1 and all(len(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert " ".join(parts) == text


def test_the_webhook_is_registered_only_by_the_explicit_command(platform_api: PlatformApi) -> None:
    assert platform_api.matching(lambda c: c.method == "setWebhook") == [], "the server never registers it"
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": platform_api.url,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example/webhooks/telegram/webhook",
    }
    subprocess.run(
        [sys.executable, "-m", "rasa_ext.channels.telegram"], env=env, cwd=ROOT, check=True, timeout=60
    )
    registered = platform_api.wait_for(lambda c: c.method == "setWebhook")[0]
    assert registered.body["secret_token"] == TELEGRAM_SECRET
    assert registered.body["url"] == "https://bot.example/webhooks/telegram/webhook"


def test_without_its_variables_the_channel_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_SECRET_TOKEN", raising=False)
    assert TelegramSettings.from_environment() is None
    assert TelegramInput.from_credentials(None).get_output_channel() is None


@pytest.mark.parametrize("command", ["/start", "/start@BackCoachBot", "/start from-a-link"])
def test_start_gives_the_greeting_with_the_notice(
    assistant: Assistant, platform_api: PlatformApi, command: str
) -> None:
    chat = next(_chat_ids)
    post(assistant, text_update(chat, command))
    platform_api.wait_for(lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat))
    assert response_text("utter_greet") in sent_text(platform_api, chat)


def test_a_photos_caption_is_read(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    photo = {"message_id": 3, "chat": {"id": chat}, "photo": [{"file_id": "f"}], "caption": "are you a bot?"}
    post(assistant, {"update_id": next(_update_ids), "message": photo})
    platform_api.wait_for(lambda c: c.body.get("chat_id") == str(chat))
    assert response_text("utter_iamabot") in sent_text(platform_api, chat)


def test_an_edited_message_is_not_answered_as_a_new_one(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    edited = {"message_id": 4, "chat": {"id": chat}, "from": {"id": chat}, "text": "are you a bot?"}
    assert post(assistant, {"update_id": next(_update_ids), "edited_message": edited}).status_code == 200
    platform_api.settle(1.5)
    assert sent_to(platform_api, chat) == []


def _user_texts(assistant: Assistant, conversation: str) -> list[str]:
    with sqlite3.connect(assistant.tracker_db) as connection:
        rows = connection.execute(
            "select data from events where sender_id = ? and type_name = 'user' order by id", (conversation,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_in_a_group_each_member_has_their_own_conversation(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    group, alice, bob = -next(_chat_ids), next(_chat_ids), next(_chat_ids)
    post(assistant, text_update(group, "show me the stretches", user=alice))
    platform_api.wait_for(lambda c: c.body.get("chat_id") == str(group) and "reply_markup" in c.body)
    no = last_buttons(platform_api, group)["No"]
    for _ in range(3):
        assert post(assistant, button_update(group, no, user=bob)).status_code == 200
    assert _user_texts(assistant, f"{group}:{alice}") == ["show me the stretches"]
    assert len(_user_texts(assistant, f"{group}:{bob}")) == 3
    assert _user_texts(assistant, str(group)) == []


def test_a_pressed_buttons_keyboard_is_removed(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    post(assistant, text_update(chat, "what can you do?"))
    platform_api.wait_for(lambda c: c.body.get("chat_id") == str(chat) and "reply_markup" in c.body)
    posture = last_buttons(platform_api, chat)["Posture and sitting"]
    post(assistant, button_update(chat, posture, message_id=42))
    edit = platform_api.wait_for(
        lambda c: c.method == "editMessageReplyMarkup" and c.body.get("chat_id") == chat
    )[0]
    assert edit.body["message_id"] == 42
    assert edit.body["reply_markup"] == {"inline_keyboard": []}


def _to_chat(chat: int) -> Callable[[Call], bool]:
    return lambda c: c.method == "sendMessage" and c.body.get("chat_id") == str(chat)


def test_a_reply_refused_with_429_is_sent_after_retry_after(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    platform_api.refuse(_to_chat(chat), times=1, retry_after=1)
    post(assistant, text_update(chat, "are you a bot?"))
    delivered = platform_api.wait_for(_to_chat(chat))[0]
    [refused] = platform_api.refused_matching(_to_chat(chat))
    assert delivered.body == refused.body
    assert delivered.at - refused.at >= 1.0


def test_retries_after_429_are_bounded(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    platform_api.refuse(_to_chat(chat), times=1_000, retry_after=0)
    assert post(assistant, text_update(chat, "are you a bot?")).status_code == 200
    attempts = Counter(call.body["text"] for call in platform_api.refused_matching(_to_chat(chat)))
    assert attempts and set(attempts.values()) == {telegram_api.MAX_ATTEMPTS}
    assert sent_to(platform_api, chat) == []


def test_a_retry_after_over_the_limit_is_not_waited_for(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    platform_api.refuse(_to_chat(chat), times=1_000, retry_after=telegram_api.MAX_RETRY_AFTER_SECONDS + 1)
    started = time.monotonic()
    assert post(assistant, text_update(chat, "are you a bot?")).status_code == 200
    assert time.monotonic() - started < telegram_api.MAX_RETRY_AFTER_SECONDS
    attempts = Counter(call.body["text"] for call in platform_api.refused_matching(_to_chat(chat)))
    assert attempts and set(attempts.values()) == {1}


def test_replies_reuse_one_connection(assistant: Assistant, platform_api: PlatformApi) -> None:
    chat = next(_chat_ids)
    for text in ("are you a bot?", "are you a doctor?", "hello"):
        post(assistant, text_update(chat, text))
    calls = sent_to(platform_api, chat)
    assert len(calls) >= 3
    assert len({call.client_port for call in calls}) == 1


_MESSAGE = {"message_id": 1, "chat": {"id": 5}, "text": "hi"}
BAD_UPDATES = {
    "chat-a-string": {"update_id": 1, "message": {**_MESSAGE, "chat": "x"}},
    "callback-message-a-string": {
        "update_id": 2,
        "callback_query": {"id": "c", "data": "/help", "message": "x"},
    },
    "update-id-a-boolean": {"update_id": True, "message": _MESSAGE},
    "text-a-number": {"update_id": 3, "message": {**_MESSAGE, "text": 5}},
    "from-a-list": {"update_id": 4, "message": {**_MESSAGE, "from": []}},
    "not-an-object": [1, 2],
}


@pytest.mark.parametrize(
    "body",
    [json.dumps(update).encode() for update in BAD_UPDATES.values()] + [b"[" * 100_000],
    ids=[*BAD_UPDATES, "nested-100000-deep"],
)
def test_malformed_updates_get_400_and_are_logged(assistant: Assistant, body: bytes) -> None:
    log_size = assistant.rasa.log.stat().st_size
    reply = requests.post(
        f"{assistant.base_url}/webhooks/telegram/webhook",
        data=body,
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"},
        timeout=30,
    )
    assert reply.status_code == 400
    assert_logged(assistant, log_size, "Telegram sent a body that was refused")


def test_an_old_questions_button_pressed_again_answers_nothing(
    assistant: Assistant, platform_api: PlatformApi
) -> None:
    chat = next(_chat_ids)
    post(assistant, text_update(chat, "show me the stretches"))
    platform_api.wait_for(lambda c: _to_chat(chat)(c) and "reply_markup" in c.body)
    old_no = last_buttons(platform_api, chat)["No"]
    post(assistant, button_update(chat, old_no))
    platform_api.wait_for(lambda c: _to_chat(chat)(c) and "reply_markup" in c.body, count=2)
    post(assistant, button_update(chat, old_no))  # a double tap, or an old message's keyboard
    platform_api.wait_for(lambda c: _to_chat(chat)(c) and "reply_markup" in c.body, count=3)
    said = sent_text(platform_api, chat)
    assert response_text("utter_screening_stale_answer") in said
    assert said.count(response_text("utter_ask_screen_leg_symptoms")) == 2
    assert response_text("utter_ask_screen_weakness") not in said
