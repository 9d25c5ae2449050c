"""The tracker store saves exactly the new events of a turn, in order, without counting them in SQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import select

from backcoach.tracker_store import UrlSQLTrackerStore


@pytest.fixture
def store(tmp_path: Path) -> UrlSQLTrackerStore:
    return UrlSQLTrackerStore(url=f"sqlite:///{tmp_path / 'tracker.db'}")


@pytest.fixture
def statements(store: UrlSQLTrackerStore) -> Iterator[list[str]]:
    executed: list[str] = []

    def record(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        executed.append(statement.lower())

    sqlalchemy_event.listen(store.engine, "before_cursor_execute", record)
    yield executed
    sqlalchemy_event.remove(store.engine, "before_cursor_execute", record)


def stored_texts(store: UrlSQLTrackerStore, sender: str) -> list[str]:
    with store.session_scope() as session:
        rows = session.execute(
            select(store.SQLEvent.data).where(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id)
        ).scalars()
        return [Event.from_parameters(json.loads(row)).as_dict().get("text") for row in rows]


def turn(n: int, timestamp: float) -> list[Event]:
    return [
        UserUttered(f"message {n}", timestamp=timestamp),
        BotUttered(f"reply {n}", timestamp=timestamp + 0.1),
        ActionExecuted("action_listen", timestamp=timestamp + 0.2),
    ]


def test_turns_are_stored_once_in_order_without_a_count_query(
    store: UrlSQLTrackerStore, statements: list[str]
) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events("user", turn(0, 1000.0))))
    for n in range(1, 5):
        tracker = asyncio.run(store.retrieve("user"))
        for event in turn(n, 1000.0 + n):
            tracker.update(event)
        statements.clear()
        asyncio.run(store.save(tracker))
        assert not any("count(" in statement for statement in statements)
    assert stored_texts(store, "user") == [x for n in range(5) for x in (f"message {n}", f"reply {n}", None)]


def test_saving_the_same_tracker_twice_adds_nothing(store: UrlSQLTrackerStore) -> None:
    tracker = DialogueStateTracker.from_events("user", turn(0, 1000.0))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("later", timestamp=2000.0))
    asyncio.run(store.save(tracker))
    assert stored_texts(store, "user") == ["message 0", "reply 0", None, "later"]


def test_a_new_session_keeps_old_events_and_retrieves_only_the_new_session(store: UrlSQLTrackerStore) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events("user", turn(0, 1000.0))))
    tracker = asyncio.run(store.retrieve("user"))
    for event in [SessionStarted(timestamp=5000.0), *turn(1, 5001.0)]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    assert stored_texts(store, "user") == ["message 0", "reply 0", None, None, "message 1", "reply 1", None]
    again = asyncio.run(store.retrieve("user"))
    assert [e.as_dict().get("text") for e in again.events] == [None, "message 1", "reply 1", None]
    again.update(UserUttered("message 2", timestamp=6000.0))
    asyncio.run(store.save(again))
    assert stored_texts(store, "user")[-2:] == [None, "message 2"]
