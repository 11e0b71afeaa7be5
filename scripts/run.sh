#!/usr/bin/env bash
# Start the action server (:5055), the Rasa server with the REST channel (:5005) and the
# web service (:8080: the widget's demo page and the volunteer lookup page) on 127.0.0.1,
# wait until all answer, print where to chat. Ctrl-C stops them all.
# `scripts/run.sh shell` (make shell) starts the action and Rasa servers, then chats in this
# terminal through the REST channel (channels/terminal.py: answers, sources and choices as
# readable text); leaving the chat stops the servers.
# CORS: the bot accepts browser calls only from MBC_CORS_ORIGINS (space-separated),
# by default the web service's own origin.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH="$PWD" SANIC_HOST=127.0.0.1
HOST=${MBC_HOST:-127.0.0.1}
RASA_PORT=${MBC_RASA_PORT:-5005}
ACTION_PORT=${MBC_ACTION_PORT:-5055}
WEB_PORT=${MBC_WEB_PORT:-8080}
CORS_ORIGINS=${MBC_CORS_ORIGINS:-"http://127.0.0.1:$WEB_PORT http://localhost:$WEB_PORT"}
read -r -a CORS_LIST <<<"$CORS_ORIGINS"  # split on spaces, no glob expansion
ENDPOINTS=${MBC_ENDPOINTS:-endpoints.yml}
mkdir -p var logs
if [[ "$ENDPOINTS" == "endpoints.yml" && "$ACTION_PORT" != "5055" ]]; then
  # endpoints.yml names the default action port; follow MBC_ACTION_PORT
  sed "s#127.0.0.1:5055/webhook#127.0.0.1:$ACTION_PORT/webhook#" endpoints.yml > var/endpoints.yml
  ENDPOINTS=var/endpoints.yml
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" --quiet >logs/actions.log 2>&1 &
pids+=($!)

# Messaging channels whose environment variables are set (docs/channels.md), plus REST
.venv/bin/python -m channels.credentials credentials.yml var/credentials.yml
.venv/bin/python -m addons.serve run --model models/mbc.tar.gz --endpoints "$ENDPOINTS" --credentials var/credentials.yml \
  --interface "$HOST" --port "$RASA_PORT" --cors "${CORS_LIST[@]}" >logs/rasa.log 2>&1 &
pids+=($!)

if [[ "${1:-}" == "shell" ]]; then
  echo "Starting... (logs in logs/)"
  for _ in $(seq 1 240); do
    if curl -fs "http://$HOST:$RASA_PORT/" >/dev/null 2>&1 && curl -fs "http://$HOST:$ACTION_PORT/health" >/dev/null 2>&1; then
      .venv/bin/python -m channels.terminal --url "http://$HOST:$RASA_PORT"
      exit 0
    fi
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "A server failed to start; see logs/." >&2; tail -20 logs/*.log >&2; exit 1; }; done
    sleep 0.5
  done
  echo "Timed out waiting for the servers; see logs/." >&2
  exit 1
fi

.venv/bin/python -m web --host "$HOST" --port "$WEB_PORT" --bot-url "http://$HOST:$RASA_PORT" >logs/web.log 2>&1 &
pids+=($!)

echo "Starting... (logs in logs/)"
for _ in $(seq 1 240); do
  if curl -fs "http://$HOST:$RASA_PORT/" >/dev/null 2>&1 && curl -fs "http://$HOST:$ACTION_PORT/health" >/dev/null 2>&1 \
     && curl -fs "http://$HOST:$WEB_PORT/healthz" >/dev/null 2>&1; then
    cat <<MSG

The MBC answer bot is ready.
  Chat over REST:  curl -s -XPOST http://$HOST:$RASA_PORT/webhooks/rest/webhook \\
                     -H 'Content-Type: application/json' -d '{"sender":"me","message":"where does breast cancer spread?"}'
  Widget demo page: http://$HOST:$WEB_PORT/
  Volunteer lookup: http://$HOST:$WEB_PORT/lookup
  Terminal chat:   make shell
  Browser origins allowed to call the bot (CORS): $CORS_ORIGINS
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
