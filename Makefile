# MBC answer bot. `make run` sets everything up and starts the bot; `make test`
# sets everything up and runs every test. Targets named in the README; keep them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONPATH := $(CURDIR)
export SANIC_HOST := 127.0.0.1

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
# Rasa 3.6 needs Python 3.8-3.10. Under pyenv the python3.10 shim needs PYENV_VERSION.
PYTHON310 ?= $(shell PYENV_VERSION=3.10 python3.10 -c 'import sys; print(sys.executable)' 2>/dev/null || command -v python3.10)

STORE_SRC := $(wildcard data/knowledge/*.yml data/knowledge/answers/*.yml data/knowledge/questions/*.yml)
NLU_SRC := $(wildcard data/nlu/*.yml data/rules/*.yml) config.yml domain.yml
MODEL := models/mbc.tar.gz

.PHONY: help setup train run shell test lint crossval eval bench build-store validate lookup clean browser

help:
	@echo "make run    - set up, train if needed, start the bot (REST on 127.0.0.1:5005) and the web page (127.0.0.1:8080)"
	@echo "make test   - set up, train if needed, run every test"
	@echo "make shell  - chat in the terminal"
	@echo "make lookup Q='bone scan' - search the curated store"
	@echo "make lint | crossval | validate | build-store | clean"

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip wheel
	$(PY) -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

build/spacy_mbc/meta.json: $(VENV)/.installed data/knowledge/terms.yml mbc/nlp.py
	$(PY) -m mbc build-nlp

build/store.sqlite: build/spacy_mbc/meta.json $(STORE_SRC) mbc/index.py mbc/loader.py mbc/validate.py mbc/matcher.py mbc/embed_multi.py mbc/model.py mbc/spanish.py
	MBC_EMBED_THREADS=$${MBC_EMBED_THREADS:-2} $(PY) -m mbc build  # both cores: nothing else runs yet

## setup: venv + pinned deps + our spaCy pipeline + the store index
setup: $(VENV)/.installed build/spacy_mbc/meta.json build/store.sqlite

build-store: build/store.sqlite

validate: $(VENV)/.installed
	$(PY) -m mbc validate

lookup: setup
	@$(PY) -m mbc lookup $(Q)

## train: only when NLU data, rules, domain or config changed (make decides)
$(MODEL): $(NLU_SRC) | build/spacy_mbc/meta.json
	$(RASA) train --data data/nlu data/rules --fixed-model-name mbc --out models --quiet

train: setup $(MODEL)

run: setup $(MODEL)
	@scripts/run.sh

shell: setup $(MODEL)
	@scripts/run.sh shell

## browser: headless Chromium from Debian for tests/browser (never a browser download)
browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test: setup $(MODEL) browser lint
	$(PY) -m pytest tests

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check mbc actions addons channels tests scripts web bench
	$(VENV)/bin/ruff format --check mbc actions addons channels tests scripts web bench
	$(VENV)/bin/mypy mbc actions addons channels web

## eval: the quality figures the README reports, over the real servers (blind sets: aggregates only)
eval: setup $(MODEL)
	$(PY) -m bench.quality
	$(PY) -m pytest -q -s -p no:randomly tests/e2e/test_quality.py tests/mbc/test_index.py tests/mbc/test_safety.py tests/mbc/test_boundary.py 2>&1 | grep -E "hit@1|false alarms|recall|accuracy|public questions|^  [a-z_]+ +[0-9]+/|passed|failed"

## bench: figures, not tests (our bot vs Rasa's starter bot); ~15 min on 2 cores
bench: setup $(MODEL)
	$(PY) -m bench.run

crossval: setup
	$(RASA) test nlu --data data/nlu --cross-validation --folds 5 --out results/crossval

clean:
	rm -rf build models/*.tar.gz results .pytest_cache
