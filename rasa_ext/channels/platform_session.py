"""One HTTP session per process for a platform's API, made on first use and closed on server stop.

A session per message would open a new connection (and TLS handshake) for every reply. The session
is made inside the running event loop, so a server forked from a launcher makes its own.
"""

from __future__ import annotations

import aiohttp
from sanic import Blueprint

REQUEST_TIMEOUT_SECONDS = 10


class PlatformSession:
    """The process's ``aiohttp`` session for one platform."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    def get(self) -> aiohttp.ClientSession:
        """The open session, made now if there is none (call it from a coroutine)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
            )
        return self._session

    @property
    def closed(self) -> bool:
        return self._session is None or self._session.closed

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def close_with(self, blueprint: Blueprint) -> None:
        """Close the session when the server that serves ``blueprint`` stops."""

        async def close_session(*_: object) -> None:
            await self.close()

        blueprint.listener("after_server_stop")(close_session)
