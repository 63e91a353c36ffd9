"""Every analysis over a loaded store, written to one JSON file, so that two versions of the code can be
checked to give identical answers (issue 20): run it with each version on the same store, then compare.

    PYTHONPATH=OLD_TREE python benchmarks/equality.py --engine ladybug --store DIR/graph.lbdb --out old.json
    PYTHONPATH=NEW_TREE python benchmarks/equality.py --engine ladybug --store DIR/graph.lbdb --out new.json
    python benchmarks/equality.py --compare old.json new.json

The answers are written in the order the code gives them (lists and dict keys alike), floats in full;
the every-firm single-stop cascades are written too, cut by cut. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.stores import add_store_arguments, open_loaded_store
from service import recruitment, weaklinks
from service.errors import ChainlensError

CHAINS = ("beef", "auto", "ha", "cons")
WHAT_IFS = 5
DOSSIERS = 2


def answers(store: Any, enterprises: int) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def keep(name: str, fn: Callable[[], Any]) -> None:
        start = time.perf_counter()
        try:
            out[name] = fn()
        except ChainlensError as e:  # the same refusal is the same answer
            out[name] = {"error": type(e).__name__, "detail": str(e)}
        print(f"{name}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)

    p = weaklinks.projection(store)
    keep(
        "projection",
        lambda: {
            "inputs": [
                [b, [[k, [list(x) for x in v]] for k, v in ps.items()]] for b, ps in p.network.inputs.items()
            ],
            "customers": [[s, [list(x) for x in links]] for s, links in p.network.customers.items()],
            # the engine's row order, which the engine does not fix (nor does any answer depend on it),
            # orders these three: compared by key
            "facts": sorted(
                [k, [f.id, f.name, f.in_district, f.region_code, f.status]] for k, f in p.facts.items()
            ),
            "scales": sorted(p.scales.items()),
            "specialised": sorted(p.specialised.items()),
            "anchors": sorted(p.anchors),
            "makers": sorted([k, sorted(v)] for k, v in p.makers.items()),
        },
    )
    keep(
        "single_stop_cascades",
        lambda: [
            [
                firm,
                [
                    [b, c.firm, c.product, c.round, list(c.lost_suppliers), c.lost_value]
                    for b, c in cut.items()
                ],
            ]
            for firm, cut in weaklinks.single_stop_cascades(store).items()
        ],
    )
    rng = random.Random(20)
    stops = [f"g{rng.randrange(enterprises):07d}" for _ in range(WHAT_IFS)]
    cascades = weaklinks.single_stop_cascades(store)
    stops += sorted(cascades, key=lambda f: (-len(cascades[f]), f))[:2]  # the two widest single stops
    for firm in stops:
        keep(f"what_if {firm}", lambda firm=firm: weaklinks.disruption(store, [firm]))
        keep(
            f"what_if {firm} followed",
            lambda firm=firm: weaklinks.disruption(store, [firm], follow_demand=True),
        )
    keep("what_if together", lambda: weaklinks.disruption(store, stops))
    for chain in CHAINS:
        keep(f"{chain} breaks", lambda chain=chain: weaklinks.breaks(store, chain))
        keep(f"{chain} risks", lambda chain=chain: weaklinks.risks(store, chain))
        keep(f"{chain} anchors", lambda chain=chain: weaklinks.anchors(store, chain))
        keep(f"{chain} sme_candidates", lambda chain=chain: weaklinks.sme_candidates(store, chain))
        keep(f"{chain} recruitment", lambda chain=chain: recruitment.targets(store, chain))
        ranked = out[f"{chain} recruitment"].get("targets", [])
        for t in ranked[:DOSSIERS]:
            firm = t["enterprise_id"]
            keep(
                f"{chain} dossier {firm}",
                lambda chain=chain, firm=firm: recruitment.dossier(store, firm, chain),
            )
    return out


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]


def compare(a: Path, b: Path) -> int:
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    differ = [k for k in sorted(set(left) | set(right)) if left.get(k) != right.get(k)]
    for name in sorted(set(left) | set(right)):
        mark = "DIFFERS" if name in differ else "same"
        print(f"{mark:8} {name} {digest(left.get(name))} {digest(right.get(name))}")
    print(f"{len(left)} answers, {len(differ)} differ (compared in order, floats in full)")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    if "--compare" in sys.argv:
        parser.add_argument("--compare", nargs=2, type=Path, required=True)
        raise SystemExit(compare(*parser.parse_args().compare))
    add_store_arguments(parser)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--enterprises", type=int, default=100_000)
    args = parser.parse_args()
    store = open_loaded_store(parser, args)
    try:
        result = answers(store, args.enterprises)
    finally:
        store.close()
    args.out.write_text(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
