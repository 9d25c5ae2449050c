"""Cross-validate NLU pipelines that differ only in tokenisation and write docs/NLU.md.

``make nlu-compare`` runs it: 5-fold ``rasa test nlu --cross-validation`` for each candidate, on
the same data and seed. It takes about 15 minutes on 2 cores, so it is not part of ``make test``.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "nlu-compare"
FOLDS = 5

CANDIDATES: dict[str, list[dict[str, Any]]] = {
    "whitespace": [{"name": "WhitespaceTokenizer"}],
    "spacy-lemmas": [
        {"name": "SpacyNLP", "model": "var/spacy-en", "case_sensitive": False},
        {"name": "SpacyTokenizer"},
    ],
}


def candidate_config(base: dict[str, Any], tokenizer: list[dict[str, Any]]) -> dict[str, Any]:
    """``config.yml`` with its tokenisation steps replaced by ``tokenizer``."""
    config = copy.deepcopy(base)
    rest = [
        c
        for c in config["pipeline"]
        if c["name"] not in {"SpacyNLP", "SpacyTokenizer", "WhitespaceTokenizer"}
    ]
    config["pipeline"] = tokenizer + rest
    return config


def macro_f1(out: Path) -> float:
    report = json.loads((out / "intent_report.json").read_text())
    return report["macro avg"]["f1-score"]


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    scores: dict[str, float] = {}
    for name, tokenizer in CANDIDATES.items():
        out = RESULTS / name
        out.mkdir(parents=True, exist_ok=True)
        config_path = out / "config.yml"
        config_path.write_text(yaml.safe_dump(candidate_config(base, tokenizer), sort_keys=False))
        subprocess.run(
            [
                str(ROOT / ".venv/bin/rasa"),
                "test",
                "nlu",
                "--cross-validation",
                "--folds",
                str(FOLDS),
                "--config",
                str(config_path),
                "--nlu",
                "data/nlu",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            check=True,
        )
        scores[name] = macro_f1(out)
        print(f"{name}: macro-F1 {scores[name]:.4f}", flush=True)
    write_report(scores)


def write_report(scores: dict[str, float]) -> None:
    best = max(scores, key=scores.get)
    rows = "\n".join(f"| {name} | {score:.4f} |" for name, score in scores.items())
    (ROOT / "docs" / "NLU.md").write_text(
        f"""# NLU pipeline comparison

Measured on {date.today().isoformat()} with `make nlu-compare` (`scripts/compare_nlu.py`):
{FOLDS}-fold `rasa test nlu --cross-validation` on `data/nlu/`, intent classification.
Both candidates share everything in `config.yml` except tokenisation: lexical-syntactic
features, word counts (lemmas where the tokenizer provides them), char n-grams 1-4 (`char_wb`),
DIETClassifier with 100 epochs and a fixed seed.

| pipeline | intent macro-F1 |
|---|---|
{rows}

Kept: **{best}** (target: macro-F1 >= 0.95). Per-intent reports are written to
`results/nlu-compare/<pipeline>/intent_report.json` when the comparison runs.
""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
