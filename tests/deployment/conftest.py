"""A small production-like cluster on loopback: PostgreSQL, Redis, one action server, two Rasa
server processes with endpoints.production.yml forked by one ``rasa_ext.serve`` and nginx hashing
conversations over both, and a third Rasa process with two Sanic workers (not behind nginx)."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from launchers.local_services import (
    LOAD_FROM_ONE_ADDRESS,
    Service,
    free_port,
    start_nginx,
    start_postgres,
    start_redis,
)
from launchers.servers import START_TIMEOUT_SECONDS, Server, action_server, rasa_server, rasa_servers

T = TypeVar("T")
NGINX_LINE = re.compile(
    r'"(?P<request>[^"]*)" (?P<status>\d+) key="(?P<key>[^"]*)" upstream=(?P<upstream>\S+)'
)


@dataclass
class Cluster:
    """Two Rasa servers (``a``, ``b``: base URLs) sharing PostgreSQL and Redis, and nginx before them.

    ``c`` is a third Rasa server on the same PostgreSQL and Redis, started with ``SANIC_WORKERS=2``
    and not behind nginx: its two worker processes accept connections on one port.
    """

    a: str
    b: str
    c: str
    nginx: Service
    postgres: Service
    redis: Service
    servers: list[Server]
    engine: Engine

    @property
    def proxy(self) -> str:
        return self.nginx.url

    def upstream(self, base_url: str) -> str:
        """The address nginx logs for a Rasa server (``127.0.0.1:PORT``)."""
        return base_url.removeprefix("http://")

    def send(
        self,
        base_url: str,
        sender: str,
        message: str,
        headers: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> list[dict[str, Any]]:
        response = requests.post(
            f"{base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=headers,
            timeout=timeout,
        )
        response.raise_for_status()
        return response.json()

    def stored_events(
        self,
        sender: str,
        until: Callable[[list[dict[str, Any]]], bool] = lambda events: True,
        timeout: float = 10,
    ) -> list[dict[str, Any]]:
        """The conversation's events as PostgreSQL holds them, in the order they were stored.

        The socket.io channel sends a reply before Rasa saves the conversation, so a client may see
        the answer first: ``until`` waits (up to ``timeout``) for the events a test expects.
        """

        def read() -> list[dict[str, Any]]:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    text("select data from events where sender_id = :sender order by id"), {"sender": sender}
                ).fetchall()
            return [json.loads(data) for (data,) in rows]

        return polled(read, until, timeout)

    def tracker_events(self, base_url: str, sender: str) -> list[dict[str, Any]]:
        """The conversation's events as one Rasa server reports them (Rasa's HTTP API)."""
        response = requests.get(
            f"{base_url}/conversations/{sender}/tracker", params={"include_events": "ALL"}, timeout=30
        )
        response.raise_for_status()
        return response.json()["events"]

    def redis_calls(self, command: str) -> int:
        """How often Redis has run ``command`` (e.g. "set") since it started: the lock store's traffic."""
        stats = redis.Redis(host=self.redis.host, port=self.redis.port).info("commandstats")
        return int(stats.get(f"cmdstat_{command}", {}).get("calls", 0))

    @contextmanager
    def lock_traffic(self, senders: Iterable[str]) -> Iterator[dict[str, dict[str, list[float]]]]:
        """conversation -> Redis connection -> when it ran a command on the conversation's keys,
        for the commands Redis ran inside the block (read with MONITOR; filled in as they come).

        Both Rasa's lock store and rasa_ext's name their keys after the conversation id, so no
        sender may contain another. A Rasa worker process makes one lock call at a time, over a
        connection of its own: two connections for one conversation mean that two worker processes
        handled its messages, and overlapping times that both were in the lock store at once.
        """
        senders = list(senders)
        seen: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        stop, watching = f"stop-monitor-{uuid.uuid4().hex}", threading.Event()
        client = redis.Redis(host=self.redis.host, port=self.redis.port)

        def watch() -> None:
            with client.monitor() as monitor:
                watching.set()
                for command in monitor.listen():
                    if stop in command["command"]:
                        return
                    if command["client_type"] != "tcp":  # a command run by a Lua script
                        continue
                    connection = f"{command['client_address']}:{command['client_port']}"
                    for sender in senders:
                        if sender in command["command"]:
                            seen[sender][connection].append(command["time"])

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        assert watching.wait(10), "Redis MONITOR did not start"
        try:
            yield seen
        finally:
            client.echo(stop)
            thread.join(10)
            client.close()

    def nginx_routes(
        self, until: Callable[[list[tuple[str, str, str]]], bool] = lambda routes: True, timeout: float = 10
    ) -> list[tuple[str, str, str]]:
        """(request line, conversation key, upstream) of every request nginx has logged.

        nginx writes a request's line just after the response has gone out, so a client may see
        the answer first: ``until`` waits (up to ``timeout``) for the lines a test expects.
        """

        def read() -> list[tuple[str, str, str]]:
            lines = self.nginx.log.read_text().splitlines()
            return [(m["request"], m["key"], m["upstream"]) for m in map(NGINX_LINE.search, lines) if m]

        return polled(read, until, timeout)

    def nginx_upstream_failures(self) -> list[str]:
        """The lines of nginx's error log about a request to a Rasa server that failed: each counts
        against ``max_fails``, and enough of them take the server out of the hash for a while."""
        error_log = self.nginx.log.with_name("error.log")
        lines = error_log.read_text(errors="replace").splitlines() if error_log.exists() else []
        return [line for line in lines if "upstream" in line and "limiting requests" not in line]


def polled(read: Callable[[], T], until: Callable[[T], bool], timeout: float) -> T:
    """``read()`` again every 50 ms until ``until`` accepts it or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def wait_for_log(server: Server, line: str, times: int, timeout: float = START_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while server.log.read_text(errors="replace").count(line) < times:
        if time.monotonic() > deadline:
            tail = server.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{server.name}: {line!r} not logged {times} times:\n{tail}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[Cluster]:
    workdir: Path = tmp_path_factory.mktemp("deployment")
    with ExitStack() as stack:
        postgres = stack.enter_context(start_postgres(workdir))
        lock_store = stack.enter_context(start_redis(workdir))
        actions_port, port_a, port_b, port_c = free_port(), free_port(), free_port(), free_port()
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTIONS_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "TRACKER_STORE_URL": postgres.url,
            "REDIS_HOST": lock_store.host,
            "REDIS_PORT": str(lock_store.port),
            "REDIS_PASSWORD": "",
            # Three Rasa servers, the action server and the test's threads share the machine's cores:
            # a slow answer under load must not turn into the "actions unavailable" apology.
            "ACTION_TIMEOUT_SECONDS": "30",
        }
        production = {
            "model": trained_model,
            "endpoints": "endpoints.production.yml",
            "extra": ("--enable-api",),
        }
        servers = [
            action_server(actions_port, env, workdir / "actions.log"),
            # a and b: two processes forked by one rasa_ext.serve, as in production
            # (GET /conversations/<id>/tracker, to compare both servers' views, needs the API).
            rasa_servers(
                [port_a, port_b],
                {**env, "SANIC_WORKERS": "1"},
                workdir / "rasa-a-b.log",
                name="Rasa servers a and b",
                **production,
            ),
            rasa_server(
                port_c,
                {**env, "SANIC_WORKERS": "2"},
                workdir / "rasa-c.log",
                name="Rasa server c",
                **production,
            ),
        ]
        for server in servers:
            stack.callback(server.stop)
            server.start()  # all at once: each Rasa server needs about a minute to load the model
        for server in servers:
            server.wait_until_ready()
        # c answers as soon as one worker has loaded the model; wait for the other too.
        wait_for_log(servers[-1], "Rasa server is up and running.", times=2)
        nginx = stack.enter_context(start_nginx(workdir, [port_a, port_b], rate_limits=LOAD_FROM_ONE_ADDRESS))
        engine = create_engine(postgres.url)
        stack.callback(engine.dispose)
        yield Cluster(
            a=f"http://127.0.0.1:{port_a}",
            b=f"http://127.0.0.1:{port_b}",
            c=f"http://127.0.0.1:{port_c}",
            nginx=nginx,
            postgres=postgres,
            redis=lock_store,
            servers=servers,
            engine=engine,
        )
