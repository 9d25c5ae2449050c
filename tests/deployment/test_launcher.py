"""rasa_ext.serve with real Rasa servers: a server that cannot start takes the launcher down with a
message naming its port, instead of leaving a set that is short of one server.

(The cluster of test_multi_instance.py runs two servers through the launcher for every other test.)
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

from launchers.local_services import free_port
from launchers.servers import START_TIMEOUT_SECONDS, rasa_servers


def test_a_port_already_taken_stops_the_launcher_with_a_message_naming_it(
    tmp_path: Path, trained_model: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy_port, free = taken.getsockname()[1], free_port()
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTIONS_URL": "http://127.0.0.1:9/webhook",
            "BACKCOACH_VAR_DIR": str(tmp_path),
        }
        launcher = rasa_servers([free, busy_port], env, tmp_path / "launcher.log", model=trained_model)
        launcher.start()
        assert launcher.process is not None
        try:
            status = launcher.process.wait(timeout=START_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            launcher.stop()
            raise
    log = launcher.log.read_text(errors="replace")
    assert status != 0
    assert f"the Rasa server on port {busy_port} exited" in log
    assert "address already in use" in log
