"""Plain ``make`` prints the targets and does nothing else: installing and training take minutes
and gigabytes, so they run only when asked for (``make run``, ``make test``). ``make train`` goes
through launchers/training.py, which adds no model archive when nothing changed."""

from __future__ import annotations

import subprocess

from launchers.servers import ROOT


def make(*args: str) -> str:
    command = ["make", "--no-print-directory", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60).stdout


def test_plain_make_lists_the_targets() -> None:
    listed = {line.split()[0] for line in make().splitlines()[1:] if line.strip()}
    assert {"run", "test", "setup", "train", "clean"} <= listed


def test_plain_make_would_run_nothing_but_the_listing() -> None:
    planned = make("--dry-run")
    steps = (
        "setup_venv.sh", "npm ci", "knowledge.build", "rasa train", "launchers.training", "scripts/run.sh"
    )
    for step in steps:
        assert step not in planned, planned


def test_make_train_trains_through_the_fingerprint_check_and_keeps_a_few_models() -> None:
    planned = make("--dry-run", "--old-file=knowledge", "train")
    assert "-m launchers.training --models models --keep 3 -- .venv/bin/rasa train" in planned
