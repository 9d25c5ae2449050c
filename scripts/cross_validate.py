"""Rasa's NLU cross-validation on folds drawn with a fixed seed.

Rasa 3.6 draws the folds of ``rasa test nlu --cross-validation`` with an unseeded
``StratifiedKFold(shuffle=True)`` (``generate_folds`` in ``rasa/nlu/test.py``), so two runs of the
same configuration test on different splits, and a difference between two configurations mixes
the change with the luck of the split. This runs Rasa's own cross-validation in this process with
the split's seed fixed: configurations run with the same seed are tested on identical folds.

    python -m scripts.cross_validate --config config.yml --out results/cv/current
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import sklearn.model_selection

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
FOLD_SEED = 2016


def seed_folds(seed: int) -> None:
    """Make every ``StratifiedKFold`` created from now on draw its shuffle from ``seed``."""
    unseeded = sklearn.model_selection.StratifiedKFold
    if isinstance(unseeded, functools.partial):
        unseeded = unseeded.func
    # generate_folds imports StratifiedKFold from this module when it runs, so this is what it gets.
    sklearn.model_selection.StratifiedKFold = functools.partial(unseeded, random_state=seed)


def macro_f1(out: Path) -> dict[str, float | None]:
    """Intent and entity macro-F1 of a finished cross-validation written to ``out``.

    Entities are scored from DIET's report, or from an entity extractor's where one is configured.
    """

    def score(report: Path) -> float:
        return json.loads(report.read_text())["macro avg"]["f1-score"]

    intent = out / "intent_report.json"
    entity_reports = sorted(out.glob("*DIETClassifier_report.json")) + sorted(
        out.glob("*EntityExtractor_report.json")
    )
    return {
        "intent": score(intent) if intent.exists() else None,
        "entity": score(entity_reports[-1]) if entity_reports else None,
    }


def cross_validate(
    config: Path, out: Path, folds: int = FOLDS, seed: int = FOLD_SEED
) -> dict[str, float | None]:
    """Run ``rasa test nlu --cross-validation`` on ``data/nlu`` with seeded folds; return macro-F1s."""
    from rasa.__main__ import main as rasa_main

    out.mkdir(parents=True, exist_ok=True)
    seed_folds(seed)
    argv = sys.argv
    sys.argv = [
        "rasa",
        "test",
        "nlu",
        "--cross-validation",
        "--folds",
        str(folds),
        "--config",
        str(config),
        "--nlu",
        str(ROOT / "data" / "nlu"),
        "--out",
        str(out),
    ]
    try:
        rasa_main()
    finally:
        sys.argv = argv
    return macro_f1(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--seed", type=int, default=FOLD_SEED)
    args = parser.parse_args(argv)
    scores = cross_validate(args.config, args.out, args.folds, args.seed)
    print(json.dumps({"config": str(args.config), "folds": args.folds, "seed": args.seed, **scores}))


if __name__ == "__main__":
    main()
