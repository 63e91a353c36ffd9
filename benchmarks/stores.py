"""Opening an already loaded store from a benchmark's command line (the province store that
``benchmarks.run --keep DIR`` leaves, or the benchmark Neo4j server)."""

from __future__ import annotations

import argparse
from pathlib import Path

from service.settings import Settings
from service.storage.backends import open_store
from service.storage.port import GraphStore

BENCH_NEO4J_URI = "bolt://127.0.0.1:7688"


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=["ladybug", "neo4j"], required=True)
    parser.add_argument("--store", type=Path, help="ladybug: the store, DIR/graph.lbdb of run --keep DIR")
    parser.add_argument("--neo4j-uri", default=BENCH_NEO4J_URI)


def open_loaded_store(parser: argparse.ArgumentParser, args: argparse.Namespace) -> GraphStore:
    if args.engine == "ladybug":
        if args.store is None or not args.store.exists():
            parser.error("--engine ladybug needs --store: an existing DIR/graph.lbdb of run --keep DIR")
        settings = Settings(backend="embedded", embedded_path=args.store)
    else:
        settings = Settings(backend="neo4j", neo4j_uri=args.neo4j_uri)
    return open_store(settings, apply_schema=False)
