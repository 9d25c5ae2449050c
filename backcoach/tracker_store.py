"""A SQL tracker store configured by one SQLAlchemy URL from the environment."""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterator
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from backcoach import rasa_patches, settings

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0
# Set on a tracker this store read or wrote: how many of its events are in the database. Rasa asks
# the database (a COUNT query) on every save instead; profiling showed that query at about 10% of
# the Rasa server's time. A conversation is locked from its retrieval to its save (the lock store),
# so no other process writes its events in between.
STORED_EVENTS_ATTRIBUTE = "_backcoach_stored_events"


def retention_days() -> float:
    """``TRACKER_RETENTION_DAYS`` (default 30): conversations idle for longer are deleted."""
    return float(os.environ.get("TRACKER_RETENTION_DAYS", "30"))


rasa_patches.install()


class UrlSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, but taking ``TRACKER_STORE_URL`` (SQLite in ``var/`` by default).

    Rasa's own store wants dialect, host, port and database as separate keys; a single URL lets an
    operator switch to PostgreSQL with one environment variable and no file changes. It also erases
    a conversation whose user asked for it, purges idle conversations after the retention period,
    and reports a failing database as an error instead of letting Rasa fall back to memory quietly.
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
        self.purge_expired()

    def get_db_url(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        """Return the configured URL instead of assembling one from parts."""
        return self._url

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        try:
            tracker = await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            logger.error("TRACKER STORE UNAVAILABLE: cannot read a conversation (%s)", type(error).__name__)
            return None
        if tracker is not None:
            setattr(tracker, STORED_EVENTS_ATTRIBUTE, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            if any(
                isinstance(e, SlotSet) and e.key == settings.ERASE_SLOT and e.value for e in tracker.events
            ):
                self.erase(tracker.sender_id)
                return
            await super().save(tracker)
            setattr(tracker, STORED_EVENTS_ATTRIBUTE, len(tracker.events))
            if time.monotonic() - self._last_purge > PURGE_INTERVAL_SECONDS:
                self.purge_expired()
        except SQLAlchemyError as error:
            logger.error(
                "TRACKER STORE UNAVAILABLE: a conversation turn was not saved (%s)", type(error).__name__
            )

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events that are not in the database yet, counted without a query when known."""
        stored = getattr(tracker, STORED_EVENTS_ATTRIBUTE, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def erase(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many were deleted."""
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
            retention_days() if days is None else days
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
            logger.info("Retention: deleted %s events of conversations idle for too long", deleted)
        return deleted
