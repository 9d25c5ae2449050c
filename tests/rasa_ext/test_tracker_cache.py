"""The tracker cache holds at most its size, nothing idle too long, and no tracker changed since stored."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext import tracker_cache
from rasa_ext.tracker_cache import StoredEvent, TrackerCache, mark_stored


def tracker(sender: str) -> DialogueStateTracker:
    """A tracker as the store hands it over: read from the database, every event stored."""
    read = DialogueStateTracker.from_events(sender, [UserUttered("hello", timestamp=1.0)])
    mark_stored(read)
    return read


LAST = StoredEvent(1, 1.0)


def test_the_least_recently_used_conversation_leaves_first() -> None:
    cache = TrackerCache(size=2, seconds=60)
    cache.put("a", tracker("a"), LAST)
    cache.put("b", tracker("b"), LAST)
    assert cache.get("a") is not None
    cache.put("c", tracker("c"), LAST)
    assert len(cache) == 2
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None


def test_idle_entries_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(tracker_cache.time, "monotonic", lambda: clock[0])
    cache = TrackerCache(size=10, seconds=60)
    cache.put("a", tracker("a"), LAST)
    clock[0] += 30
    cache.put("b", tracker("b"), LAST)
    clock[0] += 45
    assert cache.get("a") is None
    assert cache.get("b") is not None
    assert len(cache) == 1


def test_a_tracker_with_events_that_were_not_stored_is_dropped() -> None:
    cache = TrackerCache(size=10, seconds=60)
    kept = tracker("a")
    cache.put("a", kept, LAST)
    kept.update(UserUttered("never stored", timestamp=2.0))
    assert cache.get("a") is None
    assert len(cache) == 0


def test_a_stored_turn_updates_only_the_tracker_that_is_held() -> None:
    cache = TrackerCache(size=10, seconds=60)
    kept = tracker("a")
    cache.put("a", kept, LAST)
    kept.update(UserUttered("stored", timestamp=2.0))
    mark_stored(kept)
    cache.stored("a", kept, StoredEvent(2, 2.0))
    assert cache.get("a").last_event == StoredEvent(2, 2.0)
    cache.stored("a", tracker("a"), StoredEvent(3, 3.0))
    assert cache.get("a").last_event == StoredEvent(2, 2.0)
    cache.stored("b", tracker("b"), StoredEvent(4, 4.0))
    assert cache.get("b") is None


def test_size_zero_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "0")
    cache = TrackerCache()
    cache.put("a", tracker("a"), LAST)
    assert cache.get("a") is None
