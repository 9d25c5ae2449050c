"""What the actions share about the conversation: its current session and the stretch in progress."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet

# Forgets the stretch in progress and any menu waiting for a choice (after pain, "stop", a crisis
# or a red flag), so that a later vague reply ("whatever") cannot start one.
END_STRETCH_SESSION = [
    SlotSet("stretch_exercise", None),
    SlotSet("stretch_step", None),
    SlotSet("exercise_choice_pending", False),
]


def current_session_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events since the last ``session_started`` (all of them when there is none)."""
    starts = [i for i, event in enumerate(events) if event.get("event") == "session_started"]
    return events[starts[-1] + 1 :] if starts else events


def intent_of(event: dict[str, Any]) -> str | None:
    """The intent of a user event."""
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def entity_value(event: dict[str, Any], name: str) -> str | None:
    """The first value of entity ``name`` in a user event."""
    for entity in (event.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def last_bot_response(events: list[dict[str, Any]]) -> str | None:
    """The domain response of the assistant's last message before the latest user message."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            return (event.get("metadata") or {}).get("utter_action")
    return None


def last_bot_buttons(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The buttons of the assistant's last message before the latest user message."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user":
            if seen_user:
                return []
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            return list((event.get("data") or {}).get("buttons") or [])
    return []
