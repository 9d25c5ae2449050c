#!/usr/bin/env bash
# Start the action server and the Rasa server together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${RASA_PORT:=5005}" "${ACTIONS_PORT:=5055}"
export ACTIONS_URL="${ACTIONS_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}"
export RASA_TELEMETRY_ENABLED=false
# One TensorFlow thread per pool: a message's tiny model calls gain nothing from more, and the
# thread hand-offs cost about 10% of the Rasa server's CPU per message (docs/PERFORMANCE.md).
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
command -v curl >/dev/null || { echo "make run needs curl to tell when both servers are ready." >&2; exit 1; }

pids=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping BackCoach..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C ends the script as soon as both servers have stopped, during start-up too.
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# The SDK's own entry point: `rasa run actions` would import all of Rasa first. Like the Rasa
# server, it listens on loopback only (SANIC_HOST; the SDK's default is every interface).
SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
# `rasa run` through the project's launcher, which imports Rasa with the project's changes to it
# before Rasa's server sets itself up, so that they also close what they opened when it stops.
.venv/bin/python -m backcoach.serve --ports "$RASA_PORT" -- --interface 127.0.0.1 \
  --credentials credentials.yml --endpoints endpoints.yml &
pids+=($!)

ready() { curl -fsS "$1" >/dev/null 2>&1; }
until ready "http://127.0.0.1:${RASA_PORT}/" && ready "http://127.0.0.1:${ACTIONS_PORT}/health"; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A server exited during start-up; see the log above." >&2; exit 1; }
  done
  sleep 2
done
cat <<MSG

BackCoach is ready.
  REST:  curl -s http://localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender": "me", "message": "hi"}'
  Shell: make shell   (in another terminal)
Press Ctrl-C to stop both servers.
MSG
wait -n "${pids[@]}"
