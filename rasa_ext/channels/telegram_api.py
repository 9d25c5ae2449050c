"""Calls to Telegram's Bot API over the process's one session, with bounded retries.

Telegram answers 429 with ``parameters.retry_after`` (seconds) when a bot sends too fast; the call
is repeated after that wait. Connection errors and 5xx answers are repeated with a growing backoff.
Either way there are at most ``MAX_ATTEMPTS`` attempts, and a wait longer than
``MAX_RETRY_AFTER_SECONDS`` is not waited for: the reply is given up (and logged) instead of
holding the conversation for minutes. Failures are logged, never raised into the conversation.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from rasa_ext.channels.platform_session import PlatformSession

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
MAX_RETRY_AFTER_SECONDS = 30
BACKOFF_SECONDS = 0.5
TOO_MANY_REQUESTS = 429


class TelegramApi:
    """One bot's Bot API: ``call`` a method with a JSON payload."""

    def __init__(self, api_url: str, token: str) -> None:
        self.api_url = api_url
        self._token = token
        self.session = PlatformSession()

    def method_url(self, method: str) -> str:
        return f"{self.api_url}/bot{self._token}/{method}"

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The API's answer (``{"ok": false}`` when the call failed for good)."""
        attempt = 1
        while True:
            status, body = await self._attempt(method, payload)
            if body.get("ok"):
                return body
            wait = self._wait_before_retry(status, body, attempt)
            if wait is None or attempt == MAX_ATTEMPTS:
                logger.error(
                    "Telegram %s failed (status %s, attempt %d): %s",
                    method,
                    status,
                    attempt,
                    body.get("description"),
                )
                return body
            logger.warning("Telegram %s: status %s, retrying in %.1f s", method, status, wait)
            await asyncio.sleep(wait)
            attempt += 1

    async def _attempt(self, method: str, payload: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
        try:
            async with self.session.get().post(self.method_url(method), json=payload) as reply:
                body = await reply.json(content_type=None)
                return reply.status, body if isinstance(body, dict) else {"ok": False}
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            return None, {"ok": False, "description": f"{type(error).__name__}: {error}"}

    @staticmethod
    def _wait_before_retry(status: int | None, body: dict[str, Any], attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when another attempt would not help."""
        if status == TOO_MANY_REQUESTS:
            parameters = body.get("parameters")
            retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
            if not isinstance(retry_after, int) or isinstance(retry_after, bool):
                return BACKOFF_SECONDS * 2**attempt
            return float(retry_after) if 0 <= retry_after <= MAX_RETRY_AFTER_SECONDS else None
        if status is None or status >= 500:
            return BACKOFF_SECONDS * 2 ** (attempt - 1)
        return None  # a 4xx other than 429 will fail again the same way
