"""Shared fixtures: a knowledge base built from the article into a temporary SQLite file, and the
trained model.

Every test that uses the trained model gets it from ``trained_model`` and is marked ``needs_model``:
``make test`` runs the other tests while the model trains (see the Makefile).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rasa.model import get_latest_model
from rasa_sdk import Tracker
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from knowledge.build import build
from knowledge.repository import KnowledgeRepository
from launchers.servers import ROOT

# The running assistant, its fake platform APIs and a fresh sender, for the conversation, channel
# and web tests.
pytest_plugins = ["tests.servers"]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def knowledge_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.db'}")
    build(engine)
    return engine


@pytest.fixture(scope="session")
def repository(knowledge_engine: Engine) -> KnowledgeRepository:
    return KnowledgeRepository(knowledge_engine)


@pytest.fixture(autouse=True)
def private_flag_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Red flags held across sessions stay inside one test."""
    monkeypatch.setenv("FLAG_STORE_URL", f"sqlite:///{tmp_path / 'safety_flags.db'}")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The latest model in ``models/``, which ``make test`` trains before the tests that use it."""
    model = get_latest_model(str(ROOT / "models"))
    if model is None:
        pytest.fail("No trained model in models/: run `make train` first.")
    return Path(model)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reverse-order",
        action="store_true",
        help="run the tests last to first: a test that passes only after another has run fails",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "trained_model" in item.fixturenames:
            item.add_marker(pytest.mark.needs_model)
    if config.getoption("--reverse-order"):
        items.reverse()


def load_tracker(name: str, **overrides: Any) -> Tracker:
    """A tracker from ``tests/fixtures/trackers/<name>.json``, with top-level fields overridden."""
    state: dict[str, Any] = json.loads((FIXTURES / "trackers" / f"{name}.json").read_text())
    state.update(overrides)
    return Tracker.from_dict(state)

