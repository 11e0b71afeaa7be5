#!/usr/bin/env bash
# Start the action server (:5055) and the Rasa server with the REST channel (:5005)
# on 127.0.0.1, wait until both answer, print where to chat. Ctrl-C stops both.
# `scripts/run.sh shell` chats in the terminal instead of serving REST.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH="$PWD" SANIC_HOST=127.0.0.1
HOST=${MBC_HOST:-127.0.0.1}
RASA_PORT=${MBC_RASA_PORT:-5005}
ACTION_PORT=${MBC_ACTION_PORT:-5055}
ENDPOINTS=${MBC_ENDPOINTS:-endpoints.yml}
mkdir -p var logs

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" --quiet >logs/actions.log 2>&1 &
pids+=($!)

if [[ "${1:-}" == "shell" ]]; then
  .venv/bin/rasa shell --model models/mbc.tar.gz --endpoints "$ENDPOINTS"
  exit 0
fi

.venv/bin/rasa run --model models/mbc.tar.gz --endpoints "$ENDPOINTS" --credentials credentials.yml \
  --interface "$HOST" --port "$RASA_PORT" --cors ${MBC_CORS_ORIGINS:-"http://127.0.0.1:8080"} >logs/rasa.log 2>&1 &
pids+=($!)

echo "Starting... (logs in logs/)"
for _ in $(seq 1 240); do
  if curl -fs "http://$HOST:$RASA_PORT/" >/dev/null 2>&1 && curl -fs "http://$HOST:$ACTION_PORT/health" >/dev/null 2>&1; then
    cat <<MSG

The MBC answer bot is ready.
  Chat over REST:  curl -s -XPOST http://$HOST:$RASA_PORT/webhooks/rest/webhook \\
                     -H 'Content-Type: application/json' -d '{"sender":"me","message":"where does breast cancer spread?"}'
  Terminal chat:   make shell
Press Ctrl-C to stop.
MSG
    wait -n "${pids[@]}"
    echo "A server stopped; see logs/." >&2
    exit 1
  fi
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "A server failed to start; see logs/." >&2; tail -20 logs/*.log >&2; exit 1; }; done
  sleep 0.5
done
echo "Timed out waiting for the servers; see logs/." >&2
exit 1
