"""``GET /metrics`` on the Rasa server, in Prometheus's text format (``rasa_ext/metrics.py``).

Only clients on loopback may read it, unless ``METRICS_ALLOWED`` names more: a comma-separated
list of addresses or networks (``10.0.0.7,192.168.0.0/24``), or ``*`` for any. The client is the
connection's peer, never a forwarded-for header a client could write. nginx's production template
does not pass /metrics on (launchers/nginx.conf.template): Prometheus scrapes each host directly.

Rasa has no extension point for a route outside ``/webhooks/``, so ``install`` wraps the function
that builds the server's Sanic app; ``rasa_ext.serve`` calls it in every server it forks.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.core.run
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, raw

import settings
from rasa_ext import metrics

ROUTE = "/metrics"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allowed_networks(setting: str | None = None) -> list[Network] | None:
    """The networks ``METRICS_ALLOWED`` opens /metrics to besides loopback; None for any."""
    setting = settings.metrics_allowed() if setting is None else setting
    entries = [entry.strip() for entry in setting.split(",") if entry.strip()]
    if "*" in entries:
        return None
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def may_read(client: str, allowed: list[Network] | None) -> bool:
    """Whether a client at address ``client`` may read the metrics."""
    if allowed is None:
        return True
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or any(address in network for network in allowed)


def metrics_page(allowed: list[Network] | None) -> Callable[[Request], Awaitable[HTTPResponse]]:
    """The handler of ``GET /metrics``: the metrics for allowed clients, 403 for others."""

    async def handle(request: Request) -> HTTPResponse:
        if not may_read(request.ip, allowed):
            return raw(b"", status=403)
        return raw(metrics.exposition(), content_type=metrics.CONTENT_TYPE)

    return handle


def add_route(app: Sanic, allowed: list[Network] | None) -> None:
    """Serve the metrics at ``GET /metrics`` of ``app``."""
    app.add_route(metrics_page(allowed), ROUTE, methods=["GET"], name="backcoach_metrics")


def _with_metrics_route(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    @functools.wraps(configure_app)
    def configure_app_with_metrics(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        add_route(app, allowed_networks())
        return app

    configure_app_with_metrics.serves_metrics = True  # type: ignore[attr-defined]
    return configure_app_with_metrics


def install() -> None:
    """Give every Rasa server app built in this process the /metrics route (idempotent)."""
    if not getattr(rasa.core.run.configure_app, "serves_metrics", False):
        rasa.core.run.configure_app = _with_metrics_route(rasa.core.run.configure_app)
