#!/usr/bin/env bash
# Run a command, and start it again whenever it stops (used by `make demo` for the task worker;
# in production systemd's Restart=always does this: see docs/deployment.md).
# Usage: scripts/supervise.sh NAME DELAY_SECONDS COMMAND [ARGS...]
# Stopping this script (TERM or INT) stops the command too.
set -uo pipefail
name=$1 delay=$2
shift 2
child=
stop() {
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  exit 0
}
trap stop TERM INT HUP
while true; do
  "$@" &
  child=$!
  wait "$child"
  status=$?
  child=
  # Wait first: when the whole demo is stopped (Ctrl+C), this script is stopped meanwhile.
  sleep "$delay" &
  wait $!
  echo "The $name stopped (exit status $status): started it again." >&2
done
