"""Nation scale as a dry run (issue 20): 1,000,000 firms and 5,000,000 supply links from
``seed/generate.py``, imported into a fresh store, then the projection, the risk list (cold and cached)
and one what-if. No target yet: the point is what breaks first, and where.

    python -m benchmarks.nation --engine ladybug --store-dir /tmp/nation-store
    python -m benchmarks.nation --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 --server-pid PID

A watchdog samples the resident memory of this process (and of the Neo4j server with ``--server-pid``)
every 0.2 s and records each stage's peak; past ``--rss-limit-mb`` it ends the run with the stage it
stopped in, rather than letting the machine's OOM killer pick a process. Prints one JSON document,
also when a stage fails (its error is in ``broke``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.run import ledger_for, timed

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


class Watchdog:
    """Peak resident memory per stage, for this process and optionally a server; ends the run when
    this process passes the limit."""

    def __init__(self, report: dict[str, Any], limit_mb: float, server_pid: int | None) -> None:
        self.report, self.limit, self.server = report, limit_mb, server_pid
        self.stage = "start"
        self.peaks: dict[str, dict[str, float]] = {}
        threading.Thread(target=self._watch, daemon=True).start()

    def enter(self, stage: str) -> None:
        if stage == self.stage:
            return
        self.stage = stage
        print(f"[{time.strftime('%H:%M:%S')}] {stage}", file=sys.stderr, flush=True)

    def _watch(self) -> None:
        while True:
            own = rss_mb()
            peak = self.peaks.setdefault(self.stage, {"client_mb": 0.0})
            peak["client_mb"] = max(peak["client_mb"], round(own))
            if self.server:
                peak["server_mb"] = max(peak.get("server_mb", 0.0), round(rss_mb(self.server)))
            if own > self.limit:
                self.report["broke"] = f"resident memory passed {self.limit:.0f} MB in stage {self.stage}"
                self.finish()
                os._exit(3)
            time.sleep(0.2)

    def finish(self) -> None:
        self.report["peak_rss_mb_by_stage"] = self.peaks
        json.dump(self.report, sys.stdout, ensure_ascii=False, indent=2)
        print(flush=True)


def measure(store: Any, firms: int, dog: Watchdog, out: dict[str, Any]) -> None:
    from service import weaklinks
    from service.cache import cache_for

    cache = cache_for(store)

    def cold(name: str, fn: Callable[[], Any]) -> None:
        cache.clear()
        gc.collect()
        dog.enter(f"{name} cold")
        out[name] = {"cold_s": round(timed(fn)[0], 2)}

    cold("projection", lambda: weaklinks.projection(store))
    cold("risks", lambda: weaklinks.risks(store, "auto"))
    dog.enter("risks cached")
    out["risks"]["cached_ms"] = round(timed(lambda: weaklinks.risks(store, "auto"), repeat=5)[0] * 1000, 1)
    stop = f"g{random.Random(1).randrange(firms):07d}"
    cold("what_if", lambda: weaklinks.disruption(store, [stop]))
    dog.enter("what_if warm")
    cache.clear()
    weaklinks.projection(store)
    out["what_if"]["warm_projection_s"] = round(timed(lambda: weaklinks.disruption(store, [stop]))[0], 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["ladybug", "neo4j"], required=True)
    parser.add_argument("--neo4j-uri", default="bolt://127.0.0.1:7688")
    parser.add_argument("--server-pid", type=int, help="the Neo4j server's pid, to sample its memory")
    parser.add_argument("--store-dir", type=Path, default=Path("/tmp/chainlens-bench-nation"))
    parser.add_argument("--enterprises", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=5_000_000)
    parser.add_argument("--rss-limit-mb", type=float, default=18_000)
    args = parser.parse_args()
    # A nation ledger is past an upload's row limit; a benchmark import is not an upload.
    os.environ.setdefault("CHAINLENS_MAX_UPLOAD_ROWS", str(args.enterprises + args.links + 10_000))

    from service.ledger.load import import_ledger
    from service.ledger.read import read_ledger
    from service.settings import Settings
    from service.storage.backends import open_store
    from service.storage.queries import Q

    report: dict[str, Any] = {
        "engine": args.engine,
        "enterprises": args.enterprises,
        "links": args.links,
        "load_average_at_start": os.getloadavg(),
    }
    dog = Watchdog(report, args.rss_limit_mb, args.server_pid)
    try:
        dog.enter("generate")
        start = time.perf_counter()
        folder = ledger_for(args.enterprises, args.links)
        report["generate_s"] = round(time.perf_counter() - start, 1)
        report["ledger_mb"] = round(sum(p.stat().st_size for p in folder.iterdir()) / 2**20)
        if args.engine == "ladybug":
            shutil.rmtree(args.store_dir, ignore_errors=True)
            args.store_dir.mkdir(parents=True)
            store = open_store(Settings(backend="embedded", embedded_path=args.store_dir / "graph.lbdb"))
        else:
            store = open_store(Settings(backend="neo4j", neo4j_uri=args.neo4j_uri))
            store.write([(Q.CLEAR_GRAPH, {})])
        dog.enter("read files")
        start = time.perf_counter()
        raw = read_ledger(folder)
        report["read_files_s"] = round(time.perf_counter() - start, 1)
        dog.enter("import")
        start = time.perf_counter()
        imported = import_ledger(store, raw, lambda stage, *_: dog.enter(f"import: {stage}"))
        seconds = time.perf_counter() - start
        report["import"] = {"seconds": round(seconds, 1), "rows": imported.rows, "phases": imported.timings}
        del raw, imported
        gc.collect()
        if args.engine == "ladybug":
            used = subprocess.run(["du", "-sm", str(args.store_dir)], capture_output=True, text=True)
            report["store_mb"] = int(used.stdout.split()[0])
        report["graph"] = {
            "nodes": store.read(Q.COUNT_NODES)[0]["nodes"],
            "relationships": store.read(Q.COUNT_RELATIONSHIPS)[0]["relationships"],
        }
        measure(store, args.enterprises, dog, report)
        store.close()
    except Exception as e:  # a dry run reports what broke, and where
        report["broke"] = f"{dog.stage}: {type(e).__name__}: {str(e)[:500]}"
        report["traceback"] = traceback.format_exc()[-2000:]
    dog.finish()


if __name__ == "__main__":
    main()
