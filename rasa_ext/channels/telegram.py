"""Telegram, secure by default: secret-token check, typed updates, no webhook call at start-up.

Rasa's own connector never checks ``X-Telegram-Bot-Api-Secret-Token``, calls ``setWebhook`` on every
start (so the server cannot start offline) and ignores button acknowledgements and non-text updates.
Here every update is parsed into strict models (``telegram_updates.py``) before anything is done
with it, and a bad one gets 400. A conversation is per user and chat, so members of a group each
have their own; edited messages are not answered again. A pressed button's keyboard is removed, so
an old question's buttons cannot answer a later one. Settings come only from the environment (see
``.env.example``); with no token the channel is off.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import settings
from rasa_ext.channels.limits import clean_text
from rasa_ext.channels.platform_bodies import BadBody, parse_json, parse_model, refuse
from rasa_ext.channels.platform_payloads import GREET_PAYLOAD, NON_TEXT_PAYLOAD
from rasa_ext.channels.recent import RecentIds
from rasa_ext.channels.telegram_api import TelegramApi
from rasa_ext.channels.telegram_updates import (
    TelegramCallbackQuery,
    TelegramMessage,
    TelegramUpdate,
    chat_of,
    conversation_id,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
# What Telegram sends when someone opens the bot: "/start", maybe "@BotName" and a deep-link parameter.
_START_COMMAND = re.compile(r"/start(@\w+)?(\s|$)")
_NO_KEYBOARD = {"inline_keyboard": []}


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    secret: str
    api_url: str
    webhook_url: str | None

    @classmethod
    def from_environment(cls) -> TelegramSettings | None:
        token = settings.telegram_bot_token()
        secret = settings.telegram_secret_token()
        if not token or not secret:
            return None
        return cls(
            token=token,
            secret=secret,
            api_url=settings.telegram_api_url(),
            webhook_url=settings.telegram_webhook_url(),
        )

    def api(self) -> TelegramApi:
        return TelegramApi(self.api_url, self.token)


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut a long text into Telegram-sized parts, at line or word breaks where possible."""
    parts = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return parts + ([text] if text else [])


def callback_data(button: dict[str, Any]) -> str:
    """Telegram allows 64 bytes of callback data; a longer payload falls back to the button title."""
    payload = str(button.get("payload") or button.get("title") or "")
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
        return payload
    return str(button.get("title"))[:MAX_CALLBACK_DATA_BYTES]


def message_text(message: TelegramMessage) -> str:
    """What the user said: the text, else a photo's caption (it may tell a red flag), else a payload."""
    text = message.text if message.text is not None else message.caption
    if not text:
        return NON_TEXT_PAYLOAD
    if _START_COMMAND.match(text):
        return GREET_PAYLOAD
    return text


class TelegramOutput(OutputChannel):
    """Sends replies with the Bot API to the chat of the conversation; buttons become an inline keyboard."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, api: TelegramApi) -> None:
        self.api = api

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_text(text):
            await self.api.call("sendMessage", {"chat_id": chat_of(recipient_id), "text": part})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        chat = chat_of(recipient_id)
        parts = split_text(text) or [""]
        for part in parts[:-1]:
            await self.api.call("sendMessage", {"chat_id": chat, "text": part})
        keyboard = [[{"text": b["title"], "callback_data": callback_data(b)}] for b in buttons]
        await self.api.call(
            "sendMessage",
            {"chat_id": chat, "text": parts[-1], "reply_markup": {"inline_keyboard": keyboard}},
        )

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """Countdown payloads are for rich clients; the text already says how long to hold."""

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.api.call("sendPhoto", {"chat_id": chat_of(recipient_id), "photo": image})


class TelegramInput(InputChannel):
    """``POST /webhooks/telegram/webhook``: verified, validated, deduplicated updates from Telegram."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(TelegramSettings.from_environment())

    def __init__(self, settings: TelegramSettings | None) -> None:
        self.settings = settings
        self.api = settings.api() if settings else None
        self.recent_updates = RecentIds()

    def get_output_channel(self) -> OutputChannel | None:
        return TelegramOutput(self.api) if self.api else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("telegram_webhook", __name__)
        if self.api is not None:
            self.api.session.close_with(telegram)

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"enabled": self.settings is not None})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if self.settings is None:
                return response.json({"error": "the Telegram channel is not configured"}, status=404)
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode("utf-8"), self.settings.secret.encode("utf-8")):
                return response.json({"error": "forbidden"}, status=403)
            try:
                update = parse_model(TelegramUpdate, parse_json(request.body or b""))
            except BadBody as error:
                return refuse("Telegram", error)
            if self.recent_updates.seen(str(update.update_id)):
                return response.json({"status": "duplicate ignored"})
            try:
                await self._handle(update, on_new_message)
            except Exception:  # a 5xx would only make Telegram resend an update already taken
                logger.exception("Telegram update %s could not be answered", update.update_id)
                return response.json({"status": "not answered"})
            return response.json({"status": "ok"})

        return telegram

    async def _handle(
        self, update: TelegramUpdate, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        assert self.api is not None
        if update.callback_query is not None:
            pressed = await self._take_press(update.callback_query)
            if pressed is None:
                return
            conversation, text = pressed
        elif update.message is not None:
            conversation = conversation_id(update.message.chat, update.message.sender)
            text = message_text(update.message)
        else:
            return  # edits of earlier messages, channel posts, polls: nothing new to answer
        await on_new_message(
            UserMessage(clean_text(text), TelegramOutput(self.api), conversation, input_channel=self.name())
        )

    async def _take_press(self, query: TelegramCallbackQuery) -> tuple[str, str] | None:
        """Acknowledge a button press and remove its keyboard; the conversation and payload it sends."""
        assert self.api is not None
        acknowledge = self.api.call("answerCallbackQuery", {"callback_query_id": query.id})
        if query.message is None or query.data is None:
            await acknowledge
            return None
        # Without its keyboard the question cannot be answered twice, or after a later one was asked.
        remove_keyboard = self.api.call(
            "editMessageReplyMarkup",
            {
                "chat_id": query.message.chat.id,
                "message_id": query.message.message_id,
                "reply_markup": _NO_KEYBOARD,
            },
        )
        await asyncio.gather(acknowledge, remove_keyboard)
        return conversation_id(query.message.chat, query.sender), query.data


async def register_webhook(settings: TelegramSettings) -> dict[str, Any]:
    """``make telegram-webhook``: point Telegram at this server, with the secret token."""
    if not settings.webhook_url:
        raise SystemExit("Set TELEGRAM_WEBHOOK_URL to the public https URL of /webhooks/telegram/webhook.")
    api = settings.api()
    try:
        return await api.call(
            "setWebhook",
            {
                "url": settings.webhook_url,
                "secret_token": settings.secret,
                "allowed_updates": ["message", "callback_query"],
            },
        )
    finally:
        await api.session.close()


if __name__ == "__main__":
    configured = TelegramSettings.from_environment()
    if configured is None:
        raise SystemExit("Set TELEGRAM_BOT_TOKEN and TELEGRAM_SECRET_TOKEN first (see .env.example).")
    print(json.dumps(asyncio.run(register_webhook(configured))))
