# 上饶市政府网站群 — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
# The first supported Python on PATH, 3.11 (the one CI runs) before the newer ones;
# `make PYTHON=python3.13 install` picks another.
SUPPORTED_PYTHONS := 3.11 3.12 3.13
# A version manager's shim may stand for an interpreter that is not active, so each one must run.
PYTHON ?= $(or $(firstword $(foreach version,$(SUPPORTED_PYTHONS),$(shell python$(version) -c 'print("python$(version)")' 2>/dev/null))),python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP_VERSION := 26.3

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-20s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(None if sys.version_info[:2] in [(3, 11), (3, 12), (3, 13)] else "Python 3.11, 3.12 or 3.13 is required, not " + sys.version.split()[0] + " ($(PYTHON)); try make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)

$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --group app
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --group test
	@touch $@ $(VENV)/.app-installed

.PHONY: install
install: $(VENV)/.app-installed ## Create .venv and install the server's packages

.PHONY: run
# --no-proxy-headers: uvicorn would take X-Forwarded-For from any local client as its address; the app
# reads it itself, only from the proxies TRUSTED_PROXY_COUNT names (cms/client_ip.py). run_scheduler publishes
# and expires pages at their go_live_at / expire_at, and starts and ends the emergency and mourning modes.
# The demo's first site audit crawls every site (a few minutes): seeding again in the background runs it
# once, while the sites already serve.
run: install ## Migrate, seed the demo cluster, serve HTTP + WebSocket on 127.0.0.1:$(PORT)
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=cms.settings.dev AUDITS_AUDIT_ON_SEED=0 $(BIN)/python manage.py seed_demo --port $(PORT)
	@echo "城市门户: http://www.localhost:$(PORT)/   县区门户: http://<slug>.localhost:$(PORT)/   后台: http://www.localhost:$(PORT)/admin/"
	export DJANGO_SETTINGS_MODULE=cms.settings.dev; $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	mkdir -p var; $(BIN)/python manage.py seed_demo --port $(PORT) >var/demo-audit.log 2>&1 & audit=$$!; \
	trap 'kill $$scheduler $$audit 2>/dev/null' EXIT; $(BIN)/uvicorn cms.asgi:application --host 127.0.0.1 --port $(PORT) --no-proxy-headers

CHECKERS := tests/e2e/checkers

# The accessibility checkers pinned in $(CHECKERS)/package-lock.json; vnu-jar's install script would
# fetch a Java runtime, Debian's is used instead. Without npm the test set-up says why it skips.
$(CHECKERS)/node_modules/.package-lock.json: $(CHECKERS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd $(CHECKERS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: the accessibility test will skip (apt-get install npm default-jre-headless)"; fi

.PHONY: checkers
checkers: $(CHECKERS)/node_modules/.package-lock.json ## Install the W3C Nu checker and axe-core from npm

.PHONY: test
test: $(VENV)/.test-installed checkers ## Install the test tools and run the whole suite
	$(BIN)/pytest

.PHONY: e2e
e2e: $(VENV)/.test-installed ## Browser tests only (needs Debian's chromium)
	$(BIN)/pytest tests/e2e

.PHONY: screenshots
# Without a CJK font chromium draws every Chinese character as an empty box (tofu).
screenshots: $(VENV)/.test-installed ## Desktop and phone screenshots of every page type of three sites, into var/screenshots
	@fc-list :lang=zh family | grep -q . || { echo "No CJK font for chromium: apt-get install fonts-noto-cjk"; exit 1; }
	$(BIN)/pytest tests/e2e/screenshots.py -q -s

.PHONY: seed
seed: install ## Migrate and seed the demo cluster without serving it
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(BIN)/python manage.py seed_demo --port $(PORT)

.PHONY: lint
lint: $(VENV)/.test-installed ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: $(VENV)/.test-installed ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: check
check: $(VENV)/.test-installed ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: benchmark
benchmark: $(VENV)/.test-installed ## Page speed benchmark; writes benchmarks/README.md
	$(BIN)/python benchmarks/page_speed.py --write-readme
