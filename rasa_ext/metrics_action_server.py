"""Count failed calls to the action server, by kind: timeout or error.

``rasa_ext/action_fallback.py`` logs every failed call (on its module's logger, with the action's
name and the error's type as the record's arguments) before answering with the apology. A handler
on that logger counts those records, so that the module needs no knowledge of metrics; only the
error's type is read, never the message.
"""

from __future__ import annotations

import logging

from rasa_ext import action_fallback, metrics

ACTION_FALLBACK_LOGGER = action_fallback.logger.name
TIMEOUT_ERROR_NAMES = frozenset({"TimeoutError", "ServerTimeoutError"})


class ActionServerFailureCounter(logging.Handler):
    """Counts the action-server failures that rasa_ext/action_fallback.py logs."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR or not isinstance(record.args, tuple) or len(record.args) < 2:
            return
        kind = "timeout" if record.args[-1] in TIMEOUT_ERROR_NAMES else "error"
        metrics.ACTION_SERVER_FAILURES.labels(kind=kind).inc()


def count_failures() -> None:
    """Start counting (idempotent)."""
    logger = logging.getLogger(ACTION_FALLBACK_LOGGER)
    if not any(isinstance(handler, ActionServerFailureCounter) for handler in logger.handlers):
        logger.addHandler(ActionServerFailureCounter(level=logging.ERROR))
