"""Endpoint calls share pooled connections, send what Rasa sends, and survive a dropped connection."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
import rasa.core.run as rasa_run
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from backcoach import action_connections
from deploy.local_services import free_port

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    rasa_session, rasa_request = EndpointConfig.session, EndpointConfig.request
    rasa_close_resources = rasa_run.close_resources
    action_connections.install()
    yield
    EndpointConfig.session, EndpointConfig.request = rasa_session, rasa_request  # type: ignore[method-assign]
    rasa_run.close_resources = rasa_close_resources


class Recorder:
    """A local HTTP server that answers with ``handler`` and records each request's client port."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.handler = handler or self.answer
        self.requests: list[web.Request] = []
        self.client_ports: list[int] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/webhook"

    async def answer(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"events": [], "responses": [], "seen": len(self.requests)})

    async def record(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request)
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


def post(endpoint: EndpointConfig) -> Awaitable[Any]:
    return endpoint.request(json={"next_action": "action_x"}, method="post", timeout=5)


def test_calls_reuse_one_connection() -> None:
    server = Recorder()
    endpoint = EndpointConfig(server.url)

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
    endpoint = EndpointConfig(server.url)

    async def calls_with_a_pause() -> None:
        await post(endpoint)
        await asyncio.sleep(1.0)
        await post(endpoint)

    asyncio.run(server.serve(calls_with_a_pause))
    assert len(set(server.client_ports)) == 2


def test_headers_authentication_token_and_body_are_sent_as_rasa_sends_them() -> None:
    server = Recorder()
    endpoint = EndpointConfig(
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


def test_a_call_whose_connection_the_server_drops_is_sent_again_on_a_new_one() -> None:
    async def drop_the_first(request: web.Request) -> web.StreamResponse:
        if len(server.requests) == 1:
            request.transport.close()
            raise asyncio.CancelledError
        return web.json_response({"events": [], "responses": []})

    server = Recorder(drop_the_first)
    endpoint = EndpointConfig(server.url)

    async def one_call() -> Any:
        return await post(endpoint)

    assert asyncio.run(server.serve(one_call)) == {"events": [], "responses": []}
    assert len(server.requests) == 2
    assert server.client_ports[0] != server.client_ports[1]


def test_a_refused_connection_is_not_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts = []

    async def counted(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        attempts.append(self.url)
        return await rasa_request(self, *args, **kwargs)

    rasa_request = action_connections._rasa_request
    monkeypatch.setattr(action_connections, "_rasa_request", counted)
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
    with pytest.raises(aiohttp.ClientConnectorError):
        asyncio.run(post(endpoint))
    assert len(attempts) == 1


def test_an_error_status_is_raised_as_rasa_raises_it() -> None:
    async def fail(request: web.Request) -> web.StreamResponse:
        return web.Response(status=500, text="boom")

    server = Recorder(fail)
    endpoint = EndpointConfig(server.url)

    async def one_call() -> Any:
        return await post(endpoint)

    with pytest.raises(ClientResponseError) as raised:
        asyncio.run(server.serve(one_call))
    assert raised.value.status == 500
    assert len(server.requests) == 1


def test_the_pool_closes_with_rasa_s_other_resources_when_the_server_stops() -> None:
    server = Recorder()
    endpoint = EndpointConfig(server.url)

    async def call_then_stop() -> tuple[bool, bool]:
        await post(endpoint)
        pool = action_connections._pool()
        open_before = not pool.closed
        await rasa_run.close_resources(SimpleNamespace(ctx=SimpleNamespace()), asyncio.get_running_loop())
        return open_before, pool.closed

    assert asyncio.run(server.serve(call_then_stop)) == (True, True)
