# TenantVoice: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt

.PHONY: demo test lint typecheck e2e-browser bench lock clean help

help:
	@echo "make demo   run TenantVoice with a demo landlord at http://127.0.0.1:8000"
	@echo "make test   run the whole test suite (SQLite, then PostgreSQL when available), ruff and mypy"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "TenantVoice needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed-runtime: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	touch $@ $(VENV)/.installed-runtime

demo: $(VENV)/.installed-runtime
	@bash scripts/demo.sh

test: $(VENV)/.installed-dev
	@bash scripts/test.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# The benchmarks also need the "bench" extra (django-import-export, the import's baseline).
$(VENV)/.installed-bench: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev,bench]"
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed-runtime

bench: $(VENV)/.installed-bench
	@bash scripts/bench.sh

# Re-pin every dependency to the newest allowed version (then commit the file).
lock: $(BIN)/python
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) var
