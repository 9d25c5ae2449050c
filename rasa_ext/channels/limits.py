"""What every channel does to incoming text before the assistant reads it."""

from __future__ import annotations

import re

from safety.crisis import is_crisis
from safety.detector import red_flag_level
from safety.levels import Level

# Messages longer than this are not read; the user is asked for a shorter one (README, "Configuration").
MAX_MESSAGE_CHARS = 1000
# Sent through the dialogue so that the reply comes from domain.yml like every other sentence.
TOO_LONG_PAYLOAD = "/message_too_long"
# A too-long message is still read for crisis and red flags (the NLU never sees it), up to here.
MAX_SAFETY_SCAN_CHARS = 5_000
SAFETY_PAYLOADS = {Level.EMERGENCY: "/red_flag_emergency", Level.URGENT: "/red_flag_urgent"}
CRISIS_PAYLOAD = "/crisis"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Control characters removed; an over-long message replaced by a payload.

    The payload answers what matters most in the long message: a crisis, then a red flag, and
    otherwise asks for a shorter message.
    """
    text = _CONTROL.sub("", text)
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    scanned = text[:MAX_SAFETY_SCAN_CHARS]
    if is_crisis(scanned):
        return CRISIS_PAYLOAD
    return SAFETY_PAYLOADS.get(red_flag_level(scanned), TOO_LONG_PAYLOAD)
