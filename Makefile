# BackCoach: `make run` starts the assistant, `make test` runs every test (see README).
# Plain `make` only lists the targets: installing and training take minutes and gigabytes.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_PORT ?= 5005
export ACTIONS_PORT ?= 5055
export ACTIONS_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_MODEL := var/spacy-en/meta.json

.PHONY: help setup browser services packages knowledge train run shell test lint validate unit unit-without-model \
	unit-with-model stories bench nlu-compare telegram-webhook lock clean eval

# The targets a person runs, with the `## ` text beside them; `make help` lists them.
help:
	@echo "BackCoach: make TARGET, where TARGET is one of"
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | \
		sed -E 's/^([a-z-]+):.*## (.*)$$/\1|\2/' | awk -F'|' '{printf "  %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock requirements-dev.lock requirements-models.txt scripts/setup_venv.sh
	bash scripts/setup_venv.sh
	touch $@

# The widget's socket.io client, and axe-core for the browser tests (a dev dependency, never served),
# from the npm registry with the committed lock.
web/node_modules/.installed: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for the web widget's socket.io client." >&2; exit 1; }
	npm ci --prefix web --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed web/node_modules/.installed ## the Python environment (.venv) and the widget's npm package

# Browser tests drive Debian's Chromium; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null || bash scripts/install_chromium.sh

# The multi-instance tests (tests/deployment/) start private PostgreSQL, Redis and nginx processes
# from Debian's packages; the script installs only what is missing.
services:
	@bash scripts/install_services.sh

# Both install with apt-get, which runs one at a time.
packages:
	$(MAKE) browser
	$(MAKE) services

knowledge: setup ## build the knowledge base from the article (var/knowledge.db)
	$(PY) -m knowledge.build

# `rasa train` writes a new archive even when nothing changed: launchers/training.py runs it only when
# config, domain or data changed since the latest model, and keeps the newest three models.
train: knowledge ## train the model when its data or config changed
	$(PY) -m launchers.training --models models --keep 3 -- $(RASA) train --num-threads 2

run: train ## set up, train if needed and start both servers (Ctrl-C stops them)
	bash scripts/run.sh

shell: train ## chat in the terminal
	bash scripts/shell.sh

lint: setup ## ruff
	$(VENV)/bin/ruff check .

validate: setup
	$(RASA) data validate --fail-on-warnings

unit: unit-without-model unit-with-model ## the pytest suites

# Tests that use the trained model are marked needs_model (tests/conftest.py). Those without it
# use one TensorFlow thread, which leaves a core to the training that `make test` runs beside them.
unit-without-model: knowledge browser services
	TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 $(VENV)/bin/pytest -m "not needs_model"

unit-with-model: train browser services
	$(VENV)/bin/pytest -m needs_model

# Rasa's story tests, with the changes to Rasa that every server of this project runs.
stories: train ## Rasa's story tests
	$(PY) -m scripts.story_tests --stories tests/ --fail-on-prediction-errors --out results

# The steps of `unit` and `stories`, overlapped where they do not depend on each other: the
# Debian packages install while pip installs, and the tests without the model run while it trains.
# Each overlapped step's output is printed whole when it ends (--output-sync), except the installs':
# pip's and apt-get's progress shows as it comes, their lines interleaved. -o skips the steps that an
# earlier line has done.
DONE_BEFORE_TRAINING := -o setup -o knowledge -o browser -o services
test: ## lint, validate, train and run every test suite
	$(MAKE) -j2 --output-sync=line setup packages
	$(MAKE) lint validate knowledge
	$(MAKE) -j2 --output-sync=target $(DONE_BEFORE_TRAINING) train unit-without-model
	$(MAKE) $(DONE_BEFORE_TRAINING) -o train unit-with-model stories

# BackCoach against Rasa's starter bot, both trained from scratch (18-25 minutes in a quiet hour; not part of
# `make test`): prints the table of docs/PERFORMANCE.md and writes bench/results.json.
bench: knowledge services ## BackCoach against Rasa's starter bot (docs/PERFORMANCE.md)
	$(PY) -m bench.run

# The article's spaCy pipeline saved for the SpacyNLP candidate; nothing else reads it.
$(SPACY_MODEL): knowledge/nlp.py $(VENV)/.installed
	$(PY) -m knowledge.nlp

nlu-compare: knowledge $(SPACY_MODEL) ## cross-validate the tokenisation candidates
	$(PY) -m scripts.compare_nlu

# The understanding benchmark on the independent evaluation sets in eval/ (about 10 minutes): prints
# the figures beside their targets, writes eval/results.json and the misses to results/eval-misses.json;
# then the holdout sets (eval/holdout/), written after the last fixes, into eval/results-holdout.json.
eval: train ## understanding on the independent evaluation sets (docs/NLU.md)
	$(PY) -m eval.run
	$(PY) -m eval.run --data eval/holdout --sets messages,conversations,red_flags,crisis \
		--out eval/results-holdout.json --misses results/eval-holdout-misses.json

# Registers the webhook (with its secret token) with Telegram: the server never does it on start.
telegram-webhook: setup ## register the Telegram webhook
	$(PY) -m rasa_ext.channels.telegram

lock: ## regenerate requirements.lock and requirements-dev.lock from their .in files
	bash scripts/lock.sh

clean: ## delete var/, models/ and test results
	rm -rf var models results .pytest_cache
