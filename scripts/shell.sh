#!/usr/bin/env bash
# Chat in the terminal: starts the action server in the background and `rasa shell` in front.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ACTIONS_PORT:=5055}"
export ACTIONS_URL="${ACTIONS_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}"
export RASA_TELEMETRY_ENABLED=false
# Both servers on loopback only (the SDK reads SANIC_HOST; its default is every interface), as for `make run`.
SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" >var/actions-shell.log 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT
# `rasa shell` with the project's changes to Rasa installed, as the servers of `make run` have them.
.venv/bin/python -m rasa_ext.rasa_cli shell --interface 127.0.0.1 --endpoints endpoints.yml
