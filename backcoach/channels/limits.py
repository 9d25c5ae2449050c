"""What every channel does to incoming text before the assistant reads it."""

from __future__ import annotations

import re

# Messages longer than this are not read; the user is asked for a shorter one (README, "Limits").
MAX_MESSAGE_CHARS = 1000
# Sent through the dialogue so that the reply comes from domain.yml like every other sentence.
TOO_LONG_PAYLOAD = "/message_too_long"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Control characters removed; an over-long message replaced by the too-long payload."""
    text = _CONTROL.sub("", text)
    return TOO_LONG_PAYLOAD if len(text) > MAX_MESSAGE_CHARS else text
