#!/usr/bin/env bash
# Start the action server (:5055) and Rasa (:5005) with the embedded SQLite tracker store.
# `scripts/run.sh shell` chats in the terminal instead of serving HTTP. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
mkdir -p .run
export PYTHONPATH="$PWD"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTION_PORT}/webhook}"
export TRACKER_DB="${TRACKER_DB:-$PWD/.run/tracker.db}"

pids=()
stopping=
stop() {
  stopping=1
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "Stopped."
}
trap stop INT TERM EXIT

$PY -m rasa_sdk --actions actions --port "$ACTION_PORT" > .run/actions.log 2>&1 &
pids+=($!)
echo "Action server starting on :$ACTION_PORT (log: .run/actions.log)"

if [ "${1:-}" = "shell" ]; then
  $PY scripts/run_rasa.py shell --model models/iop-faq.tar.gz --endpoints endpoints.yml
  exit 0
fi

$PY scripts/run_rasa.py run --model models/iop-faq.tar.gz --port "$PORT" --credentials credentials.yml \
  --endpoints endpoints.yml --cors "${RASA_CORS:-http://localhost:$PORT}" > .run/rasa.log 2>&1 &
pids+=($!)
echo "Rasa starting on :$PORT (log: .run/rasa.log) ..."
ready=
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 \
     && curl -fsS "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1; then ready=1; break; fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then echo "Rasa exited; see .run/rasa.log:"; tail -20 .run/rasa.log; exit 1; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "The action server exited; see .run/actions.log:"; tail -20 .run/actions.log; exit 1
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "Rasa (:$PORT) and the action server (:$ACTION_PORT) were not both up after 2 minutes;"
  echo "see .run/rasa.log and .run/actions.log"
  exit 1
fi
cat <<MSG

The assistant is ready.
  Chat in a browser:  http://localhost:$PORT/webhooks/webchat/
  Chat over REST:     curl -s localhost:$PORT/webhooks/rest/webhook -d '{"sender":"me","message":"what is IOP?"}'
  Chat in a terminal: make shell
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
if [ -z "$stopping" ]; then
  echo "A server exited; see .run/rasa.log and .run/actions.log"
  exit 1  # the EXIT trap stops the other one
fi
