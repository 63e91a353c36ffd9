"""The risk lists worked out over the input table (service.analysis.input_table) give what the plain
per-input loops they replaced gave, floats to the last bit: the loops are kept here as the reference.
Shares and sums are compared unrounded, so a changed order of additions would fail."""

from __future__ import annotations

import doctest
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from service.analysis import input_table, risks
from service.analysis.input_table import InputTable, ordered_sums
from service.analysis.place import PROVINCE_PREFIX
from service.analysis.risks import FirmFacts
from service.analysis.supply import Link, SupplyNetwork, herfindahl, shares, single_stops
from tests.unit.link_strategies import links
from tests.unit.test_cascade import FIRMS, PRODUCTS

# shares and values from any float, zero and missing included (equal parts, division by a tiny total)
VALUES = st.none() | st.sampled_from([0.0, 1.0, 0.1, 0.2, 0.3]) | st.floats(0, 1e6, allow_nan=False)
links_strategy = links(
    FIRMS, PRODUCTS, share=VALUES, value=VALUES, days=st.none() | st.integers(0, 60), max_size=60
)
# a firm in the district, elsewhere in the province, elsewhere in the country, or of unknown region
REGIONS = st.sampled_from(["220106", "220102", "110101", "", None])
facts_strategy = st.dictionaries(
    st.sampled_from(FIRMS),
    st.tuples(st.booleans(), REGIONS, st.sampled_from(["active", "closed", None])),
).map(lambda d: {f: FirmFacts(f, f"名{f}", i, r, s) for f, (i, r, s) in d.items()})
buyers_strategy = st.sets(st.sampled_from([*FIRMS, "unknown"]))


def reference_outside(
    network: SupplyNetwork, buyers: Iterable[str], facts: Mapping[str, FirmFacts]
) -> list[tuple[str, str, float, float, float]]:
    """The loop outside_dependency was: per (buyer, input), shares outside added one by one."""
    out = []
    for buyer in sorted(set(buyers)):
        for product, bought in sorted(network.inputs.get(buyer, {}).items()):
            part = {"district": 0.0, "province": 0.0, "country": 0.0}
            for link, s in zip(bought, shares(bought), strict=True):
                f = facts.get(link.supplier)
                code = (f.region_code if f else None) or ""
                if not (f and f.in_district):
                    part["district"] += s
                if not code.startswith(PROVINCE_PREFIX):
                    part["province"] += s
                if not code:
                    part["country"] += s
            out.append((buyer, product, part["district"], part["province"], part["country"]))
    return out


def reference_lists(
    network: SupplyNetwork, buyers: set[str], facts: Mapping[str, FirmFacts], threshold: float
) -> dict[str, list[dict[str, Any]]]:
    """The four lists as the per-input loops gave them."""
    single, concentrated = [], []
    for buyer in sorted(buyers):
        for product, bought in sorted(network.inputs.get(buyer, {}).items()):
            if len(bought) == 1:
                link = bought[0]
                single.append(
                    {"buyer_id": buyer, "product_id": product, "supplier_id": link.supplier}
                    | {"annual_value": link.value}
                )
            elif (hhi := herfindahl(bought)) > threshold:
                ranked = sorted(
                    zip(bought, shares(bought), strict=True), key=lambda x: (-x[1], x[0].supplier)
                )
                concentrated.append(
                    {
                        "buyer_id": buyer,
                        "product_id": product,
                        "hhi": round(hhi, 4),
                        "suppliers": [{"supplier_id": x.supplier, "share": round(s, 4)} for x, s in ranked],
                    }
                )
    outside = [
        {
            "buyer_id": b,
            "product_id": p,
            "outside_district": round(d, 4),
            "outside_province": round(pr, 4),
            "outside_country": round(c, 4),
        }
        for b, p, d, pr, c in reference_outside(network, buyers, facts)
    ]
    gaps = [
        {
            "supplier_id": x.supplier,
            "buyer_id": x.buyer,
            "product_id": x.product,
            "recovery_days": x.recovery_days,
            "stock_days": x.stock_days,
            "gap_days": x.recovery_days - x.stock_days,
        }
        for b in buyers
        for bought in network.inputs.get(b, {}).values()
        for x in bought
        if x.recovery_days is not None and x.stock_days is not None and x.recovery_days > x.stock_days
    ]
    gaps.sort(key=lambda r: (-r["gap_days"], r["supplier_id"], r["buyer_id"], r["product_id"]))
    return {
        "single_source_inputs": single,
        "concentrated_inputs": concentrated,
        "outside_dependency": outside,
        "recovery_gaps": gaps,
    }


# 0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in floats: the order of additions shows in every share
ORDERED = [Link(s, "f1", "p", share) for s, share in [("f0", 0.1), ("f2", 0.2), ("f3", 0.3)]]


@settings(max_examples=400, deadline=None)
@given(links=links_strategy, buyers=buyers_strategy)
@example(links=ORDERED, buyers={"f1"})
def test_table_shares_and_indexes_are_those_of_each_input(links: list[Link], buyers: set[str]) -> None:
    network = SupplyNetwork.build(links)
    table = InputTable.of(network, buyers)
    expected = [
        (b, p, bought) for b in sorted(buyers) for p, bought in sorted(network.inputs.get(b, {}).items())
    ]
    assert list(zip(table.buyers, table.products, table.links, strict=True)) == expected
    for i, (_, _, bought) in enumerate(expected):
        assert table.shares_of(i) == shares(bought)
        assert table.hhi[i].item() == herfindahl(bought)


@settings(max_examples=400, deadline=None)
@given(links=links_strategy, buyers=buyers_strategy, facts=facts_strategy)
@example(links=ORDERED, buyers={"f1"}, facts={})
def test_outside_parts_are_the_loops_sums_unrounded(
    links: list[Link], buyers: set[str], facts: dict[str, FirmFacts]
) -> None:
    network = SupplyNetwork.build(links)
    table = InputTable.of(network, buyers)
    parts = risks._outside_parts(table, facts)
    got = list(zip(table.buyers, table.products, *parts, strict=True))
    assert got == reference_outside(network, buyers, facts)


@settings(max_examples=300, deadline=None)
@given(
    links=links_strategy,
    buyers=buyers_strategy,
    facts=facts_strategy,
    threshold=st.sampled_from([0.0, 0.25, 0.5, 0.9]),
)
def test_risk_lists_are_those_of_the_loops(
    links: list[Link], buyers: set[str], facts: dict[str, FirmFacts], threshold: float
) -> None:
    network = SupplyNetwork.build(links)
    expected = reference_lists(network, buyers, facts, threshold)
    assert risks.single_sources(network, buyers) == expected["single_source_inputs"]
    assert risks.concentrated_inputs(network, buyers, threshold) == expected["concentrated_inputs"]
    assert risks.outside_dependency(network, buyers, facts) == expected["outside_dependency"]
    assert risks.recovery_gaps(network, buyers) == expected["recovery_gaps"]


@settings(max_examples=300, deadline=None)
@given(
    links=links_strategy,
    chain=st.sets(st.sampled_from(FIRMS)),
    facts=facts_strategy,
    makers=st.dictionaries(st.sampled_from(PRODUCTS), st.sets(st.sampled_from(FIRMS))),
    limit=st.integers(0, 8),
)
def test_chain_risks_cuts_each_full_list_and_counts_it(
    links: list[Link],
    chain: set[str],
    facts: dict[str, FirmFacts],
    makers: dict[str, set[str]],
    limit: int,
) -> None:
    """chain_risks builds only the rows it shows: they are the first of each full list, sorted as the
    loops sorted them, and the totals count the full lists."""
    facts = {f: facts.get(f, FirmFacts(f, f"名{f}", False, None)) for f in FIRMS}
    network = SupplyNetwork.build(links)
    cascades = single_stops(network)
    expected = reference_lists(network, chain, facts, 0.5)
    outside = [r for r in expected["outside_dependency"] if r["outside_district"] > 0]
    expected["outside_dependency"] = sorted(
        outside, key=lambda r: (-r["outside_district"], r["buyer_id"], r["product_id"])
    )
    got = risks.chain_risks(network, chain, facts, makers, cascades, 0.5, limit)
    assert got["totals"] == {name: len(rows) for name, rows in expected.items()}
    assert {name: got[name] for name in expected} == {name: rows[:limit] for name, rows in expected.items()}
    assert got["risk_nodes"] == risks.rank_risks(network, chain, facts, makers, limit, cascades)


@settings(max_examples=300, deadline=None)
@given(
    links=links_strategy,
    chain=st.sets(st.sampled_from(FIRMS)),
    facts=facts_strategy,
    makers=st.dictionaries(st.sampled_from(PRODUCTS), st.sets(st.sampled_from(FIRMS))),
)
def test_chain_scores_are_those_of_each_firm_scored_from_its_sales(
    links: list[Link], chain: set[str], facts: dict[str, FirmFacts], makers: dict[str, set[str]]
) -> None:
    """The chain's single sources found from the table (its inputs with one link) score every firm as
    the firm-by-firm path does from each firm's own sales."""
    facts = {f: facts.get(f, FirmFacts(f, f"名{f}", False, None)) for f in FIRMS}
    network = SupplyNetwork.build(links)
    cascades = single_stops(network)
    assert risks.risk_scores(network, chain, facts, makers, cascades) == risks.risk_scores(
        network, chain, facts, makers, cascades, FIRMS
    )


@given(st.lists(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=12), max_size=12))
def test_ordered_sums_add_as_python_sum_does(groups: list[list[float]]) -> None:
    values = np.array([x for g in groups for x in g], dtype=np.float64)
    size = np.array([len(g) for g in groups], dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
    assert ordered_sums(values, start, size).tolist() == [sum(g) for g in groups]


def test_the_runnable_examples_run() -> None:
    for module in (input_table, risks):
        failed, tried = doctest.testmod(module)
        assert tried > 0 and failed == 0


def test_a_reason_names_five_of_the_firms_cut_off_and_counts_them_all() -> None:
    facts = {f: FirmFacts(f, f"名{f}", True, "220106") for f in ["x", *(f"c{i}" for i in range(7))]}
    row = {
        "enterprise_id": "x",
        "cut_off": [f"c{i}" for i in range(7)],
        "single_source_for": [],
        "parts": {
            "cut_off_in_district": 7,
            "cut_off_outside": 0,
            "recovery_gap_days": 0,
            "substitutes_in_district": 0,
            "substitutes_outside": 0,
        },
    }
    assert risks.risk_reason(row, facts, {}).startswith(
        "名x停产将使名c0、名c1、名c2、名c3、名c4等7家企业断供（区内7家、区外0家）；"
    )
