"""Defence in depth: decide in code, from the tracker's events, whether stretches may be given."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import current_session_events, intent_of
from safety.detector import red_flag_level
from safety.flag_holds import flag_holds
from safety.levels import Level
from safety.screening import SCREENING_SLOTS, is_complete, outcome

SCREENING_OUTCOME_ACTION = "action_screening_outcome"


class Status(Enum):
    UNSCREENED = "unscreened"
    CLEAR = "clear"
    FLAGGED = "flagged"


@dataclass(frozen=True)
class Gate:
    status: Status
    level: Level | None = None
    # True when the flag was told in an earlier conversation (held for 7 days), not in this one.
    held: bool = False

    @property
    def is_clear(self) -> bool:
        return self.status is Status.CLEAR


def screening_gate(tracker: Tracker) -> Gate:
    """CLEAR only when this session holds a complete, clear screen set by the outcome action.

    Any red flag in the session (a red-flag intent, a sign found again in the user's own words,
    or a non-clear screening result) keeps the gate FLAGGED for the rest of the session, and is
    held for the sender for 7 days (safety/flag_holds.py): a flag held from an earlier
    conversation keeps the gate FLAGGED too.
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
            text = event.get("text") or ""
            # A button's payload is not the user's words ('/deny{"screen_question":"screen_injury"}').
            words = "" if text.startswith("/") else text
            levels = [Level.from_red_flag_intent(intent), red_flag_level(words)]
            for level in filter(None, levels):
                flagged = max(flagged or level, level)
        elif kind == "slot" and event.get("name") == "screening_result":
            level = Level.from_slot(event.get("value"))
            cleared = level == Level.CLEAR and last_action == SCREENING_OUTCOME_ACTION
            if level not in (None, Level.CLEAR):
                flagged = max(flagged or level, level)
    holds = flag_holds()
    held = holds.held_level(tracker.sender_id)
    if flagged is not None and (held is None or held < flagged):
        # Written once per new or more serious flag, not on every gated turn.
        holds.hold(tracker.sender_id, flagged)
    elif held is not None and (flagged is None or held > flagged):
        return Gate(Status.FLAGGED, held, held=True)
    if flagged is not None:
        return Gate(Status.FLAGGED, flagged)
    answers = {slot: tracker.get_slot(slot) for slot in SCREENING_SLOTS}
    if cleared and is_complete(answers) and outcome(answers) == Level.CLEAR:
        return Gate(Status.CLEAR, Level.CLEAR)
    return Gate(Status.UNSCREENED)


def refuse(dispatcher: CollectingDispatcher, gate: Gate) -> None:
    """Tell a user who may not have stretches what to do instead."""
    if gate.held:
        dispatcher.utter_message(response="utter_flag_held")
    if gate.status is Status.FLAGGED and gate.level is not None and gate.level.referral_response:
        dispatcher.utter_message(response=gate.level.referral_response)
    else:
        dispatcher.utter_message(response="utter_no_stretch_without_screen")
