# Set-up and everyday commands. Each target creates .venv (with an up-to-date pip) when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test install install-test install-stanza clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,postgres,cluster]'

# The optional stanza engine (about 1 GB with torch). torch is pinned and installed first:
# left to pip, stanza's unpinned torch pulls a multi-GB CUDA build.
install-stanza: $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,stanza]'

# Ingest the bundled fixture articles into demo.db and ask what Zelensky said.
demo: install
	$(BIN)/quotetrack ingest fixtures/articles --db $(DEMO_DB)
	$(BIN)/quotetrack who-said zelensky --db $(DEMO_DB) --format table

test: install-test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
