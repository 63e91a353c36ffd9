"""What the yearly assessment's gap search costs (embedded engine). Before the year: the seed, or with
``--store`` a copy of the province store recorded as a baseline update. Then one weekly update per week,
in a past year, in which an illustrative district battery-pack firm (``bench.bat``) closes or reopens
the ``auto.s08`` break. Reported: the search for ``auto.s08`` (a break on the eve of the year, so it
stops at once) and the worst case, a segment that is never a break, for which every update day of the
year is replayed. Also the walk's first day (the eve of the year written into a scratch store; the
searches after it copy that store) and the CPU seconds of each.

    python -m benchmarks.assessment [--weeks 52]
    python -m benchmarks.assessment --weeks 8 --store ~/.cache/chainlens/bench/province.lbdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from seed import dataset_path
from seed.generate import ENTERPRISE_HEADER
from service import assessment, history
from service.ledger.read import read_ledger, read_upload
from service.storage.ladybug_store import LadybugStore

T = TypeVar("T")
YEAR = 2025  # a past year: update dates cannot lie ahead of today
FIRM_HEADER = ",".join(ENTERPRISE_HEADER) + "\n"  # the ledger format's own headers


def firm(status: str, day: dt.date) -> bytes:
    row = f"bench.bat,基准电池企业,220106400,是,小型,否,否,{status},illustrative,{day},auto.s08,"
    row += "p.auto.battery_pack\n"
    return (FIRM_HEADER + row).encode()


def timed(call: Callable[[], T], cpu: dict[str, float] | None = None, name: str = "") -> tuple[T, float]:
    """The call's answer and its wall seconds; with ``cpu``, its CPU seconds (this process) too."""
    start, clock = time.perf_counter(), time.process_time()
    result = call()
    if cpu is not None:
        cpu[name] = round(time.process_time() - clock, 2)
    return result, round(time.perf_counter() - start, 2)


def first_day(store: LadybugStore, day: dt.date) -> None:
    """Enter a walk and take its first step: the first day's state written into the scratch store."""
    with history.walk(store, [day]) as steps:
        next(steps)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--store", type=Path, help="an embedded store to copy (default: the seed data)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chainlens-assessment-"))
    if args.store:
        shutil.copyfile(args.store.expanduser(), work / "graph.lbdb")
    store = LadybugStore(work / "graph.lbdb")
    out: dict[str, float | int | str] = {"weeks": args.weeks, "data": str(args.store or "seed")}
    try:
        store.apply_schema()
        if args.store:
            history.reconcile(store, dt.date(YEAR - 1, 12, 1))
        else:
            with dataset_path() as path:
                history.import_update(store, read_ledger(path), author="bench", at=dt.date(YEAR - 1, 12, 1))
        first = dt.date(YEAR, 1, 5)
        start = time.perf_counter()
        for week in range(args.weeks):
            day = first + dt.timedelta(weeks=week)
            status = "在营" if week % 2 == 0 else "注销"
            upload = read_upload("enterprises.csv", firm(status, day))
            history.import_update(store, upload, author="bench", at=day)
        out["updates_s"] = round(time.perf_counter() - start, 1)
        until = min(first + dt.timedelta(weeks=args.weeks), dt.date(YEAR, 12, 31))
        log = history.updates(store)
        cpu: dict[str, float] = {}
        eve = dt.date(YEAR - 1, 12, 31)
        # the log replayed to the eve of the year (its baseline decoded) and that state written by COPY
        _, out["walk_first_day_s"] = timed(lambda: first_day(store, eve), cpu, "walk_first_day_cpu_s")
        found, out["search_found_early_s"] = timed(
            lambda: assessment._gap_segments(store, "auto", log, dt.date(YEAR, 1, 1), until, {"auto.s08"}),
            cpu,
            "search_found_early_cpu_s",
        )
        out["found"] = json.dumps(found, ensure_ascii=False)
        _, out["search_worst_case_s"] = timed(
            lambda: assessment._gap_segments(store, "auto", log, dt.date(YEAR, 1, 1), until, {"auto.s01"}),
            cpu,
            "search_worst_case_cpu_s",
        )
        out.update(cpu)
        out["days_replayed_worst_case"] = len(
            assessment.gap_check_days([dt.date.fromisoformat(u.at) for u in log], dt.date(YEAR, 1, 1), until)
        )
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
