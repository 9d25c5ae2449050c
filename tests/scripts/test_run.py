"""``make run``'s script (scripts/run.sh): both servers start on the embedded defaults and listen on
loopback only, the assistant answers from the knowledge base, and Ctrl-C stops both servers and
frees their ports."""

from __future__ import annotations

import os
import signal
import socket
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
STOP_SECONDS = 45  # the launcher gives a server 30 s to stop before killing it


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _accepts_connections(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def _outward_address() -> str | None:
    """This machine's IPv4 address on its default route, if it has one (connecting a UDP socket
    sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


class RunningScript:
    def __init__(self, process: subprocess.Popen, log: Path, rasa_port: int, actions_port: int) -> None:
        self.process, self.log, self.rasa_port, self.actions_port = process, log, rasa_port, actions_port

    def output(self) -> str:
        return self.log.read_text()

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while READY_LINE not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"scripts/run.sh never said it was ready:\n{self.output()[-3000:]}")
            time.sleep(0.5)

    def interrupt(self) -> None:
        """Ctrl-C in a terminal: SIGINT to every process of the foreground group."""
        os.killpg(self.process.pid, signal.SIGINT)


@pytest.fixture
def run_script(trained_model: Path, tmp_path: Path) -> Iterator[RunningScript]:
    """scripts/run.sh in its own process group, with free ports and a tracker store of its own; the
    model is the latest in models/, as for `make run`."""
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
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_run_serves_the_assistant_on_loopback_and_ctrl_c_stops_both_servers(
    run_script: RunningScript,
) -> None:
    run_script.wait_until_ready()
    assert f"Action endpoint is up and running on http://127.0.0.1:{run_script.actions_port}" in (
        run_script.output()
    )
    outward = _outward_address()
    if outward is not None:
        assert not _accepts_connections(run_script.rasa_port, outward)
        assert not _accepts_connections(run_script.actions_port, outward)
    replies = requests.post(
        f"http://127.0.0.1:{run_script.rasa_port}/webhooks/rest/webhook",
        json={"sender": "make-run", "message": "why does sitting at my desk all day hurt my lower back"},
        timeout=30,
    ).json()
    answer = "\n".join(reply.get("text", "") for reply in replies)
    assert KnowledgeRepository().topic("posture").answer[0].text in answer

    run_script.interrupt()
    assert run_script.process.wait(timeout=STOP_SECONDS) in (0, 130)
    deadline = time.monotonic() + STOP_SECONDS
    while _group_alive(run_script.process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(run_script.process.pid), "a server outlived scripts/run.sh"
    assert not _accepts_connections(run_script.rasa_port)
    assert not _accepts_connections(run_script.actions_port)
    assert "Stopping BackCoach..." in run_script.output()
    assert "Traceback" not in run_script.output()
