"""A REST load generator: simulated users send scripted conversations and every reply is timed."""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

REQUEST_TIMEOUT_SECONDS = 60


@dataclass
class LoadResult:
    """Latency percentiles (ms) and throughput of one load run."""

    users: int
    messages: int
    unanswered: int
    seconds: float
    throughput: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    samples: list[tuple[float, bool]] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "samples"}


def summary(users: int, samples: list[tuple[float, bool]], seconds: float) -> LoadResult:
    """Percentiles and throughput of timed ``(latency ms, answered)`` samples sent over ``seconds``."""
    latencies = [ms for ms, _ in samples]
    return LoadResult(
        users=users,
        messages=len(samples),
        unanswered=sum(1 for _, answered in samples if not answered),
        seconds=round(seconds, 2),
        throughput=round(len(samples) / seconds, 2),
        p50_ms=round(percentile(latencies, 0.50), 1),
        p95_ms=round(percentile(latencies, 0.95), 1),
        p99_ms=round(percentile(latencies, 0.99), 1),
        samples=samples,
    )


def combined(runs: list[LoadResult]) -> LoadResult:
    """Several runs with the same number of users taken as one: every message, their total time."""
    samples = [sample for run in runs for sample in run.samples]
    return summary(runs[0].users, samples, sum(run.seconds for run in runs))


def percentile(samples: list[float], fraction: float) -> float:
    """The nearest-rank percentile of ``samples``."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


class Client:
    """One simulated user's keep-alive connection to the bot.

    Plain ``http.client`` rather than requests: the load generator runs on the same cores as the
    servers it measures, and requests spends several times more CPU per call.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self._connection: http.client.HTTPConnection | None = None

    def post_json(self, body: dict[str, Any]) -> tuple[int, Any]:
        """POST ``body`` as JSON; the status and the decoded reply. A failed call closes the
        connection (the next call opens a new one) and is not retried: the bot may have seen it."""
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS
            )
        try:
            self._connection.request(
                "POST", self.path, json.dumps(body).encode(), {"Content-Type": "application/json"}
            )
            response = self._connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.close()
            raise
        return response.status, json.loads(data) if data else None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def send(client: Client, sender: str, message: str) -> tuple[float, bool]:
    """Send one message; return its latency in ms and whether the bot answered it."""
    started = time.perf_counter()
    try:
        status, replies = client.post_json({"sender": sender, "message": message})
        answered = status == 200 and bool(replies)
    except (http.client.HTTPException, OSError, ValueError):
        answered = False
    return (time.perf_counter() - started) * 1000, answered


def converse(client: Client, messages: list[str]) -> list[tuple[float, bool]]:
    """One conversation with a fresh sender id."""
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    return [send(client, sender, message) for message in messages]


def run_load(url: str, scripts: list[list[str]], users: int, conversations_per_user: int) -> LoadResult:
    """Each of ``users`` threads runs ``conversations_per_user`` conversations back to back."""
    samples: list[tuple[float, bool]] = []
    lock = threading.Lock()

    def user(index: int) -> None:
        client = Client(url)
        try:
            for n in range(conversations_per_user):
                result = converse(client, scripts[(index + n) % len(scripts)])
                with lock:
                    samples.extend(result)
        finally:
            client.close()

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary(users, samples, time.perf_counter() - started)


def latency_by_length(
    url: str, messages: list[str], checkpoints: list[int], window: int = 10
) -> dict[int, float]:
    """Median latency (ms) of the ``window`` messages just before each checkpoint of one long conversation."""
    client = Client(url)
    try:
        timings = [ms for ms, _ in converse(client, messages)]
    finally:
        client.close()
    return {n: round(statistics.median(timings[max(0, n - window) : n]), 1) for n in checkpoints}
