# Doggy Diary. `make help` lists the targets.
SHELL := /bin/bash
# The first Python 3.11 or newer on the PATH (PYTHON=/path/to/python to choose one).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# What the site needs, and on top of it what the tests need (pytest, Playwright, ruff).
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help run setup secret test test-postgres test-nodes lint format audit bench bench-writes generate bench-scale bench-import backup restore clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (none found on the PATH)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed ($(PYTHON) is older)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Generated a secret key in $@ (untracked)."

secret: var/secret_key ## Generate var/secret_key once (untracked)

setup: $(STAMP) var/secret_key ## Install, migrate, load demo content, collect static files
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_comments
	$(BIN)/python manage.py demo_accounts
	$(BIN)/python manage.py comments_clear_ips
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup ## Set everything up and serve the site with gunicorn at http://$(HOST):$(PORT)
	@echo "Doggy Diary is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@# The mail worker (outbox and daily digest) and the task worker (imports, pictures)
	@# run beside gunicorn and stop with it.
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py run_worker & worker=$$!; \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py db_worker & tasks=$$!; \
		trap 'kill $$worker $$tasks 2>/dev/null' EXIT; \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/gunicorn doggydiary.wsgi \
		--config gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

test: $(TEST_STAMP) var/secret_key ## Run the whole test suite (lint, checks, unit, browser)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	./scripts/ensure-browser
	./scripts/ensure-nginx || echo "(the nginx proxy test will be skipped)"
	$(BIN)/pytest

test-postgres: $(TEST_STAMP) ## The suite against PostgreSQL (DATABASE_URL defaults to the local server)
	export DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/doggydiary} && \
		$(BIN)/python scripts/ensure_database.py && $(MAKE) test

test-nodes: $(TEST_STAMP) ## Two app machines on loopback: S3 (moto), PostgreSQL, Redis, nginx (make test runs it too)
	./scripts/ensure-nginx || echo "(the two-machine test will be skipped)"
	$(BIN)/pytest -m nodes tests/deploy/test_two_nodes.py

lint: $(TEST_STAMP) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP) ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

audit: ## Lighthouse and axe figures for a running site (URL=http://127.0.0.1:8000)
	./scripts/audit $${URL:-http://$(HOST):$(PORT)}

bench: $(STAMP) var/secret_key ## Requests per second of the main pages beside the framework floor (wrk, nginx; about 6 min)
	$(BIN)/python scripts/bench.py

bench-writes: $(STAMP) var/secret_key ## Renders per approval and throughput while a story's comments are approved (wrk; about 2 min)
	$(BIN)/python scripts/bench_writes.py

generate: $(STAMP) var/secret_key ## Generate a magazine into an empty database (STORIES=100000 SEED=1)
	$(BIN)/python scripts/ensure_database.py
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate_magazine --stories $${STORIES:-100000} --seed $${SEED:-1}

bench-scale: $(STAMP) var/secret_key ## Page timings at 100 and 100,000 stories (SIZES=100,20000 to try; CACHES=off keeps nothing)
	$(BIN)/python scripts/bench_scale.py $${SIZES:+--sizes $$SIZES} $(if $(filter off,$(CACHES)),--no-caches)

bench-import: $(STAMP) var/secret_key ## Import a generated WordPress export of 10,000 posts and 100,000 comments into a fresh database
	$(BIN)/python scripts/bench_import.py

backup: $(STAMP) ## Back up the database and media into DIR (default var/backups/<UTC time>)
	$(BIN)/python manage.py backup $${DIR:-var/backups/$$(date -u +%Y%m%dT%H%M%SZ)}

# No var/secret_key prerequisite: a restored site needs the old key, not a new one.
restore: $(STAMP) ## Restore DIR=<backup> into an empty database and media folder (FORCE=1 replaces)
	@test -n "$(DIR)" || { echo "Usage: make restore DIR=var/backups/<time> [FORCE=1]"; exit 1; }
	$(BIN)/python scripts/ensure_database.py
	$(BIN)/python manage.py restore $(DIR) $(if $(FORCE),--force)

clean: ## Remove the virtualenv and local data (database, media, cache)
	rm -rf $(VENV) var node_modules
