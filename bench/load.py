"""A REST load generator: simulated users send scripted conversations and every reply is timed."""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from dataclasses import asdict, dataclass

import requests

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

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def percentile(samples: list[float], fraction: float) -> float:
    """The nearest-rank percentile of ``samples``."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def send(session: requests.Session, url: str, sender: str, message: str) -> tuple[float, bool]:
    """Send one message; return its latency in ms and whether the bot answered it."""
    started = time.perf_counter()
    try:
        response = session.post(
            url, json={"sender": sender, "message": message}, timeout=REQUEST_TIMEOUT_SECONDS
        )
        answered = response.ok and bool(response.json())
    except requests.RequestException:
        answered = False
    return (time.perf_counter() - started) * 1000, answered


def converse(session: requests.Session, url: str, messages: list[str]) -> list[tuple[float, bool]]:
    """One conversation with a fresh sender id."""
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    return [send(session, url, sender, message) for message in messages]


def run_load(url: str, scripts: list[list[str]], users: int, conversations_per_user: int) -> LoadResult:
    """Each of ``users`` threads runs ``conversations_per_user`` conversations back to back."""
    samples: list[tuple[float, bool]] = []
    lock = threading.Lock()

    def user(index: int) -> None:
        with requests.Session() as session:
            for n in range(conversations_per_user):
                result = converse(session, url, scripts[(index + n) % len(scripts)])
                with lock:
                    samples.extend(result)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
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
    )


def latency_by_length(
    url: str, messages: list[str], checkpoints: list[int], window: int = 10
) -> dict[int, float]:
    """Median latency (ms) of the ``window`` messages just before each checkpoint of one long conversation."""
    with requests.Session() as session:
        timings = [ms for ms, _ in converse(session, url, messages)]
    return {n: round(statistics.median(timings[max(0, n - window) : n]), 1) for n in checkpoints}
