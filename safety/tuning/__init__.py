"""Development phrasings of crisis and red flags, and the half of them used for tuning.

Each phrasing's half depends only on its own text, its sign or kind and the seed, so phrasings
appended later leave the others where they were. The tuning half may fit and tune the safety net;
the other half only measures how the changes carry over to wording nobody tuned on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
CRISIS_DEV = FOLDER / "crisis_dev.yml"
RED_FLAGS_DEV = FOLDER / "red_flags_dev.yml"
SEED = 20261207


def in_tuning_half(text: str, key: str, seed: int = SEED) -> bool:
    """Whether the phrasing ``text`` of sign or kind ``key`` is in the half used for tuning."""
    digest = hashlib.sha256(f"{seed}:{key}:{text}".encode()).digest()
    return digest[0] % 2 == 0
