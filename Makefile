# `make run` and `make test` are the two commands the README promises: each creates
# the virtual environment (.venv) on first use, so a fresh clone needs only python3.
# Versions are pinned by constraints.txt, so a new machine computes the same numbers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := constraints.txt

.PHONY: setup run test test-fast lint bench constraints clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@echo "newslib: creating $(VENV) and installing newslib with its pinned dependencies"
	@echo "newslib: (first time only; 3-5 minutes, most of it downloading about 150 packages)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)
	@echo "newslib: ready. Use $(BIN)/python (or 'source $(BIN)/activate' first)."

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m newslib run --data data/articles --out reports

# Everything, notebook runs included (what CI runs).
test: $(STAMP)
	$(BIN)/ruff check newslib tests benchmarks notebooks
	$(BIN)/python -m pytest -q

# The quick loop while editing: no notebook execution.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check newslib tests benchmarks notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --quick

# Re-pin after changing pyproject.toml's dependencies (then re-run the reports).
constraints: $(STAMP)
	{ sed -n '1,/^# Regenerate/p' $(CONSTRAINTS); $(BIN)/python -m pip freeze --exclude-editable; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

clean:
	rm -rf $(VENV) reports
