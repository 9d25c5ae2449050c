"""The project's log lines go through Rasa's structlog (rasa_ext/logging_structlog.py): in a
process whose logging Rasa set up as ``rasa run`` does, off a terminal, a project record comes out
as Rasa's structured JSON (event, event_info, level, the exception), once, and Rasa's own lines are
unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from launchers.servers import ROOT

# Rasa's logging set-up in `rasa run` (rasa/__main__.py), then the project's records.
PROCESS = textwrap.dedent(
    """
    import logging, structlog
    import rasa.utils.io
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog
    from rasa_ext import logging_structlog

    logging_structlog.install()
    configure_logging_and_warnings(None)
    rasa.utils.io.configure_colored_logging(None)
    configure_structlog(None)

    logging.getLogger("rasa_ext.action_fallback").error("Action server unavailable: %s", "TimeoutError")
    try:
        raise KeyError("topic")
    except KeyError:
        logging.getLogger("actions.knowledge_action").exception("No passage for %s", "posture")
    logging.getLogger("rasa_ext.tracker_store").debug("below the level: not written")
    structlog.get_logger().info("rasa.own.event", event_info="Rasa's own line")
    """
)


def structured_lines(output: str) -> list[dict]:
    """The JSON objects the log lines carry (after the handler's own prefix, if any)."""
    found = []
    for line in output.splitlines():
        if "{" in line:
            try:
                found.append(json.loads(line[line.index("{") :]))
            except json.JSONDecodeError:
                continue
    return found


def test_project_records_come_out_as_rasa_structlog_json_once() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROCESS],
        cwd=ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "LOG_LEVEL": "INFO"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    events = {line["event"]: line for line in structured_lines(output)}

    fallback = events["rasa_ext.action_fallback"]
    assert fallback["event_info"] == "Action server unavailable: TimeoutError"
    assert fallback["level"] == "error"
    knowledge = events["actions.knowledge_action"]
    assert knowledge["event_info"] == "No passage for posture"
    assert "KeyError" in json.dumps(knowledge["exception"])
    assert events["rasa.own.event"]["event_info"] == "Rasa's own line"

    assert output.count("Action server unavailable") == 1
    assert "below the level" not in output
