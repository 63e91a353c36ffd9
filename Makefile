# One entry point per task; the README and .ci/run use these targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install install-test run seed serve test lint unit contract neo4j-start neo4j-stop ingest-cypher clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# Install, load the seed data into the embedded store, and serve the API on 127.0.0.1:8000.
run: install
	$(BIN)/chainlens seed
	$(BIN)/chainlens serve

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The whole suite: lint, types, architecture contracts, unit, contract (both engines, real Neo4j), API.
test: lint
	CHAINLENS_PYTHON=$(abspath $(BIN))/python $(BIN)/pytest -p no:cacheprovider

ingest-cypher:
	$(BIN)/python -m graph_schema.ingest_cypher

neo4j-start:
	scripts/neo4j-dev start

neo4j-stop:
	scripts/neo4j-dev stop

clean:
	rm -rf $(VENV) chainlens-data build *.egg-info
