"""Levels of care, from the clinical sources in safety/SOURCES.md (NICE NG59, NHS advice).

The one contract of the safety net: each level of care above CLEAR has the NLU intent that raises
it and the domain response that tells the user what to do. The NLU detector, the actions and the
rules (checked by tests/safety/test_levels.py) all take them from here.
"""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """Higher is more serious; ``max()`` of several levels is the one to act on."""

    CLEAR = 0
    PRACTITIONER = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def slot_value(self) -> str:
        return self.name.lower()

    @classmethod
    def from_slot(cls, value: str | None) -> Level | None:
        if value is None:
            return None
        try:
            return cls[value.upper()]
        except KeyError:
            return None

    @property
    def red_flag_intent(self) -> str | None:
        """The intent the NLU safety net sets for a sign of this level."""
        return None if self == Level.CLEAR else f"red_flag_{self.name.lower()}"

    @property
    def referral_response(self) -> str | None:
        """The domain response that sends the user to this level of care."""
        return _REFERRAL_RESPONSES.get(self)

    @classmethod
    def from_red_flag_intent(cls, intent: str | None) -> Level | None:
        return next((level for level in cls if intent and level.red_flag_intent == intent), None)


_REFERRAL_RESPONSES = {
    Level.EMERGENCY: "utter_emergency",
    Level.URGENT: "utter_urgent",
    Level.PRACTITIONER: "utter_see_practitioner",
}
