"""Turn the JSON files `make bench` writes into the Markdown tables of BENCHMARKS.md.

python -m benchmarks.report bench-results
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ANALYSES = ("breaks", "risks", "anchors", "sme_candidates", "what_if")


def _with_collection(run: dict) -> float:
    """The median of the cold runs with the collection after each added."""
    return statistics.median(a + b for a, b in zip(run["cold_ms"], run["collection_after_ms"], strict=True))


def recruitment(runs: dict[str, dict]) -> None:
    """The ranked recruitment list and the dossier (benchmarks.run), and the repeated cold runs of the
    list (benchmarks.recruitment_cold), at province scale."""
    print()
    print(
        "| engine | list cold, after the import | list cold, repeated: median (range) "
        "[with the collection after it] | list cached | first dossier | next target's dossier |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, run in runs.items():
        if "analyses" not in run or not name.endswith("province"):
            continue
        an = run["analyses"]
        repeated = [
            f"{r['median_ms']:,.0f} ({min(r['cold_ms']):,}–{max(r['cold_ms']):,}) "
            f"[{_with_collection(r):,.0f}]" + (" after a plan-cache flush" if r["plans_cleared"] else "")
            for r in sorted(
                (r for r in runs.values() if "cold_ms" in r and r["engine"] == run["engine"]),
                key=lambda r: r["plans_cleared"],
            )
        ]
        print(
            f"| {run['engine']} | {an['recruitment']['cold']:,.0f} | {'; '.join(repeated) or '–'} | "
            f"{an['recruitment']['cached']:,.1f} | {an['dossier']['cold']:,.0f} | "
            f"{an['dossier']['next_target']:,.0f} |"
        )


def collector(runs: dict[str, dict]) -> None:
    """A cold risk list with the collector held off during the big builds, and without it
    (benchmarks.collector)."""
    for run in runs.values():
        if "median_collector_ms" in run:
            print()
            print(
                f"Cold risk list ({run['engine']}, {run['chain']}), collector "
                f"{'held off during the builds' if run['hold'] else 'running throughout'}: "
                f"median {run['median_total_ms']:,.0f} ms, of it {run['median_collector_ms']:,.0f} ms "
                f"collecting ({len(run['runs'])} runs); peak RSS {run['peak_rss_mb']:,} MB."
            )


# Issue 20's targets for the province store: (measure, how to read it from the runs, target, unit).
TARGETS: tuple[tuple[str, str, str, float], ...] = (
    ("import of the 600k-row ledger, validation included", "ladybug-province import", "s", 8),
    ("import on Neo4j", "neo4j-province import", "s", 30),
    ("risk list, cold", "ladybug-province risks", "ms", 3000),
    ("anchors, cold", "ladybug-province anchors", "ms", 1500),
    ("SME candidates, cold", "ladybug-province sme_candidates", "ms", 1500),
    ("breaks, cold", "ladybug-province breaks", "ms", 100),
    ("one what-if, cold", "ladybug-province what_if", "ms", 1000),
    ("first dossier", "ladybug-province dossier cold", "ms", 2000),
    ("next target's dossier", "ladybug-province dossier next_target", "ms", 500),
    ("first as_of of a past date", "history-ladybug as_of_first_s", "s", 5),
    ("one-firm weekly update, history included", "history-ladybug one_firm_update_s", "s", 1),
    (
        "assessment gap search, 8 province weeks, eve of the year already written",
        "assessment-province search_worst_case_s",
        "s",
        10,
    ),
    (
        "the same, the eve of the year written first (first search in a process)",
        "assessment-province walk_first_day_s + assessment-province search_worst_case_s",
        "s",
        10,
    ),
    ("peak RSS during the run", "ladybug-province peak_rss_mb", "MB", 2000),
)


def _figure(runs: dict[str, dict], where: str) -> float | None:
    """One figure named as in TARGETS: a run's file stem, then the path into its JSON; figures joined by
    ``+`` are added."""
    if " + " in where:
        parts = [_figure(runs, w) for w in where.split(" + ")]
        return None if None in parts else sum(p for p in parts if p is not None)
    stem, *path = where.split()
    value: object = runs.get(stem)
    if value is not None and path[0] in (*ANALYSES, "dossier"):
        value = value["analyses"]  # type: ignore[index]
        path = [*path, "cold"] if len(path) == 1 else path
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, dict) and "seconds" in value:  # an import
        value = value["seconds"]
    return float(value) if isinstance(value, int | float) else None


def targets(runs: dict[str, dict]) -> None:
    """Each target of issue 20 beside what this run measured."""
    print()
    print("| measure | measured | target | met |")
    print("| --- | ---: | ---: | --- |")
    for label, where, unit, target in TARGETS:
        value = _figure(runs, where)
        shown = "–" if value is None else f"{value:,.1f} {unit}"
        met = "–" if value is None else ("yes" if value <= target else "no")
        print(f"| {label} | {shown} | ≤ {target:,.0f} {unit} | {met} |")


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-results")
    runs = {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
    print("| engine | scale | rows | seconds | rows/s | validate s | write s | peak RSS MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, run in runs.items():
        if "analyses" not in run:  # the load run imports too, but is no engine run
            continue
        imp = run["import"]
        print(
            f"| {run['engine']} | {name.split('-')[-1]} | {imp['rows']:,} | {imp['seconds']:.1f} | "
            f"{imp['rows_per_second']:,} | {imp['phases']['validate']:.1f} | {imp['phases']['write']:.1f} | "
            f"{run['peak_rss_mb']:,} |"
        )
    print()
    print(
        "| engine | scale | projection cold | "
        + " | ".join(f"{a} cold / warm / cached" for a in ANALYSES)
        + " |"
    )
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in ANALYSES) + " |")
    for name, run in runs.items():
        if "analyses" not in run:
            continue
        an = run["analyses"]
        cells = [
            f"{an[a]['cold']:,.0f} / {an[a]['warm_projection']:,.0f} / {an[a]['cached']:,.1f}"
            for a in ANALYSES
        ]
        print(
            f"| {run['engine']} | {name.split('-')[-1]} | {an['projection']['cold']:,.0f} | "
            + " | ".join(cells)
            + " |"
        )
    targets(runs)
    recruitment(runs)
    collector(runs)
    for name, run in runs.items():
        if "p50_ms" in run:
            print()
            print(
                f"Load ({name}): {run['clients']} clients for {run['seconds']:.0f} s: "
                f"{run['requests']} requests, {run['errors']} errors, "
                f"p50 {run['p50_ms']} ms, p99 {run['p99_ms']} ms, "
                f"{run['requests_per_second']} requests/s."
            )
        elif "warm_up_ms" in run:
            after = run["first_request_after"]
            print()
            print(
                f"Warm-up after a write ({run['engine']}, chain {run['chain']}): {run['warm_up_ms']:,.0f} ms "
                f"({run['warm_up_steps']['steps']} answers); first requests after it: "
                + ", ".join(f"{k} {v:,.1f} ms" for k, v in after.items())
                + "; while it runs: "
                + ", ".join(
                    f"{k} {v:,.0f} ms (cold {run['cold'][k]:,.0f})" for k, v in run["during_warm_up"].items()
                )
                + "."
            )
        elif "one_firm_update_s" in run:
            print()
            print(
                f"History ({name}): one-firm weekly update {run['one_firm_update_s']} s, first as_of of a "
                f"past date {run['as_of_first_s']} s, again {run['as_of_again_s']} s."
            )
        elif "search_worst_case_s" in run:
            print()
            print(
                f"Assessment gap search ({name}: {run['data']}, {run['weeks']} weekly updates): "
                f"{run['search_found_early_s']} s when found on the first day, "
                f"{run['search_worst_case_s']} s over all {run['days_replayed_worst_case']} days."
            )


if __name__ == "__main__":
    main()
