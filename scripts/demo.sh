#!/usr/bin/env bash
# `make demo`: database, demo landlord, one task worker and the web server, together.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=tenantvoice.settings.local
# PORT=8001 make demo serves on another port; links in messages follow it.
PORT=${PORT:-8000}
export TENANTVOICE_SITE_URL=${TENANTVOICE_SITE_URL:-http://127.0.0.1:$PORT}
echo "Setting up the database ..."
$BIN/tenantvoice migrate --noinput -v 0
$BIN/tenantvoice demo --households "${DEMO_HOUSEHOLDS:-2000}"
# The worker runs beside the server, as in production, so imports and messages run in the
# background; if it stops, it is started again (as systemd's Restart=always does in production).
bash scripts/supervise.sh "task worker" 2 $BIN/tenantvoice db_worker --queue-name '*' --interval 1 --no-reload -v 0 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "TenantVoice is at http://127.0.0.1:$PORT  (press Ctrl+C to stop)"
echo "The task worker runs beside it and is started again if it stops."
$BIN/tenantvoice runserver "127.0.0.1:$PORT" --noreload
