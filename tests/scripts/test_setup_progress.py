"""Setup shows its progress: scripts/setup_venv.sh lets pip print (and installs the lock by hash),
scripts/install_chromium.sh lets apt-get print. Stand-ins for Python, pip and apt-get print what
the real ones would, unless told to be quiet, so nothing is installed here."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

from launchers.servers import ROOT

# pip and apt-get as they behave: progress lines unless quiet. Each call's arguments are logged.
FAKE_PIP_PYTHON = """#!/bin/bash
echo "$*" >> "$CALLS"
case " $* " in *" --quiet "*|*" -q "*) exit 0;; esac
echo "Collecting fake-package (from -r requirements)"
"""
FAKE_PYTHON310 = """#!/bin/bash
case "$1" in
  -c) exit 0;;
  --version) echo "Python 3.10.99";;
  -m) mkdir -p .venv/bin && cp "$FAKE_PIP_PYTHON" .venv/bin/python && chmod +x .venv/bin/python;;
esac
"""
FAKE_APT_GET = """#!/bin/bash
echo "$*" >> "$CALLS"
case " $* " in *" -qq "*|*" -q "*) exit 0;; esac
echo "apt-get progress: $1"
"""


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def run(command: list[str], cwd: Path, bin_dir: Path, calls: Path, **env: str) -> str:
    result = subprocess.run(
        command,
        cwd=cwd,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "CALLS": str(calls), "HOME": str(cwd), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_setup_venv_shows_pips_progress_and_installs_both_locks_by_hash(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup_venv.sh", project / "scripts")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_pip = executable(tmp_path / "pip-python", FAKE_PIP_PYTHON)
    executable(bin_dir / "python3.10", FAKE_PYTHON310)
    calls = tmp_path / "calls"

    output = run(["bash", "scripts/setup_venv.sh"], project, bin_dir, calls, FAKE_PIP_PYTHON=str(fake_pip))

    installs = calls.read_text().splitlines()
    assert [line for line in installs if "-r requirements.lock -r requirements-dev.lock" in line], installs
    assert all("--require-hashes" in line for line in installs), installs
    assert output.count("Collecting fake-package") == len(installs) == 2, output


def test_install_chromium_shows_apt_gets_progress(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # As root, whoever runs the tests: otherwise the script hands itself over to sudo.
    executable(bin_dir / "id", '#!/bin/sh\n[ "$1" = "-u" ] && echo 0 || exec /usr/bin/id "$@"\n')
    executable(bin_dir / "apt-get", FAKE_APT_GET)
    executable(bin_dir / "chromium", "#!/bin/sh\n")
    calls = tmp_path / "calls"

    output = run(["bash", str(ROOT / "scripts" / "install_chromium.sh")], tmp_path, bin_dir, calls)

    assert "apt-get progress: update" in output
    assert "apt-get progress: install" in output
