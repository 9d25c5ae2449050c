"""A local fake of the Telegram Bot API and the Slack Web API that records what the assistant sends."""

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


class PlatformApi:
    """Answers ``{"ok": true}`` to every call and keeps the calls for the tests to inspect."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"raw": raw.decode("utf-8", "replace")}
                with api._lock:
                    api.calls.append(Call(self.path, self.path.rsplit("/", 1)[-1], body, dict(self.headers)))
                reply = json.dumps({"ok": True, "result": {"message_id": len(api.calls)}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> PlatformApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def matching(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if predicate(call)]

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
