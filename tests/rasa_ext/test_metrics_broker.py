"""Rasa's events become counts (rasa_ext/metrics_broker.py): messages by channel and their time,
fallbacks, escalations by level and crisis signposts; never a message's text or its sender."""

from __future__ import annotations

import asyncio
import time

import pytest
from prometheus_client import REGISTRY
from rasa.utils.endpoints import EndpointConfig

from rasa_ext import metrics
from rasa_ext.metrics_broker import MetricsEventBroker, record

SENDER = "sender-3f9a1c"
TEXT = "my private words about my back"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def user(channel: object = "rest", intent: str = "ask_topic", arrived: float | None = None) -> dict:
    return {
        "event": "user",
        "sender_id": SENDER,
        "text": TEXT,
        "timestamp": time.time() if arrived is None else arrived,
        "input_channel": channel,
        "parse_data": {"text": TEXT, "intent": {"name": intent, "confidence": 0.4}},
    }


def bot(response: str | None) -> dict:
    metadata = {"utter_action": response} if response else {}
    return {"event": "bot", "sender_id": SENDER, "text": TEXT, "metadata": metadata, "timestamp": time.time()}


@pytest.mark.parametrize(
    ("channel", "label"),
    [
        ("rest", "rest"),
        ("telegram", "telegram"),
        ("web", "web"),
        (None, "unknown"),
        ("Evil Channel!", "other"),
    ],
)
def test_user_messages_are_counted_by_channel(channel: object, label: str) -> None:
    before = sample("backcoach_messages_total", channel=label)
    record(user(channel))
    assert sample("backcoach_messages_total", channel=label) == before + 1


def test_the_time_from_arrival_to_the_stored_turn_is_observed() -> None:
    count = sample("backcoach_message_seconds_count")
    under_half_a_second = sample("backcoach_message_seconds_bucket", le="0.5")
    record(user(arrived=100.0), now=100.3)
    assert sample("backcoach_message_seconds_count") == count + 1
    assert sample("backcoach_message_seconds_bucket", le="0.5") == under_half_a_second + 1
    assert sample("backcoach_message_seconds_bucket", le="0.25") <= under_half_a_second


@pytest.mark.parametrize(
    ("event", "name", "labels"),
    [
        (bot("utter_emergency"), "backcoach_escalations_total", {"level": "emergency"}),
        (bot("utter_urgent"), "backcoach_escalations_total", {"level": "urgent"}),
        (bot("utter_see_practitioner"), "backcoach_escalations_total", {"level": "practitioner"}),
        (bot("utter_crisis"), "backcoach_crisis_signposts_total", {}),
        (bot("utter_default"), "backcoach_fallbacks_total", {"kind": "core"}),
        (bot("utter_actions_unavailable"), "backcoach_fallbacks_total", {"kind": "actions_unavailable"}),
        (user(intent="nlu_fallback"), "backcoach_fallbacks_total", {"kind": "nlu"}),
    ],
)
def test_escalations_crisis_signposts_and_fallbacks_are_counted(event: dict, name: str, labels: dict) -> None:
    before = sample(name, **labels)
    record(event)
    assert sample(name, **labels) == before + 1


def backcoach_samples() -> list[str]:
    """The project's own sample lines (Python's gc and process figures change by themselves)."""
    return [line for line in metrics.exposition().decode().splitlines() if line.startswith("backcoach_")]


def test_other_events_count_nothing_and_no_text_or_sender_reaches_the_metrics() -> None:
    before = backcoach_samples()
    for event in (bot("utter_greet"), bot(None), {"event": "action", "name": "action_listen"}):
        record(event)
    assert backcoach_samples() == before
    record(user())
    exposed = metrics.exposition().decode()
    assert SENDER not in exposed and "private" not in exposed


def test_the_broker_from_the_endpoints_file_counts_what_rasa_publishes() -> None:
    config = EndpointConfig(type="rasa_ext.metrics_broker.MetricsEventBroker")
    broker = asyncio.run(MetricsEventBroker.from_endpoint_config(config))
    assert broker.is_ready()
    before = sample("backcoach_crisis_signposts_total")
    broker.publish(bot("utter_crisis"))
    assert sample("backcoach_crisis_signposts_total") == before + 1
