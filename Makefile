# Two commands do everything on a fresh clone (Python 3.11+ and make are all it needs):
#   make site   set up .venv, check the records, build output/
#   make test   set up .venv, lint, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.requirements-installed

.PHONY: site test lint check build format bench clean

site: check build

test: $(READY) lint
	$(BIN)/python -m pytest

check: $(READY)
	$(BIN)/python -m scripts check

build: $(READY)
	$(BIN)/python -m scripts build

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(READY)
	$(BIN)/ruff format .
	$(BIN)/python -m scripts format

bench: $(READY)
	$(BIN)/python -m benchmarks.bench_check
	$(BIN)/python -m benchmarks.bench_enrich

$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(READY)

clean:
	rm -rf $(VENV) output .pytest_cache .ruff_cache
