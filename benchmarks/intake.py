"""Intake: how well the labelled firm list (tests/intake/export.py) is placed, and how long a long one
takes, on the seed graph in an embedded store.

Reported: precision and recall of the region at county and at township level (a prediction counts at a
level when it reaches that level; recall is over the rows whose address names that level), of the top
segment suggestion (precision over the rows placed on a segment at or above the threshold, recall over
the rows whose firm belongs to a segment), the top suggestion's accuracy regardless of the threshold,
and the seconds to read, place, match, suggest and write both workbooks for ``--rows`` rows (an XLSX).
``--keywords FILE`` first imports a segments sheet with keywords (an office's tuning).

    python -m benchmarks.intake [--rows 10000] [--labelled 360] [--keywords FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from seed import dataset_path
from service.intake import intake, read_path
from service.intake.pipeline import IntakeResult
from service.intake.write import write_folder
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.storage.ladybug_store import LadybugStore
from tests.intake.export import Label, build, write_xlsx


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def scores(result: IntakeResult, labels: list[Label]) -> dict[str, Any]:
    """Precision and recall of region (county, township) and of the top segment against ``labels``."""
    out: dict[str, Any] = {}
    outcomes = {o.number: o for o in result.outcomes}
    first = result.table.header_row or 1
    rows = [(outcomes.get(first + 1 + i), label) for i, label in enumerate(labels)]
    for level, n, truth in (("county", 6, "county"), ("township", 9, "township")):
        predicted = correct = relevant = found = 0
        for o, label in rows:
            want = getattr(label, truth)
            code = o.placement.code if o else None
            got = code[:n] if code and len(code) >= n else None
            if got:
                predicted += 1
                correct += got == want
            if want:
                relevant += 1
                found += got == want
        out[f"region_{level}"] = {
            "precision": _ratio(correct, predicted),
            "recall": _ratio(found, relevant),
            "predicted": predicted,
            "labelled": relevant,
        }
    predicted = correct = relevant = found = top = 0
    for o, label in rows:
        chosen = o.chosen[0] if o else []
        best = o.segments[0].target.id if o and o.segments else None
        if chosen:
            predicted += 1
            correct += best == label.segment
        if label.segment:
            relevant += 1
            found += bool(chosen) and best == label.segment
            top += best == label.segment
    out["top_segment"] = {
        "precision": _ratio(correct, predicted),
        "recall": _ratio(found, relevant),
        "top1_any_score": _ratio(top, relevant),
        "placed": predicted,
        "labelled": relevant,
        "threshold": result.threshold,
    }
    sweep = {}
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        placed = [(o, label) for o, label in rows if o and o.segments and o.segments[0].score >= threshold]
        right = sum(o.segments[0].target.id == label.segment for o, label in placed)
        sweep[str(threshold)] = {"precision": _ratio(right, len(placed)), "recall": _ratio(right, relevant)}
    out["top_segment_by_threshold"] = sweep
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--labelled", type=int, default=360)
    parser.add_argument("--keywords", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = LadybugStore(work / "graph.lbdb")
        store.apply_schema()
        try:
            with dataset_path() as path:
                import_ledger(store, read_ledger(path))
            if args.keywords:
                import_ledger(store, read_ledger(args.keywords))
            rows, labels = build(args.labelled)
            labelled = intake(store, read_path(write_xlsx(work / "labelled.xlsx", rows)))
            report: dict[str, Any] = {"labelled_rows": args.labelled, **scores(labelled, labels)}
            big, _ = build(args.rows, seed=20)
            source = write_xlsx(work / "big.xlsx", big)
            start, cpu = time.perf_counter(), time.process_time()
            table = read_path(source)
            read_at = time.perf_counter()
            result = intake(store, table)
            run_at = time.perf_counter()
            write_folder(result, work / "out")
            end = time.perf_counter()
            report["rows"] = args.rows
            report["seconds"] = round(end - start, 2)
            report["cpu_seconds"] = round(time.process_time() - cpu, 2)
            report["parts"] = {
                "read": round(read_at - start, 2),
                "graph, place, match, suggest": round(run_at - read_at, 2),
                "write both workbooks": round(end - run_at, 2),
            }
            report["destinations"] = result.counts()
        finally:
            store.close()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
