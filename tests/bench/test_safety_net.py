from __future__ import annotations

from bench import conversations
from bench.safety_net import safety_net_ms


def test_every_benchmark_message_is_timed_once_per_repeat() -> None:
    figures = safety_net_ms(repeats=2)
    assert figures["messages"] == 2 * sum(len(script) for script in conversations.BACKCOACH)
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]
