"""``make train`` (launchers/training.py) adds a model archive only when config, domain or training data
changed, and keeps the newest few; a stand-in for ``rasa train`` writes the archives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from launchers.servers import ROOT

KEEP = 3
# Writes a new archive as `rasa train` does, and counts its runs.
FAKE_RASA_TRAIN = (
    "import pathlib, time; "
    "archive = pathlib.Path('models') / f'{time.time_ns()}.tar.gz'; archive.write_bytes(b'model'); "
    "open('trainings', 'a').write('trained\\n')"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "nlu.yml").write_text("nlu: []\n")
    (tmp_path / "config.yml").write_text("language: en\n")
    (tmp_path / "domain.yml").write_text("intents: [greet]\n")
    return tmp_path


def make_train(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "launchers.training", "--keep", str(KEEP), "--"]
        + [sys.executable, "-c", FAKE_RASA_TRAIN],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )


def trainings(project: Path) -> int:
    path = project / "trainings"
    return len(path.read_text().splitlines()) if path.exists() else 0


def models(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "models").glob("*.tar.gz"))


def test_an_unchanged_project_is_not_trained_again_and_adds_no_archive(project: Path) -> None:
    make_train(project)
    first = models(project)
    assert trainings(project) == 1 and len(first) == 1

    second = make_train(project)
    assert trainings(project) == 1
    assert models(project) == first
    assert "up to date" in second.stdout


@pytest.mark.parametrize("changed", ["domain.yml", "config.yml", "data/nlu.yml", "data/rules.yml"])
def test_a_change_to_config_domain_or_data_trains_again(project: Path, changed: str) -> None:
    make_train(project)
    (project / changed).write_text("# changed\n")
    make_train(project)
    assert trainings(project) == 2
    assert len(models(project)) == 2


def test_only_the_newest_archives_are_kept(project: Path) -> None:
    kept = []
    for number in range(KEEP + 2):
        (project / "domain.yml").write_text(f"intents: [greet{number}]\n")
        make_train(project)
        kept = (kept + models(project)[-1:])[-KEEP:]
    assert models(project) == kept
    records = sorted(path.name.removesuffix(".inputs") for path in (project / "models").glob("*.inputs"))
    assert records == kept


def test_a_model_trained_without_a_record_is_trained_again(project: Path) -> None:
    (project / "models").mkdir()
    (project / "models" / "1.tar.gz").write_bytes(b"trained by rasa train itself")
    make_train(project)
    assert trainings(project) == 1
    make_train(project)
    assert trainings(project) == 1


def test_a_failed_training_fails_make_train(project: Path) -> None:
    failed = subprocess.run(
        [sys.executable, "-m", "launchers.training", "--", sys.executable, "-c", "raise SystemExit(3)"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
    )
    assert failed.returncode == 3
