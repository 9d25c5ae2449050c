"""Keep connections to the action server open between custom-action calls.

Rasa 3.6 opens a new HTTP session, and with it a new connection, for every call to the action
server (``EndpointConfig.request``). Here each Rasa process keeps one connection pool per event
loop. A pooled connection is closed after ``KEEPALIVE_SECONDS`` idle, before Sanic's
action server closes its side (5 s), so an idle connection is never reused just as the server drops
it. A call that fails because the server dropped its connection anyway (the server restarted) is
sent once more on a new connection of its own, as Rasa would have sent it. That is safe because
this project's actions only compute events from the tracker they are sent (the knowledge base is
read-only), so an action the server ran before dropping the connection changes nothing by running
again.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import rasa.core.run as rasa_run
import rasa.utils.endpoints as rasa_endpoints
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 2.0

_rasa_session = EndpointConfig.session
_rasa_request = EndpointConfig.request
_rasa_close_resources = rasa_run.close_resources
# Set while a call is sent again: that call gets a connection of its own, not one from the pool.
_fresh_connection: contextvars.ContextVar[bool] = contextvars.ContextVar("fresh_connection", default=False)
_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.TCPConnector]
_pools = weakref.WeakKeyDictionary()


def _pool() -> aiohttp.TCPConnector:
    """The running event loop's connection pool (it keeps connections per host and port)."""
    loop = asyncio.get_running_loop()
    pool = _pools.get(loop)
    if pool is None or pool.closed:
        pool = _pools[loop] = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS)
    return pool


@asynccontextmanager
async def _session(self: EndpointConfig) -> AsyncIterator[aiohttp.ClientSession]:
    """Rasa's session for ``self`` (its headers, authentication and timeout), on the pool."""
    if _fresh_connection.get():
        async with _rasa_session(self) as session:
            yield session
        return
    auth = None
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    async with aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=rasa_endpoints.DEFAULT_REQUEST_TIMEOUT),
        connector=_pool(),
        connector_owner=False,
    ) as session:
        yield session


def _dropped(error: Exception) -> bool:
    """Whether ``error`` means the server closed an open connection (not that none could be made)."""
    return isinstance(error, aiohttp.ServerDisconnectedError) or (
        isinstance(error, aiohttp.ClientOSError) and not isinstance(error, aiohttp.ClientConnectorError)
    )


async def _request(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
    try:
        return await _rasa_request(self, *args, **kwargs)
    except aiohttp.ClientError as error:
        if not _dropped(error):
            raise
        logger.debug("The server at %s dropped a pooled connection (%s); sending again", self.url, error)
    token = _fresh_connection.set(True)
    try:
        return await _rasa_request(self, *args, **kwargs)
    finally:
        _fresh_connection.reset(token)


async def close_pools() -> None:
    """Close the running event loop's pooled connections."""
    pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()


async def _close_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    await close_pools()
    await _rasa_close_resources(app, loop)


def install() -> None:
    """Pool the connections of Rasa's endpoint calls, and close the pool with Rasa's other resources
    when the server stops (idempotent).

    A server started by ``backcoach.serve`` has this installed before Rasa registers its shutdown
    listener; a plain ``rasa run`` installs it later, while loading its tracker store, and leaves
    its idle connections to close themselves after ``KEEPALIVE_SECONDS``, or at exit.
    """
    EndpointConfig.session = _session  # type: ignore[method-assign]
    EndpointConfig.request = _request  # type: ignore[method-assign]
    rasa_run.close_resources = _close_resources
