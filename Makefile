# Scrutineer's front door. `make demo` and `make test` do all set-up on a fresh Debian machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: assets install install-dev system-deps demo serve test test-sqlite test-postgres bench lint format clean

install: $(VENV)/.runtime assets                ## virtual environment, dependencies and built assets

install-dev: $(VENV)/.dev assets

system-deps:
	scripts/system-deps runtime

$(UV):
	@scripts/system-deps runtime
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check 'uv==0.13.9'

$(VENV)/.runtime: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --no-dev --inexact --quiet
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(UV) sync --frozen --inexact --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/build/.built: node_modules/.installed scripts/build-assets $(wildcard assets/scss/*.scss)
	scripts/build-assets
	@touch $@

assets: static/build/.built

demo: install                                   ## migrate, load the demo council, serve on 127.0.0.1:$(PORT)
	$(BIN)/scrutineer demo --port $(PORT)

test: install-dev                               ## the whole suite, on SQLite then PostgreSQL
	scripts/system-deps test
	$(MAKE) test-sqlite test-postgres

test-sqlite:
	$(BIN)/pytest

test-postgres:
	scripts/with-postgres $(BIN)/pytest

bench: install-dev                              ## latency and throughput figures into BENCHMARKS.md
	$(BIN)/python -m bench

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules static/build
