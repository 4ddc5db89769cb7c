# Two commands for a fresh clone: `make run` and `make test`. Needs only python3 (3.11).
# Requirements are installed into .venv only when the requirements files change: each install
# leaves a stamp named after a hash of the files it used.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST_PORT ?= 127.0.0.1:8000

hash_of = $(shell cat $(1) | $(PYTHON) -c "import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
RUN_STAMP := $(VENV)/.installed-run-$(call hash_of,requirements.txt)
DEV_STAMP := $(VENV)/.installed-dev-$(call hash_of,requirements.txt requirements-dev.txt)
# axe-core for the browser accessibility tests (package-lock.json), reinstalled when it changes.
NODE_STAMP := node_modules/.installed-$(call hash_of,package-lock.json)

.PHONY: run test test-fast lint format check demo venv lock pre-commit

# pytest runs on every core (pytest-xdist), a test file to a worker: the tests of a file share the
# data they build once (tests/conftest.py). PYTEST_WORKERS=0 runs it in this one process.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

run: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	@# Ends by printing the admin URL and both logins with their password.
	$(MANAGE) load_demo_content
	@echo "Site:  http://$(HOST_PORT)/"
	$(MANAGE) runserver $(HOST_PORT)

# Everything: the checks, then every test (browser, slow and all).
test: check $(NODE_STAMP)
	$(PYTEST)

# The quick loop: the same checks, then every test not marked slow or browser.
test-fast: check
	$(PYTEST) -m "not slow and not browser"

# Lint, formatting, template indentation, Django's checks, migrations, import layers.
check: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports

# Installs the git hooks of .pre-commit-config.yaml (they run the tools in .venv).
pre-commit: $(DEV_STAMP)
	$(BIN)/pre-commit install

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load (or top up) the demo content without starting the server.
demo: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content

# Without npm the accessibility tests skip locally and fail under CI=true, so make goes on.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the axe-core accessibility tests will skip (and fail under CI=true)"; \
	fi

venv: $(BIN)/python

# Recompiles the hashed lock files from requirements.in and requirements-dev.in (pip-tools is a
# dev requirement). Runtime first: requirements-dev.in is constrained by requirements.txt.
# Pins already in the lock files are kept; to move them on: make lock LOCK_ARGS=--upgrade
LOCK_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(DEV_STAMP)
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	rm -f $(VENV)/.installed-run-*
	touch $@

# The dev requirements include the runtime ones, so this stamp covers both.
$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-run-*
	touch $@ $(RUN_STAMP)
