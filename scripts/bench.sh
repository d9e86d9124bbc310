#!/usr/bin/env bash
# `make bench`: every benchmark at its issue's target size. Each prints its own figures.
# Each runs on a fresh SQLite file; when PostgreSQL answers at $TEST_POSTGRES_URL, the survey
# results and mass-send benchmarks also run on a throwaway PostgreSQL database, since production runs there.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0
for bench in bench/bench_*.py; do
  echo "== $bench =="
  $BIN/python "$bench" || status=1
done
pg_base=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if $BIN/python scripts/pg_ready.py "$pg_base"; then
  db="tenantvoice_bench_$$"
  echo "== bench/bench_survey_results.py on PostgreSQL =="
  $BIN/python scripts/pg_create_db.py "$pg_base" "$db" \
    && $BIN/python bench/bench_survey_results.py --database-url "${pg_base%/*}/$db" || status=1
  $BIN/python scripts/pg_drop_test_dbs.py "$pg_base" "$db" || true
  echo "== bench/bench_mass_send.py on PostgreSQL =="
  $BIN/python scripts/pg_create_db.py "$pg_base" "${db}_send" \
    && $BIN/python bench/bench_mass_send.py --database-url "${pg_base%/*}/${db}_send" || status=1
  $BIN/python scripts/pg_drop_test_dbs.py "$pg_base" "${db}_send" || true
fi
exit $status
