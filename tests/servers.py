"""The real action server and Rasa server, started once per test session and shared by all tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from launchers.local_services import free_port
from launchers.servers import ROOT, Server, action_server, local_assistant_env, rasa_server
from tests.fakes.platform_api import PlatformApi

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def response_text(name: str) -> str:
    """The text of a domain response, so that tests never copy the assistant's words."""
    return DOMAIN["responses"][name][0]["text"]


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
def assistant(
    tmp_path_factory: pytest.TempPathFactory, platform_api: PlatformApi, trained_model: Path
) -> Iterator[Assistant]:
    workdir = tmp_path_factory.mktemp("servers")
    rasa_port, actions_port = free_port(), free_port()
    tracker_db = workdir / "tracker.db"
    env = {
        **local_assistant_env(actions_port, tracker_db),
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": platform_api.url,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": platform_api.url + "/api",
    }
    base_url = f"http://127.0.0.1:{rasa_port}"
    actions = action_server(actions_port, env, workdir / "actions.log")
    rasa = rasa_server(rasa_port, env, workdir / "rasa.log", model=trained_model)
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
