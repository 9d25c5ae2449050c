"""``make run``'s script (scripts/run.sh): both servers start on the embedded defaults and listen on
loopback only, the assistant answers from the knowledge base, and Ctrl-C, during start-up or after,
stops both servers promptly and quietly; a killed action server is restarted while the Rasa server
answers with its fallback; "ready" is printed only once a loaded model answers."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from knowledge.repository import KnowledgeRepository
from launchers.local_services import free_port
from launchers.servers import ROOT, START_TIMEOUT_SECONDS
from tests.servers import response_text

READY_LINE = "BackCoach is ready."
MODEL_LOADING_LINE = "Loading model"
# Well under the launcher's 30 s grace: a server that ignored Ctrl-C and was killed fails the test.
STOP_SECONDS = 20
# 127.0.0.1, ::1 and ::ffff:127.0.0.1 as /proc/net/tcp and tcp6 write them.
LOOPBACK = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}
LISTEN = "0A"
RESTARTED_WITHIN_SECONDS = 60  # the restart, the action server's start-up and Rasa's circuit (15 s)
QUESTION = "why does sitting all day hurt my back"


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


StartScript = Callable[..., RunningScript]


@pytest.fixture
def start_run_script(trained_model: Path, tmp_path: Path) -> Iterator[StartScript]:
    """Starts scripts/run.sh as a terminal would, on free ports with a tracker store of its own,
    with extra environment variables; the model is the latest in models/ (``trained_model``), which
    is the one `make run` serves."""
    processes: list[subprocess.Popen] = []

    def start(**extra_env: str) -> RunningScript:
        rasa_port, actions_port = free_port(), free_port()
        env = {name: value for name, value in os.environ.items() if name != "ACTIONS_URL"}
        env |= {
            "RASA_PORT": str(rasa_port),
            "ACTIONS_PORT": str(actions_port),
            "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
            **extra_env,
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
        processes.append(process)
        return RunningScript(process, log, rasa_port, actions_port)

    yield start
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def run_script(start_run_script: StartScript) -> RunningScript:
    return start_run_script()


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


def action_server_pid(script: RunningScript) -> int:
    """The process id of the action server that scripts/run.sh runs now."""
    found = subprocess.run(
        ["pgrep", "-P", str(script.process.pid), "-f", "rasa_sdk"], capture_output=True, text=True
    ).stdout.split()
    assert len(found) == 1, f"expected one action server under scripts/run.sh, found {found}"
    return int(found[0])


def ask(script: RunningScript, sender: str) -> str:
    response = requests.post(
        f"http://127.0.0.1:{script.rasa_port}/webhooks/rest/webhook",
        json={"sender": sender, "message": QUESTION},
        timeout=30,
    )
    response.raise_for_status()
    return "\n".join(reply.get("text") or "" for reply in response.json())


def test_a_killed_action_server_is_restarted_meanwhile_the_fallback_answers_and_ctrl_c_stops_all(
    start_run_script: StartScript,
) -> None:
    script = start_run_script()
    script.wait_for(READY_LINE)
    assert f"http://localhost:{script.rasa_port}/webhooks/web/" in script.output()
    posture = KnowledgeRepository().topic("posture").answer[0].text
    assert posture in ask(script, "before-the-crash")
    killed = action_server_pid(script)

    os.kill(killed, signal.SIGKILL)
    assert response_text("utter_actions_unavailable") in ask(script, "during-the-crash")

    deadline = time.monotonic() + RESTARTED_WITHIN_SECONDS
    while posture not in ask(script, f"after-the-crash-{time.monotonic()}"):
        assert script.process.poll() is None, f"scripts/run.sh stopped:\n{script.output()[-3000:]}"
        assert time.monotonic() < deadline, f"not answered after the restart:\n{script.output()[-3000:]}"
        time.sleep(1)
    assert action_server_pid(script) != killed
    assert f"The action server exited with status {128 + signal.SIGKILL}; restarting it" in script.output()

    assert script.press_ctrl_c() == 128 + signal.SIGINT
    assert not group_alive(script.process.pid), "a server outlived scripts/run.sh"
    assert not listening_addresses(script.rasa_port) | listening_addresses(script.actions_port)


def test_ready_is_not_printed_when_the_model_fails_to_load(
    start_run_script: StartScript, tmp_path: Path
) -> None:
    broken = tmp_path / "20990101-000000-broken.tar.gz"
    broken.write_bytes(b"not a model archive")
    script = start_run_script(RASA_MODEL=str(broken))

    status = script.process.wait(timeout=240)
    output = script.output()
    assert status == 1, output[-3000:]
    assert READY_LINE not in output
    assert "its model does not answer: it failed to load" in output
    assert not group_alive(script.process.pid), "a server outlived scripts/run.sh"
