"""The ranked recruitment list, cold, several times over one loaded store: one warm-up call, then each run
after emptying chainlens' result cache and collecting. Only chainlens' cache is cold: the engine's page
cache (and, on Neo4j, the JIT) stay warm. ``benchmarks.run`` times one cold call among all the analyses;
this repeats it, since on 2 cores single runs spread by ±20 %.

    python -m benchmarks.run --engine ladybug --keep /tmp/province   # loads the province store once
    python -m benchmarks.recruitment_cold --engine ladybug --store /tmp/province/graph.lbdb [--runs 5]
    python -m benchmarks.recruitment_cold --engine neo4j [--neo4j-uri bolt://127.0.0.1:7688] [--clear-plans]

``--clear-plans`` (Neo4j) empties the server's query-plan cache before each run, so every query is planned
again, as after a restart or a bulk import (the page cache and the JIT stay warm, unlike after a restart).
The list is built with the cyclic collector held off; the collection that follows is timed on its own
(``collection_after_ms``) and added in ``with_collection_ms``, what a caller waits for in all.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time

from benchmarks.stores import add_store_arguments, open_loaded_store
from service import recruitment
from service.cache import cache_for
from service.storage.neo4j_store import Neo4jStore
from service.storage.port import GraphStore


def clear_plans(store: GraphStore) -> None:
    # a server administration call of this harness, not a graph query: it has no place in cypher/
    if not isinstance(store, Neo4jStore):
        raise SystemExit("--clear-plans applies to Neo4j only")
    store.driver.execute_query("CALL db.clearQueryCaches()")


def main() -> None:
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    parser.add_argument("--chain", default="auto")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clear-plans", action="store_true", help="Neo4j: plan every query again")
    args = parser.parse_args()
    store = open_loaded_store(parser, args)
    cache = cache_for(store)
    try:
        recruitment.targets(store, args.chain)  # warm-up: the engine's caches, not chainlens'
        runs, collect_after = [], []
        for _ in range(args.runs):
            cache.clear()
            if args.clear_plans:
                clear_plans(store)
            gc.collect()
            start = time.perf_counter()
            recruitment.targets(store, args.chain)
            runs.append(round((time.perf_counter() - start) * 1000))
            start = time.perf_counter()
            gc.collect()  # the collection held off during the call, paid right after it
            collect_after.append(round((time.perf_counter() - start) * 1000))
    finally:
        store.close()
    out = {
        "engine": args.engine,
        "chain": args.chain,
        "plans_cleared": args.clear_plans,
        "cold_ms": runs,
        "median_ms": statistics.median(runs),
        "collection_after_ms": collect_after,
        # what a caller waits for in all, once the held-off collection has run
        "with_collection_ms": [a + b for a, b in zip(runs, collect_after, strict=True)],
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
