# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test quality lint bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

## Load seeds/ into data/newsroom.db and start serve (the console chat when no chat token is configured).
run: $(STAMP)
	$(BIN)/newsbot load seeds/
	$(BIN)/newsbot serve

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Extraction quality: one table per gold set in tests/data; fails under a committed floor.
quality: $(STAMP)
	$(BIN)/newsbot evaluate

## Lint with ruff (configured in pyproject.toml); `make lint FIX=1` applies the safe fixes.
lint: $(STAMP)
	$(BIN)/ruff check $(if $(FIX),--fix,) .

## Benchmarks: prints a table and writes bench/out/results.json.
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data/ .pytest_cache
