"""Train only when what the model is trained from has changed, and keep the latest few models.

``rasa train`` packs a new archive (about 34 MB) into ``models/`` on every run, even when every
component comes from its training cache, so each ``make run`` added one. Here the training command
runs only when the fingerprint of its inputs (config, domain, training data, the crisis phrasings
the NLU's crisis classifier is fitted on, and Rasa's version)
differs from the one recorded beside the latest archive (``<archive>.inputs``), and afterwards only
the newest ``--keep`` archives stay. A model trained without this (no record) is trained again once.
Changes to the custom components' code are not part of the fingerprint, as they are not for Rasa's
own cache: after changing how a component trains, use ``rasa train --force``.

``python -m launchers.training --models models --keep 3 -- .venv/bin/rasa train --num-threads 2``
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from safety.crisis_model import FITTED_FROM

PROJECT = Path(__file__).resolve().parent.parent
# The crisis classifier's phrasings are training data of the NLU's RedFlagDetector.
TRAINING_INPUTS = (
    "config.yml",
    "domain.yml",
    "data",
    *(str(path.relative_to(PROJECT)) for path in FITTED_FROM),
)
RECORD_SUFFIX = ".inputs"
ARCHIVE_PATTERN = "*.tar.gz"


def inputs_fingerprint(root: Path, inputs: Sequence[str] = TRAINING_INPUTS) -> str:
    """sha256 over Rasa's version and the paths and contents of every file under ``inputs``."""
    digest = hashlib.sha256(f"rasa {version('rasa')}\n".encode())
    for name in inputs:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(f"{file.relative_to(root)}\n".encode())
            digest.update(file.read_bytes() if file.exists() else b"(missing)")
    return digest.hexdigest()


def archives(models: Path) -> list[Path]:
    """The model archives in ``models``, oldest first (by change time, as Rasa picks the latest)."""
    return sorted(models.glob(ARCHIVE_PATTERN), key=lambda path: path.stat().st_ctime)


def record_of(archive: Path) -> Path:
    return archive.with_name(archive.name + RECORD_SUFFIX)


def is_up_to_date(models: Path, fingerprint: str) -> bool:
    """Whether the latest archive was trained from inputs with ``fingerprint``."""
    existing = archives(models)
    if not existing:
        return False
    record = record_of(existing[-1])
    return record.exists() and record.read_text().strip() == fingerprint


def prune(models: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives and the records of deleted archives; the deleted."""
    deleted = archives(models)[:-keep] if keep > 0 else []
    for archive in deleted:
        archive.unlink()
    kept = {archive.name for archive in archives(models)}
    for record in models.glob("*" + RECORD_SUFFIX):
        if record.name.removesuffix(RECORD_SUFFIX) not in kept:
            record.unlink()
    return deleted


def ensure_trained(root: Path, models: Path, keep: int, train_command: Sequence[str]) -> int:
    """Run ``train_command`` unless the latest model is up to date; prune; the command's status."""
    fingerprint = inputs_fingerprint(root)
    if is_up_to_date(models, fingerprint):
        print(f"The model is up to date with its training inputs: {archives(models)[-1]}")
    else:
        before = set(archives(models))
        status = subprocess.run(list(train_command), cwd=root).returncode
        trained = [archive for archive in archives(models) if archive not in before]
        if status != 0 or not trained:
            return status or 1
        # Read again: the record must name the inputs the model was trained from, and a file
        # edited during the training would make the model older than the record claims.
        if inputs_fingerprint(root) == fingerprint:
            record_of(trained[-1]).write_text(fingerprint + "\n")
    for archive in prune(models, keep):
        print(f"Deleted the old model {archive}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m launchers.training",
        description="Train only when config, domain or data changed; keep the newest models.",
        epilog="The training command follows --, e.g. -- .venv/bin/rasa train --num-threads 2",
    )
    parser.add_argument("--models", type=Path, default=Path("models"), help="where the archives are")
    parser.add_argument("--keep", type=int, default=3, help="how many of the newest archives to keep")
    argv = list(sys.argv[1:] if argv is None else argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    train_command = argv[cut + 1 :]
    if not train_command:
        parser.error("give the training command after --")
    args.models.mkdir(parents=True, exist_ok=True)
    return ensure_trained(Path.cwd(), args.models, args.keep, train_command)


if __name__ == "__main__":
    sys.exit(main())
