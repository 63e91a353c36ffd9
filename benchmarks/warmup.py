"""The background warm-up after a write (issue 20), over a loaded store: how long it takes, what the first
request after it costs, and what a request gets while it runs, against the same request cold.

    python -m benchmarks.warmup --engine ladybug --store DIR/graph.lbdb [--chain auto]

A "write" here is an empty one: it gives the graph a new version, so nothing cached is valid, as after a
weekly update. Prints one JSON document (milliseconds). Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.stores import add_store_arguments, open_loaded_store
from service import recruitment, weaklinks
from service.cache import cache_for
from service.storage.port import GraphStore
from service.warmup import Warmer


def ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return round((time.perf_counter() - start) * 1000, 1)


def write(store: GraphStore) -> None:
    store.write([])  # only the new version: every cached answer is stale


def main() -> None:
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    parser.add_argument("--chain", default="auto")
    args = parser.parse_args()
    store = open_loaded_store(parser, args)
    chain = args.chain
    cache = cache_for(store)
    asks: dict[str, Callable[[], Any]] = {
        "risks": lambda: weaklinks.risks(store, chain),
        "anchors": lambda: weaklinks.anchors(store, chain),
        "sme_candidates": lambda: weaklinks.sme_candidates(store, chain),
        "breaks": lambda: weaklinks.breaks(store, chain),
        "recruitment": lambda: recruitment.targets(store, chain),
    }
    report: dict[str, Any] = {"engine": args.engine, "chain": chain}

    # cold, for comparison: each from an emptied cache, after a write
    cold = {}
    for name, ask in asks.items():
        write(store)
        gc.collect()
        cold[name] = ms(ask)
    report["cold"] = cold
    report["load_before"] = os.getloadavg()[0]

    # a write, then the warm-up to its end, then the first requests
    warmer = Warmer(store)
    write(store)
    gc.collect()
    start = time.perf_counter()
    warmer.schedule()
    warmer.wait()
    report["warm_up_ms"] = round((time.perf_counter() - start) * 1000, 1)
    report["warm_up_steps"] = {"outcome": warmer.runs[-1].outcome, "steps": len(warmer.runs[-1].steps)}
    misses = cache.misses
    report["first_request_after"] = {name: ms(ask) for name, ask in asks.items()}
    report["recomputed_after"] = cache.misses - misses

    # a request right after the write, while the warm-up runs: the one the warm-up starts with (it
    # needs the projection and the cascades the warm-up is computing) and one it comes to last
    during = {}
    for name in ("risks", "recruitment"):
        write(store)
        gc.collect()
        warmer.schedule()
        time.sleep(0.05)  # the warm-up has begun
        during[name] = ms(asks[name])
        warmer.wait()
    report["during_warm_up"] = during
    report["load_after"] = os.getloadavg()[0]
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    warmer.close()
    store.close()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
