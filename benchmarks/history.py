"""What history costs at province scale, on the embedded engine: exporting the ledger to diff it, the
baseline update of a graph imported before history was kept, a one-firm update (wall and CPU seconds, and
the import's phases: reading the graph, validation, plan, write), and materialising a past state for
`as_of`. Works on a copy of the province store (`python -m benchmarks.run --engine ladybug
--keep DIR` makes one; `benchmarks.load` caches one).

    python -m benchmarks.history [--store ~/.cache/chainlens/bench/province.lbdb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from seed.generate import ENTERPRISE_HEADER
from service import history
from service.ledger.read import read_upload
from service.settings import Settings
from service.storage.backends import open_store

FIRM = "\n".join(  # the ledger format's own headers, then one firm
    [
        ",".join(ENTERPRISE_HEADER),
        "bench.new1,基准测试企业,220106400,是,小型,否,否,在营,illustrative,2026-11-09,auto.s03,p.auto.stamping",
        "",
    ]
)

RENAMED = "编号,名称\nbench.new1,基准测试企业（更名）\n"  # a partial row: the same firm, a new name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, default=Path.home() / ".cache/chainlens/bench/province.lbdb")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chainlens-history-"))
    shutil.copyfile(args.store, work / "graph.lbdb")
    store = open_store(Settings(backend="embedded", embedded_path=work / "graph.lbdb"))
    out: dict[str, float | int] = {}
    try:
        start = time.perf_counter()
        rows = len(history.current_state(store))
        out["export_ledger_s"] = round(time.perf_counter() - start, 1)
        out["ledger_rows"] = rows
        start = time.perf_counter()
        history.reconcile(store, dt.date(2026, 11, 2))
        out["baseline_update_s"] = round(time.perf_counter() - start, 1)
        start, cpu = time.perf_counter(), time.process_time()
        report, _ = history.import_update(
            store, read_upload("enterprises.csv", FIRM.encode()), author="bench", at=dt.date(2026, 11, 9)
        )
        out["one_firm_update_s"] = round(time.perf_counter() - start, 3)
        out["one_firm_update_cpu_s"] = round(time.process_time() - cpu, 3)
        out.update({f"one_firm_{phase}_s": seconds for phase, seconds in report.timings.items()})
        # the next week's one-firm update, in a process that has imported once (vocabularies loaded)
        start, cpu = time.perf_counter(), time.process_time()
        history.import_update(
            store, read_upload("enterprises.csv", RENAMED.encode()), author="bench", at=dt.date(2026, 11, 16)
        )
        out["one_firm_update_again_s"] = round(time.perf_counter() - start, 3)
        out["one_firm_update_again_cpu_s"] = round(time.process_time() - cpu, 3)
        start = time.perf_counter()
        history.as_of(store, dt.date(2026, 11, 5))
        out["as_of_first_s"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        history.as_of(store, dt.date(2026, 11, 5))
        out["as_of_again_s"] = round(time.perf_counter() - start, 3)
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
