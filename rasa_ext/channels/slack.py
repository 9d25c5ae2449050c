"""Slack's Events API and interactivity, with request signatures and at-most-once replies.

Every request must carry a valid ``X-Slack-Signature`` made within the last five minutes
(``slack_sdk``'s ``SignatureVerifier``). Bodies are parsed into strict models
(``slack_payloads.py``) and a bad one gets 400. Slack's retries (``X-Slack-Retry-Num``) and
repeated events are acknowledged without a second answer. Direct messages are answered in the
conversation; mentions in a channel are answered in a thread. A pressed button's message loses its
buttons (``chat.update``). Settings come only from the environment (see ``.env.example``); with no
token the channel is off.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.signature import SignatureVerifier

import settings
from rasa_ext.channels.limits import clean_text
from rasa_ext.channels.platform_bodies import BadBody, parse_json, parse_model, refuse
from rasa_ext.channels.platform_payloads import NON_TEXT_PAYLOAD
from rasa_ext.channels.recent import RecentIds
from rasa_ext.channels.slack_api import SlackApi
from rasa_ext.channels.slack_buttons import answered_blocks, question_blocks
from rasa_ext.channels.slack_payloads import (
    ANSWERED_EVENT_TYPES,
    SlackBlockActions,
    SlackEnvelope,
    SlackInteraction,
    SlackMessageEvent,
)

logger = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[A-Z0-9]+>\s*")
# A message subtype that still is the user speaking: a file shared in the conversation.
FILE_SHARE = "file_share"


@dataclass(frozen=True)
class SlackSettings:
    token: str
    signing_secret: str
    api_url: str

    @classmethod
    def from_environment(cls) -> SlackSettings | None:
        token = settings.slack_bot_token()
        secret = settings.slack_signing_secret()
        if not token or not secret:
            return None
        return cls(token, secret, settings.slack_api_url())


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature of a request body, as Slack (or a test standing in for it) signs it."""
    return str(SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body))


def is_signed(verifier: SignatureVerifier, request: Request) -> bool:
    """True only for a correctly signed request made within the last five minutes."""
    try:
        return verifier.is_valid_request(request.body or b"", dict(request.headers))
    except ValueError:  # a timestamp that is not a number, or a body that is not UTF-8 as Slack's are
        return False


def form_payload(body: bytes) -> str:
    """The ``payload`` field of an interaction's form-encoded body."""
    try:
        return parse_qs(body.decode("utf-8")).get("payload", [""])[0]
    except UnicodeDecodeError:
        raise BadBody("the form is not UTF-8") from None


def event_text(event: SlackMessageEvent) -> str | None:
    """What the user said, or None for what is not the user speaking (edits, joins, bots)."""
    if event.bot_id:
        return None
    if event.subtype == FILE_SHARE:
        # A file's comment is read (it may tell a red flag); a file alone gets "text only, please".
        return event.text or NON_TEXT_PAYLOAD
    if event.subtype or event.text is None:
        return None
    return _MENTION.sub("", event.text).strip()


class SlackOutput(OutputChannel):
    """Posts replies with ``chat.postMessage``, in the thread when there is one."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(self, api: SlackApi, channel: str, thread_ts: str | None) -> None:
        self.api = api
        self.channel = channel
        self.thread_ts = thread_ts

    async def _post(self, message: dict[str, Any]) -> None:
        message = {"channel": self.channel, **message}
        if self.thread_ts:
            message["thread_ts"] = self.thread_ts
        await self.api.call("chat.postMessage", message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post({"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._post({"text": text, "blocks": question_blocks(text, buttons)})

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
        self.api = SlackApi(settings.api_url, settings.token) if settings else None
        self.verifier = SignatureVerifier(settings.signing_secret) if settings else None
        self.recent_events = RecentIds()
        self._tasks: set[asyncio.Task] = set()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("slack_webhook", __name__)
        if self.api is not None:
            self.api.session.close_with(slack)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"enabled": self.settings is not None})

        @slack.route("/webhook", methods=["POST"])
        async def events(request: Request) -> HTTPResponse:
            rejected = self._reject(request)
            if rejected:
                return rejected
            try:
                envelope = parse_model(SlackEnvelope, parse_json(request.body))
                if envelope.type == "url_verification":
                    if envelope.challenge is None:
                        raise BadBody("a url_verification needs a challenge")
                    return response.json({"challenge": envelope.challenge})
                event = self._answerable_event(envelope)
            except BadBody as error:
                return refuse("Slack", error)
            if event is None or request.headers.get("x-slack-retry-num"):
                return response.json({"status": "ok"})
            # Without an event id (Slack always sends one) the message's own channel and time name it.
            key = envelope.event_id or (f"{event.channel}:{event.ts}" if event.ts else None)
            if key is not None and self.recent_events.seen(key):
                return response.json({"status": "already handled"})
            self._answer_event(event, on_new_message)
            return response.json({"status": "ok"})

        @slack.route("/interactive", methods=["POST"])
        async def interactive(request: Request) -> HTTPResponse:
            rejected = self._reject(request)
            if rejected:
                return rejected
            try:
                payload = parse_json(form_payload(request.body or b""))
                if parse_model(SlackInteraction, payload).type != "block_actions":
                    return response.json({"status": "ignored"})
                press = parse_model(SlackBlockActions, payload)
            except BadBody as error:
                return refuse("Slack", error)
            action = press.actions[0]
            if self.recent_events.seen(f"{press.trigger_id}:{action.action_ts}"):
                return response.json({"status": "already handled"})
            channel = press.channel_id
            if channel and action.value is not None:
                self._retire_buttons(press, channel)
                self._dispatch(action.value, channel, press.user.id, press.thread_ts, on_new_message)
            return response.json({"status": "ok"})

        return slack

    def _reject(self, request: Request) -> HTTPResponse | None:
        if self.verifier is None:
            return response.json({"error": "the Slack channel is not configured"}, status=404)
        if not is_signed(self.verifier, request):
            return response.json({"error": "invalid or stale signature"}, status=401)
        return None

    @staticmethod
    def _answerable_event(envelope: SlackEnvelope) -> SlackMessageEvent | None:
        """The message event to answer, if the envelope carries one; a malformed one is refused."""
        if envelope.type != "event_callback" or envelope.event is None:
            return None
        kind = envelope.event.get("type")
        if not isinstance(kind, str) or kind not in ANSWERED_EVENT_TYPES:
            return None
        return parse_model(SlackMessageEvent, envelope.event)

    def _answer_event(
        self, event: SlackMessageEvent, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        text = event_text(event)
        if text is None or not event.user:
            return
        if event.type == "app_mention":
            thread = event.thread_ts or event.ts
        elif event.type == "message" and event.channel_type == "im":
            thread = None
        else:
            return  # channel messages without a mention are not for the assistant
        self._dispatch(text, event.channel, event.user, thread, on_new_message)

    def _retire_buttons(self, press: SlackBlockActions, channel: str) -> None:
        """Replace the pressed message's buttons by what was chosen."""
        assert self.api is not None
        if press.message_ts is None:
            return
        action = press.actions[0]
        choice = action.text.text if action.text else str(action.value)
        question = press.message.text if press.message else None
        update = {"channel": channel, "ts": press.message_ts, "blocks": answered_blocks(question, choice)}
        self._in_background(self.api.call("chat.update", {**update, "text": question or choice}))

    def _dispatch(
        self,
        text: str,
        channel: str,
        user: str,
        thread: str | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        """Answer after acknowledging: Slack retries any request not answered within 3 seconds."""
        assert self.api is not None
        sender = f"{channel}:{thread}:{user}" if thread else f"{channel}:{user}"
        output = SlackOutput(self.api, channel, thread)
        message = UserMessage(clean_text(text), output, sender, input_channel=self.name())
        self._in_background(self._answer(message, on_new_message))

    @staticmethod
    async def _answer(message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        try:
            await on_new_message(message)
        except Exception:  # nobody waits for this task: its failure would otherwise go unseen
            logger.exception("A Slack message could not be answered")

    def _in_background(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
