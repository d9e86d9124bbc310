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
  # The running jobs, not just $child: a signal can arrive after the command has started but
  # before `child=$!` has run, and the command would be left running on its own.
  local running
  running=$(jobs -p)
  if [ -n "$running" ]; then
    # shellcheck disable=SC2086  # one pid per word
    kill -TERM $running 2>/dev/null
    wait $running 2>/dev/null
  fi
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
