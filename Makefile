# The two commands of the README: `make report` and `make test`.
# Each sets up what it needs on a fresh machine (system packages via apt as root, a .venv with the
# project and its dev extras), then does its job.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test setup system-deps lint clean benchmarks

report: setup
	$(BIN)/media-toolkit report --out reports/sample-report.pdf

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests notebooks toolkit --nbmake --doctest-modules --ignore=toolkit/resources -p no:cacheprovider

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

benchmarks: setup
	for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) reports/*.pdf reports/*.html
