"""What holding Python's cyclic collector off costs and saves: a cold risk list (which builds the
whole-graph projection and every firm's single-stop cascade) over one loaded store, timed with the time
the collector spent inside it, with the builds' hold on (as shipped) or off (``--no-hold``). One mode per
process, so that the peak memory is the mode's own.

    python -m benchmarks.collector --engine ladybug --store /tmp/province/graph.lbdb [--runs 3] [--no-hold]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.stores import add_store_arguments, open_loaded_store
from service import weaklinks
from service.cache import cache_for


class CollectorClock:
    """The collections that ran, and the seconds they took, while it was listening."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.by_generation = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.by_generation[info["generation"]] += 1


@contextlib.contextmanager
def no_hold() -> Iterator[None]:
    """``collector_paused`` that holds nothing off (usable as a decorator too)."""
    yield


def main() -> None:
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    parser.add_argument("--chain", default="auto")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hold", action="store_true", help="let the collector run during the builds")
    args = parser.parse_args()
    if args.no_hold:  # the builds look the name up in weaklinks at each call
        setattr(weaklinks, "collector_paused", no_hold)  # noqa: B010
    store = open_loaded_store(parser, args)
    cache = cache_for(store)
    runs: list[dict[str, Any]] = []
    totals: list[int] = []
    collector: list[int] = []
    try:
        for _ in range(args.runs):
            cache.clear()
            gc.collect()
            clock = CollectorClock()
            gc.callbacks.append(clock)
            start = time.perf_counter()
            weaklinks.risks(store, args.chain)
            gc.collect()  # the collection a hold defers belongs to this run
            total = time.perf_counter() - start
            gc.callbacks.remove(clock)
            totals.append(round(total * 1000))
            collector.append(round(clock.seconds * 1000))
            runs.append(
                {
                    "total_ms": totals[-1],
                    "collector_ms": collector[-1],
                    "collections_by_generation": clock.by_generation,
                }
            )
    finally:
        store.close()
    out = {
        "engine": args.engine,
        "chain": args.chain,
        "hold": not args.no_hold,
        "runs": runs,
        "median_total_ms": statistics.median(totals),
        "median_collector_ms": statistics.median(collector),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
