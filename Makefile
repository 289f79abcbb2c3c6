# Two commands: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Four workers: the suite waits on two databases and chromium more than on the CPU; on this
# 2-core machine the whole suite on both databases took 9–13 min with them. PYTEST_ARGS= runs serially.
PYTEST_ARGS ?= -n 4
CHROMIUM := /usr/bin/chromium
# Streamlit's upload limit is the app's MAX_UPLOAD_MB setting (default and checks in core/settings.py).
UPLOAD_MB := $(BIN)/python -c 'from core.settings import get_settings; print(get_settings().max_upload_mb)'

.PHONY: run test install install-test lint format migrate migration bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "chromium could not be installed: browser tests will skip (fail under CI=true)"; \
	fi

migrate: install
	$(BIN)/python -m core init-db

run: migrate
	$(BIN)/python -m core seed-demo --if-empty
	$(BIN)/python -m core ensure-admin
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.maxUploadSize "$$($(UPLOAD_MB))"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pyright

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install-test lint
	mkdir -p test-artifacts
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts

# A schema change after the first release: a new Alembic revision from core/models.py.
migration: install
	@test -n "$(MSG)" || (echo 'usage: make migration MSG="what changes"'; exit 2)
	$(BIN)/alembic revision --autogenerate -m "$(MSG)"
