"""Cross-validation folds drawn with a fixed seed are the same folds every time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import sklearn.model_selection

from scripts.cross_validate import macro_f1, seed_folds


@pytest.fixture
def unseeded() -> Iterator[type]:
    original = sklearn.model_selection.StratifiedKFold
    yield original
    sklearn.model_selection.StratifiedKFold = original


def folds() -> list[list[int]]:
    labels = ["a", "b", "c"] * 10
    # How rasa.nlu.test.generate_folds creates and uses it.
    splitter = sklearn.model_selection.StratifiedKFold(n_splits=5, shuffle=True)
    return [test.tolist() for _, test in splitter.split(np.zeros(len(labels)), labels)]


def test_seeded_folds_repeat_and_depend_on_the_seed(unseeded: type) -> None:
    assert folds() != folds()  # Rasa's own: a new split each time (1 in 10^20 to fail)
    seed_folds(2016)
    first = folds()
    assert folds() == first
    seed_folds(2016)  # seeding again wraps the original class, not the seeded one
    assert folds() == first
    assert sklearn.model_selection.StratifiedKFold.func is unseeded
    seed_folds(7)
    assert folds() != first


def test_macro_f1_reads_intent_and_entity_reports(tmp_path: Path) -> None:
    (tmp_path / "intent_report.json").write_text(json.dumps({"macro avg": {"f1-score": 0.95}}))
    assert macro_f1(tmp_path) == {"intent": 0.95, "entity": None}
    diet_report = tmp_path / "FastTrainingDIETClassifier_report.json"
    diet_report.write_text(json.dumps({"macro avg": {"f1-score": 0.8}}))
    assert macro_f1(tmp_path) == {"intent": 0.95, "entity": 0.8}
    (tmp_path / "RegexEntityExtractor_report.json").write_text(json.dumps({"macro avg": {"f1-score": 0.9}}))
    assert macro_f1(tmp_path) == {"intent": 0.95, "entity": 0.9}
