"""The web channel alone on a Sanic app, with an echo in place of the assistant.

For the tests of what the channel itself does under settings the shared assistant does not use
(``WEB_ALLOWED_ORIGINS``): it starts in seconds and needs no model.
Run as ``python -m tests.web.channel_app PORT``.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_ext.channels.web import WebChatInput

ECHO_PREFIX = "echo: "


def build_app() -> Sanic:
    channel = WebChatInput(session_persistence=True)

    async def echo(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": ECHO_PREFIX + message.text})

    app = Sanic("web_channel_alone")
    # Open long-polls would otherwise hold every stop for Sanic's default 15 s.
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 0.5
    app.ctx.agent = SimpleNamespace(tracker_store=InMemoryTrackerStore(Domain.empty()))
    app.blueprint(channel.blueprint(echo), url_prefix="/webhooks/web")

    @app.get("/")
    async def ready(request: Request) -> HTTPResponse:
        return response.text("ok")

    return app


if __name__ == "__main__":
    build_app().run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False)
