"""A deterministic province-scale ledger for benchmarks: the seed's chain templates, many more firms.

It keeps the template's chains, segments, products, technologies and domains, and writes generated
enterprises (all ``illustrative``) spread over the segments and over real region codes, and supply links
that mostly run from a segment to the next one downstream. The same ``seed`` gives the same files.
"""

from __future__ import annotations

import csv
import itertools
import random
import shutil
from collections import defaultdict
from pathlib import Path

from seed.reference import regions
from service.ledger.format import sheet_for
from service.ledger.read import read_ledger

TEMPLATE_SHEETS = (
    "chains",
    "segments",
    "products",
    "technologies",
    "technology_paths",
    "application_domains",
)
# Headers come from the ledger format, so the generated files read like any ledger.
_ENTERPRISES = sheet_for("enterprises")
ENTERPRISE_KEYS = (
    "id",
    "name",
    "region_code",
    "in_district",
    "scale",
    "is_anchor",
    "is_specialised",
    "status",
    "provenance",
    "confirmed_on",
    "segments",
    "products",
)
ENTERPRISE_HEADER = [_ENTERPRISES.column(k).header for k in ENTERPRISE_KEYS]  # type: ignore[union-attr]
LINK_HEADER = sheet_for("supply_links").headers  # type: ignore[union-attr]
CONFIRMED = "2026-11-01"


def _read(template: Path, sheet: str) -> list[dict[str, str]]:
    """Rows of one template sheet keyed by English column key (headers may be Chinese or English)."""
    raw = read_ledger(template / f"{sheet}.csv")
    return [{k: "" if v is None else str(v) for k, v in r.cells.items()} for r in raw.sheets[0].rows]


def generate(template: Path, out: Path, enterprises: int, links: int, seed: int = 7) -> None:
    """Write a ledger folder with ``enterprises`` firms and ``links`` supply links into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE_SHEETS:
        shutil.copyfile(template / f"{name}.csv", out / f"{name}.csv")
    segments = _read(template, "segments")
    products = _read(template, "products")
    by_chain: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in segments:
        by_chain[s["chain_id"]].append(s)
    for chain in by_chain.values():
        chain.sort(key=lambda s: int(s["position"]))
    made_in: dict[str, list[str]] = defaultdict(list)
    for p in products:
        for seg_id in filter(None, p["segments"].replace("；", ";").split(";")):
            made_in[seg_id].append(p["id"])
    usable = [s for s in segments if made_in[s["id"]]]
    district = sorted(c for c, r in regions().items() if c.startswith("220106") and r.level == "township")
    outside = sorted(c for c, r in regions().items() if r.level == "county" and not c.startswith("220106"))

    firm_segment: list[str] = []
    firm_product: list[str] = []
    with (out / "enterprises.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ENTERPRISE_HEADER)
        for i in range(enterprises):
            seg = rng.choice(usable)
            product = rng.choice(made_in[seg["id"]])
            inside = rng.random() < 0.3
            w.writerow(
                [
                    f"g{i:07d}",
                    f"生成企业{i:07d}",
                    rng.choice(district if inside else outside),
                    "是" if inside else "否",
                    rng.choice(["大型", "中型", "小型", "小型", "微型"]),
                    "是" if inside and rng.random() < 0.002 else "否",
                    "是" if rng.random() < 0.03 else "否",
                    "在营" if rng.random() < 0.97 else "停产",
                    "illustrative",
                    CONFIRMED,
                    seg["id"],
                    product,
                ]
            )
            firm_segment.append(seg["id"])
            firm_product.append(product)

    firms_in: dict[str, list[int]] = defaultdict(list)
    for i, seg_id in enumerate(firm_segment):
        firms_in[seg_id].append(i)
    downstream: dict[str, list[str]] = {}
    for chain in by_chain.values():
        ids = [s["id"] for s in chain if firms_in[s["id"]]]
        for a, b in itertools.pairwise(ids):
            downstream[a] = [b]
    seen: set[tuple[int, int]] = set()
    share_left: dict[tuple[int, str], float] = defaultdict(lambda: 1.0)
    written = 0
    with (out / "supply_links.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(LINK_HEADER)
        attempts = 0
        while written < links:
            attempts += 1
            if attempts > 50 * links:
                raise ValueError(f"cannot place {links} distinct links among {enterprises} firms")
            supplier = rng.randrange(enterprises)
            targets = downstream.get(firm_segment[supplier])
            pool = firms_in[targets[0]] if targets else firms_in[firm_segment[supplier]]
            buyer = rng.choice(pool)
            if buyer == supplier or (supplier, buyer) in seen:
                continue
            product = firm_product[supplier]
            share: float | str = ""  # most ledgers know the share of only some links
            if rng.random() < 0.3:
                left = share_left[(buyer, product)]
                share = round(min(left, rng.choice([0.1, 0.2, 0.3, 0.5])), 2)
                if share <= 0:
                    continue
                share_left[(buyer, product)] = round(left - share, 2)
            seen.add((supplier, buyer))
            recovery = rng.randrange(5, 120) if rng.random() < 0.5 else ""
            stock = rng.randrange(5, 90) if recovery != "" else ""
            w.writerow(
                [
                    f"g{supplier:07d}",
                    f"g{buyer:07d}",
                    product,
                    share,
                    rng.randrange(10, 50_000),
                    recovery,
                    stock,
                    "illustrative",
                    CONFIRMED,
                ]
            )
            written += 1
