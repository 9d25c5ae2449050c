"""``make run``'s script (scripts/run.sh): both servers start on the embedded defaults and listen on
loopback only, the assistant answers from the knowledge base, and Ctrl-C, during start-up or after,
stops both servers promptly and quietly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from deploy.local_services import free_port
from deploy.servers import ROOT, START_TIMEOUT_SECONDS
from knowledge.repository import KnowledgeRepository

READY_LINE = "BackCoach is ready."
MODEL_LOADING_LINE = "Loading model"
# Well under the launcher's 30 s grace: a server that ignored Ctrl-C and was killed fails the test.
STOP_SECONDS = 20
# 127.0.0.1, ::1 and ::ffff:127.0.0.1 as /proc/net/tcp and tcp6 write them.
LOOPBACK = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}
LISTEN = "0A"


def listening_addresses(port: int) -> set[str]:
    """The local addresses of this machine's sockets listening on ``port``, as the kernel lists them."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == LISTEN and int(hex_port, 16) == port:
                addresses.add(address)
    return addresses


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


class RunningScript:
    """scripts/run.sh as started from a terminal: the leader of its own process group."""

    def __init__(self, process: subprocess.Popen, log: Path, rasa_port: int, actions_port: int) -> None:
        self.process, self.log, self.rasa_port, self.actions_port = process, log, rasa_port, actions_port

    def output(self) -> str:
        return self.log.read_text()

    def wait_for(self, line: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while line not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"scripts/run.sh never printed {line!r}:\n{self.output()[-3000:]}")
            time.sleep(0.2)

    def press_ctrl_c(self) -> int:
        """SIGINT to every process of the group, as a terminal sends it; the script's exit status."""
        os.killpg(self.process.pid, signal.SIGINT)
        status = self.process.wait(timeout=STOP_SECONDS)
        deadline = time.monotonic() + STOP_SECONDS
        while group_alive(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        return status


@pytest.fixture
def run_script(trained_model: Path, tmp_path: Path) -> Iterator[RunningScript]:
    """scripts/run.sh with free ports and a tracker store of its own; the model is the latest in
    models/ (``trained_model``), which is the one `make run` serves."""
    rasa_port, actions_port = free_port(), free_port()
    env = {name: value for name, value in os.environ.items() if name != "ACTIONS_URL"}
    env |= {
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
    }
    log = tmp_path / "run.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield RunningScript(process, log, rasa_port, actions_port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_run_serves_the_assistant_on_loopback_and_ctrl_c_stops_both_servers(
    run_script: RunningScript,
) -> None:
    run_script.wait_for(READY_LINE)
    for port in (run_script.rasa_port, run_script.actions_port):
        assert listening_addresses(port), f"nothing listens on {port}"
        assert listening_addresses(port) <= LOOPBACK, f"port {port} is open beyond loopback"

    replies = requests.post(
        f"http://127.0.0.1:{run_script.rasa_port}/webhooks/rest/webhook",
        json={"sender": "make-run", "message": "why does sitting at my desk all day hurt my lower back"},
        timeout=30,
    ).json()
    answer = "\n".join(reply.get("text", "") for reply in replies)
    assert KnowledgeRepository().topic("posture").answer[0].text in answer

    assert run_script.press_ctrl_c() == 128 + signal.SIGINT
    assert not group_alive(run_script.process.pid), "a server outlived scripts/run.sh"
    assert not listening_addresses(run_script.rasa_port) | listening_addresses(run_script.actions_port)
    assert "Stopping BackCoach..." in run_script.output()
    assert "Traceback" not in run_script.output()


def test_ctrl_c_while_the_model_loads_stops_both_servers_quietly(run_script: RunningScript) -> None:
    run_script.wait_for(MODEL_LOADING_LINE)

    assert run_script.press_ctrl_c() == 128 + signal.SIGINT
    assert not group_alive(run_script.process.pid), "a server outlived scripts/run.sh"
    output = run_script.output()
    assert "Stopping BackCoach..." in output
    assert READY_LINE not in output
    assert "Traceback" not in output
    assert "exited during start-up" not in output
