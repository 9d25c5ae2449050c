"""Recently used conversations kept in the Rasa process between messages, bounded in count and age.

Rasa rebuilds a conversation from the database on every message; profiling put that read at about
13% of the Rasa server's time. nginx sends a conversation to the same process every time, so the
tracker that process saved after one message is usually exactly what the database would return
for the next. The store (``rasa_ext/tracker_store.py``) still asks the database, with one short
query, whether the conversation changed since; this module only holds the entries.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from rasa.shared.core.trackers import DialogueStateTracker

import settings

# Set on a tracker the store read or wrote: how many of its events are in the database. Rasa asks
# the database (a COUNT query) on every save instead; profiling showed that query at about 10% of
# the Rasa server's time. A conversation is locked from its retrieval to its save (the lock store),
# so no other process writes its events in between.
STORED_EVENTS_ATTRIBUTE = "_backcoach_stored_events"


def mark_stored(tracker: DialogueStateTracker) -> None:
    """Note that all of ``tracker``'s events are now in the database."""
    setattr(tracker, STORED_EVENTS_ATTRIBUTE, len(tracker.events))


def stored_events(tracker: DialogueStateTracker) -> int | None:
    """How many of ``tracker``'s events are in the database, if the store has seen it."""
    return getattr(tracker, STORED_EVENTS_ATTRIBUTE, None)


@dataclass(frozen=True)
class StoredEvent:
    """Where the last stored event of a conversation is: its row id and its timestamp.

    The timestamp is there because SQLite reuses the ids of deleted rows: after an erasure the
    same id can name another event.
    """

    row_id: int
    timestamp: float | None


@dataclass
class CachedTracker:
    """A tracker as it is stored, and its last stored event."""

    tracker: DialogueStateTracker
    last_event: StoredEvent
    used_at: float


class TrackerCache:
    """Least recently used conversations, at most ``size`` of them and none idle beyond ``seconds``."""

    def __init__(self, size: int | None = None, seconds: float | None = None) -> None:
        self.size = settings.tracker_cache_size() if size is None else size
        self.seconds = settings.tracker_cache_seconds() if seconds is None else seconds
        self._entries: OrderedDict[str, CachedTracker] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sender_id: str) -> CachedTracker | None:
        """The entry of ``sender_id`` if its tracker has not changed since it was stored."""
        self._drop_idle()
        entry = self._entries.get(sender_id)
        if entry is None:
            return None
        if len(entry.tracker.events) != stored_events(entry.tracker):
            # Events were added and never stored (a failed save, an interrupted turn): the
            # database is the truth, so this copy must not be used again.
            del self._entries[sender_id]
            return None
        entry.used_at = time.monotonic()
        self._entries.move_to_end(sender_id)
        return entry

    def put(self, sender_id: str, tracker: DialogueStateTracker, last_event: StoredEvent) -> None:
        """Keep ``tracker``, just read from the database and marked stored (``mark_stored``), whose
        last stored event is ``last_event``."""
        if self.size <= 0:
            return
        entry = CachedTracker(tracker, last_event, time.monotonic())
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def stored(self, sender_id: str, tracker: DialogueStateTracker, last_event: StoredEvent) -> None:
        """Record where ``tracker``'s new events were stored (it is marked stored already), if it is
        the tracker this cache holds.

        Only trackers read from the database are kept: one built elsewhere (a new conversation, a
        tracker from an API call) may hold events that the database would not return for it.
        """
        entry = self._entries.get(sender_id)
        if entry is not None and entry.tracker is tracker:
            entry.last_event = last_event

    def discard(self, sender_id: str) -> None:
        """Forget ``sender_id`` (erased, or its stored form differs from the tracker in memory)."""
        self._entries.pop(sender_id, None)

    def clear(self) -> None:
        self._entries.clear()

    def _drop_idle(self) -> None:
        cutoff = time.monotonic() - self.seconds
        while self._entries:
            oldest = next(iter(self._entries.values()))
            if oldest.used_at >= cutoff:
                break
            self._entries.popitem(last=False)
