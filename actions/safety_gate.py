"""Defence in depth: decide in code, from the tracker's events, whether stretches may be given."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import current_session_events, intent_of
from safety.detector import red_flag_level
from safety.levels import Level
from safety.screening import SCREENING_SLOTS, is_complete, outcome

SCREENING_OUTCOME_ACTION = "action_screening_outcome"
RED_FLAG_INTENT_LEVELS = {
    "red_flag_emergency": Level.EMERGENCY,
    "red_flag_urgent": Level.URGENT,
    "red_flag_practitioner": Level.PRACTITIONER,
}
REFERRAL_RESPONSES = {
    Level.EMERGENCY: "utter_emergency",
    Level.URGENT: "utter_urgent",
    Level.PRACTITIONER: "utter_see_practitioner",
}


class Status(Enum):
    UNSCREENED = "unscreened"
    CLEAR = "clear"
    FLAGGED = "flagged"


@dataclass(frozen=True)
class Gate:
    status: Status
    level: Level | None = None

    @property
    def is_clear(self) -> bool:
        return self.status is Status.CLEAR


def screening_gate(tracker: Tracker) -> Gate:
    """CLEAR only when this session holds a complete, clear screen set by the outcome action.

    Any red flag in the session (a red-flag intent, a sign found again in the user's own words,
    or a non-clear screening result) keeps the gate FLAGGED for the rest of the session.
    """
    flagged: Level | None = None
    cleared = False
    last_action: str | None = None
    for event in current_session_events(tracker.events):
        kind = event.get("event")
        if kind == "action":
            last_action = event.get("name")
        elif kind == "user":
            intent = intent_of(event)
            levels = [RED_FLAG_INTENT_LEVELS.get(intent), red_flag_level(event.get("text") or "")]
            for level in filter(None, levels):
                flagged = max(flagged or level, level)
        elif kind == "slot" and event.get("name") == "screening_result":
            level = Level.from_slot(event.get("value"))
            cleared = level == Level.CLEAR and last_action == SCREENING_OUTCOME_ACTION
            if level not in (None, Level.CLEAR):
                flagged = max(flagged or level, level)
    if flagged is not None:
        return Gate(Status.FLAGGED, flagged)
    answers = {slot: tracker.get_slot(slot) for slot in SCREENING_SLOTS}
    if cleared and is_complete(answers) and outcome(answers) == Level.CLEAR:
        return Gate(Status.CLEAR, Level.CLEAR)
    return Gate(Status.UNSCREENED)


def refuse(dispatcher: CollectingDispatcher, gate: Gate) -> None:
    """Tell a user who may not have stretches what to do instead."""
    if gate.status is Status.FLAGGED and gate.level in REFERRAL_RESPONSES:
        dispatcher.utter_message(response=REFERRAL_RESPONSES[gate.level])
    else:
        dispatcher.utter_message(response="utter_no_stretch_without_screen")
