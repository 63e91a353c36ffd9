"""The anchor and SME analyses computed the fast way give exactly what their definitions, read literally,
give on generated networks: the value centrality is networkx's PageRank of the value graph to the last
bit, and the SME candidates are those of a loop over every chain firm's every input."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis.anchors import SMALL_SCALES, ValueGraph, district_supplier_tiers, sme_candidates
from service.analysis.risks import ACTIVE, FirmFacts, is_active
from service.analysis.supply import MAIN_SUPPLIER_SHARE, Link, SupplyNetwork, shares
from tests.unit.link_strategies import floats, links

FIRMS = [f"f{i}" for i in range(10)] + ["企业甲"]
PRODUCTS = ["p", "q", "r"]
COLUMNS = ("supplier_id", "buyer_id", "product_id", "share", "annual_value", "recovery_days", "stock_days")

# annual values as recorded: none, nothing, or from a hundredth up (a subnormal one overflows PageRank)
values = st.none() | st.just(0.0) | st.floats(0.01, 1000)
links_strategy = links(FIRMS, PRODUCTS, share=floats(1), value=values, max_size=40)


def networks(drawn: list[Link], numbered: bool) -> SupplyNetwork:
    """The links as a network built link by link, or read as columns (with its LinkCodes)."""
    if not numbered:
        return SupplyNetwork.build(drawn)
    columns = {name: [link[k] for link in drawn] for k, name in enumerate(COLUMNS)}
    return SupplyNetwork.from_columns(columns, FIRMS)


def literal_value_graph(network: SupplyNetwork, firms: set[str]) -> nx.DiGraph:
    """The value graph built as a networkx graph, link by link in the network's order."""
    graph = nx.DiGraph()
    for supplier, sold in network.customers.items():
        for link in sold:
            if supplier in firms or link.buyer in firms:
                weight = float(link.value) if link.value is not None else 1.0
                before = graph.get_edge_data(supplier, link.buyer, {"weight": 0.0})["weight"]
                graph.add_edge(supplier, link.buyer, weight=before + weight)
    return graph


@settings(max_examples=300, deadline=None)
@given(
    drawn=links_strategy,
    firms=st.sets(st.sampled_from(FIRMS)),
    inside=st.sets(st.sampled_from(FIRMS)),
    numbered=st.booleans(),
)
def test_the_value_graph_is_networkx_s_and_so_is_its_pagerank_to_the_last_bit(
    drawn: list[Link], firms: set[str], inside: set[str], numbered: bool
) -> None:
    network = networks(drawn, numbered)
    assert (network.codes is not None) == (numbered and bool(drawn))
    expected = literal_value_graph(network, firms)
    graph = ValueGraph.of(network, firms)
    edges = zip(graph.tail.tolist(), graph.head.tolist(), graph.weight.tolist(), strict=True)
    by_node = sorted(edges, key=lambda e: e[0])  # networkx lists edges node by node, each as added
    assert graph.nodes == list(expected)
    assert [(graph.nodes[a], graph.nodes[b], w) for a, b, w in by_node] == list(expected.edges(data="weight"))
    ranks = nx.pagerank(expected, weight="weight") if expected.number_of_edges() else {}
    assert list(graph.centrality().items()) == list(ranks.items())
    facts = {f: FirmFacts(f, f, f in inside, None) for f in FIRMS}
    counts = graph.district_suppliers(facts)
    for firm in firms:
        assert counts.get(firm, 0) == len(district_supplier_tiers(network, firm, facts, 1)[0])


def literal_sme_candidates(
    network: SupplyNetwork,
    chain_firms: set[str],
    scales: dict[str, str | None],
    specialised: dict[str, bool | None],
    facts: dict[str, FirmFacts],
    holders: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Every chain firm's every input looked at, reasons given to every supplier, then filtered."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for buyer in sorted(chain_firms):
        for product, sold in sorted(network.inputs.get(buyer, {}).items()):
            name = facts[buyer].name if buyer in facts else buyer
            if len(sold) == 1:
                reasons[sold[0].supplier].append(f"是{name}「{product}」的唯一供应商")
                continue
            for link, share in zip(sold, shares(sold), strict=True):
                if share >= MAIN_SUPPLIER_SHARE:
                    reasons[link.supplier].append(f"是{name}「{product}」的主要供应商（份额{share:.0%}）")
    for firm, techs in holders.items():
        for t in techs:
            reasons[firm].append(f"掌握产业链技术路线上的「{t['technology_name']}」")
    found: dict[str, list[tuple[str, list[str]]]] = {"candidates": [], "unknown_scale": []}
    for firm, why in sorted(reasons.items()):
        f = facts.get(firm)
        scale = scales.get(firm)
        if not (is_active(f) and f is not None and f.in_district and firm in chain_firms):
            continue
        if specialised.get(firm) or (scale is not None and scale not in SMALL_SCALES):
            continue
        found["candidates" if scale is not None else "unknown_scale"].append((firm, why))
    return found


@settings(max_examples=300, deadline=None)
@given(
    drawn=links_strategy,
    chain_firms=st.sets(st.sampled_from(FIRMS)),
    inside=st.sets(st.sampled_from(FIRMS)),
    active=st.sets(st.sampled_from(FIRMS)),
    scales=st.dictionaries(st.sampled_from(FIRMS), st.sampled_from(["small", "micro", "large", None])),
    specialised=st.dictionaries(st.sampled_from(FIRMS), st.sampled_from([True, False, None])),
    holders=st.dictionaries(
        st.sampled_from(FIRMS),
        st.lists(st.sampled_from(["固态电池", "线控底盘"]).map(lambda t: {"technology_name": t})),
    ),
    numbered=st.booleans(),
)
def test_sme_candidates_are_those_of_every_input_looked_at(
    drawn: list[Link],
    chain_firms: set[str],
    inside: set[str],
    active: set[str],
    scales: dict[str, str | None],
    specialised: dict[str, bool | None],
    holders: dict[str, list[dict[str, Any]]],
    numbered: bool,
) -> None:
    facts = {
        f: FirmFacts(f, f"名{f}", f in inside, None, ACTIVE if f in active else "stopped") for f in FIRMS
    }
    network = networks(drawn, numbered)
    found = sme_candidates(network, chain_firms, scales, specialised, facts, holders)
    expected = literal_sme_candidates(network, chain_firms, scales, specialised, facts, holders)
    for part in ("candidates", "unknown_scale"):
        assert sorted((c["enterprise_id"], c["reasons"]) for c in found[part]) == expected[part]
