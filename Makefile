# Delta Expo Assistant. `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

APP_PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { command -v $$p; break; }; done)
PY := .venv/bin/python
# Settings for the running assistant come from the environment, or from .env when present.
WITH_ENV := set -a; [ ! -f .env ] || . ./.env; set +a;
PO_FILES := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

-include mk/nlu.mk
-include mk/catalog-eval.mk
-include mk/lexicon.mk

.PHONY: help setup run web console test test-fast lint locales extract-messages update-messages \
	demo-data bench web-bench clean

help:
	@echo "make run    - set up everything, then serve the web chat (and Telegram if TELEGRAM_TOKEN is set)"
	@echo "make test   - set up everything, then lint and run the whole test suite"
	@echo "other: console web setup train locales demo-data lint bench web-bench nlu-eval nlu-bench extract-messages update-messages clean"

.venv/.installed: pyproject.toml
	@test -n "$(APP_PYTHON)" || { echo "Python 3.11+ is needed"; exit 1; }
	test -x $(PY) || $(APP_PYTHON) -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po .venv/.installed
	$(PY) -m babel.messages.frontend compile -D messages -i $< -o $@ --statistics

locales: $(MO_FILES)

setup: .venv/.installed nlu-venv locales lexicon

extract-messages: .venv/.installed
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k N_ -k _ -k gettext -k ngettext:1,2 \
		--no-location --sort-output --project "Delta Expo Assistant" -o locales/messages.pot bot actions core

update-messages: extract-messages
	$(PY) -m babel.messages.frontend update -D messages -i locales/messages.pot -d locales \
		--no-fuzzy-matching --ignore-obsolete --width 100
	$(PY) scripts/english_catalog.py

demo-data: .venv/.installed locales
	$(WITH_ENV) $(PY) -m bot import-catalog --demo data/demo/exhibitors.csv
	$(WITH_ENV) $(PY) -m bot import-events --demo data/demo/events.csv
	$(WITH_ENV) $(PY) -m bot import-slots data/demo/slots.csv

run: setup train demo-data
	$(WITH_ENV) $(PY) -m bot run

web: setup train demo-data
	$(WITH_ENV) $(PY) -m bot web

console: setup train demo-data
	$(WITH_ENV) $(PY) -m bot console

lint: .venv/.installed
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	.venv/bin/hadolint Dockerfile

# The suite in two processes, as many as this kind of machine has cores: tests are spread one
# by one, each worker starting its own NLU server (1.8 GB); TEST_WORKERS=0 runs it in one.
TEST_WORKERS ?= 2
test: setup train lint nlu-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

test-fast: setup
	$(PY) -m pytest -m "not nlu"

bench: setup train
	PYTHONPATH=. $(PY) benchmarks/search_bench.py
	PYTHONPATH=. $(PY) benchmarks/booking_bench.py
	PYTHONPATH=. $(PY) benchmarks/dialogue_bench.py
	PYTHONPATH=. $(PY) benchmarks/import_bench.py
	PYTHONPATH=. $(PY) benchmarks/broadcast_bench.py
	PYTHONPATH=. $(PY) benchmarks/web_bench.py
	PYTHONPATH=. $(PY) benchmarks/telegram_load_bench.py

# 500 visitors at once on the web chat, 5 messages each (SQLite and PostgreSQL).
web-bench: setup train
	PYTHONPATH=. $(PY) benchmarks/web_bench.py

clean:
	rm -rf .venv .venv-nlu models reports var $(MO_FILES)
