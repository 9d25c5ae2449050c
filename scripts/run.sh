#!/usr/bin/env bash
# Start the action server and the Rasa server together and keep them up: a crashed action server is
# restarted (the Rasa server answers with its fallback meanwhile); Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${RASA_PORT:=5005}" "${ACTIONS_PORT:=5055}"
# The model to serve: a .tar.gz, or a folder whose latest archive is served.
: "${RASA_MODEL:=models}"
export ACTIONS_URL="${ACTIONS_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}"
export RASA_TELEMETRY_ENABLED=false
# One TensorFlow thread per pool: a message's tiny model calls gain nothing from more, and the
# thread hand-offs cost about 10% of the Rasa server's CPU per message (docs/PERFORMANCE.md).
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
command -v curl >/dev/null || { echo "make run needs curl to tell when both servers are ready." >&2; exit 1; }

REST_URL="http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook"
# The restart delay doubles after each crash up to its maximum, and starts again from 1 s once the
# action server has stayed up for a while: a crash loop costs little CPU, a rare crash little time.
RESTART_MAX_SECONDS=30
STAYED_UP_SECONDS=60
# A Rasa server answers only once its model is loaded or has failed to load; a loaded one answers
# every message, so this many empty answers in a row mean that it failed.
EMPTY_ANSWERS_OF_A_FAILED_MODEL=3

log() { echo "[run.sh $(date +%H:%M:%S)] $*" >&2; }

actions_pid="" rasa_pid="" actions_started=0
stop() {
  trap - INT TERM EXIT
  echo "Stopping BackCoach..."
  for pid in $actions_pid $rasa_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C ends the script as soon as both servers have stopped, during start-up too.
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

start_action_server() {
  # The SDK's own entry point: `rasa run actions` would import all of Rasa first. Like the Rasa
  # server, it listens on loopback only (SANIC_HOST; the SDK's default is every interface).
  SANIC_HOST=127.0.0.1 .venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
  actions_pid=$!
  actions_started=$SECONDS
}

start_action_server
# `rasa run` through the project's launcher, which imports Rasa with the project's changes to it
# before Rasa's server sets itself up, so that they also close what they opened when it stops.
.venv/bin/python -m rasa_ext.serve --ports "$RASA_PORT" -- --interface 127.0.0.1 \
  --model "$RASA_MODEL" --credentials credentials.yml --endpoints endpoints.yml &
rasa_pid=$!

answers() { curl -fsS "$1" >/dev/null 2>&1; }
# Whether a message is answered: a loaded model always replies; one that failed to load gives [].
model_answers() {
  curl -fsS --max-time 30 "$REST_URL" -d '{"sender": "make-run-ready-check", "message": "hi"}' 2>/dev/null \
    | grep -q '"recipient_id"'
}
servers_alive() {
  for pid in $actions_pid $rasa_pid; do
    kill -0 "$pid" 2>/dev/null || { echo "A server exited during start-up; see the log above." >&2; return 1; }
  done
}

until answers "http://127.0.0.1:${ACTIONS_PORT}/health" && answers "http://127.0.0.1:${RASA_PORT}/"; do
  servers_alive || exit 1
  sleep 2
done
empty_answers=0
until model_answers; do
  servers_alive || exit 1
  empty_answers=$((empty_answers + 1))
  if [ "$empty_answers" -ge "$EMPTY_ANSWERS_OF_A_FAILED_MODEL" ]; then
    echo "The Rasa server is up but its model does not answer: it failed to load ($RASA_MODEL); see the log above." >&2
    exit 1
  fi
  sleep 1
done
cat <<MSG

BackCoach is ready.
  Web chat: http://localhost:${RASA_PORT}/webhooks/web/
  REST:     curl -s http://localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender": "me", "message": "hi"}'
  Shell:    make shell   (in another terminal)
Press Ctrl-C to stop both servers.
MSG

restart_delay=1
while true; do
  # Interrupted by a signal, `wait` returns before any server has exited; the trap then stops both.
  exited=""
  wait -n -p exited "$actions_pid" "$rasa_pid" && status=0 || status=$?
  if [ "$exited" = "$rasa_pid" ]; then
    log "The Rasa server stopped (status $status); stopping the action server."
    exit "$status"
  fi
  if [ "$exited" = "$actions_pid" ]; then
    if [ $((SECONDS - actions_started)) -ge "$STAYED_UP_SECONDS" ]; then restart_delay=1; fi
    log "The action server exited with status $status; restarting it in ${restart_delay} s" \
      "(until then the assistant answers with its fallback)."
    # In the background, so that Ctrl-C or SIGTERM is handled at once.
    sleep "$restart_delay" &
    wait $! || true
    start_action_server
    log "The action server was restarted (process $actions_pid)."
    restart_delay=$((restart_delay * 2 > RESTART_MAX_SECONDS ? RESTART_MAX_SECONDS : restart_delay * 2))
  fi
done
