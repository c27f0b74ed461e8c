# Two commands do everything on a fresh clone (Python 3.11+ and make are all it needs):
#   make site   set up .venv, check the records, build output/
#   make test   set up .venv, lint, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_READY := $(VENV)/.site-requirements-installed
TEST_READY := $(VENV)/.test-requirements-installed
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes

.PHONY: site test lint check build format bench lock clean

site: check build

test: $(TEST_READY) lint
	$(BIN)/python -m pytest

check: $(SITE_READY)
	$(BIN)/python -m scripts check

build: $(SITE_READY)
	$(BIN)/python -m scripts build

lint: $(TEST_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_READY)
	$(BIN)/ruff format .
	$(BIN)/python -m scripts format

# `make bench` writes BENCHMARKS.md (1,000 and 10,000 records); `make bench BENCH=--full` adds
# 50,000 and `BENCH=--quick` runs 1,000 only, printing without writing the file.
BENCH ?=
bench: $(TEST_READY)
	$(BIN)/python -m benchmarks.suite $(BENCH)
	$(BIN)/python -m benchmarks.bench_enrich

# The site needs only requirements.txt; the tests add requirements-test.txt (both locked with
# hashes by pip-tools: `make lock` after editing a requirements*.in file).
$(SITE_READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $(SITE_READY)

$(TEST_READY): requirements-test.txt $(SITE_READY)
	$(PIP) -r requirements-test.txt
	touch $(TEST_READY)

lock: $(SITE_READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host -o requirements-test.txt requirements-test.in

clean:
	rm -rf $(VENV) output .pytest_cache .ruff_cache
