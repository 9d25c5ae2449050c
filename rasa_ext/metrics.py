"""The assistant's Prometheus metrics: counts and durations only, never message text or sender ids.

Filled by ``rasa_ext/metrics_broker.py`` (Rasa's events) and ``rasa_ext/metrics_action_server.py``
(failed action-server calls); served by ``rasa_ext/metrics_endpoint.py`` at ``GET /metrics``. When
``PROMETHEUS_MULTIPROC_DIR`` is set (``rasa_ext.serve`` sets it for the servers it forks and their
Sanic workers), every process writes its values there and ``/metrics`` adds up those of all of them.
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

import settings

# The classic text format, which every Prometheus version reads (generate_latest writes it).
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

MESSAGES = Counter("backcoach_messages", "User messages received, by channel.", ["channel"])
MESSAGE_SECONDS = Histogram(
    "backcoach_message_seconds",
    "Time from a user message's arrival until its turn, the replies included, was stored.",
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
FALLBACKS = Counter(
    "backcoach_fallbacks",
    "Fallbacks: nlu (the message was not understood), core (no next action was certain enough), "
    "actions_unavailable (the action server failed and the apology was sent).",
    ["kind"],
)
ESCALATIONS = Counter(
    "backcoach_escalations", "Red-flag escalations sent, by level of care.", ["level"]
)
CRISIS_SIGNPOSTS = Counter("backcoach_crisis_signposts", "Crisis support messages sent.")
ACTION_SERVER_FAILURES = Counter(
    "backcoach_action_server_failures",
    "Calls to the action server that failed: timeout (no answer in ACTION_TIMEOUT_SECONDS) or error.",
    ["kind"],
)


def exposition() -> bytes:
    """Every metric in Prometheus's text format: of all processes sharing the multiprocess folder
    when there is one, else of this process."""
    if settings.metrics_dir():
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
