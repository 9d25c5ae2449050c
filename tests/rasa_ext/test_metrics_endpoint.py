"""``GET /metrics`` (rasa_ext/metrics_endpoint.py): Prometheus's format for clients on loopback,
others only when ``METRICS_ALLOWED`` names them; the route is added to the app Rasa builds."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
import rasa.core.run
from prometheus_client.parser import text_string_to_metric_families

from rasa_ext import metrics_endpoint
from rasa_ext.metrics_endpoint import allowed_networks, may_read, metrics_page


@pytest.mark.parametrize(
    ("client", "setting", "allowed"),
    [
        ("127.0.0.1", "", True),
        ("::1", "", True),
        ("::ffff:127.0.0.1", "", True),
        ("10.0.0.7", "", False),
        ("2001:db8::1", "", False),
        ("10.0.0.7", "10.0.0.7", True),
        ("10.0.0.8", "10.0.0.7", False),
        ("192.168.4.20", "10.0.0.7, 192.168.4.0/24", True),
        ("::ffff:192.168.4.20", "192.168.4.0/24", True),
        ("203.0.113.9", "*", True),
        ("not an address", "10.0.0.0/8", False),
    ],
)
def test_who_may_read_the_metrics(client: str, setting: str, allowed: bool) -> None:
    assert may_read(client, allowed_networks(setting)) is allowed


def test_an_unreadable_setting_is_an_error() -> None:
    with pytest.raises(ValueError):
        allowed_networks("everyone")


def test_the_setting_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METRICS_ALLOWED", "10.1.0.0/16")
    assert may_read("10.1.2.3", allowed_networks())
    monkeypatch.delenv("METRICS_ALLOWED")
    assert not may_read("10.1.2.3", allowed_networks())


def answer(client: str, setting: str = "") -> SimpleNamespace:
    page = metrics_page(allowed_networks(setting))
    response = asyncio.run(page(SimpleNamespace(ip=client)))
    return SimpleNamespace(status=response.status, body=response.body, type=response.content_type)


def test_the_page_is_prometheus_text_for_loopback_and_403_for_others() -> None:
    local = answer("127.0.0.1")
    assert local.status == 200
    assert local.type.startswith("text/plain; version=0.0.4")
    names = {family.name for family in text_string_to_metric_families(local.body.decode())}
    assert {
        "backcoach_messages",
        "backcoach_message_seconds",
        "backcoach_fallbacks",
        "backcoach_escalations",
        "backcoach_crisis_signposts",
        "backcoach_action_server_failures",
    } <= names

    remote = answer("10.0.0.7")
    assert (remote.status, remote.body) == (403, b"")
    assert answer("10.0.0.7", setting="10.0.0.0/8").status == 200


def test_install_adds_the_route_to_the_app_rasa_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa.core.run, "configure_app", rasa.core.run.configure_app)
    metrics_endpoint.install()
    metrics_endpoint.install()
    app = rasa.core.run.configure_app(input_channels=None, enable_api=False)
    paths = [route.path for route in app.router.routes]
    assert paths.count("metrics") == 1, paths
