"""A local fake of the Telegram Bot API and the Slack Web API that records what the assistant sends.

It keeps connections alive (HTTP/1.1) and records each call's client port, so tests can see whether
the assistant reuses its connections; ``refuse`` makes it answer chosen calls with 429 and a
retry-after, in each platform's own form.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Call:
    path: str
    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    client_port: int
    at: float  # time.monotonic() when it arrived


@dataclass
class Refusal:
    """Answer the next ``times`` calls that match ``predicate`` with 429 and ``retry_after``."""

    predicate: Callable[[Call], bool]
    times: int
    retry_after: int


def too_many_requests(path: str, retry_after: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A 429's body and headers, as Telegram (``parameters.retry_after``) or Slack (``Retry-After``)."""
    if path.startswith("/bot"):
        description = f"Too Many Requests: retry after {retry_after}"
        parameters = {"retry_after": retry_after}
        return {"ok": False, "error_code": 429, "description": description, "parameters": parameters}, {}
    return {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}


class PlatformApi:
    """Answers ``{"ok": true}`` to every call and keeps the calls for the tests to inspect."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.refused: list[Call] = []
        self._refusals: list[Refusal] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"raw": raw.decode("utf-8", "replace")}
                call = Call(
                    self.path,
                    self.path.rsplit("/", 1)[-1],
                    body,
                    dict(self.headers),
                    self.client_address[1],
                    time.monotonic(),
                )
                refusal = api._take_refusal(call)
                if refusal is None:
                    with api._lock:
                        api.calls.append(call)
                        number = len(api.calls)
                    self._reply(200, {"ok": True, "result": {"message_id": number}}, {})
                else:
                    self._reply(429, *too_many_requests(self.path, refusal.retry_after))

            def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
                reply = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> PlatformApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def refuse(self, predicate: Callable[[Call], bool], times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` matching calls with 429 (the refused calls go to ``refused``)."""
        with self._lock:
            self._refusals.append(Refusal(predicate, times, retry_after))

    def _take_refusal(self, call: Call) -> Refusal | None:
        with self._lock:
            for refusal in self._refusals:
                if refusal.times > 0 and refusal.predicate(call):
                    refusal.times -= 1
                    self.refused.append(call)
                    return refusal
            return None

    def matching(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if predicate(call)]

    def refused_matching(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._lock:
            return [call for call in self.refused if predicate(call)]

    def wait_for(
        self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 20.0
    ) -> list[Call]:
        """The matching calls once there are at least ``count`` of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} matching calls, got {len(self.matching(predicate))}")

    def settle(self, seconds: float = 1.5) -> None:
        """Give background replies time to arrive before counting them."""
        time.sleep(seconds)
