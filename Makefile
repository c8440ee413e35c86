# tvf — the targets document themselves: `make help`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint bench clean

help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) ## Make .venv and install tvf with its development tools

run: $(STAMP) ## Check the bundled handbook (handbook/) with tvf check
	$(BIN)/tvf check --handbook handbook

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff and mypy (strict on the package)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP) ## Time tvf check on a synthetic handbook of 10,000 documents
	$(BIN)/python bench/bench_check.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
