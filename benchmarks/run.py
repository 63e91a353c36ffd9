"""Measure import speed, analysis times (cold and cached) and peak memory, per engine and scale.

    python -m benchmarks.run --engine ladybug --enterprises 100000 --links 500000
    python -m benchmarks.run --engine neo4j --neo4j-uri bolt://127.0.0.1:7688 ...

Prints one JSON document. ``make bench`` runs both engines and the load test and writes the table.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seed import dataset_path
from seed.generate import generate
from service import recruitment, weaklinks
from service.cache import cache_for
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.backends import open_store
from service.storage.port import GraphStore
from service.storage.queries import Q

CHAINS = ("beef", "auto", "ha", "cons")
CACHE_DIR = Path.home() / ".cache" / "chainlens" / "bench"


def ledger_for(enterprises: int, links: int, seed: int = 7) -> Path:
    """The generated ledger for a scale, made once and kept (the generator is deterministic)."""
    folder = CACHE_DIR / f"ledger-{enterprises}-{links}-{seed}"
    if not (folder / "supply_links.csv").exists():
        with dataset_path() as template:
            generate(template, folder, enterprises, links, seed)
    return folder


def open_bench_store(engine: str, uri: str | None, tmp: Path) -> GraphStore:
    """A fresh store: a new embedded database, or the benchmark's Neo4j emptied."""
    if engine == "ladybug":
        return open_store(Settings(backend="embedded", embedded_path=tmp / "graph.lbdb"))
    store = open_store(Settings(backend="neo4j", neo4j_uri=uri or "bolt://127.0.0.1:7688"))
    store.write([(Q.CLEAR_GRAPH, {})])
    return store


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median seconds over ``repeat`` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def analyses(store: GraphStore, chain: str, stop: str) -> dict[str, dict[str, float]]:
    cache = cache_for(store)

    def forget() -> None:
        # empty the cache and collect what it held, so no timing pays for the previous one's garbage
        cache.clear()
        gc.collect()

    def fetch_projection() -> None:
        # The collector is held off while the projection is built; its pass over the new objects
        # comes right after, and belongs to the fetch, not to the analysis timed next.
        weaklinks.projection(store)
        gc.collect()

    out: dict[str, dict[str, float]] = {}
    forget()
    out["projection"] = {"cold": timed(fetch_projection)[0]}
    checks: dict[str, Callable[[], Any]] = {
        "breaks": lambda: weaklinks.breaks(store, chain),
        "risks": lambda: weaklinks.risks(store, chain),
        "anchors": lambda: weaklinks.anchors(store, chain),
        "sme_candidates": lambda: weaklinks.sme_candidates(store, chain),
        "what_if": lambda: weaklinks.disruption(store, [stop]),
        "recruitment": lambda: recruitment.targets(store, chain),
    }
    for name, fn in checks.items():
        forget()
        cold, _ = timed(fn)  # nothing cached: includes fetching the projection
        cached, _ = timed(fn, repeat=5)
        out[name] = {"cold": cold, "cached": cached}
        # time for the analysis alone, with the projection already fetched
        forget()
        fetch_projection()
        out[name]["warm_projection"] = timed(fn)[0]
    # a dossier: its first call fetches the projection and every firm's single-stop cascade; the next
    # target's dossier reuses them and the chain's figures before any target opens
    forget()
    _, ranked = timed(lambda: recruitment.targets(store, chain))
    ids = [t["enterprise_id"] for t in ranked["targets"][:2]]
    out["dossier"] = {
        "cold": timed(lambda: recruitment.dossier(store, ids[0], chain))[0],
        "next_target": timed(lambda: recruitment.dossier(store, ids[1], chain))[0],
    }
    return out


def load(store: GraphStore, args: argparse.Namespace) -> tuple[dict[str, Any], str, str]:
    """Import the seed or a generated province ledger; the import's figures, the chain to analyse and the
    firm to stop in the what-if. The ledger's rows live only here, as in the service's import."""
    if args.seed_scale:
        with dataset_path() as path:
            raw = read_ledger(path)
            seconds, imported = timed(lambda: import_ledger(store, raw))
        chain, stop = "auto", "ent.auto.xinzhu"
    else:
        ledger = ledger_for(args.enterprises, args.links)
        start = time.perf_counter()
        raw = read_ledger(ledger)
        read_s = time.perf_counter() - start
        seconds, imported = timed(lambda: import_ledger(store, raw))
        seconds += read_s
        imported.timings["read_files"] = round(read_s, 3)
        chain = "auto"
        stop = f"g{random.Random(1).randrange(args.enterprises):07d}"
    figures = {
        "rows": imported.rows,
        "seconds": round(seconds, 3),
        "rows_per_second": round(imported.rows / seconds),
        "phases": imported.timings,
    }
    return figures, chain, stop


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["ladybug", "neo4j"], required=True)
    parser.add_argument("--neo4j-uri")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--seed-scale", action="store_true", help="use the bundled seed data instead")
    parser.add_argument("--keep", type=Path, help="keep the embedded store at this path (for the load test)")
    args = parser.parse_args()

    report: dict[str, Any] = {"engine": args.engine}
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        store = open_bench_store(args.engine, args.neo4j_uri, base)
        report["import"], chain, stop = load(store, args)
        gc.collect()  # the ledger's rows are gone, as in the service once an upload is imported
        counts = {
            "nodes": store.read(Q.COUNT_NODES)[0]["nodes"],
            "relationships": store.read(Q.COUNT_RELATIONSHIPS)[0]["relationships"],
        }
        report["graph"] = counts
        report["analyses"] = {
            name: {k: round(v * 1000, 1) for k, v in values.items()}
            for name, values in analyses(store, chain, stop).items()
        }
        report["chain"] = chain
        report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        store.close()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
