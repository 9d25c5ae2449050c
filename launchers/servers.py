"""The project's server processes, started and awaited: used by the tests and the benchmark.

A :class:`Server` starts one command from the project's root, waits until every URL it serves
answers, and stops it; tests may also pause (hang) and resume it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
START_TIMEOUT_SECONDS = 240


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


def local_assistant_env(actions_port: int, tracker_db: Path) -> dict[str, str]:
    """The environment of an action server and a Rasa server that talk on loopback and keep
    their conversations in a private SQLite tracker store (tests and ``make eval``)."""
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "ACTIONS_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
        "FLAG_STORE_URL": f"sqlite:///{tracker_db.with_name('safety_flags.db')}",
    }


def action_server(port: int, env: dict[str, str], log: Path) -> Server:
    """The action server on 127.0.0.1:``port``, started by rasa-sdk's own entry point (Rasa is not
    imported); rasa-sdk takes the address from ``SANIC_HOST``."""
    command = [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]
    env = env | {"SANIC_HOST": "127.0.0.1"}
    return Server("action server", command, env, log, [f"http://127.0.0.1:{port}/health"])


def rasa_server(
    port: int,
    env: dict[str, str],
    log: Path,
    *,
    model: Path,
    endpoints: str | Path = "endpoints.yml",
    credentials: str | Path = "credentials.yml",
    extra: tuple[str, ...] = (),
    name: str = "Rasa server",
) -> Server:
    """``rasa run`` on 127.0.0.1:``port`` with ``model`` (a model file, or a folder for its latest);
    ready once ``GET /`` answers (the model is loaded then)."""
    args = _rasa_run_args(model, endpoints, credentials, extra)
    command = [str(VENV_BIN / "rasa"), "run", "--port", str(port), *args]
    return Server(name, command, env, log, [f"http://127.0.0.1:{port}/"])


def rasa_servers(
    ports: list[int],
    env: dict[str, str],
    log: Path,
    *,
    model: Path,
    endpoints: str | Path = "endpoints.yml",
    credentials: str | Path = "credentials.yml",
    extra: tuple[str, ...] = (),
    name: str = "Rasa servers",
) -> Server:
    """One ``rasa run`` per port, forked by ``rasa_ext.serve`` after one shared import; ready once all
    of them answer."""
    command = [
        str(VENV_BIN / "python"), "-m", "rasa_ext.serve", "--ports", *map(str, ports),
        "--", *_rasa_run_args(model, endpoints, credentials, extra),
    ]  # fmt: skip
    return Server(name, command, env, log, [f"http://127.0.0.1:{port}/" for port in ports])


def _rasa_run_args(
    model: Path, endpoints: str | Path, credentials: str | Path, extra: tuple[str, ...]
) -> list[str]:
    return [
        "--interface", "127.0.0.1", "--model", str(model), "--credentials", str(credentials),
        "--endpoints", str(endpoints), *extra,
    ]  # fmt: skip
