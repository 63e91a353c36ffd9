"""Bounded load on loopback: N concurrent clients for S seconds of mixed reads, and one ledger import
a third of the way in, against a real `chainlens serve` on the embedded engine; prints p50/p99 latency,
errors, and whether the import's rows all arrived exactly once, as JSON.

    python -m benchmarks.load --clients 32 --seconds 30 --store ~/.cache/chainlens/bench/province.lbdb
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from benchmarks.run import ledger_for
from seed.generate import ENTERPRISE_HEADER

PORT = 8765
CONFIRMED = "2026-11-28"


def import_files(count: int, buyers: list[str]) -> list[tuple[str, tuple[str, bytes, str]]]:
    """A ledger of ``count`` new district stamping firms, each supplying one existing firm."""
    firms = [",".join(ENTERPRISE_HEADER)]  # the ledger format's own headers
    links = ["供应企业编号,采购企业编号,供应产品,来源,核实日期"]
    for i in range(count):
        fid = f"load{i:06d}"
        firms.append(
            f"{fid},负载测试企业{i:06d},220106400,是,小型,否,否,在营,illustrative,{CONFIRMED},auto.s03,p.auto.stamping"
        )
        links.append(f"{fid},{buyers[i % len(buyers)]},p.auto.stamping,illustrative,{CONFIRMED}")
    return [
        ("files", ("enterprises.csv", "\n".join(firms).encode(), "text/csv")),
        ("files", ("supply_links.csv", "\n".join(links).encode(), "text/csv")),
    ]


def ensure_store(path: Path, enterprises: int, links: int) -> None:
    if path.exists():
        return
    env = {**os.environ, "CHAINLENS_EMBEDDED_PATH": str(path), "CHAINLENS_BACKEND": "embedded"}
    ledger = ledger_for(enterprises, links)
    subprocess.run(
        [sys.executable, "-m", "service.cli", "import", str(ledger)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--store", type=Path, default=Path.home() / ".cache/chainlens/bench/province.lbdb")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--import-firms", type=int, default=2_000, help="firms (and links) in the one import")
    args = parser.parse_args()
    ensure_store(args.store, args.enterprises, args.links)
    work = Path(tempfile.mkdtemp(prefix="chainlens-load-")) / "graph.lbdb"
    shutil.copyfile(args.store, work)  # the import changes the graph: keep the cached store as it was
    env = {
        **os.environ,
        "CHAINLENS_EMBEDDED_PATH": str(work),
        "CHAINLENS_BACKEND": "embedded",
        "CHAINLENS_KEYS_FILE": str(work.parent / "keys.json"),  # none: open, on loopback only
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(PORT)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)

        # a running service: its start-up warm-up over, then the answers the clients ask warmed once
        def warming() -> bool:
            return bool(httpx.get(f"{base}/health", timeout=60).json()["warm_up"] == "running")

        while time.time() < deadline + 600 and warming():
            time.sleep(1)
        for path in ("/chains/auto/breaks", "/chains/auto/risks", "/chains/auto/anchors"):
            httpx.get(base + path, timeout=300)
        rng = random.Random(3)
        firms = [f"g{rng.randrange(args.enterprises):07d}" for _ in range(200)]
        paths = [
            "/health",
            "/chains",
            "/chains/auto",
            "/chains/beef/breaks",
            "/chains/auto/breaks",
            "/chains/auto/risks",
            "/chains/auto/anchors",
            "/search?q=%E7%94%9F%E6%88%90%E4%BC%81%E4%B8%9A000012",
        ]
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        before = httpx.get(f"{base}/health", timeout=60).json()
        stop_at = time.time() + args.seconds
        outcome: dict[str, object] = {}

        def importer() -> None:
            time.sleep(args.seconds / 3)
            files = import_files(args.import_firms, firms)
            start = time.perf_counter()
            response = httpx.post(f"{base}/imports", files=files, timeout=600)
            outcome["status"] = response.status_code
            outcome["seconds"] = round(time.perf_counter() - start, 2)
            outcome["created"] = response.json().get("created")

        def client(seed: int) -> None:
            r = random.Random(seed)
            with httpx.Client(base_url=base, timeout=300) as http:
                while time.time() < stop_at:
                    if r.random() < 0.3:
                        path = f"/enterprises/{r.choice(firms)}" + ("/impact" if r.random() < 0.5 else "")
                    else:
                        path = r.choice(paths)
                    start = time.perf_counter()
                    try:
                        status = http.get(path).status_code
                    except httpx.HTTPError as e:
                        status, path = 0, f"{path} {e!r}"
                    elapsed = time.perf_counter() - start
                    with lock:
                        latencies.append(elapsed)
                        if status != 200:
                            errors.append(f"{status} {path}")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=importer))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        latencies.sort()
        after = httpx.get(f"{base}/health", timeout=60).json()
        with httpx.Client(base_url=base, timeout=60) as http:
            missing = [
                i
                for i in range(args.import_firms)
                if http.get(f"/enterprises/load{i:06d}").status_code != 200
            ]
        n = args.import_firms
        last = httpx.get(f"{base}/updates", timeout=60).json()["data"][-1]
        # each new firm: one node (plus the update's own record); LOCATED_IN, OPERATES_IN, MAKES, SUPPLIES
        outcome["nodes_added"] = after["nodes"] - before["nodes"]
        outcome["relationships_added"] = after["relationships"] - before["relationships"]
        outcome["update"] = {k: last[k] for k in ("id", "author", "changes", "summary")}
        outcome["exactly_once"] = (
            not missing
            and outcome["relationships_added"] == 4 * n
            and last["summary"] == {"enterprises": n, "supply_links": n}
        )
        result = {
            "clients": args.clients,
            "seconds": args.seconds,
            "requests": len(latencies),
            "errors": len(errors),
            "error_samples": errors[:5],
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
            "requests_per_second": round(len(latencies) / args.seconds, 1),
            "import": outcome,
        }
        json.dump(result, sys.stdout, indent=2)
        print()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
