"""Slack's Web API through ``slack_sdk``'s ``AsyncWebClient``, over the process's one session.

The client's retry handlers repeat a call that Slack answered 429 after its ``Retry-After``
(at most ``MAX_RATE_LIMIT_RETRIES`` times, and never for a wait over ``MAX_RETRY_AFTER_SECONDS``:
that reply is given up instead of holding the conversation for minutes), and a call whose
connection failed. Failures are logged, never raised into the conversation.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from rasa_ext.channels.platform_session import REQUEST_TIMEOUT_SECONDS, PlatformSession

logger = logging.getLogger(__name__)

MAX_RATE_LIMIT_RETRIES = 3
MAX_RETRY_AFTER_SECONDS = 30
MAX_CONNECTION_RETRIES = 2


class BoundedRateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, which waits for any ``Retry-After``, limited to a short one."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or not await super()._can_retry_async(
            state=state, request=request, response=response, error=error
        ):
            return False
        retry_after = next(
            (values[0] for name, values in response.headers.items() if name.lower() == "retry-after"), None
        )
        if retry_after is None:
            return True  # the handler then waits about a second
        try:
            return 0 <= int(retry_after) <= MAX_RETRY_AFTER_SECONDS
        except ValueError:
            return False


class SlackApi:
    """One bot's Web API: ``call`` a method with JSON arguments."""

    def __init__(self, api_url: str, token: str) -> None:
        self._api_url = api_url
        self._token = token
        self.session = PlatformSession()
        self._client: AsyncWebClient | None = None

    def client(self) -> AsyncWebClient:
        session = self.session.get()
        if self._client is None or self._client.session is not session:
            self._client = AsyncWebClient(
                token=self._token,
                base_url=self._api_url,
                session=session,
                timeout=REQUEST_TIMEOUT_SECONDS,
                retry_handlers=[
                    BoundedRateLimitRetryHandler(max_retry_count=MAX_RATE_LIMIT_RETRIES),
                    AsyncConnectionErrorRetryHandler(max_retry_count=MAX_CONNECTION_RETRIES),
                ],
            )
        return self._client

    async def call(self, method: str, arguments: dict[str, Any]) -> bool:
        """True when Slack accepted the call."""
        try:
            await self.client().api_call(method, json=arguments)
        except SlackApiError as error:
            logger.error("Slack %s failed: %s", method, error.response.get("error"))
            return False
        except (SlackClientError, aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.error("Slack %s could not be called: %s", method, type(error).__name__)
            return False
        return True
