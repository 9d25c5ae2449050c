"""``GET /metrics`` on Rasa servers forked by ``rasa_ext.serve`` (endpoints.yml's event broker):
any server's page counts the messages of all of them, by channel, with their latency, fallbacks,
escalations, crisis signposts and failed action-server calls, and shows no text and no sender."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from launchers.local_services import free_port
from launchers.servers import Server, action_server, local_assistant_env, rasa_servers
from rasa_ext.serve import shared_metrics_dir

PRIVATE_SENDER = "metrics-sender-5d1e"
TOPIC_QUESTION = "why does sitting all day hurt my back"


@dataclass
class Servers:
    a: str
    b: str
    actions: Server
    log: Path  # both Rasa servers' output


# One pair of servers per test: each test reads counts from zero, whatever ran before it.
@pytest.fixture
def servers(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[Servers]:
    workdir = tmp_path_factory.mktemp("metrics")
    metrics_dir = workdir / "prometheus"
    metrics_dir.mkdir()
    # A value left by an earlier run: the launcher must start the counts from zero.
    (metrics_dir / "counter_1.db").write_bytes(b"stale")
    actions_port, port_a, port_b = free_port(), free_port(), free_port()
    env = local_assistant_env(actions_port, workdir / "tracker.db") | {
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)
    }
    actions = action_server(actions_port, env, workdir / "actions.log")
    rasa = rasa_servers([port_a, port_b], env, workdir / "rasa.log", model=trained_model)
    try:
        for server in (actions, rasa):
            server.start()
        for server in (actions, rasa):
            server.wait_until_ready()
        yield Servers(f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}", actions, rasa.log)
    finally:
        for server in (rasa, actions):
            server.stop()


def send(base_url: str, message: str, sender: str = PRIVATE_SENDER) -> list[dict]:
    response = requests.post(
        f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
    )
    response.raise_for_status()
    return response.json()


def page(base_url: str) -> str:
    response = requests.get(f"{base_url}/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return response.text


def value(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


def test_each_server_counts_the_messages_of_both_and_nothing_private(servers: Servers) -> None:
    send(servers.a, "hi")
    send(servers.a, "I can't hold my wee since this morning", sender=f"{PRIVATE_SENDER}-flag")
    send(servers.b, "I want to end it all", sender=f"{PRIVATE_SENDER}-crisis")
    send(servers.b, "xqzt blorp vrrm", sender=f"{PRIVATE_SENDER}-unclear")

    for base_url in (servers.a, servers.b):
        text = page(base_url)
        assert value(text, "backcoach_messages_total", channel="rest") == 4
        assert value(text, "backcoach_message_seconds_count") == 4
        assert value(text, "backcoach_message_seconds_bucket", le="+Inf") == 4
        assert value(text, "backcoach_escalations_total", level="emergency") == 1
        assert value(text, "backcoach_crisis_signposts_total") == 1
        assert value(text, "backcoach_fallbacks_total", kind="nlu") == 1
        assert PRIVATE_SENDER not in text
        assert "wee" not in text and "blorp" not in text


def test_action_server_timeouts_and_errors_are_counted_and_logged_through_structlog(
    servers: Servers,
) -> None:
    # Each server has its own circuit (rasa_ext/action_fallback.py): one fault per server.
    servers.actions.pause()
    try:
        send(servers.a, TOPIC_QUESTION, sender=f"{PRIVATE_SENDER}-hung")
    finally:
        servers.actions.resume()
    servers.actions.stop()
    send(servers.b, TOPIC_QUESTION, sender=f"{PRIVATE_SENDER}-down")

    text = page(servers.a)
    assert value(text, "backcoach_action_server_failures_total", kind="timeout") == 1
    assert value(text, "backcoach_action_server_failures_total", kind="error") == 1
    assert value(text, "backcoach_fallbacks_total", kind="actions_unavailable") == 2

    # Off a terminal, the project's own log lines are Rasa's structured JSON.
    logged = [
        json.loads(line[line.index("{") :])
        for line in servers.log.read_text().splitlines()
        if '"event": "rasa_ext.action_fallback"' in line
    ]
    errors = sorted(line["event_info"].rsplit(": ", 1)[1] for line in logged)
    assert errors == ["RasaException", "TimeoutError"]
    assert {line["level"] for line in logged} == {"error"}


def test_without_a_folder_of_its_own_the_launcher_shares_a_temporary_one_and_deletes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    with shared_metrics_dir() as folder:
        assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(folder)
        assert folder.is_dir()
        (folder / "counter_7.db").write_bytes(b"values")
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    assert not folder.exists()
