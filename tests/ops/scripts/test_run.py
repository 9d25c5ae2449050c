"""``make run`` keeps the assistant up (scripts/run.sh): a killed action server is restarted while
the Rasa server answers with its fallback, and Ctrl-C still stops everything; "ready" is printed
only once a message is answered by a loaded model, with the web chat's address."""

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

from deploy.local_services import free_port
from deploy.servers import ROOT
from knowledge.repository import KnowledgeRepository
from tests.scripts.test_run import READY_LINE, RunningScript, group_alive, listening_addresses
from tests.servers import response_text

RESTARTED_WITHIN_SECONDS = 60  # the restart, the action server's start-up and Rasa's circuit (15 s)
QUESTION = "why does sitting all day hurt my back"

StartScript = Callable[..., RunningScript]


@pytest.fixture
def start_run_script(trained_model: Path, tmp_path: Path) -> Iterator[StartScript]:
    """Starts scripts/run.sh as a terminal would, on free ports, with extra environment variables."""
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
