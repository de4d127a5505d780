# The two set-up commands of README.md: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Browser tests drive Debian's Chromium; install it when we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: install Debian's chromium package to run the browser tests"; fi; }

run: install
	$(BIN)/python manage.py migrate --noinput
	@if $(BIN)/python manage.py export --list | grep -q .; then echo "database has events; not importing seeds/"; \
	  else $(BIN)/python manage.py ingest seeds/; fi
	$(BIN)/python manage.py runserver $(HOST)

test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)
