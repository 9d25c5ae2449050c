"""The Redis conversation lock: one message at a time per conversation across processes, in order."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator

import pytest
import redis
from rasa.core.lock_store import LockError, LockStore
from rasa.core.utils import number_of_sanic_workers
from rasa.utils.endpoints import EndpointConfig

from launchers.local_services import Service, start_redis
from rasa_ext.lock_store import KEY_PREFIX, AtomicRedisLockStore


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with start_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


def store(server: Service) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host=server.host, port=server.port)


def hold(
    server: Service, conversation: str, seconds: float, lifetime: float, log: list[str], name: str
) -> None:
    async def run() -> None:
        async with store(server).lock(conversation, lock_lifetime=lifetime):
            log.append(f"{name} in")
            await asyncio.sleep(seconds)
            log.append(f"{name} out")

    asyncio.run(run())


def test_an_uncontended_turn_leaves_no_keys(redis_server: Service) -> None:
    async def run() -> None:
        async with store(redis_server).lock("alone"):
            assert redis.Redis(port=redis_server.port, db=1).keys(KEY_PREFIX + "alone:*")

    asyncio.run(run())
    assert redis.Redis(port=redis_server.port, db=1).keys(KEY_PREFIX + "alone:*") == []


def test_processes_take_turns_without_losing_updates(redis_server: Service) -> None:
    """Two threads, each with its own store and event loop like two Rasa processes, race on one counter."""
    counter = redis.Redis(port=redis_server.port, db=2)
    counter.set("count", 0)
    inside: list[int] = []

    def worker() -> None:
        async def run() -> None:
            lock_store = store(redis_server)
            for _ in range(25):
                async with lock_store.lock("shared"):
                    inside.append(1)
                    assert len(inside) == 1, "two holders at once"
                    value = int(counter.get("count"))
                    await asyncio.sleep(0.001)
                    counter.set("count", value + 1)
                    inside.pop()

        asyncio.run(run())

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert int(counter.get("count")) == 75


def test_waiting_messages_are_served_in_arrival_order(redis_server: Service) -> None:
    log: list[str] = []
    threads = []
    for n in range(4):
        threads.append(threading.Thread(target=hold, args=(redis_server, "queue", 0.1, 10, log, str(n))))
        threads[-1].start()
        time.sleep(0.03)
    for thread in threads:
        thread.join()
    assert log == [f"{n} {step}" for n in "0123" for step in ("in", "out")]


def test_a_dead_holder_is_skipped_after_its_lifetime(redis_server: Service) -> None:
    async def run() -> float:
        crashed = store(redis_server).lock("crash", lock_lifetime=0.3)
        await crashed.__aenter__()  # never released, like a process that died
        started = time.monotonic()
        async with store(redis_server).lock("crash", lock_lifetime=5):
            return time.monotonic() - started

    waited = asyncio.run(run())
    assert 0.2 < waited < 2


def test_a_holder_that_overran_does_not_release_the_next_turn(
    redis_server: Service, caplog: pytest.LogCaptureFixture
) -> None:
    log: list[str] = []
    slow = threading.Thread(target=hold, args=(redis_server, "overrun", 0.6, 0.2, log, "slow"))
    slow.start()
    time.sleep(0.05)
    second = threading.Thread(target=hold, args=(redis_server, "overrun", 0.8, 10, log, "second"))
    second.start()
    time.sleep(0.05)
    third = threading.Thread(target=hold, args=(redis_server, "overrun", 0.1, 10, log, "third"))
    with caplog.at_level(logging.WARNING):
        third.start()
        for thread in (slow, second, third):
            thread.join()
    assert log.index("second in") < log.index("slow out") < log.index("second out") < log.index("third in")
    assert any("ran out" in record.message for record in caplog.records)


def test_an_unreachable_redis_is_a_lock_error() -> None:
    unreachable = AtomicRedisLockStore(host="127.0.0.1", port=1)

    async def run() -> None:
        async with unreachable.lock("anyone"):
            pass

    with pytest.raises(LockError, match="Could not reach the lock store"):
        asyncio.run(run())


def test_endpoints_configure_it_and_allow_several_workers(redis_server: Service, monkeypatch) -> None:
    config = EndpointConfig(
        type="rasa_ext.lock_store.AtomicRedisLockStore", url=redis_server.host, port=redis_server.port, db=1
    )
    lock_store = LockStore.create(config)
    assert isinstance(lock_store, AtomicRedisLockStore)

    async def ping() -> bool:
        async with lock_store.lock("configured"):
            return await lock_store.red.ping()

    assert asyncio.run(ping())
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(config) == 2
