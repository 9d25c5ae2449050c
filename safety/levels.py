"""Levels of care, from the clinical sources in safety/SOURCES.md (NICE NG59, NHS advice)."""

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
