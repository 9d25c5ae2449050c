"""A crisis read from meaning by a classifier over sentence embeddings.

The crisis bank (``semantic.py``) matches a message when it is close to one description; wording
that sits between descriptions ("I've sorted homes for my cats, I won't need them") escapes it.
This logistic regression is fitted on every crisis phrasing and look-alike the project holds
(``crisis_bank.yml``, ``crisis_training.yml`` and the tuning half of ``tuning/crisis_dev.yml``) and
on the NLU's training examples as ordinary messages, so it learns the direction of crisis in the
encoder's space rather than its neighbourhoods. The NLU's ``RedFlagDetector`` fits it when the
model is trained and keeps it in the model. It is never fitted on eval/
(tests/eval/test_eval_sets.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from safety.semantic import BANKS, Encoder
from safety.tuning import CRISIS_DEV, in_tuning_half

TRAINING_FILES = (BANKS / "crisis_bank.yml", BANKS / "crisis_training.yml")
# Everything the fit reads besides the NLU's examples: a change to any of them must refit it.
FITTED_FROM = (*TRAINING_FILES, CRISIS_DEV)
# L2 penalty of the fit; with it the weights stay small enough that one phrasing does not decide.
PENALTY = 1e-3
NEWTON_STEPS = 12
# Set on the project's phrasings, never on the holdout: the lowest probability at which no more
# than 0.3% of the NLU examples the fit did not see are flagged, and the unseen half of
# tuning/crisis_dev.yml's look-alikes no more than one point above the bank alone (docs/NLU.md).
CRISIS_PROBABILITY = 0.8
# From here up to CRISIS_PROBABILITY the reply asks whether the person is thinking of ending their
# life, with the helplines, and lets them carry on if not. Set on the same development data: the
# lowest probability at which no more than 1% of ordinary messages (eval/messages.yml,
# eval/red_flags.yml, both development sets) get the question (docs/NLU.md).
CHECK_IN_PROBABILITY = 0.6


@dataclass(frozen=True)
class Phrasings:
    positive: list[str]
    negative: list[str]


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in _texts(value)]
    return [str(text) for text in node] if isinstance(node, list) else []


def training_phrasings(files: Sequence[Path] = TRAINING_FILES, dev: Path | None = CRISIS_DEV) -> Phrasings:
    """Every crisis phrasing and look-alike of ``files``, and the tuning half of ``dev``."""
    positive: list[str] = []
    negative: list[str] = []
    for path in files:
        if path.exists():
            data = yaml.safe_load(path.read_text()) or {}
            positive += _texts(data.get("positive"))
            negative += _texts(data.get("negative"))
    if dev is not None and dev.exists():
        data = yaml.safe_load(dev.read_text()) or {}
        for side, into in (("positive", positive), ("negative", negative)):
            for key, texts in (data.get(side) or {}).items():
                into += [text for text in texts if in_tuning_half(text, key)]
    return Phrasings(list(dict.fromkeys(positive)), list(dict.fromkeys(negative)))


def fit(positive: np.ndarray, negative: np.ndarray, penalty: float = PENALTY) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-penalised logistic regression (Newton's method), classes balanced."""
    features = np.vstack([positive, negative])
    features = np.hstack([features, np.ones((len(features), 1))])
    labels = np.r_[np.ones(len(positive)), np.zeros(len(negative))]
    # Each class weighs as much as the other, however many phrasings each has.
    sample_weight = np.where(
        labels == 1, len(labels) / (2 * len(positive)), len(labels) / (2 * len(negative))
    )
    weights = np.zeros(features.shape[1])
    ridge = penalty * len(labels) * np.eye(features.shape[1])
    ridge[-1, -1] = 0.0  # the bias is not penalised
    for _ in range(NEWTON_STEPS):
        probability = 1.0 / (1.0 + np.exp(-(features @ weights)))
        gradient = features.T @ (sample_weight * (probability - labels)) + ridge @ weights
        curvature = (features * (sample_weight * probability * (1 - probability))[:, None]).T @ features
        weights -= np.linalg.solve(curvature + ridge, gradient)
    return weights[:-1], float(weights[-1])


class CrisisClassifier:
    """The probability that a sentence embedding is a crisis message."""

    def __init__(self, weights: np.ndarray, bias: float, threshold: float = CRISIS_PROBABILITY) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def fitted(cls, phrasings: Phrasings, encoder: Encoder, ordinary: Sequence[str] = ()) -> CrisisClassifier:
        """Fitted on ``phrasings``, with ``ordinary`` messages (the NLU's examples) as look-alikes too."""
        negative = list(dict.fromkeys([*phrasings.negative, *ordinary]))
        return cls(*fit(encoder.encode(phrasings.positive), encoder.encode(negative)))

    def save(self, path: Path) -> None:
        np.savez(path, weights=self.weights, bias=self.bias)

    @classmethod
    def read(cls, path: Path) -> CrisisClassifier:
        with np.load(path) as arrays:
            return cls(arrays["weights"], float(arrays["bias"]))

    def probabilities(self, embedded: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(embedded @ self.weights + self.bias)))
