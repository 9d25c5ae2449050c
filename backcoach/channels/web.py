"""The web chat: Rasa's socket.io channel, limited to configured origins, plus the widget's files.

Everything is served by the running assistant: the demo page at ``/webhooks/web/``, the widget and
the socket.io client under ``/webhooks/web/static/``, the conversation history for a page reload at
``/webhooks/web/history``, and the socket itself at ``/socket.io/``.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from backcoach import settings
from backcoach.channels.limits import clean_text

logger = logging.getLogger(__name__)

WEB_DIR = settings.PROJECT_ROOT / "web"
STATIC_FILES: dict[str, tuple[Path, str]] = {
    "widget.js": (WEB_DIR / "widget.js", "application/javascript"),
    "widget.css": (WEB_DIR / "widget.css", "text/css"),
    "socket.io.min.js": (
        WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript",
    ),
}
MAX_HISTORY_EVENTS = 500


def allowed_origins() -> list[str] | None:
    """``WEB_ALLOWED_ORIGINS`` (comma-separated); None means only the page's own origin."""
    configured = os.environ.get("WEB_ALLOWED_ORIGINS", "")
    origins = [origin.strip().rstrip("/") for origin in configured.split(",") if origin.strip()]
    return origins or None


def _same_origin(request: Request, origin: str) -> bool:
    return origin.rstrip("/") in {f"http://{request.host}", f"https://{request.host}"}


def origin_allowed(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin:
        return True  # a plain navigation or a script tag sends no Origin header
    origins = allowed_origins()
    return _same_origin(request, origin) or (origins is not None and origin.rstrip("/") in origins)


def _with_cors(request: Request, result: HTTPResponse) -> HTTPResponse:
    origin = request.headers.get("origin")
    if origin and origin_allowed(request):
        result.headers["Access-Control-Allow-Origin"] = origin
        result.headers["Vary"] = "Origin"
    return result


def history_messages(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The user and bot messages of a conversation, as the widget shows them."""
    messages: list[dict[str, Any]] = []
    for event in events[-MAX_HISTORY_EVENTS:]:
        if event.get("event") == "user" and event.get("text"):
            messages.append({"sender": "user", "text": event["text"]})
        elif event.get("event") == "bot":
            data = event.get("data") or {}
            message: dict[str, Any] = {"sender": "bot", "text": event.get("text") or ""}
            if data.get("buttons"):
                message["quick_replies"] = [
                    {"title": b.get("title"), "payload": b.get("payload")} for b in data["buttons"]
                ]
            if data.get("custom"):
                message["custom"] = data["custom"]
            messages.append(message)
    return messages


class WebChatOutput(SocketIOOutput):
    """Rasa's socket.io output, but custom payloads arrive as ``{"custom": {...}}``.

    Rasa 3.6 passes a custom payload's keys to ``emit`` as keyword arguments, which fails for
    any payload that is not shaped like ``emit``'s own parameters.
    """

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebChatInput(SocketIOInput):
    """The socket.io channel with origin checks, session persistence and the widget's files."""

    @classmethod
    def name(cls) -> str:
        return "web"

    def get_output_channel(self) -> WebChatOutput | None:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        origins = allowed_origins()
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=origins)
        self.sio = sio
        socket_blueprint = SocketBlueprint(sio, self.socketio_path, "web_chat", __name__)

        @socket_blueprint.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return _with_cors(request, await response.file(WEB_DIR / "index.html"))

        @socket_blueprint.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.json({"error": "not found"}, status=404)
            path, mime_type = STATIC_FILES[name]
            return _with_cors(request, await response.file(path, mime_type=mime_type))

        @socket_blueprint.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            if not origin_allowed(request):
                return response.json({"error": "origin not allowed"}, status=403)
            session_id = request.args.get("session_id", "")
            if not (16 <= len(session_id) <= 64 and session_id.isalnum()):
                return response.json({"error": "session_id must be 16-64 letters or digits"}, status=400)
            tracker = await request.app.ctx.agent.tracker_store.retrieve(session_id)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            return _with_cors(request, response.json({"messages": history_messages(events)}))

        self._register_socket_events(sio, on_new_message)
        return socket_blueprint

    def _register_socket_events(
        self, sio: AsyncServer, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None) -> None:
            requested = (data or {}).get("session_id")
            session_id = requested if isinstance(requested, str) and requested.isalnum() else None
            if session_id is None:
                session_id = uuid.uuid4().hex
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not (0 < len(session_id) <= 64 and session_id.isalnum()):
                return
            text = data.get("message")
            if not isinstance(text, str):
                return
            output = WebChatOutput(sio, self.bot_message_evt)
            await on_new_message(
                UserMessage(clean_text(text), output, data["session_id"], input_channel=self.name())
            )
