#!/usr/bin/env bash
# Re-resolve the dependencies in a scratch environment and pin them in requirements/constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --upgrade pip
# Every extra, so the pins cover the benchmarks' baseline (django-import-export) too.
"$tmp/venv/bin/pip" install --quiet -e ".[dev,bench]"
{
  echo "# Exact versions of every dependency, so a fresh install gets what was tested."
  echo "# Regenerate with \`make lock\` after changing pyproject.toml."
  "$tmp/venv/bin/pip" freeze --exclude-editable | grep -v '^tenantvoice'
} > requirements/constraints.txt
echo "requirements/constraints.txt updated"
