"""Bounded load on loopback: N concurrent clients for S seconds of mixed reads against a real
`chainlens serve` on the embedded engine; prints p50/p99 latency and errors as JSON.

    python -m benchmarks.load --clients 32 --seconds 30 --store ~/.cache/chainlens/bench/province.lbdb
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from benchmarks.run import ledger_for

PORT = 8765


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
    args = parser.parse_args()
    ensure_store(args.store, args.enterprises, args.links)
    env = {**os.environ, "CHAINLENS_EMBEDDED_PATH": str(args.store), "CHAINLENS_BACKEND": "embedded"}
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
        # warm the caches once, as a running service would be
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
        stop_at = time.time() + args.seconds

        def client(seed: int) -> None:
            r = random.Random(seed)
            with httpx.Client(base_url=base, timeout=60) as http:
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
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        latencies.sort()
        result = {
            "clients": args.clients,
            "seconds": args.seconds,
            "requests": len(latencies),
            "errors": len(errors),
            "error_samples": errors[:5],
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
            "requests_per_second": round(len(latencies) / args.seconds, 1),
        }
        json.dump(result, sys.stdout, indent=2)
        print()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
