"""Custom-action calls share pooled connections, send what Rasa sends, and survive a dropped connection."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from sanic.config import DEFAULT_CONFIG

from launchers.local_services import free_port
from rasa_ext import action_connections, rasa_changes
from rasa_ext.action_connections import PooledEndpointConfig
from rasa_ext.channels.rest import CheckedRestInput

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    rasa_changes.install()
    yield
    rasa_changes.uninstall()


class Recorder:
    """A local HTTP server that answers with ``handler`` and records each request's client port."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.handler = handler or self.answer
        self.requests: list[web.Request] = []
        self.bodies: list[Any] = []
        self.client_ports: list[int] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/webhook"

    async def answer(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"events": [], "responses": [], "seen": len(self.requests)})

    async def record(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request)
        self.bodies.append(await request.json())
        self.client_ports.append(request.transport.get_extra_info("peername")[1])
        return await self.handler(request)

    async def serve(self, client: Callable[[], Awaitable[Any]]) -> Any:
        app = web.Application()
        app.router.add_post("/webhook", self.record)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()
        try:
            return await client()
        finally:
            await action_connections.close_pools()
            await runner.cleanup()


BODY = {"next_action": "action_explain_topic", "sender_id": "someone"}


def post(endpoint: EndpointConfig) -> Awaitable[Any]:
    return endpoint.request(json=BODY, method="post", timeout=5)


def test_calls_reuse_one_connection() -> None:
    server = Recorder()
    endpoint = PooledEndpointConfig(server.url)

    async def three_calls() -> None:
        for _ in range(3):
            await post(endpoint)

    asyncio.run(server.serve(three_calls))
    assert len(server.requests) == 3
    assert len(set(server.client_ports)) == 1


def test_an_idle_connection_is_closed_before_the_server_would_close_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(action_connections, "KEEPALIVE_SECONDS", 0.2)
    server = Recorder()
    endpoint = PooledEndpointConfig(server.url)

    async def calls_with_a_pause() -> None:
        await post(endpoint)
        await asyncio.sleep(0.5)
        await post(endpoint)

    asyncio.run(server.serve(calls_with_a_pause))
    assert len(set(server.client_ports)) == 2


def test_headers_authentication_token_and_body_are_sent_as_rasa_sends_them() -> None:
    server = Recorder()
    endpoint = PooledEndpointConfig(
        server.url,
        headers={"X-Tenant": "backcoach"},
        basic_auth={"username": "rasa", "password": "secret"},
        token="t0ken",
    )

    async def one_call() -> Any:
        return await post(endpoint)

    answer = asyncio.run(server.serve(one_call))
    request = server.requests[0]
    assert answer == {"events": [], "responses": [], "seen": 1}
    assert request.headers["X-Tenant"] == "backcoach"
    assert request.headers["Content-Type"] == "application/json"
    assert aiohttp.BasicAuth.decode(request.headers["Authorization"]) == aiohttp.BasicAuth("rasa", "secret")
    assert request.query["token"] == "t0ken"
    assert server.bodies == [BODY]


def test_a_call_whose_pooled_connection_the_server_drops_is_sent_again_on_a_new_one() -> None:
    """As after an action-server restart: every pooled connection is dead, so the call sent again
    must not take another one from the pool."""
    dead_ports: set[int] = set()

    async def slow_then_drop_old_connections(request: web.Request) -> web.StreamResponse:
        if server.client_ports[-1] in dead_ports:
            request.transport.close()
            raise asyncio.CancelledError
        await asyncio.sleep(0.2)
        return web.json_response({"events": [], "responses": []})

    server = Recorder(slow_then_drop_old_connections)
    endpoint = PooledEndpointConfig(server.url)

    async def two_at_once_then_one() -> Any:
        await asyncio.gather(post(endpoint), post(endpoint))
        dead_ports.update(server.client_ports)
        return await post(endpoint)

    assert asyncio.run(server.serve(two_at_once_then_one)) == {"events": [], "responses": []}
    assert len(dead_ports) == 2
    assert len(server.requests) == 4
    assert server.client_ports[2] in dead_ports and server.client_ports[3] not in dead_ports


def test_a_refused_connection_is_not_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts = []
    rasa_request = EndpointConfig.request

    async def counted(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        attempts.append(self.url)
        return await rasa_request(self, *args, **kwargs)

    monkeypatch.setattr(EndpointConfig, "request", counted)
    endpoint = PooledEndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")

    async def one_call() -> Any:
        try:
            return await post(endpoint)
        finally:
            await action_connections.close_pools()

    with pytest.raises(aiohttp.ClientConnectorError):
        asyncio.run(one_call())
    assert len(attempts) == 1


def test_an_error_status_is_raised_as_rasa_raises_it() -> None:
    async def fail(request: web.Request) -> web.StreamResponse:
        return web.Response(status=500, text="boom")

    server = Recorder(fail)
    endpoint = PooledEndpointConfig(server.url)

    async def one_call() -> Any:
        return await post(endpoint)

    with pytest.raises(ClientResponseError) as raised:
        asyncio.run(server.serve(one_call))
    assert raised.value.status == 500
    assert len(server.requests) == 1


def test_the_pool_closes_when_the_server_stops() -> None:
    server = Recorder()
    endpoint = PooledEndpointConfig(server.url)

    async def ignore(_: Any) -> None:
        return None

    rest = CheckedRestInput().blueprint(ignore)
    [on_stop] = [future for future in rest._future_listeners if future.event == "after_server_stop"]

    async def call_then_stop() -> tuple[bool, bool]:
        await post(endpoint)
        pool = action_connections._pool()
        open_before = not pool.closed
        await on_stop.listener(SimpleNamespace(), asyncio.get_running_loop())
        return open_before, pool.closed

    assert asyncio.run(server.serve(call_then_stop)) == (True, True)


def test_custom_actions_call_through_the_pool_and_other_endpoints_do_not() -> None:
    endpoint = EndpointConfig("http://actions:5055/webhook", headers={"X-Tenant": "b"}, token="t")
    action = RemoteAction("action_explain_topic", endpoint)
    assert isinstance(action.action_endpoint, PooledEndpointConfig)
    assert action.action_endpoint.url == endpoint.url
    assert action.action_endpoint.headers == endpoint.headers
    assert action.action_endpoint.token == endpoint.token
    assert PooledEndpointConfig.of(action.action_endpoint) is action.action_endpoint
    assert type(endpoint).request is EndpointConfig.request


def test_idle_connections_are_given_up_before_the_action_server_closes_them() -> None:
    # rasa_sdk serves with Sanic's default keep-alive.
    assert action_connections.KEEPALIVE_SECONDS < DEFAULT_CONFIG["KEEP_ALIVE_TIMEOUT"]
