#!/usr/bin/env bash
# `make bench`: every benchmark at its issue's target size. Each prints its own figures.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0
for bench in bench/bench_*.py; do
  echo "== $bench =="
  $BIN/python "$bench" || status=1
done
exit $status
