# noegletal — the public interface. `make` alone lists the targets.
# Needs only Python 3.11 and make: everything is installed into .venv/ in this folder, nothing globally.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KOMMUNE ?= Ballerup
PERIODE ?=
BATCH_PERIODE := $(or $(PERIODE),2017M10)
KOMMUNER ?= alle
TEMAER ?= alle
RAPPORT_PERIODE ?= 2018M06
# the committee's quarter (without PERIODE): its report leads with key points and shows the demo's måltal
KVARTAL_PERIODE ?= 2023K2
FORMATER ?= html,pdf,xlsx

.DEFAULT_GOAL := help
.PHONY: help setup data briefs batch demo test test-fast browser pdf-browser lab bench clean

help: ## vis denne liste
	@echo "noegletal — nøgletal for beskæftigelsesområdet som HTML-briefs"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 mangler: installer python3.11 og prøv igen."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP) ## opret .venv og installer projektet (redigerbart) med testværktøjer

data: $(STAMP) ## skriv demodata og byg data/processed (ingen API-nøgle nødvendig)
	$(BIN)/noegletal data demo

briefs: $(STAMP) pdf-browser ## lav alle briefs for KOMMUNE (standard Ballerup) og PERIODE (standard: notesbogens) som HTML, PDF og Excel, og rapporterne
	@for tema in $$($(BIN)/python -c 'from noegletal.config import TEMAER; print(*TEMAER)'); do \
	  $(BIN)/noegletal brief $$tema --kommune "$(KOMMUNE)" $(if $(PERIODE),--periode "$(PERIODE)") \
	    --format "$(FORMATER)" || exit 1; done
	$(BIN)/noegletal rapport --kommune "$(KOMMUNE)" --periode "$(or $(PERIODE),$(RAPPORT_PERIODE))" --format html,pdf --stille
	$(if $(PERIODE),,$(BIN)/noegletal rapport --kommune "$(KOMMUNE)" --periode "$(KVARTAL_PERIODE)" --format html,pdf --stille)

batch: $(STAMP) ## lav alle briefs for PERIODE (standard 2017M10; KOMMUNER=alle, TEMAER=alle) parallelt, med outputs/PERIODE/index.html
	$(BIN)/noegletal batch --periode "$(BATCH_PERIODE)" --kommuner "$(KOMMUNER)" --temaer "$(TEMAER)"

demo: data briefs ## alt i ét: installer, lav demodata og lav briefs

pdf-browser: # chromium til PDF, hvis det kan installeres; ellers laves HTML og Excel alene, med en besked
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium kunne ikke installeres: briefs laves uden PDF."

browser: ## installer Debians chromium til browsertesten (kræver root)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium mangler: kør 'sudo apt-get install chromium' eller sæt NOEGLETAL_SKIP_BROWSER=1"; exit 1; fi; }

test: $(STAMP) browser ## installer og kør hele testsuiten (inkl. notebooks og browser)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## kun de hurtige enhedstests (uden notebooks og browser)
	$(BIN)/python -m pytest -m "not slow"

lab: $(STAMP) ## åbn notebooks i JupyterLab (som root med --allow-root)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: $(STAMP) ## kør benchmarks og skriv tallene
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## slet genererede data og outputs (ikke .venv)
	rm -rf data/raw/* data/processed/* outputs/*
	@touch data/raw/.gitkeep data/processed/.gitkeep outputs/.gitkeep
