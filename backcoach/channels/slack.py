"""Slack's Events API and interactivity, with request signatures and at-most-once replies.

Every request must carry a valid ``X-Slack-Signature`` made within the last five minutes. Slack's
retries (``X-Slack-Retry-Num``) and repeated event ids are acknowledged without a second answer.
Direct messages are answered in the conversation; mentions in a channel are answered in a thread.
Settings come only from the environment (see ``.env.example``); with no token the channel is off.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from backcoach.channels.limits import clean_text
from backcoach.channels.recent import RecentIds

logger = logging.getLogger(__name__)

REPLAY_WINDOW_SECONDS = 5 * 60
_MENTION = re.compile(r"<@[A-Z0-9]+>\s*")


@dataclass(frozen=True)
class SlackSettings:
    token: str
    signing_secret: str
    api_url: str

    @classmethod
    def from_environment(cls) -> SlackSettings | None:
        token = os.environ.get("SLACK_BOT_TOKEN")
        secret = os.environ.get("SLACK_SIGNING_SECRET")
        if not token or not secret:
            return None
        return cls(token, secret, os.environ.get("SLACK_API_URL", "https://slack.com/api").rstrip("/"))


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + timestamp.encode("utf-8") + b":" + body
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """True only for a correctly signed request made within the replay window."""
    timestamp = headers.get("x-slack-request-timestamp", "")
    given = headers.get("x-slack-signature", "")
    if not timestamp.isdigit() or not given:
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return False
    return hmac.compare_digest(given.encode("utf-8"), signature(secret, timestamp, body).encode("utf-8"))


class SlackOutput(OutputChannel):
    """Posts replies with ``chat.postMessage``, in the thread when there is one."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(self, settings: SlackSettings, channel: str, thread_ts: str | None) -> None:
        self.settings = settings
        self.channel = channel
        self.thread_ts = thread_ts

    async def _post(self, payload: dict[str, Any]) -> None:
        payload = {"channel": self.channel, **payload}
        if self.thread_ts:
            payload["thread_ts"] = self.thread_ts
        headers = {"Authorization": f"Bearer {self.settings.token}"}
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
                async with session.post(
                    f"{self.settings.api_url}/chat.postMessage", json=payload, headers=headers
                ) as reply:
                    body = await reply.json(content_type=None)
                    if not body.get("ok"):
                        logger.error("Slack chat.postMessage failed: %s", body.get("error"))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            logger.exception("Slack chat.postMessage could not be called")

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post({"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        elements = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": str(button["title"])[:75]},
                "value": str(button["payload"])[:2000],
                "action_id": f"backcoach_button_{index}",
            }
            for index, button in enumerate(buttons)
        ]
        blocks = [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            {"type": "actions", "elements": elements},
        ]
        await self._post({"text": text, "blocks": blocks})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """Countdown payloads are for rich clients; the text already says how long to hold."""


class SlackInput(InputChannel):
    """``POST /webhooks/slack/webhook`` (events) and ``POST /webhooks/slack/interactive`` (buttons)."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(SlackSettings.from_environment())

    def __init__(self, settings: SlackSettings | None) -> None:
        self.settings = settings
        self.recent_events = RecentIds()
        self._tasks: set[asyncio.Task] = set()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("slack_webhook", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"enabled": self.settings is not None})

        @slack.route("/webhook", methods=["POST"])
        async def events(request: Request) -> HTTPResponse:
            rejected = self._reject(request)
            if rejected:
                return rejected
            try:
                body = json.loads(request.body)
            except ValueError:
                return response.json({"error": "the body must be JSON"}, status=400)
            if not isinstance(body, dict):
                return response.json({"error": "the body must be a JSON object"}, status=400)
            if body.get("type") == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            if request.headers.get("x-slack-retry-num") or self.recent_events.seen(str(body.get("event_id"))):
                return response.json({"status": "already handled"})
            event = body.get("event")
            if body.get("type") == "event_callback" and isinstance(event, dict):
                self._answer_event(event, on_new_message)
            return response.json({"status": "ok"})

        @slack.route("/interactive", methods=["POST"])
        async def interactive(request: Request) -> HTTPResponse:
            rejected = self._reject(request)
            if rejected:
                return rejected
            try:
                payload = json.loads(parse_qs(request.body.decode("utf-8")).get("payload", [""])[0])
            except (ValueError, UnicodeDecodeError):
                return response.json({"error": "expected a form field 'payload' with JSON"}, status=400)
            if not isinstance(payload, dict) or payload.get("type") != "block_actions":
                return response.json({"status": "ignored"})
            action = (payload.get("actions") or [{}])[0]
            key = f"{payload.get('trigger_id')}:{action.get('action_ts')}"
            if self.recent_events.seen(key):
                return response.json({"status": "already handled"})
            channel = (payload.get("channel") or {}).get("id")
            user = (payload.get("user") or {}).get("id")
            container = payload.get("container") or {}
            thread = container.get("thread_ts") or (payload.get("message") or {}).get("thread_ts")
            if channel and user and isinstance(action.get("value"), str):
                self._dispatch(action["value"], channel, user, thread, on_new_message)
            return response.json({"status": "ok"})

        return slack

    def _reject(self, request: Request) -> HTTPResponse | None:
        if self.settings is None:
            return response.json({"error": "the Slack channel is not configured"}, status=404)
        headers = {key.lower(): value for key, value in request.headers.items()}
        if not verify(self.settings.signing_secret, headers, request.body or b""):
            return response.json({"error": "invalid or stale signature"}, status=401)
        return None

    def _answer_event(
        self, event: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        if event.get("bot_id") or event.get("subtype") or not isinstance(event.get("text"), str):
            return  # our own messages, edits and joins are not questions
        kind, channel, user = event.get("type"), event.get("channel"), event.get("user")
        if not channel or not user:
            return
        if kind == "app_mention":
            thread = event.get("thread_ts") or event.get("ts")
        elif kind == "message" and event.get("channel_type") == "im":
            thread = None
        else:
            return  # channel messages without a mention are not for the assistant
        self._dispatch(_MENTION.sub("", event["text"]).strip(), channel, user, thread, on_new_message)

    def _dispatch(
        self,
        text: str,
        channel: str,
        user: str,
        thread: str | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        """Answer after acknowledging: Slack retries any request not answered within 3 seconds."""
        assert self.settings is not None
        sender = f"{channel}:{thread}:{user}" if thread else f"{channel}:{user}"
        output = SlackOutput(self.settings, channel, thread)
        task = asyncio.create_task(
            on_new_message(UserMessage(clean_text(text), output, sender, input_channel=self.name()))
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
