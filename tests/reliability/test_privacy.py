"""Privacy: erasure on request, retention, quiet logs, no open HTTP API, and honest failures."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
import requests
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from actions.knowledge_action import report_knowledge_base_status
from knowledge.repository import KnowledgeRepository
from rasa_ext.tracker_store import UrlSQLTrackerStore
from tests.servers import Assistant, response_text


def _stored_events(assistant: Assistant, sender: str) -> int:
    with sqlite3.connect(assistant.tracker_db) as connection:
        return connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_forget_me_deletes_the_conversation_after_confirmation(assistant: Assistant, sender: str) -> None:
    assistant.send(sender, "show me the stretches")
    assistant.send(sender, "i fell off my bike last week")
    assert _stored_events(assistant, sender) > 0
    confirm = assistant.send(sender, "please forget me")
    assert response_text("utter_confirm_deletion") in confirm[0]["text"]
    assert _stored_events(assistant, sender) > 0, "nothing is deleted before the user confirms"
    done = assistant.send(sender, "/affirm")
    assert response_text("utter_data_deleted") in done[0]["text"]
    assert _stored_events(assistant, sender) == 0
    fresh = assistant.send(sender, "show me the stretches")
    assert response_text("utter_ask_screen_injury") in "\n".join(r.get("text", "") for r in fresh)


def test_forget_me_can_be_called_off(assistant: Assistant, sender: str) -> None:
    assistant.send(sender, "hi")
    assistant.send(sender, "delete my data")
    kept = assistant.send(sender, "/deny")
    assert kept[0]["text"] == response_text("utter_deletion_cancelled")
    assert _stored_events(assistant, sender) > 0


def test_info_logs_never_contain_what_users_write(assistant: Assistant, sender: str) -> None:
    marker = f"tingling-{uuid.uuid4().hex}"
    assistant.send(sender, f"my left leg has {marker}")
    assistant.send(sender, "show me the stretches")
    time.sleep(1)
    for log in (assistant.rasa.log, assistant.actions.log):
        assert marker not in log.read_text(errors="replace"), log.name


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/conversations/x/tracker"),
        ("PUT", "/model"),
        ("POST", "/model/train"),
        ("GET", "/status"),
        ("POST", "/conversations/x/execute"),
    ],
)
def test_rasa_http_api_is_not_reachable(assistant: Assistant, method: str, path: str) -> None:
    reply = requests.request(method, assistant.base_url + path, timeout=10)
    assert reply.status_code in (404, 405)


def _store(tmp_path: Path) -> UrlSQLTrackerStore:
    return UrlSQLTrackerStore(url=f"sqlite:///{tmp_path / 'tracker.db'}")


def _tracker(sender: str, timestamp: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered("hello", timestamp=timestamp)])


def test_retention_purges_idle_conversations_only(tmp_path: Path) -> None:
    store = _store(tmp_path)
    now = time.time()
    asyncio.run(store.save(_tracker("old", now - 40 * 86400)))
    asyncio.run(store.save(_tracker("recent", now - 86400)))
    assert store.purge_expired(days=30, now=now) == 1
    assert asyncio.run(store.retrieve("old")) is None
    assert asyncio.run(store.retrieve("recent")) is not None


def test_the_erase_slot_deletes_instead_of_saving(tmp_path: Path) -> None:
    store = _store(tmp_path)
    asyncio.run(store.save(_tracker("user", time.time())))
    tracker = asyncio.run(store.retrieve("user"))
    tracker.update(SlotSet("erase_conversation", True))
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve("user")) is None


def test_a_failing_tracker_database_is_an_error_not_a_silent_fallback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = _store(tmp_path)
    with store.engine.begin() as connection:
        connection.execute(text("drop table events"))
    with caplog.at_level(logging.ERROR):
        assert asyncio.run(store.retrieve("user")) is None
        asyncio.run(store.save(_tracker("user", time.time())))
    assert (
        sum("TRACKER STORE UNAVAILABLE" in r.message for r in caplog.records if r.levelno == logging.ERROR)
        == 2
    )


def test_a_missing_knowledge_base_is_reported_at_start_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = KnowledgeRepository(create_engine(f"sqlite:///{tmp_path / 'missing.db'}"))
    with caplog.at_level(logging.ERROR):
        assert report_knowledge_base_status(empty) is False
    assert "KNOWLEDGE BASE MISSING OR UNREADABLE" in caplog.text
