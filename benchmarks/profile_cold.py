"""Profile the cold analyses over a loaded store, one by one, each from an emptied cache: where the time
goes (fetching from the store, building Python objects, the cascades). A tool for development, not part
of ``make bench``.

    python -m benchmarks.profile_cold --engine ladybug --store DIR/graph.lbdb [--only risks] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks.stores import add_store_arguments, open_loaded_store
from service import recruitment, weaklinks
from service.cache import cache_for


def main() -> None:
    parser = argparse.ArgumentParser()
    add_store_arguments(parser)
    parser.add_argument("--chain", default="auto")
    parser.add_argument("--only", action="append")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--enterprises", type=int, default=100_000)
    args = parser.parse_args()
    store = open_loaded_store(parser, args)
    chain = args.chain
    stop = f"g{random.Random(1).randrange(args.enterprises):07d}"

    def dossier() -> Any:
        ranked = recruitment.targets(store, chain)
        return recruitment.dossier(store, ranked["targets"][0]["enterprise_id"], chain)

    checks: dict[str, Callable[[], Any]] = {
        "projection": lambda: weaklinks.projection(store),
        "cascades": lambda: weaklinks.single_stop_cascades(store),
        "breaks": lambda: weaklinks.breaks(store, chain),
        "risks": lambda: weaklinks.risks(store, chain),
        "anchors": lambda: weaklinks.anchors(store, chain),
        "sme_candidates": lambda: weaklinks.sme_candidates(store, chain),
        "what_if": lambda: weaklinks.disruption(store, [stop]),
        "dossier": dossier,
    }
    for name, fn in checks.items():
        if args.only and name not in args.only:
            continue
        cache_for(store).clear()
        gc.collect()
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        fn()
        profile.disable()
        seconds = time.perf_counter() - start
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print(f"=== {name}: {seconds:.2f} s under the profiler, load {os.getloadavg()[0]:.2f}")
        print(out.getvalue())
    store.close()


if __name__ == "__main__":
    main()
