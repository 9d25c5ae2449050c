"""The web chat: Rasa's socket.io channel, limited to configured origins, plus the widget's files.

Everything is served by the running assistant: the demo page at ``/webhooks/web/``, the widget and
the socket.io client under ``/webhooks/web/static/``, the conversation history for a page reload at
``/webhooks/web/history``, and the socket itself at ``/socket.io/``.

Socket events besides Rasa's ``user_uttered`` / ``bot_uttered``: the server confirms each user
message that carries a ``message_id`` to its tab with ``user_received`` (the widget marks a message
unsent when this never comes; ``repeat`` says it had arrived before and is not answered again) and
shows it to the conversation's other tabs with ``user_echo``.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

import settings
from rasa_ext.channels.limits import MAX_MESSAGE_CHARS, clean_text

logger = logging.getLogger(__name__)

WEB_DIR = settings.PROJECT_ROOT / "web"
STATIC_FILES: dict[str, tuple[Path, str]] = {
    "widget.js": (WEB_DIR / "widget.js", "application/javascript"),
    "widget.css": (WEB_DIR / "widget.css", "text/css"),
    "page.css": (WEB_DIR / "page.css", "text/css"),
    "socket.io.min.js": (
        WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript",
    ),
}
MAX_HISTORY_EVENTS = 500
# Replies that send someone to care: the widget shows them as escalation and retires the stretch's
# controls above them. (utter_english_only carries the emergency line.)
SAFETY_RESPONSES = frozenset(
    {"utter_emergency", "utter_urgent", "utter_see_practitioner", "utter_crisis", "utter_english_only"}
)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9]{16,64}$")
MAX_SHOWN_CHARS = 200  # a button title is what the widget shows for a press
# Message ids a process remembers, so that a retried message is answered once.
REMEMBERED_MESSAGE_IDS = 10_000


@dataclass(frozen=True)
class OriginPolicy:
    """The page's own origin, plus the origins of other sites allowed by ``WEB_ALLOWED_ORIGINS``."""

    other_origins: tuple[str, ...]

    @classmethod
    def from_environment(cls) -> OriginPolicy:
        configured = settings.web_allowed_origins()
        valid = tuple(origin for origin in configured if _ORIGIN.match(origin))
        for origin in set(configured) - set(valid):
            logger.warning("WEB_ALLOWED_ORIGINS: %r is not an origin like https://clinic.example", origin)
        return cls(valid)

    def allows(self, origin: str, host: str) -> bool:
        origin = origin.rstrip("/")
        return origin in {f"http://{host}", f"https://{host}"} or origin in self.other_origins

    def allows_request(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        # A plain navigation or a script tag sends no Origin header.
        return not origin or self.allows(origin, request.host)

    def allows_socket(self, origin: str | None, environ: dict[str, Any]) -> bool:
        """python-engineio's origin check; a list there would replace the page's own origin."""
        return not origin or self.allows(origin, environ.get("HTTP_HOST", ""))

    def content_security_policy(self) -> str:
        ancestors = " ".join(("'self'", *self.other_origins))
        return (
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            f"img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
        )


def web_message(
    text: str | None, buttons: list[dict[str, Any]] | None, custom: Any, utter_action: Any
) -> dict[str, Any]:
    """One bot message as the widget receives it, live and in the history."""
    message: dict[str, Any] = {"text": text or ""}
    if buttons:
        message["quick_replies"] = [{"title": b.get("title"), "payload": b.get("payload")} for b in buttons]
    if custom:
        message["custom"] = custom
    if utter_action in SAFETY_RESPONSES:
        message["safety"] = True
    return message


def _shown_user_text(event: dict[str, Any], last_buttons: list[dict[str, Any]]) -> str | None:
    """What the user saw in their bubble: a button's title rather than its payload."""
    metadata = event.get("metadata") or {}
    if metadata.get("hidden"):
        return None
    if isinstance(metadata.get("shown"), str):
        return metadata["shown"]
    text: str = event["text"]
    if not text.startswith("/"):
        return text
    # Presses stored before the widget sent their titles.
    titles = [b.get("title") for b in last_buttons if b.get("payload") == text]
    return titles[0] if titles else None


def history_messages(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The user and bot messages of a conversation, as the widget shows them."""
    messages: list[dict[str, Any]] = []
    last_buttons: list[dict[str, Any]] = []
    for event in events[-MAX_HISTORY_EVENTS:]:
        if event.get("event") == "user" and event.get("text"):
            shown = _shown_user_text(event, last_buttons)
            if shown is not None:
                messages.append({"sender": "user", "text": shown, "message_id": event.get("message_id")})
        elif event.get("event") == "bot":
            data = event.get("data") or {}
            buttons = data.get("buttons") or data.get("quick_replies") or []
            if buttons:
                last_buttons = buttons
            utter_action = (event.get("metadata") or {}).get("utter_action")
            messages.append(
                {"sender": "bot", **web_message(event.get("text"), buttons, data.get("custom"), utter_action)}
            )
    return messages


class WebChatOutput(SocketIOOutput):
    """Each bot message is one socket message: its text, buttons, countdown and safety mark together.

    Rasa 3.6 sends a response's custom payload as a message of its own (so a hold's countdown
    would arrive after, and apart from, its Done button) and drops the response's name, which
    tells the widget that a reply is escalation.
    """

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        buttons = message.get("quick_replies") or message.get("buttons")
        await self._send_message(
            recipient_id,
            web_message(message.get("text"), buttons, message.get("custom"), message.get("utter_action")),
        )


def _well_formed(data: Any) -> bool:
    """A user message with a session id and a text, and a message id if it has one.

    The widget always sends a message id; other socket.io clients need not.
    """
    if not isinstance(data, dict):
        return False
    session_id, message_id = data.get("session_id"), data.get("message_id")
    return (
        isinstance(session_id, str)
        and 0 < len(session_id) <= 64
        and session_id.isalnum()
        and (message_id is None or (isinstance(message_id, str) and bool(_MESSAGE_ID.match(message_id))))
        and isinstance(data.get("message"), str)
    )


def _user_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """How the widget showed the message: hidden (the greeting it sends itself) or a button's title."""
    if data.get("hidden") is True:
        return {"hidden": True}
    shown = data.get("shown")
    if isinstance(shown, str) and shown.strip():
        return {"shown": clean_text(shown[:MAX_SHOWN_CHARS])}
    return {}


class WebChatInput(SocketIOInput):
    """The socket.io channel with origin checks, session persistence and the widget's files."""

    @classmethod
    def name(cls) -> str:
        return "web"

    def get_output_channel(self) -> WebChatOutput | None:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        policy = OriginPolicy.from_environment()
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=policy.allows_socket)
        self.sio = sio
        socket_blueprint = SocketBlueprint(sio, self.socketio_path, "web_chat", __name__)

        def with_cors(request: Request, result: HTTPResponse) -> HTTPResponse:
            origin = request.headers.get("origin")
            if origin and policy.allows_request(request):
                result.headers["Access-Control-Allow-Origin"] = origin
                result.headers["Vary"] = "Origin"
            return result

        @socket_blueprint.middleware("response")
        async def security_headers(request: Request, result: HTTPResponse) -> None:
            result.headers["X-Content-Type-Options"] = "nosniff"
            result.headers["Referrer-Policy"] = "no-referrer"

        @socket_blueprint.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            result = await response.file(WEB_DIR / "index.html")
            result.headers["Content-Security-Policy"] = policy.content_security_policy()
            return with_cors(request, result)

        @socket_blueprint.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.json({"error": "not found"}, status=404)
            path, mime_type = STATIC_FILES[name]
            return with_cors(request, await response.file(path, mime_type=mime_type))

        @socket_blueprint.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            if not policy.allows_request(request):
                return response.json({"error": "origin not allowed"}, status=403)
            session_id = request.args.get("session_id", "")
            if not (16 <= len(session_id) <= 64 and session_id.isalnum()):
                return response.json({"error": "session_id must be 16-64 letters or digits"}, status=400)
            tracker = await request.app.ctx.agent.tracker_store.retrieve(session_id)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            return with_cors(request, response.json({"messages": history_messages(events)}))

        self._register_socket_events(sio, on_new_message)
        return socket_blueprint

    def _register_socket_events(
        self, sio: AsyncServer, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        answered: OrderedDict[tuple[str, str], None] = OrderedDict()

        def first_time(session_id: str, message_id: str) -> bool:
            key = (session_id, message_id)
            if key in answered:
                return False
            answered[key] = None
            if len(answered) > REMEMBERED_MESSAGE_IDS:
                answered.popitem(last=False)
            return True

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
            if not _well_formed(data):
                return
            session_id, message_id, text = data["session_id"], data.get("message_id"), data["message"]
            if message_id is not None:
                # A retry of a message that arrived (only its confirmation was lost) is not answered again.
                repeat = not first_time(session_id, message_id)
                await sio.emit("user_received", {"message_id": message_id, "repeat": repeat}, room=sid)
                if repeat:
                    return
            metadata = _user_metadata(data)
            if not metadata.get("hidden"):
                echo = {"message_id": message_id, "text": metadata.get("shown") or text[:MAX_MESSAGE_CHARS]}
                await sio.emit("user_echo", echo, room=session_id, skip_sid=sid)
            await on_new_message(
                UserMessage(
                    clean_text(text),
                    WebChatOutput(sio, self.bot_message_evt),
                    session_id,
                    input_channel=self.name(),
                    message_id=message_id,
                    metadata=metadata,
                )
            )
