#!/usr/bin/env bash
# The whole suite: ruff, mypy, then pytest on SQLite and on PostgreSQL.
# PostgreSQL is required when CI=true (production runs on it); elsewhere it is used when
# reachable at $TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0

run_pytest() {  # label, pytest's -m expression ("" for every test), then environment assignments
  local label=$1 marks=$2; shift 2
  echo "== pytest on $label${marks:+ (-m \"$marks\")} =="
  env "$@" $BIN/python -m pytest -n 2 --dist loadfile -q -p no:cacheprovider ${marks:+-m "$marks"}
  local rc=$?
  if [ $rc -eq 5 ]; then
    echo "pytest on $label collected no tests: that is a failure, not a pass." >&2
    rc=1
  fi
  [ $rc -eq 0 ] || status=1
}

chromium=$(bash scripts/ensure-chromium.sh)
if [ -n "$chromium" ]; then
  export TENANTVOICE_CHROMIUM="$chromium"
elif [ "${CI:-}" = "true" ]; then
  echo "Chromium is needed for the browser tests and could not be installed." >&2
  exit 1
else
  echo "Chromium not found: browser tests will be skipped (install Debian's chromium)." >&2
fi

echo "== ruff =="
$BIN/ruff check src tests bench || status=1
echo "== mypy =="
$BIN/mypy || status=1

run_pytest "SQLite" "" DATABASE_URL="sqlite:///:memory:"

pg_base=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if $BIN/python scripts/pg_ready.py "$pg_base"; then
  # pytest-django makes (and drops) test_<name>[_gwN] from this throwaway name.
  pg_url="${pg_base%/*}/tenantvoice_$$"
  # Tests marked "once" (browser pages, the demo) ran on SQLite and are the same on any database.
  run_pytest "PostgreSQL" "not once" DATABASE_URL="$pg_url"
  $BIN/python scripts/pg_drop_test_dbs.py "$pg_base" "test_tenantvoice_$$" || true
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $pg_base: CI must test on it." >&2
  status=1
else
  echo "PostgreSQL not reachable at $pg_base: skipped (CI runs it)." >&2
fi

if [ $status -eq 0 ]; then echo "All checks passed."; else echo "Some checks failed." >&2; fi
exit $status
