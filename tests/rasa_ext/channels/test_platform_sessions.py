"""The channels alone on an in-process Sanic server (no model): their one HTTP session per process
is closed when the server stops, and a failing dialogue is never a 5xx."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

from launchers.local_services import free_port
from rasa_ext.channels.slack import SlackInput, SlackSettings, signature
from rasa_ext.channels.telegram import SECRET_HEADER, TelegramInput, TelegramSettings
from tests.fakes.platform_api import PlatformApi

SECRET = "in-process-secret"
Handler = Callable[[UserMessage], Awaitable[Any]]


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic prepares its request handling once per process unless in test mode (as sanic-testing sets)."""
    monkeypatch.setattr(Sanic, "test_mode", True)


async def reply_hello(message: UserMessage) -> None:
    await message.output_channel.send_text_message(message.sender_id, "hello")


async def serve_one_request(
    channel: InputChannel, handler: Handler, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, bool]:
    """Start a server with the channel, post one request, let background work finish, stop it.

    Returns the status and whether the channel's session was open before the server stopped.
    """
    app = Sanic(f"channel_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(handler), url_prefix=f"/webhooks/{channel.name()}")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    await server.start_serving()
    try:
        async with aiohttp.ClientSession() as client:
            url = f"http://127.0.0.1:{port}/webhooks/{channel.name()}/{path}"
            async with client.post(url, data=body, headers=headers) as reply:
                status = reply.status
        await asyncio.sleep(0.5)  # Slack answers after acknowledging
        open_before_stop = not channel.api.session.closed  # type: ignore[attr-defined]
    finally:
        await server.before_stop()
        await server.close()
        await server.after_stop()
    return status, open_before_stop


def telegram_request(chat: int) -> tuple[bytes, dict[str, str]]:
    update = {"update_id": chat, "message": {"message_id": 1, "chat": {"id": chat}, "text": "hi"}}
    return json.dumps(update).encode(), {SECRET_HEADER: SECRET, "Content-Type": "application/json"}


def slack_request(channel: str) -> tuple[bytes, dict[str, str]]:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": "U1",
        "text": "hi",
        "ts": "1.2",
    }
    body = json.dumps({"type": "event_callback", "event_id": f"Ev{channel}", "event": event}).encode()
    stamp = str(int(time.time()))
    return body, {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature(SECRET, stamp, body)}


def test_telegrams_session_is_closed_when_the_server_stops(platform_api: PlatformApi) -> None:
    channel = TelegramInput(TelegramSettings("1:token", SECRET, platform_api.url, None))
    status, was_open = asyncio.run(
        serve_one_request(channel, reply_hello, "webhook", *telegram_request(4_001))
    )
    assert status == 200 and was_open
    assert platform_api.matching(lambda c: c.body.get("chat_id") == "4001")
    assert channel.api is not None and channel.api.session.closed


def test_slacks_session_is_closed_when_the_server_stops(platform_api: PlatformApi) -> None:
    channel = SlackInput(SlackSettings("xoxb-1", SECRET, platform_api.url + "/api"))
    status, was_open = asyncio.run(
        serve_one_request(channel, reply_hello, "webhook", *slack_request("DSESSION1"))
    )
    assert status == 200 and was_open
    assert platform_api.matching(lambda c: c.body.get("channel") == "DSESSION1")
    assert channel.api is not None and channel.api.session.closed


async def fail(message: UserMessage) -> None:
    raise RuntimeError("the dialogue failed")


def test_a_failing_dialogue_is_logged_not_a_5xx(
    platform_api: PlatformApi, caplog: pytest.LogCaptureFixture
) -> None:
    channel = TelegramInput(TelegramSettings("1:token", SECRET, platform_api.url, None))
    with caplog.at_level(logging.ERROR, logger="rasa_ext.channels.telegram"):
        status, _ = asyncio.run(serve_one_request(channel, fail, "webhook", *telegram_request(4_002)))
    assert status == 200
    assert "could not be answered" in caplog.text
