"""The tracker store: the new events of a turn saved once, in order, and recent conversations kept in
memory only while the database has nothing newer; on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete, select
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.exc import OperationalError

from launchers.local_services import Service, start_postgres
from rasa_ext.tracker_store import UrlSQLTrackerStore


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with start_postgres(tmp_path_factory.mktemp("postgres")) as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> UrlSQLTrackerStore:
    """An empty store on each database the project supports (ids and floats differ between them)."""
    if request.param == "sqlite":
        return UrlSQLTrackerStore(url=f"sqlite:///{tmp_path / 'tracker.db'}")
    store = UrlSQLTrackerStore(url=request.getfixturevalue("postgres").url)
    with store.session_scope() as session:
        session.execute(delete(store.SQLEvent))
        session.commit()
    return store


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


def texts(tracker: DialogueStateTracker) -> list[str | None]:
    return [event.as_dict().get("text") for event in tracker.events]


def reads_events(statements: list[str]) -> bool:
    return any("events.data" in statement for statement in statements)


# Recent, so that a second store (another process) does not purge the conversation when it starts.
NOW = time.time()


def start_conversation(store: UrlSQLTrackerStore, sender: str = "user") -> DialogueStateTracker:
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, turn(0, NOW))))
    return asyncio.run(store.retrieve(sender))


def add_turn(store: UrlSQLTrackerStore, tracker: DialogueStateTracker, n: int) -> None:
    for event in turn(n, NOW + n):
        tracker.update(event)
    asyncio.run(store.save(tracker))


def test_the_next_message_reuses_the_saved_tracker_without_reading_its_events(
    store: UrlSQLTrackerStore, statements: list[str]
) -> None:
    tracker = start_conversation(store)
    for n in range(1, 4):
        add_turn(store, tracker, n)
        statements.clear()
        again = asyncio.run(store.retrieve("user"))
        assert again is tracker
        assert not reads_events(statements)
    fresh = asyncio.run(UrlSQLTrackerStore(url=str(store.engine.url)).retrieve("user"))
    assert fresh.current_state() == tracker.current_state()


def test_events_added_by_another_process_are_read(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    add_turn(store, tracker, 1)
    other = UrlSQLTrackerStore(url=str(store.engine.url))
    add_turn(other, asyncio.run(other.retrieve("user")), 2)
    again = asyncio.run(store.retrieve("user"))
    assert again is not tracker
    assert texts(again) == [x for n in range(3) for x in (f"message {n}", f"reply {n}", None)]


def test_a_conversation_erased_by_another_process_is_gone(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    add_turn(store, tracker, 1)
    UrlSQLTrackerStore(url=str(store.engine.url)).erase("user")
    assert asyncio.run(store.retrieve("user")) is None


def test_a_conversation_erased_and_started_again_is_read_afresh(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    other = UrlSQLTrackerStore(url=str(store.engine.url))
    other.erase("user")
    asyncio.run(other.save(DialogueStateTracker.from_events("user", turn(7, NOW + 7))))
    again = asyncio.run(store.retrieve("user"))
    assert again is not tracker
    assert texts(again) == ["message 7", "reply 7", None]


def test_events_that_were_never_stored_are_not_served_again(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    tracker.update(UserUttered("lost in a failed turn", timestamp=NOW + 1))
    again = asyncio.run(store.retrieve("user"))
    assert texts(again) == ["message 0", "reply 0", None]


def test_a_failed_save_drops_the_kept_tracker(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    tracker.update(UserUttered("not saved", timestamp=NOW + 1))

    def failing_insert(*args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is down"))

    original = store._insert_new_events
    store._insert_new_events = failing_insert  # type: ignore[method-assign]
    asyncio.run(store.save(tracker))
    store._insert_new_events = original  # type: ignore[method-assign]
    tracker.events.pop()  # the same length as stored again, but no longer trusted
    assert asyncio.run(store.retrieve("user")) is not tracker


def test_a_new_session_is_read_from_the_database_after_it_is_saved(store: UrlSQLTrackerStore) -> None:
    tracker = start_conversation(store)
    for event in [SessionStarted(timestamp=NOW + 5), *turn(1, NOW + 6)]:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("user"))
    assert again is not tracker
    assert texts(again) == [None, "message 1", "reply 1", None]


def test_a_tracker_not_read_from_the_store_is_not_kept(
    store: UrlSQLTrackerStore, statements: list[str]
) -> None:
    built = DialogueStateTracker.from_events("user", turn(0, NOW))
    asyncio.run(store.save(built))
    statements.clear()
    assert asyncio.run(store.retrieve("user")) is not built
    assert reads_events(statements)


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "0")
    store = UrlSQLTrackerStore(url=f"sqlite:///{tmp_path / 'tracker.db'}")
    tracker = start_conversation(store)
    add_turn(store, tracker, 1)
    again = asyncio.run(store.retrieve("user"))
    assert again is not tracker
    assert texts(again) == texts(tracker)
