"""Signs in anyone's words: a message close in meaning to a bank of descriptions.

The regular-expression signs (``crisis.py``, ``signs.py``) are precise but only know the words they
list. Here each message, and each of its sentences, is embedded with the project's sentence encoder
and compared with descriptions of each sign (``*_bank.yml`` beside this file) and with look-alikes
that are not signs (idioms, denials, ordinary pain). A unit of the message matches a label when it
is close to that label's descriptions (``threshold``) and closer to them than to any look-alike
(``margin``). Thresholds are set on the project's own phrasings (docs/NLU.md), never on eval/.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
import yaml

BANKS = Path(__file__).parent
# Sentences and clause-like pieces: a crisis buried in a long story is its own unit.
_UNIT_BREAK = re.compile(
    r"(?<=[.!?;\n])\s+|\s+(?:but|and then|anyway|honestly)\s+|,\s+(?=i\b|i'm\b|im\b|id\b)"
)
MAX_UNITS = 12


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SemanticMatch:
    label: str
    score: float
    unit: str
    nearest: str


def message_units(text: str) -> list[str]:
    """The whole message and its sentences (a long message's first ``MAX_UNITS`` of them)."""
    pieces = [piece.strip() for piece in _UNIT_BREAK.split(text) if piece and piece.strip()]
    units = [text.strip()] + [piece for piece in pieces if len(piece.split()) >= 2]
    return list(dict.fromkeys(units))[: MAX_UNITS + 1]


class SemanticBank:
    """Labelled descriptions and look-alikes, embedded once."""

    def __init__(
        self,
        positives: dict[str, list[str]],
        negatives: list[str],
        encoder: Encoder,
        threshold: float,
        margin: float,
        embedded: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.labels = [label for label, texts in positives.items() for _ in texts]
        self.descriptions = [text for texts in positives.values() for text in texts]
        self.negatives = list(negatives)
        self.encoder = encoder
        self.threshold = threshold
        self.margin = margin
        self._positive, self._negative = embedded or (
            encoder.encode(self.descriptions),
            encoder.encode(self.negatives),
        )

    @classmethod
    def from_file(
        cls, path: Path, encoder: Encoder, threshold: float, margin: float, cache: Path | None = None
    ) -> SemanticBank:
        """The bank of ``path``; its embeddings are kept in ``cache`` (a folder) between processes."""
        text = path.read_text()
        bank = yaml.safe_load(text)
        stored = (
            cache / f"{path.stem}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.npz" if cache else None
        )
        if stored is not None and stored.exists():
            with np.load(stored) as arrays:
                embedded = (arrays["positive"], arrays["negative"])
            return cls(bank["positive"], bank["negative"], encoder, threshold, margin, embedded)
        made = cls(bank["positive"], bank["negative"], encoder, threshold, margin)
        if stored is not None:
            # Written once per change of the bank; embedding it again takes seconds at every start.
            stored.parent.mkdir(parents=True, exist_ok=True)
            partial = stored.with_suffix(f".{os.getpid()}.npz")
            np.savez(partial, positive=made._positive, negative=made._negative)
            partial.replace(stored)
        return made

    def embed(self, text: str) -> tuple[list[str], np.ndarray]:
        """The units of ``text`` and their embeddings, one row each."""
        units = message_units(text)
        return units, self.encoder.encode(units)

    def label_of(self, description: str) -> str:
        return self.labels[self.descriptions.index(description)]

    def scores(
        self, text: str, embedded_units: tuple[list[str], np.ndarray] | None = None
    ) -> list[tuple[str, float, float, str]]:
        """For each unit of ``text``: the unit, its best positive and negative cosine, the nearest.

        ``embedded_units`` reuses ``embed(text)``, so that another reader of the same embeddings
        costs no second encoding."""
        units, embedded = embedded_units or self.embed(text)
        positive = embedded @ self._positive.T
        negative = embedded @ self._negative.T
        best = positive.argmax(axis=1)
        return [
            (unit, float(positive[i, best[i]]), float(negative[i].max()), self.descriptions[best[i]])
            for i, unit in enumerate(units)
        ]

    def match(
        self,
        text: str,
        readable: Callable[[str], bool] = lambda unit: True,
        threshold: float | None = None,
        margin: float | None = None,
        scored: list[tuple[str, float, float, str]] | None = None,
    ) -> SemanticMatch | None:
        """The closest label that passes both tests in any ``readable`` unit of ``text``, if one does.

        ``threshold`` and ``margin`` override the bank's own; ``scored`` reuses ``scores(text)``
        so that a second reading with other tests costs no second encoding.
        """
        threshold = self.threshold if threshold is None else threshold
        margin = self.margin if margin is None else margin
        found: SemanticMatch | None = None
        for unit, positive, negative, nearest in scored if scored is not None else self.scores(text):
            if positive >= threshold and positive - negative >= margin and readable(unit):
                if found is None or positive > found.score:
                    found = SemanticMatch(self.label_of(nearest), positive, unit, nearest)
        return found


# Set on the project's own crisis phrasings (tests/safety/test_crisis.py) against every NLU
# training example and non-crisis test phrasing: the lowest threshold whose false alarms stay
# under 0.3% of those (a false alarm shows the crisis lines to someone who did not need them;
# a miss leaves someone in crisis without them).
CRISIS_THRESHOLD = 0.55
CRISIS_MARGIN = 0.06


# Set with the detector's checks on a match (the sign's own words; no question, past, cause or
# other person) on a grid (threshold 0.44-0.65, margin 0-0.08): reports are the project's own
# phrasings (tests/safety/test_detector.py, 256) and the tuning half of
# safety/tuning/red_flags_dev.yml (scripts/red_flag_dev.py --half seen); look-alikes are every NLU
# training example that reports no symptom, the test file's look-alikes (1,719) and that half's
# hard negatives (127). The lowest threshold at which no hard negative matches and the NLU
# examples match under 0.2%: 0.58 with a margin of 0.03. (Was 0.60/0.05, set before the checks.)
RED_FLAG_THRESHOLD = 0.58
RED_FLAG_MARGIN = 0.03


@lru_cache(maxsize=1)
def red_flag_bank() -> SemanticBank:
    """The red-flag descriptions by sign, embedded with the project's encoder (once per process)."""
    from language.encoder import default_encoder

    return SemanticBank.from_file(
        BANKS / "red_flag_bank.yml", default_encoder(), RED_FLAG_THRESHOLD, RED_FLAG_MARGIN, _cache()
    )


@lru_cache(maxsize=1)
def crisis_bank() -> SemanticBank:
    """The crisis descriptions, embedded with the project's encoder (loaded once per process)."""
    from language.encoder import default_encoder

    return SemanticBank.from_file(
        BANKS / "crisis_bank.yml", default_encoder(), CRISIS_THRESHOLD, CRISIS_MARGIN, _cache()
    )


def _cache() -> Path:
    import settings

    return settings.VAR_DIR / "banks"
