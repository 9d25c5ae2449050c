#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in, and requirements-dev.lock from
# requirements-dev.in (constrained to requirements.lock), with pip-compile in a throw-away Python
# 3.10 venv: every package pinned with the sha256 of its files (--generate-hashes), so that
# scripts/setup_venv.sh installs exactly those (--require-hashes). A pin already in a lock is kept
# while it still fits; `bash scripts/lock.sh --upgrade` moves every pin to the newest allowed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(pyenv prefix 3.10.13 2>/dev/null)/bin/python
[ -x "$python" ] || python=$(command -v python3.10)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "pip-tools>=7.4,<8"
# --allow-unsafe: setuptools is a dependency too (APScheduler, tensorboard). The package index of
# the machine that ran this is not written into the locks.
compile() {
  CUSTOM_COMPILE_COMMAND="make lock" "$tmp/venv/bin/pip-compile" --quiet --generate-hashes \
    --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links "$@"
}
compile "$@" --output-file requirements.lock requirements.in
compile "$@" --output-file requirements-dev.lock requirements-dev.in
echo "requirements.lock and requirements-dev.lock updated"
