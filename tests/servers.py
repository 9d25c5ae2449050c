"""The real action server and Rasa server, started once per test session and shared by all tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from deploy.local_services import free_port
from tests.fakes.platform_api import PlatformApi

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
START_TIMEOUT_SECONDS = 240
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def response_text(name: str) -> str:
    """The text of a domain response, so that tests never copy the assistant's words."""
    return DOMAIN["responses"][name][0]["text"]


class Server:
    """One server process that tests may stop, pause (hang) and start again.

    It is ready when every one of ``ready_urls`` answers (a launcher of several servers has several).
    """

    def __init__(
        self, name: str, command: list[str], env: dict[str, str], log: Path, ready_urls: list[str]
    ) -> None:
        self.name, self.command, self.env, self.log, self.ready_urls = name, command, env, log, ready_urls
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        pending = list(self.ready_urls)
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited during start-up:\n{self.log.read_text()[-3000:]}")
            pending = [url for url in pending if not _answers(url)]
            if not pending:
                return
            time.sleep(0.5)
        raise RuntimeError(
            f"{self.name} not ready after {START_TIMEOUT_SECONDS}s:\n{self.log.read_text()[-3000:]}"
        )

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def pause(self) -> None:
        """Freeze the process: connections are accepted by the kernel but never answered."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


def action_server(port: int, env: dict[str, str], log: Path) -> Server:
    """The action server on ``port``, started by rasa-sdk's own entry point (Rasa is not imported)."""
    command = [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]
    return Server("action server", command, env, log, [f"http://127.0.0.1:{port}/health"])


def rasa_server(
    port: int,
    env: dict[str, str],
    log: Path,
    *,
    endpoints: str | Path = "endpoints.yml",
    credentials: str | Path = "credentials.yml",
    extra: tuple[str, ...] = (),
    name: str = "Rasa server",
) -> Server:
    """``rasa run`` on 127.0.0.1:``port``; ready once ``GET /`` answers (the model is loaded then)."""
    args = _rasa_run_args(endpoints, credentials, extra)
    command = [str(VENV_BIN / "rasa"), "run", "--port", str(port), *args]
    return Server(name, command, env, log, [f"http://127.0.0.1:{port}/"])


def rasa_servers(
    ports: list[int],
    env: dict[str, str],
    log: Path,
    *,
    endpoints: str | Path = "endpoints.yml",
    credentials: str | Path = "credentials.yml",
    extra: tuple[str, ...] = (),
    name: str = "Rasa servers",
) -> Server:
    """One ``rasa run`` per port, forked by ``backcoach.serve`` after one shared import; ready once all
    of them answer."""
    command = [
        str(VENV_BIN / "python"), "-m", "backcoach.serve", "--ports", *map(str, ports),
        "--", *_rasa_run_args(endpoints, credentials, extra),
    ]  # fmt: skip
    return Server(name, command, env, log, [f"http://127.0.0.1:{port}/" for port in ports])


def _rasa_run_args(endpoints: str | Path, credentials: str | Path, extra: tuple[str, ...]) -> list[str]:
    return [
        "--interface", "127.0.0.1", "--credentials", str(credentials), "--endpoints", str(endpoints), *extra,
    ]  # fmt: skip


class Assistant:
    """The running assistant, seen from a REST client, with handles on both server processes."""

    def __init__(self, base_url: str, tracker_db: Path, actions: Server, rasa: Server) -> None:
        self.base_url = base_url
        self.tracker_db = tracker_db
        self.actions = actions
        self.rasa = rasa
        self.replies: list[dict[str, Any]] = []

    def send(self, sender: str, message: str, timeout: float = 30) -> list[dict[str, Any]]:
        response = requests.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=timeout,
        )
        response.raise_for_status()
        replies = response.json()
        self.replies.extend(replies)
        return replies


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
    rasa_port, actions_port = free_port(), free_port()
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
    base_url = f"http://127.0.0.1:{rasa_port}"
    actions = action_server(actions_port, env, workdir / "actions.log")
    rasa = rasa_server(rasa_port, env, workdir / "rasa.log")
    try:
        for server in (actions, rasa):
            server.start()
        for server in (actions, rasa):
            server.wait_until_ready()
        yield Assistant(base_url, tracker_db, actions, rasa)
    finally:
        for server in (actions, rasa):
            server.stop()


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"
