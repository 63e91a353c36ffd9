"""A chain's breaks from the inputs of just the firms the common-supplier check reads
(``breaks.needed_inputs``) equal the breaks from every district firm's inputs, over random chains
where some segments' firms do lean on one outside supplier."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from service.analysis import breaks as b


def _chain(rng: random.Random) -> tuple[list[b.Segment], list[dict[str, Any]]]:
    segments, rows = [], []
    outside = [f"o{i}" for i in range(rng.randint(1, 4))]
    for s in range(rng.randint(1, 5)):
        firms = tuple(
            b.Firm(f"s{s}f{i}", f"企业{s}-{i}", rng.random() < 0.8, rng.choice(["active"] * 4 + ["stopped"]))
            for i in range(rng.randint(0, 30))
        )
        segments.append(b.Segment(f"s{s}", f"环节{s}", s, firms))
        common = rng.choice(outside) if rng.random() < 0.5 else None
        for firm in firms:
            suppliers = {common} if common and rng.random() < 0.95 else set()
            suppliers |= set(rng.sample(outside + [f.id for f in firms], rng.randint(0, 3))) - {firm.id}
            for supplier in sorted(suppliers):
                share = 0.9 if supplier == common else rng.choice([None, 0.2, 0.5, 0.9])
                rows.append(
                    {
                        "supplier_id": supplier,
                        "supplier_name": supplier,
                        "supplier_in_district": not supplier.startswith("o"),
                        "supplier_region_code": None,
                        "buyer_id": firm.id,
                        "product_id": "p1" if supplier == common else rng.choice(["p1", "p2"]),
                        "share": share,
                        "annual_value": rng.choice([None, 10.0, 300.0]),
                    }
                )
    return segments, rows


def _breaks(segments: list[b.Segment], rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    in_district = {r["supplier_id"]: bool(r["supplier_in_district"]) for r in rows}
    names = {r["supplier_id"]: r["supplier_name"] for r in rows}
    return b.find_breaks(segments, [], b.inputs_network(rows), in_district, names, {})


def test_few_inputs_give_the_breaks_of_all_inputs() -> None:
    common_found = 0
    for seed in range(300):
        rng = random.Random(seed)
        segments, rows = _chain(rng)
        fetched: list[list[str]] = []

        def inputs_of(
            ids: list[str], rows: list[dict[str, Any]] = rows, fetched: list[list[str]] = fetched
        ) -> list[dict[str, Any]]:
            fetched.append(ids)
            return [r for r in rows if r["buyer_id"] in ids]

        few = b.needed_inputs(segments, inputs_of, most=10_000)
        assert few is not None
        expected = _breaks(segments, rows)
        assert _breaks(segments, few) == expected, seed
        assert len({f for ids in fetched for f in ids}) == sum(len(ids) for ids in fetched)  # each once
        assert len(fetched) <= 3  # a call per round for every segment: batches of 1, 4 and 16 cover 30
        common_found += sum(x["kind"] == b.CHOKE_COMMON_SUPPLIER for x in expected)
    assert common_found > 20  # the case that needs every firm's inputs did occur


def test_past_the_bound_it_asks_for_all_inputs() -> None:
    segments, rows = _chain(random.Random(3))
    assert b.needed_inputs(segments, lambda ids: [r for r in rows if r["buyer_id"] in ids], most=0) is None
