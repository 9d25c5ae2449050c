"""Rasa's events as metrics: an event broker (endpoints.yml ``event_broker``) that counts.

Rasa hands every event of a turn to the broker when the turn is stored: user messages (with their
channel and time of arrival), bot messages (whose metadata names the domain response sent) and
actions. Only counts and durations are kept (``rasa_ext/metrics.py``); the text and the sender id
of an event are never read. Creating the broker also starts counting failed action-server calls
(``rasa_ext/metrics_action_server.py``), so one endpoints entry turns all metrics on.
"""

from __future__ import annotations

import re
import time
from asyncio import AbstractEventLoop
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

from rasa_ext import metrics, metrics_action_server

ESCALATION_LEVELS = {
    "utter_emergency": "emergency",
    "utter_urgent": "urgent",
    "utter_see_practitioner": "practitioner",
}
CRISIS_RESPONSE = "utter_crisis"
# The responses that mean "not understood" or "cannot answer now" (domain.yml, data/rules): Rasa's
# core fallback (action_default_fallback) and the apology of rasa_ext/action_fallback.py.
FALLBACK_RESPONSES = {"utter_default": "core", "utter_actions_unavailable": "actions_unavailable"}
NLU_FALLBACK_INTENT = "nlu_fallback"
# Channel names are the channels' own (rest, web, telegram, slack, ...); anything else is one label,
# so that no client can add label values.
CHANNEL_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")


def channel_label(input_channel: Any) -> str:
    if isinstance(input_channel, str) and CHANNEL_NAME.fullmatch(input_channel):
        return input_channel
    return "other" if input_channel else "unknown"


def record(event: dict[str, Any], now: float | None = None) -> None:
    """Count one Rasa event (as the tracker store streams it)."""
    kind = event.get("event")
    if kind == "user":
        metrics.MESSAGES.labels(channel=channel_label(event.get("input_channel"))).inc()
        arrived = event.get("timestamp")
        if isinstance(arrived, (int, float)):
            elapsed = (time.time() if now is None else now) - arrived
            metrics.MESSAGE_SECONDS.observe(max(elapsed, 0.0))
        intent = (event.get("parse_data") or {}).get("intent") or {}
        if intent.get("name") == NLU_FALLBACK_INTENT:
            metrics.FALLBACKS.labels(kind="nlu").inc()
    elif kind == "bot":
        response = (event.get("metadata") or {}).get("utter_action")
        if response in ESCALATION_LEVELS:
            metrics.ESCALATIONS.labels(level=ESCALATION_LEVELS[response]).inc()
        elif response == CRISIS_RESPONSE:
            metrics.CRISIS_SIGNPOSTS.inc()
        elif response in FALLBACK_RESPONSES:
            metrics.FALLBACKS.labels(kind=FALLBACK_RESPONSES[response]).inc()


class MetricsEventBroker(EventBroker):
    """An event broker that publishes nowhere: it counts the events in ``rasa_ext/metrics.py``."""

    @classmethod
    async def from_endpoint_config(
        cls, broker_config: EndpointConfig, event_loop: AbstractEventLoop | None = None
    ) -> MetricsEventBroker:
        """The broker that endpoints.yml names in ``event_broker``."""
        metrics_action_server.count_failures()
        return cls()

    def publish(self, event: dict[str, Any]) -> None:
        record(event)

    def is_ready(self) -> bool:
        return True
