"""Time one import of a generated ledger into a fresh embedded store, phase by phase, in wall and CPU
seconds: reading the files, reading the graph, validation, planning and writing (the import as
``benchmarks.run`` does it: ``read_ledger`` then ``import_ledger`` in one transaction).

    python -m benchmarks.import_phases --enterprises 100000 --links 500000

Prints one JSON document. CPU time (``time.process_time``) is steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.run import ledger_for, open_bench_store
from service.ledger import load
from service.ledger.read import read_ledger


def _cpu_of(name: str, cpu: dict[str, float]) -> None:
    """Count the CPU time of ``load.<name>`` in ``cpu`` while the import runs."""
    fn: Callable[..., Any] = getattr(load, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            cpu[name] = round(cpu.get(name, 0.0) + time.process_time() - start, 3)

    setattr(load, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=500_000)
    args = parser.parse_args()
    ledger = ledger_for(args.enterprises, args.links)
    cpu: dict[str, float] = {}
    for name in ("read_state", "read_links", "check", "plan"):
        _cpu_of(name, cpu)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_bench_store("ladybug", None, Path(tmp))
        try:
            wall, clock = time.perf_counter(), time.process_time()
            raw = read_ledger(ledger)
            read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - clock
            report = load.import_ledger(store, raw)
            total_wall, total_cpu = time.perf_counter() - wall, time.process_time() - clock
        finally:
            store.close()
    phases_cpu = {
        "read_files": round(read_cpu, 3),
        "read_graph": round(cpu.get("read_state", 0.0) + cpu.get("read_links", 0.0), 3),
        "validate": cpu.get("check", 0.0),
        "plan": cpu.get("plan", 0.0),
    }
    # the rest of the import's CPU: the write (the engine's COPY, converting rows to Arrow), the report
    phases_cpu["write_and_rest"] = round(total_cpu - sum(phases_cpu.values()), 3)
    print(
        json.dumps(
            {
                "rows": report.rows,
                "wall": {"read_files": round(read_wall, 3), **report.timings, "total": round(total_wall, 3)},
                "cpu": {**phases_cpu, "total": round(total_cpu, 3)},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
