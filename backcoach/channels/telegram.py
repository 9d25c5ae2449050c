"""Telegram, secure by default: secret-token check, no webhook call at start-up, deduplication.

Rasa's own connector never checks ``X-Telegram-Bot-Api-Secret-Token``, calls ``setWebhook`` on every
start (so the server cannot start offline) and ignores button acknowledgements and non-text updates.
Settings come only from the environment (see ``.env.example``); with no token the channel is off.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from backcoach.channels.limits import clean_text
from backcoach.channels.recent import RecentIds

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
# Sent through the dialogue so that the reply comes from domain.yml like every other sentence.
NON_TEXT_PAYLOAD = "/non_text_message"


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    secret: str
    api_url: str
    webhook_url: str | None

    @classmethod
    def from_environment(cls) -> TelegramSettings | None:
        token = os.environ.get("TELEGRAM_BOT_TOKEN")
        secret = os.environ.get("TELEGRAM_SECRET_TOKEN")
        if not token or not secret:
            return None
        return cls(
            token=token,
            secret=secret,
            api_url=os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/"),
            webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL"),
        )

    def method_url(self, method: str) -> str:
        return f"{self.api_url}/bot{self.token}/{method}"


async def call_api(settings: TelegramSettings, method: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Call one Bot API method; failures are logged, never raised into the conversation."""
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            async with session.post(settings.method_url(method), json=payload) as reply:
                body = await reply.json(content_type=None)
                if reply.status != 200 or not body.get("ok"):
                    logger.error("Telegram %s failed with status %s", method, reply.status)
                return body
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        logger.exception("Telegram %s could not be called", method)
        return {"ok": False}


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


class TelegramOutput(OutputChannel):
    """Sends replies with the Bot API; buttons become an inline keyboard."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_text(text):
            await call_api(self.settings, "sendMessage", {"chat_id": recipient_id, "text": part})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        parts = split_text(text) or [""]
        for part in parts[:-1]:
            await call_api(self.settings, "sendMessage", {"chat_id": recipient_id, "text": part})
        keyboard = [[{"text": b["title"], "callback_data": callback_data(b)}] for b in buttons]
        await call_api(
            self.settings,
            "sendMessage",
            {"chat_id": recipient_id, "text": parts[-1], "reply_markup": {"inline_keyboard": keyboard}},
        )

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """Countdown payloads are for rich clients; the text already says how long to hold."""

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await call_api(self.settings, "sendPhoto", {"chat_id": recipient_id, "photo": image})


class TelegramInput(InputChannel):
    """``POST /webhooks/telegram/webhook``: verified, deduplicated updates from Telegram."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(TelegramSettings.from_environment())

    def __init__(self, settings: TelegramSettings | None) -> None:
        self.settings = settings
        self.recent_updates = RecentIds()

    def get_output_channel(self) -> OutputChannel | None:
        return TelegramOutput(self.settings) if self.settings else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("telegram_webhook", __name__)

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
                update = json.loads(request.body or b"")
            except ValueError:
                return response.json({"error": "the body must be a JSON update"}, status=400)
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                return response.json({"error": "an update needs an integer update_id"}, status=400)
            if self.recent_updates.seen(str(update["update_id"])):
                return response.json({"status": "duplicate ignored"})
            await self._handle(update, on_new_message)
            return response.json({"status": "ok"})

        return telegram

    async def _handle(
        self, update: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        assert self.settings is not None
        output = TelegramOutput(self.settings)
        callback = update.get("callback_query")
        if isinstance(callback, dict):
            await call_api(self.settings, "answerCallbackQuery", {"callback_query_id": callback.get("id")})
            chat = ((callback.get("message") or {}).get("chat") or {}).get("id")
            text = callback.get("data")
        else:
            message = update.get("message") or update.get("edited_message")
            if not isinstance(message, dict):
                return  # channel posts, polls, member updates: nothing for a health chat to answer
            chat = (message.get("chat") or {}).get("id")
            text = message.get("text") if isinstance(message.get("text"), str) else NON_TEXT_PAYLOAD
        if chat is None or not isinstance(text, str):
            return
        await on_new_message(UserMessage(clean_text(text), output, str(chat), input_channel=self.name()))


async def register_webhook(settings: TelegramSettings) -> dict[str, Any]:
    """``make telegram-webhook``: point Telegram at this server, with the secret token."""
    if not settings.webhook_url:
        raise SystemExit("Set TELEGRAM_WEBHOOK_URL to the public https URL of /webhooks/telegram/webhook.")
    return await call_api(
        settings,
        "setWebhook",
        {
            "url": settings.webhook_url,
            "secret_token": settings.secret,
            "allowed_updates": ["message", "edited_message", "callback_query"],
        },
    )


if __name__ == "__main__":
    configured = TelegramSettings.from_environment()
    if configured is None:
        raise SystemExit("Set TELEGRAM_BOT_TOKEN and TELEGRAM_SECRET_TOKEN first (see .env.example).")
    print(json.dumps(asyncio.run(register_webhook(configured))))
