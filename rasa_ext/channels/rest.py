"""Rasa's REST channel with input checks: bad requests get a clear 4xx, never a 5xx."""

from __future__ import annotations

import json
import logging
from asyncio import AbstractEventLoop
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_ext.action_connections import close_pools
from rasa_ext.channels.limits import clean_text

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_SENDER_CHARS = 128
FALLBACK_RESPONSE = "utter_actions_unavailable"


def _bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


class CheckedRestInput(InputChannel):
    """``POST /webhooks/rest/webhook`` with ``{"sender": str, "message": str}``."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("checked_rest", __name__)

        # The server's one always-on channel closes the custom actions' pooled connections
        # (rasa_ext/action_connections.py) when the server stops.
        @rest.listener("after_server_stop")
        async def close_action_connections(_app: Sanic, _loop: AbstractEventLoop) -> None:
            await close_pools()

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return _bad_request(f"the body is larger than {MAX_BODY_BYTES} bytes", 413)
            try:
                body = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _bad_request('the body must be JSON: {"sender": "...", "message": "..."}')
            if not isinstance(body, dict):
                return _bad_request('the body must be a JSON object: {"sender": "...", "message": "..."}')
            sender, message = body.get("sender"), body.get("message")
            if (
                not isinstance(sender, str)
                or not 0 < len(sender) <= MAX_SENDER_CHARS
                or not sender.isprintable()
            ):
                return _bad_request(f"'sender' must be a printable string of 1-{MAX_SENDER_CHARS} characters")
            if not isinstance(message, str):
                return _bad_request("'message' must be a string")
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(clean_text(message), collector, sender, input_channel=self.name())
                )
            except Exception:  # noqa: BLE001 - the user must get an answer, the operator the trace
                logger.exception("Could not handle a REST message")
                return response.json(self._fallback(request, sender))
            return response.json(collector.messages)

        return rest

    @staticmethod
    def _fallback(request: Request, sender: str) -> list[dict[str, str | None]]:
        responses = request.app.ctx.agent.domain.responses.get(FALLBACK_RESPONSE) or [{}]
        return [{"recipient_id": sender, "text": responses[0].get("text")}]
