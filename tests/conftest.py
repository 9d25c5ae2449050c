"""Shared fixtures: a knowledge base built from the article into a temporary SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from knowledge.build import build
from knowledge.repository import KnowledgeRepository

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def knowledge_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.db'}")
    build(engine)
    return engine


@pytest.fixture(scope="session")
def repository(knowledge_engine: Engine) -> KnowledgeRepository:
    return KnowledgeRepository(knowledge_engine)


def load_tracker(name: str, **overrides: Any) -> Tracker:
    """A tracker from ``tests/fixtures/trackers/<name>.json``, with top-level fields overridden."""
    state: dict[str, Any] = json.loads((FIXTURES / "trackers" / f"{name}.json").read_text())
    state.update(overrides)
    return Tracker.from_dict(state)


from tests.servers import assistant, platform_api, sender  # noqa: E402,F401  (fixtures shared by conversation and web tests)
