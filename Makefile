# symproofs: `make proofs` regenerates build/, `make test` runs the checks.
# Both create .venv and install the project on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: proofs test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	touch $(STAMP)

proofs: $(STAMP)
	$(BIN)/symproofs render --out build --pdf --progress

lint: $(STAMP)
	$(BIN)/ruff check symproofs tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build/*.pdf build/*.aux build/*.log build/*.fls build/*.fdb_latexmk build/*.out
