"""nginx's production template limits request rates per client address (``limit_req``): a client
that floods a webhook gets 429 while another client is still served, and Telegram's and Slack's
webhooks, which carry everyone's messages from a few addresses, allow far more. /metrics is never
served through nginx. A stand-in upstream answers 200, so no Rasa server is needed."""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from launchers.local_services import HOST, Service, free_port, start_nginx

FLOOD = 120  # requests sent back to back, more than the clients' burst (50) and what 10/s adds
OTHER_CLIENT = "127.0.0.2"  # another loopback address: another client to nginx


class Upstream(BaseHTTPRequestHandler):
    """Answers every request with 200 and an empty JSON list, as the REST channel might."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Quiet: the test reads statuses, not the stand-in's log."""


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[Service]:
    upstream = ThreadingHTTPServer((HOST, free_port()), Upstream)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    try:
        with start_nginx(tmp_path, [upstream.server_address[1]]) as nginx:
            yield nginx
    finally:
        upstream.shutdown()
        upstream.server_close()


def statuses(proxy: Service, path: str, count: int, source: str = HOST) -> Counter[int]:
    """The statuses of ``count`` POSTs to ``path`` sent back to back on one connection from ``source``."""
    connection = http.client.HTTPConnection(proxy.host, proxy.port, timeout=10, source_address=(source, 0))
    seen: Counter[int] = Counter()
    try:
        for number in range(count):
            connection.request("POST", path, body=f'{{"sender": "s{number}", "message": "hi"}}')
            response = connection.getresponse()
            response.read()
            seen[response.status] += 1
    finally:
        connection.close()
    return seen


def test_a_client_flooding_the_rest_webhook_gets_429_and_another_client_is_still_served(
    proxy: Service,
) -> None:
    flood = statuses(proxy, "/webhooks/rest/webhook", FLOOD)
    assert flood[200] >= 50, flood  # the burst passes
    assert flood[429] > 0, flood
    assert set(flood) <= {200, 429}, flood
    assert statuses(proxy, "/webhooks/rest/webhook", 5, source=OTHER_CLIENT) == Counter({200: 5})
    assert "limiting requests" in (proxy.log.parent / "error.log").read_text()


def test_the_web_chat_is_limited_per_client_too(proxy: Service) -> None:
    assert statuses(proxy, "/socket.io/?EIO=4&transport=polling", FLOOD)[429] > 0


@pytest.mark.parametrize("path", ["/webhooks/telegram/webhook", "/webhooks/slack/webhook"])
def test_telegram_and_slack_deliveries_from_one_address_pass_a_flood_that_stops_a_client(
    proxy: Service, path: str
) -> None:
    assert statuses(proxy, path, FLOOD) == Counter({200: FLOOD})


def test_metrics_are_not_served_through_nginx(proxy: Service) -> None:
    connection = http.client.HTTPConnection(proxy.host, proxy.port, timeout=10)
    connection.request("GET", "/metrics")
    assert connection.getresponse().status == 404
