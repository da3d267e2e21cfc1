# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/chibo
export CHIBO_DEV ?= 1

.PHONY: run test install install-dev assets messages test-sqlite test-postgres check-browser lint bench

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "Python 3.12+ is needed (see .python-version)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed assets messages
install-dev: $(VENV)/.installed-dev assets messages
assets: node_modules/.installed

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "gettext is needed: apt-get install -y gettext"; exit 1; }
	$(PY) manage.py compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules

run: install
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py demo_accounts
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop)."
	@$(PY) manage.py db_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; \
	  $(PY) manage.py runserver 127.0.0.1:8000 --noreload

check-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Chromium is missing: browser tests need 'apt-get install -y chromium'."; \
	  if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

test: install-dev check-browser
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "=== Test suite on SQLite ==="
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if ! $(PY) scripts/pg_ready.py "$$url"; then \
	  if [ "$$CI" = "true" ]; then echo "PostgreSQL is unreachable at $$url and CI=true: failing."; exit 1; fi; \
	  echo "PostgreSQL is unreachable at $$url: skipping the PostgreSQL run."; exit 0; \
	fi; \
	echo "=== Test suite on PostgreSQL ($$url) ==="; \
	DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
