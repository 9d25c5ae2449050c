"""Keep connections to the action server open between custom-action calls.

Rasa 3.6 opens a new HTTP session, and with it a new connection, for every call to the action
server (``EndpointConfig.request``). Here every custom action (``RemoteAction``) calls through a
:class:`PooledEndpointConfig`, and each Rasa process keeps one connection pool per event loop. A
pooled connection is not reused after ``KEEPALIVE_SECONDS`` idle, before Sanic's action server
closes its side (5 s), so an idle connection is never reused just as the server drops it. A call
that fails because the server dropped its connection anyway (the server restarted) is sent once
more on a new connection of its own, as Rasa would have sent it. That is safe because this
project's actions only compute events from the tracker they are sent (the knowledge base is
read-only), so an action the server ran before dropping the connection changes nothing by running
again. Rasa's other endpoints (an NLG server, the callback channel, a model server) keep Rasa's
own calls.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import rasa.utils.endpoints as rasa_endpoints
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 2.0

_rasa_remote_action_init = RemoteAction.__init__
# Set while a call is sent again: that call gets a connection of its own, not one from the pool.
_fresh_connection: contextvars.ContextVar[bool] = contextvars.ContextVar("fresh_connection", default=False)
_pools: dict[asyncio.AbstractEventLoop, aiohttp.TCPConnector] = {}


def _pool() -> aiohttp.TCPConnector:
    """The running event loop's connection pool (it keeps connections per host and port)."""
    loop = asyncio.get_running_loop()
    pool = _pools.get(loop)
    if pool is None or pool.closed:
        # A new pool is rare (a new loop), so that is when the pools of closed loops are dropped.
        for closed in [other for other in _pools if other.is_closed()]:
            del _pools[closed]
        # No limit on connections, as with Rasa's connection per call.
        pool = _pools[loop] = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS, limit=0)
    return pool


def _dropped(error: Exception) -> bool:
    """Whether ``error`` means the server closed an open connection (not that none could be made)."""
    return isinstance(error, aiohttp.ServerDisconnectedError) or (
        isinstance(error, aiohttp.ClientOSError) and not isinstance(error, aiohttp.ClientConnectorError)
    )


class PooledEndpointConfig(EndpointConfig):
    """An endpoint whose calls share the running event loop's connection pool."""

    @classmethod
    def of(cls, endpoint: EndpointConfig) -> PooledEndpointConfig:
        """``endpoint``'s configuration, pooled (``endpoint`` itself if it already is)."""
        if isinstance(endpoint, cls):
            return endpoint
        pooled = cls(
            url=endpoint.url,
            params=endpoint.params,
            headers=endpoint.headers,
            basic_auth=endpoint.basic_auth,
            token=endpoint.token,
            token_name=endpoint.token_name,
            cafile=endpoint.cafile,
            **endpoint.kwargs,
        )
        pooled.type = endpoint.type
        return pooled

    @asynccontextmanager
    async def session(self) -> AsyncIterator[aiohttp.ClientSession]:  # type: ignore[override]
        """Rasa's session (headers, authentication, timeout), on the pool unless sending again."""
        if _fresh_connection.get():
            async with super().session() as session:
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

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        """Rasa's request, sent once more on a new connection if the server dropped the first."""
        try:
            return await super().request(*args, **kwargs)
        except aiohttp.ClientError as error:
            if not _dropped(error):
                raise
            logger.debug("The server at %s dropped the connection (%s); sending again", self.url, error)
        token = _fresh_connection.set(True)
        try:
            return await super().request(*args, **kwargs)
        finally:
            _fresh_connection.reset(token)


async def close_pools() -> None:
    """Close the running event loop's pooled connections (the REST channel's listener calls this
    when the server stops)."""
    pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()


def remote_action_init(self: RemoteAction, name: str, action_endpoint: EndpointConfig | None) -> None:
    """``RemoteAction.__init__``, with the endpoint pooled (installed by rasa_ext/rasa_changes.py)."""
    _rasa_remote_action_init(
        self, name, PooledEndpointConfig.of(action_endpoint) if action_endpoint else None
    )
