"""A conversation lock in Redis whose every step is atomic, for several Rasa processes.

Rasa 3.6's ``RedisLockStore`` reads a conversation's ticket lock, changes it in Python and writes
it back. Two processes (or Sanic workers) that take the lock at the same moment can both get it,
and then the SQL tracker store loses or forks that conversation's events (docs/DEPLOYMENT.md). A
waiting message also re-checks only once a second. Here each step is one Lua script run by Redis:

* a message draws the next ticket (``INCR``); the conversation's messages are served in ticket
  order, one at a time, across every process that shares the Redis database;
* the ticket being served holds a lease of ``lock_lifetime`` seconds; when a lease runs out (its
  process died), the next waiter skips that ticket, as Rasa's expiring tickets do;
* releasing hands the turn to the next ticket, and deletes the keys when nobody is waiting.

Waiting messages poll every ``POLL_SECONDS`` (Rasa's own store waits a second between polls).
An uncontended message takes two round trips to Redis (two scripts), where Rasa's store makes seven.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

import redis
import redis.asyncio
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig
from redis.commands.core import AsyncScript

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.02
KEY_PREFIX = "backcoach_lock:"
# Keys of a conversation whose process died while holding them disappear after this long.
IDLE_KEY_SECONDS = 3600

# KEYS: next ticket, last served ticket, lease of the ticket being served.
# ARGV: ticket (0 to draw one), lease milliseconds, key lifetime milliseconds, holder token.
# Returns {ticket, state}: state 1 = this ticket is served now, 0 = wait, -1 = ticket was skipped.
# A lease that ran out means the ticket after the last served one is dead: it is skipped, and the
# ticket after it gets a full lease to take its turn.
_TAKE_TURN = """
local ticket = tonumber(ARGV[1])
if ticket == 0 then
  ticket = redis.call('INCR', KEYS[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local served = tonumber(redis.call('GET', KEYS[2]) or '0')
if served + 1 < ticket and redis.call('EXISTS', KEYS[3]) == 0 then
  served = served + 1
  redis.call('SET', KEYS[2], served, 'PX', ARGV[3])
  redis.call('SET', KEYS[3], 'handover', 'PX', ARGV[2])
end
if served + 1 == ticket then
  redis.call('SET', KEYS[2], served, 'PX', ARGV[3])
  redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[2])
  return {ticket, 1}
end
if served >= ticket then
  return {ticket, -1}
end
return {ticket, 0}
"""

# KEYS as above. ARGV: ticket, lease milliseconds, key lifetime milliseconds, holder token.
# Returns 1 when the turn passed on, 0 when this holder's lease had run out.
_FINISH_TURN = """
local ticket = tonumber(ARGV[1])
if redis.call('GET', KEYS[3]) ~= ARGV[4] then
  return 0
end
if tonumber(redis.call('GET', KEYS[1]) or '0') > ticket then
  redis.call('SET', KEYS[2], ticket, 'PX', ARGV[3])
  redis.call('SET', KEYS[3], 'handover', 'PX', ARGV[2])
else
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
return 1
"""


class AtomicRedisLockStore(LockStore):
    """Serves each conversation's messages one at a time, in arrival order, across processes.

    Configured in endpoints.production.yml like Rasa's Redis lock store (``url``, ``port``, ``db``,
    ``password``); Rasa treats any lock store other than the in-memory one as safe for several
    Sanic workers.
    """

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        host: str = "localhost",
        port: int = 6379,
        db: int = 1,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if endpoint_config is not None:
            settings = endpoint_config.kwargs
            host = endpoint_config.url or host
            port = settings.get("port", port)
            db = settings.get("db", db)
            password = settings.get("password", password)
        self._connection = {"host": host, "port": int(port), "db": int(db), "password": password or None}
        self._loop: asyncio.AbstractEventLoop | None = None
        super().__init__()

    def _scripts(self) -> tuple[AsyncScript, AsyncScript]:
        """The take-turn and finish-turn scripts on the running event loop's asynchronous client
        (a client serves only the loop it was created in), so that waiting for Redis does not hold
        up other conversations."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop = loop
            self.red = redis.asyncio.StrictRedis(**self._connection)
            self._take_turn = self.red.register_script(_TAKE_TURN)
            self._finish_turn = self.red.register_script(_FINISH_TURN)
        return self._take_turn, self._finish_turn

    @staticmethod
    def _keys(conversation_id: str) -> list[str]:
        base = KEY_PREFIX + conversation_id
        return [base + ":next", base + ":served", base + ":lease"]

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's turn for the ``async with`` block (Rasa's lock interface)."""
        keys = self._keys(conversation_id)
        lease_ms, idle_ms = int(lock_lifetime * 1000), int(max(lock_lifetime, IDLE_KEY_SECONDS) * 1000)
        token = uuid.uuid4().hex
        take_turn, finish_turn = self._scripts()
        try:
            ticket, state = await take_turn(keys=keys, args=[0, lease_ms, idle_ms, token])
            while state == 0:
                await asyncio.sleep(wait_time_in_seconds)
                ticket, state = await take_turn(keys=keys, args=[ticket, lease_ms, idle_ms, token])
        except redis.RedisError as error:
            raise LockError(f"Could not reach the lock store: {type(error).__name__}") from error
        if state < 0:
            raise LockError(f"Waited longer than {lock_lifetime}s for conversation '{conversation_id}'.")
        try:
            yield TicketLock(conversation_id)
        finally:
            try:
                if not await finish_turn(keys=keys, args=[ticket, lease_ms, idle_ms, token]):
                    logger.warning("A conversation lock ran out while its message was still being handled.")
            except redis.RedisError as error:
                logger.error(
                    "LOCK STORE UNAVAILABLE: a conversation lock was not released (%s)", type(error).__name__
                )
