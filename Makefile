# Two entry points (see README): `make build` and `make test`. Both set up the
# virtual environment from pyproject.toml first, so they work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_PROJECT_DIR := $(CURDIR)

SEED ?= 1
REGISTER_DIR ?= data/raw
export REGISTER_DIR

.PHONY: setup build generate test lint bench docs clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Registers are generated once per seed: the stamp names the seed, so `make build SEED=2`
# regenerates and `make build` again afterwards keeps seed 2's registers only if SEED=2.
$(REGISTER_DIR)/.seed-$(SEED): | setup
	rm -f $(REGISTER_DIR)/.seed-*
	$(BIN)/rtw generate --out $(REGISTER_DIR) --seed $(SEED)
	touch $@

generate: $(REGISTER_DIR)/.seed-$(SEED)

build: setup generate
	$(BIN)/rtw build --register-dir $(REGISTER_DIR)
	$(BIN)/rtw report

# The tests include the linters: a lint finding fails CI like a failing test.
test: setup lint
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check python tests models $(wildcard bench)
	$(BIN)/ruff format --check --quiet python tests models $(wildcard bench)
	$(BIN)/sqlfluff lint models macros

bench: setup
	$(BIN)/python bench/run.py

# dbt finds profiles/ through DBT_PROFILES_DIR (exported above), from any folder.
# The docs' catalog describes every layer: dbt reads the current release's person-level
# database, never the publication (which holds the published marts only).
docs: setup
	WAREHOUSE_PATH="$$($(BIN)/python -c 'from rtw.publish.layout import person_level_database, published_path; print(person_level_database(published_path()))')" \
		$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve

clean:
	rm -rf data/warehouse.duckdb data/marts data/current data/releases data/building data/runs target logs reports
