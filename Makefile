# One entry point per task; the README and .ci/run use these targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install install-test run test lint notebook bench bench-nation neo4j-start neo4j-stop ingest-cypher clean

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

# JupyterLab on the same venv, opened on notebooks/. A notebook works against the district's shared
# service when CHAINLENS_URL and CHAINLENS_KEY are set (a viewer key reads everything), else on the
# bundled seed in a temporary store; JUPYTER_ARGS passes options on (e.g. --no-browser --port 8889).
JUPYTER_ARGS ?=
notebook: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[notebook]'
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(JUPYTER_ARGS)

ingest-cypher:
	$(BIN)/python -m graph_schema.ingest_cypher

neo4j-start:
	scripts/neo4j-dev start

neo4j-stop:
	scripts/neo4j-dev stop

clean:
	rm -rf $(VENV) chainlens-data build *.egg-info

# Benchmarks (not part of `make test`): both engines at province scale (100k firms, 500k links) and at
# seed scale; on the province store, the recruitment list's repeated cold runs, what holding the
# collector off does to a cold risk list, the warm-up after a write, a one-firm weekly update, the first
# as_of and the assessment's gap search over 8 weeks; the load test. The Neo4j benchmark server runs on
# port 7688 with a 4 GB heap. The report ends with issue 20's targets beside what was measured.
BENCH_NEO4J := CHAINLENS_NEO4J_BOLT_PORT=7688 CHAINLENS_NEO4J_HTTP_PORT=off CHAINLENS_NEO4J_HEAP_MAX=4g CHAINLENS_NEO4J_PAGECACHE=1g
BENCH_STORE := /tmp/chainlens-bench-province
bench: install-test
	mkdir -p bench-results
	$(BIN)/python -m benchmarks.run --engine ladybug --seed-scale > bench-results/ladybug-seed.json
	rm -rf $(BENCH_STORE)
	$(BIN)/python -m benchmarks.run --engine ladybug --keep $(BENCH_STORE) > bench-results/ladybug-province.json
	$(BIN)/python -m benchmarks.recruitment_cold --engine ladybug --store $(BENCH_STORE)/graph.lbdb > bench-results/recruitment-ladybug.json
	$(BIN)/python -m benchmarks.collector --engine ladybug --store $(BENCH_STORE)/graph.lbdb > bench-results/collector-hold.json
	$(BIN)/python -m benchmarks.collector --engine ladybug --store $(BENCH_STORE)/graph.lbdb --no-hold > bench-results/collector-no-hold.json
	$(BIN)/python -m benchmarks.warmup --engine ladybug --store $(BENCH_STORE)/graph.lbdb > bench-results/warmup-ladybug.json
	$(BIN)/python -m benchmarks.history --store $(BENCH_STORE)/graph.lbdb > bench-results/history-ladybug.json
	$(BIN)/python -m benchmarks.assessment --weeks 8 --store $(BENCH_STORE)/graph.lbdb > bench-results/assessment-province.json
	rm -rf $(BENCH_STORE)
	$(BENCH_NEO4J) CHAINLENS_PYTHON=$(abspath $(BIN))/python scripts/neo4j-dev start
	$(BIN)/python -m benchmarks.run --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 --seed-scale > bench-results/neo4j-seed.json
	$(BIN)/python -m benchmarks.run --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 > bench-results/neo4j-province.json
	$(BIN)/python -m benchmarks.recruitment_cold --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 > bench-results/recruitment-neo4j.json
	$(BIN)/python -m benchmarks.recruitment_cold --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 --clear-plans > bench-results/recruitment-neo4j-replanned.json
	$(BENCH_NEO4J) scripts/neo4j-dev stop
	$(BIN)/python -m benchmarks.load --clients 32 --seconds 30 > bench-results/load-embedded.json
	$(BIN)/python -m benchmarks.assessment > bench-results/assessment-seed.json
	$(BIN)/python -m benchmarks.report bench-results

# Nation scale as a dry run (1,000,000 firms, 5,000,000 links; about an hour): both engines, each stage's
# peak memory, and what broke first. Not part of `make bench`.
bench-nation: install-test
	mkdir -p bench-results
	$(BIN)/python -m benchmarks.nation --engine ladybug > bench-results/nation-ladybug.json
	$(BENCH_NEO4J) CHAINLENS_PYTHON=$(abspath $(BIN))/python scripts/neo4j-dev start
	$(BIN)/python -m benchmarks.nation --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 \
		--server-pid $$(cat $$HOME/.cache/chainlens/neo4j-5.26/run-7688/neo4j.pid) > bench-results/nation-neo4j.json
	$(BENCH_NEO4J) scripts/neo4j-dev stop
