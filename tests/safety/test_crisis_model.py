"""The crisis classifier: a logistic regression over sentence embeddings, fitted on the project's
phrasings, never on eval/."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from safety.crisis_model import CrisisClassifier, Phrasings, fit, training_phrasings
from safety.tuning import in_tuning_half


def test_the_fit_separates_two_directions_and_leaves_the_middle_uncertain() -> None:
    rng = np.random.default_rng(7)
    crisis = np.array([1.0, 0.0, 0.0]) + rng.normal(0, 0.2, (40, 3))
    ordinary = np.array([0.0, 1.0, 0.0]) + rng.normal(0, 0.2, (120, 3))
    classifier = CrisisClassifier(*fit(crisis, ordinary))
    probabilities = classifier.probabilities(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]))
    assert probabilities[0] > 0.95 and probabilities[1] < 0.05
    # Classes weigh the same however many phrasings each has: the midpoint is a coin toss.
    assert 0.3 < probabilities[2] < 0.7


def test_the_penalty_keeps_one_phrasing_from_deciding() -> None:
    crisis = np.array([[1.0, 0.0]])
    ordinary = np.array([[0.0, 1.0], [0.1, 0.9]])
    weak, _ = fit(crisis, ordinary, penalty=1.0)
    strong, _ = fit(crisis, ordinary, penalty=1e-4)
    assert np.linalg.norm(weak) < np.linalg.norm(strong)


def test_the_classifier_is_saved_and_read_unchanged(tmp_path: Path) -> None:
    classifier = CrisisClassifier(np.arange(4, dtype=float), -1.5)
    classifier.save(tmp_path / "c.npz")
    read = CrisisClassifier.read(tmp_path / "c.npz")
    np.testing.assert_array_equal(read.weights, classifier.weights)
    assert read.bias == -1.5


class _Lookup:
    """An encoder that embeds by a table, to fit without the model."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([self.table[text] for text in texts])


def test_ordinary_messages_join_the_look_alikes() -> None:
    table = {"end it": [1.0, 0.0], "ache": [0.0, 1.0], "stiff": [0.1, 1.0], "hello": [0.6, 0.4]}
    phrasings = Phrasings(positive=["end it"], negative=["ache", "stiff"])
    without = CrisisClassifier.fitted(phrasings, _Lookup(table))
    with_ordinary = CrisisClassifier.fitted(phrasings, _Lookup(table), ordinary=["hello", "ache"])
    hello = np.array([table["hello"]])
    assert with_ordinary.probabilities(hello)[0] < without.probabilities(hello)[0]


def test_the_phrasings_hold_the_files_and_only_the_tuning_half_of_the_development_set(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yml"
    bank.write_text(yaml.safe_dump({"positive": {"suicidal": ["a", "b"]}, "negative": ["c"]}))
    extra = tmp_path / "extra.yml"
    extra.write_text(yaml.safe_dump({"positive": ["b", "d"], "negative": ["e"]}))
    texts = [f"phrasing {n}" for n in range(40)]
    dev = tmp_path / "dev.yml"
    dev.write_text(yaml.safe_dump({"positive": {"kind": texts}, "negative": {}}))
    phrasings = training_phrasings((bank, extra, tmp_path / "missing.yml"), dev)
    tuning = [text for text in texts if in_tuning_half(text, "kind")]
    assert 0 < len(tuning) < len(texts)
    assert phrasings.positive == ["a", "b", "d", *tuning]
    assert phrasings.negative == ["c", "e"]
