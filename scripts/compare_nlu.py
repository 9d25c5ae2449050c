"""Cross-validate NLU pipelines that differ only in tokenisation and print their scores.

``make nlu-compare`` runs it: 5-fold cross-validation for each candidate on the same data and the
same folds (``scripts/cross_validate.py``). It takes about half an hour on 2 cores, so it is not
part of ``make test``; docs/NLU.md records the results and the choice.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from scripts.cross_validate import FOLD_SEED, FOLDS, macro_f1

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "nlu-compare"

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


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    rows = ["| pipeline | intent macro-F1 | entity macro-F1 |", "|---|---|---|"]
    for name, tokenizer in CANDIDATES.items():
        out = RESULTS / name
        out.mkdir(parents=True, exist_ok=True)
        config_path = out / "config.yml"
        config_path.write_text(yaml.safe_dump(candidate_config(base, tokenizer), sort_keys=False))
        subprocess.run(
            [sys.executable, "-m", "scripts.cross_validate", "--config", str(config_path), "--out", str(out)],
            cwd=ROOT,
            check=True,
        )
        scores = macro_f1(out)
        rows.append(f"| {name} | {_score(scores['intent'])} | {_score(scores['entity'])} |")
        print(rows[-1], flush=True)
    print(f"\n{FOLDS} folds, seed {FOLD_SEED}, measured {date.today().isoformat()}:\n" + "\n".join(rows))


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.4f}"


if __name__ == "__main__":
    sys.exit(main())
