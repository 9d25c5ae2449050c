"""The project's own log lines through Rasa's structlog, in the format of Rasa's own structured lines.

The project's modules log with the standard library (``logging.getLogger(__name__)``); Rasa 3.6
logs through structlog, which it configures to write JSON when not on a terminal (or with
``FORCE_JSON_LOGGING``) and readable lines on one. Here the records of the project's loggers are
handed to structlog, keyed by their logger's name, with the message as ``event_info`` (as Rasa's
lines carry it) and the exception, if any, so that a deployment reads one structured format:

    {"event_info": "Action server unavailable ...", "event": "rasa_ext.action_fallback", "level": "error"}

Rasa writes structlog's output through a standard logger; the project's records are written through
``CARRIER_LOGGER``, which lies outside the project's loggers, so a line is never handed on twice.
"""

from __future__ import annotations

import logging

import structlog

PROJECT_LOGGERS = ("rasa_ext", "actions", "knowledge", "safety", "language")
CARRIER_LOGGER = "backcoach_log"


class StructlogHandler(logging.Handler):
    """Hands every record to structlog, as the event named after the record's logger."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields = {"event_info": record.getMessage()}
            if record.exc_info:
                fields["exc_info"] = record.exc_info
            structlog.get_logger(CARRIER_LOGGER).log(record.levelno, record.name, **fields)
        except Exception:  # noqa: BLE001 - a log line must never break what is being logged
            self.handleError(record)


def install() -> None:
    """Send the project's log records through structlog instead of the root logger (idempotent)."""
    for name in PROJECT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, StructlogHandler) for handler in logger.handlers):
            logger.addHandler(StructlogHandler())
        logger.propagate = False
