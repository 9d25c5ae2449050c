"""A SQL tracker store configured by one SQLAlchemy URL from the environment."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

import settings
from rasa_ext.tracker_cache import StoredEvent, TrackerCache, mark_stored, stored_events

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0


class UrlSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, but taking ``TRACKER_STORE_URL`` (SQLite in ``var/`` by default).

    Rasa's own store wants dialect, host, port and database as separate keys; a single URL lets an
    operator switch to PostgreSQL with one environment variable and no file changes. It also erases
    a conversation whose user asked for it, purges idle conversations after the retention period,
    and reports a failing database as an error instead of letting Rasa fall back to memory quietly.
    Between messages it keeps recent conversations in memory (``rasa_ext/tracker_cache.py``) and
    reads one only when the database holds events the process has not seen.
    """

    def __init__(
        self,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        self._url = url or settings.tracker_store_url()
        if self._url.startswith("sqlite"):
            settings.ensure_var_dir()
        kwargs.pop("host", None)
        super().__init__(domain=domain, event_broker=event_broker, **kwargs)
        self._last_purge = 0.0
        self._cache = TrackerCache()
        self.purge_expired()

    def get_db_url(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        """Return the configured URL instead of assembling one from parts."""
        return self._url

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's current session: the tracker kept in memory if the database has no
        newer events for it, otherwise read from the database."""
        try:
            # The database calls run in threads, so that one conversation waiting for the database
            # does not hold up the others in this process. The cache is only touched here, in the
            # event loop's thread.
            cached = self._cache.get(sender_id)
            if cached and await asyncio.to_thread(self._unchanged_since, sender_id, cached.last_event):
                return cached.tracker
            tracker, last_event = await asyncio.to_thread(self._read, sender_id)
        except SQLAlchemyError as error:
            self._cache.discard(sender_id)
            logger.error("TRACKER STORE UNAVAILABLE: cannot read a conversation (%s)", type(error).__name__)
            return None
        if tracker is None:
            self._cache.discard(sender_id)
            return None
        mark_stored(tracker)
        self._cache.put(sender_id, tracker, last_event)
        return tracker

    def _read(self, sender_id: str) -> tuple[DialogueStateTracker | None, StoredEvent | None]:
        """Rasa's retrieval (the latest session's events, in id order), plus its last event."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
            if not self.domain or not rows:
                return None, None
            events = [json.loads(row.data) for row in rows]
            tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
            return tracker, StoredEvent(rows[-1].id, rows[-1].timestamp)

    def _unchanged_since(self, sender_id: str, last_event: StoredEvent) -> bool:
        """Whether ``last_event`` is still the conversation's newest event: nothing was added by
        another process, and nothing erased or purged."""
        with self.engine.connect() as connection:
            newest = connection.execute(
                select(self.SQLEvent.id, self.SQLEvent.timestamp)
                .where(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id >= last_event.row_id)
                .order_by(self.SQLEvent.id)
                .limit(2)
            ).all()
            return [StoredEvent(*row) for row in newest] == [last_event]

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            if any(
                isinstance(e, SlotSet) and e.key == settings.ERASE_SLOT and e.value for e in tracker.events
            ):
                self.erase(tracker.sender_id)
                return
            await self.stream_events(tracker)
            starts_session, last_event = await asyncio.to_thread(self._insert_new_events, tracker)
            mark_stored(tracker)
            if starts_session:
                # A new session: the next read returns only its events, not this tracker's older ones.
                self._cache.discard(tracker.sender_id)
            elif last_event is not None:
                self._cache.stored(tracker.sender_id, tracker, last_event)
            if time.monotonic() - self._last_purge > PURGE_INTERVAL_SECONDS:
                self.purge_expired()
        except SQLAlchemyError as error:
            self._cache.discard(tracker.sender_id)
            logger.error(
                "TRACKER STORE UNAVAILABLE: a conversation turn was not saved (%s)", type(error).__name__
            )

    def _insert_new_events(self, tracker: DialogueStateTracker) -> tuple[bool, StoredEvent | None]:
        """Rasa's save; returns whether the new events start a session, and the last one stored."""
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            rows = [self._row(tracker.sender_id, event) for event in new_events]
            session.add_all(rows)
            session.flush()
            last_event = StoredEvent(rows[-1].id, rows[-1].timestamp) if rows else None
            session.commit()
        return any(isinstance(event, SessionStarted) for event in new_events), last_event

    def _row(self, sender_id: str, event: Event) -> Any:
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events that are not in the database yet, counted without a query when known."""
        stored = stored_events(tracker)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def erase(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many were deleted."""
        self._cache.discard(sender_id)
        with self.session_scope() as session:
            deleted = session.execute(
                delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id)
            ).rowcount
            session.commit()
        logger.info("Erased a conversation at its user's request (%s events)", deleted)
        return deleted

    def purge_expired(self, days: float | None = None, now: float | None = None) -> int:
        """Delete conversations whose latest event is older than the retention period."""
        cutoff = (now if now is not None else time.time()) - 86400 * (
            settings.tracker_retention_days() if days is None else days
        )
        self._last_purge = time.monotonic()
        try:
            with self.session_scope() as session:
                idle = (
                    select(self.SQLEvent.sender_id)
                    .group_by(self.SQLEvent.sender_id)
                    .having(func.max(self.SQLEvent.timestamp) < cutoff)
                )
                deleted = session.execute(
                    delete(self.SQLEvent)
                    .where(self.SQLEvent.sender_id.in_(idle))
                    .execution_options(synchronize_session=False)
                ).rowcount
                session.commit()
        except SQLAlchemyError as error:
            logger.error("TRACKER STORE UNAVAILABLE: retention purge failed (%s)", type(error).__name__)
            return 0
        if deleted:
            self._cache.clear()
            logger.info("Retention: deleted %s events of conversations idle for too long", deleted)
        return deleted
