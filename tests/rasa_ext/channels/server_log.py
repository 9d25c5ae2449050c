"""What the assistant's Rasa server wrote to its log, for tests that expect a line there."""

from __future__ import annotations

import time

from tests.servers import Assistant


def assert_logged(assistant: Assistant, since_byte: int, text: str, timeout: float = 5.0) -> None:
    """``text`` appears in the server's log after ``since_byte`` within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        with assistant.rasa.log.open("rb") as log:
            log.seek(since_byte)
            if text in log.read().decode("utf-8", "replace"):
                return
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} was not logged")
        time.sleep(0.1)
