"""The real action server and Rasa server, started once per test session and shared by all tests."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from tests.fakes.platform_api import PlatformApi

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_SECONDS = 240
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def response_text(name: str) -> str:
    """The text of a domain response, so that tests never copy the assistant's words."""
    return DOMAIN["responses"][name][0]["text"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Assistant:
    """The running assistant, seen from a REST client."""

    def __init__(self, base_url: str, tracker_db: Path) -> None:
        self.base_url = base_url
        self.tracker_db = tracker_db
        self.replies: list[dict[str, Any]] = []

    def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=30,
        )
        response.raise_for_status()
        replies = response.json()
        self.replies.extend(replies)
        return replies


def _wait_until_ready(url: str, processes: list[subprocess.Popen], logs: list[Path]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        for process, log in zip(processes, logs, strict=True):
            if process.poll() is not None:
                raise RuntimeError(f"server exited during start-up:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise RuntimeError(f"assistant not ready after {START_TIMEOUT_SECONDS}s:\n{logs[-1].read_text()[-3000:]}")


TELEGRAM_TOKEN = "123456:test-token"
TELEGRAM_SECRET = "test-secret-token_0123456789"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SIGNING_SECRET = "test-signing-secret"


@pytest.fixture(scope="session")
def platform_api() -> Iterator[PlatformApi]:
    """The local fake of Telegram's and Slack's HTTP APIs that the assistant talks to in tests."""
    api = PlatformApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory, platform_api: PlatformApi) -> Iterator[Assistant]:
    workdir = tmp_path_factory.mktemp("servers")
    rasa_port, actions_port = _free_port(), _free_port()
    tracker_db = workdir / "tracker.db"
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "ACTIONS_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": platform_api.url,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": platform_api.url + "/api",
    }
    rasa = str(ROOT / ".venv" / "bin" / "rasa")
    commands = [
        [rasa, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        [
            rasa,
            "run",
            "--interface",
            "127.0.0.1",
            "--port",
            str(rasa_port),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            "endpoints.yml",
        ],
    ]
    logs = [workdir / "actions.log", workdir / "rasa.log"]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        for command, log in zip(commands, logs, strict=True)
    ]
    try:
        base_url = f"http://127.0.0.1:{rasa_port}"
        _wait_until_ready(base_url + "/", processes, logs)
        yield Assistant(base_url, tracker_db)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"
