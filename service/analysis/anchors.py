"""Anchor-firm influence (链主) and specialised-SME candidates (专精特新), over a supply projection."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from service.analysis.demand import DEMAND_THRESHOLD, disrupt, lost_share
from service.analysis.risks import FirmFacts, is_active
from service.analysis.supply import MAIN_SUPPLIER_SHARE, SupplyNetwork, shares
from service.analysis.wording import SCALE_LABELS, STATUS_LABELS, label

TIERS = 3
SMALL_SCALES = ("small", "micro")


def district_supplier_tiers(
    network: SupplyNetwork, firm: str, facts: Mapping[str, FirmFacts], tiers: int = TIERS
) -> list[list[str]]:
    """District suppliers of ``firm`` by tier: tier 1 sells to it, tier 2 to tier 1, and so on; a firm is
    counted at the nearest tier only.

    Examples
    --------
    >>> from service.analysis.supply import Link
    >>> net = SupplyNetwork.build([Link("b", "a", "p"), Link("c", "b", "q")])
    >>> facts = {k: FirmFacts(k, k, True, "220106") for k in "abc"}
    >>> district_supplier_tiers(net, "a", facts)
    [['b'], ['c'], []]
    """
    seen = {firm}
    frontier = [firm]
    out: list[list[str]] = []
    for _ in range(tiers):
        level: set[str] = set()
        for buyer in frontier:
            for links in network.inputs.get(buyer, {}).values():
                for link in links:
                    f = facts.get(link.supplier)
                    if f and f.in_district and link.supplier not in seen:
                        level.add(link.supplier)
        seen |= level
        frontier = sorted(level)
        out.append(frontier)
    return out


def _name(facts: Mapping[str, FirmFacts], firm: str) -> str:
    f = facts.get(firm)
    return f.name if f else firm


def value_graph(network: SupplyNetwork, firms: set[str]) -> nx.DiGraph:
    """Supplier -> buyer graph among ``firms`` and their direct partners, weighted by annual value."""
    # Only the firms' own links and their suppliers' are looked at, in the network's order, and the
    # weights are summed before the graph is built: the same graph, nodes and edges in the same order.
    suppliers = set(firms)
    for buyer in firms:
        for links in network.inputs.get(buyer, {}).values():
            suppliers.update(link.supplier for link in links)
    weights: dict[tuple[str, str], float] = {}
    for supplier, links in network.customers.items():
        if supplier not in suppliers:
            continue
        inside = supplier in firms
        for link in links:
            if inside or link.buyer in firms:
                weight = float(link.value) if link.value is not None else 1.0
                edge = (supplier, link.buyer)
                weights[edge] = weights.get(edge, 0.0) + weight
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return graph


def influence(
    network: SupplyNetwork,
    firm: str,
    facts: Mapping[str, FirmFacts],
    centrality: Mapping[str, float],
    demand_threshold: float = DEMAND_THRESHOLD,
) -> dict[str, Any]:
    """How far a firm's pull reaches: district suppliers by tier, how much they depend on it (share of
    their recorded sales; unknown where a link lacks its value, see
    :func:`service.analysis.demand.lost_share`), how rooted it is (local sourcing), what its stop would
    do on the supply side (firms cut off) and on the demand side (suppliers losing at least
    ``demand_threshold`` of their recorded sales, not followed further), and its centrality."""
    tiers = district_supplier_tiers(network, firm, facts)
    dependence: list[dict[str, Any]] = []
    for supplier in tiers[0]:
        share = lost_share(network.customers.get(supplier, []), {firm})
        dependence.append(
            {
                "supplier_id": supplier,
                "supplier_name": _name(facts, supplier),
                "share_of_sales": round(share, 4) if share is not None else None,
            }
        )
    known: list[float] = [d["share_of_sales"] for d in dependence if d["share_of_sales"] is not None]
    local = 0.0
    total_in = 0.0
    for links in network.inputs.get(firm, {}).values():
        for link in links:
            v = float(link.value or 0.0)
            total_in += v
            f = facts.get(link.supplier)
            if f and f.in_district:
                local += v
    stop = disrupt(network, [firm], demand_threshold)
    cut, hit = stop.cut, stop.demand_hit
    f = facts.get(firm)
    return {
        "enterprise_id": firm,
        "enterprise_name": f.name if f else firm,
        "district_suppliers_by_tier": [len(t) for t in tiers],
        "district_suppliers": tiers,
        "district_supplier_names": [[_name(facts, x) for x in tier] for tier in tiers],
        "supplier_dependence": dependence,
        "mean_supplier_dependence": round(sum(known) / len(known), 4) if known else None,
        "local_sourcing_ratio": round(local / total_in, 4) if total_in > 0 else None,
        "disruption_cut_off": len(cut),
        "disruption_cut_off_in_district": sum(1 for k in cut if facts.get(k) and facts[k].in_district),
        "disruption_demand_hit": len(hit),
        "disruption_demand_hit_in_district": sum(1 for k in hit if facts.get(k) and facts[k].in_district),
        "disruption_demand_hit_ids": hit,
        "disruption_demand_hit_names": [_name(facts, x) for x in hit],
        "centrality": round(centrality.get(firm, 0.0), 6),
    }


def anchor_report(
    network: SupplyNetwork,
    chain_firms: set[str],
    anchors: Iterable[str],
    facts: Mapping[str, FirmFacts],
    candidate_limit: int = 20,
    demand_threshold: float = DEMAND_THRESHOLD,
) -> dict[str, Any]:
    """Influence of each anchor firm, and the non-anchor district firms in operation that measure up
    best (a planned, stopped or closed firm is no candidate)."""
    graph = value_graph(network, chain_firms)
    centrality = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    anchor_set = set(anchors)
    rows = [influence(network, a, facts, centrality, demand_threshold) for a in sorted(anchor_set)]
    rows.sort(key=lambda r: (-r["district_suppliers_by_tier"][0], r["enterprise_id"]))
    others = [
        f for f in chain_firms if f not in anchor_set and is_active(facts.get(f)) and facts[f].in_district
    ]
    first_tier = {f: len(district_supplier_tiers(network, f, facts, 1)[0]) for f in others}
    shortlist = sorted(others, key=lambda f: (-first_tier[f], -centrality.get(f, 0.0), f))[:candidate_limit]
    candidates = [influence(network, f, facts, centrality, demand_threshold) for f in shortlist]
    candidates.sort(
        key=lambda r: (-sum(r["district_suppliers_by_tier"]), -r["centrality"], r["enterprise_id"])
    )
    return {"demand_threshold": demand_threshold, "anchors": rows, "candidates": candidates}


def sme_candidates(
    network: SupplyNetwork,
    chain_firms: set[str],
    scales: Mapping[str, str | None],
    specialised: Mapping[str, bool | None],
    facts: Mapping[str, FirmFacts],
    roadmap_holders: Mapping[str, list[dict[str, Any]]],
    product_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The chain's flagged specialised SMEs, and small firms worth cultivating, each with its reasons:
    sole or main supplier of a chain firm's input, or holder of a technology on the chain's roadmap.

    Unknowns: a firm whose scale is unknown is not read as small: with the same reasons it is listed
    apart (``unknown_scale``), to be checked; a firm whose 专精特新 status is unknown is not among the
    flagged ones, may be a candidate, and carries ``is_specialised`` None."""
    reasons: dict[str, list[str]] = defaultdict(list)
    names = product_names or {}
    for buyer in sorted(chain_firms):
        for product_id, links in sorted(network.inputs.get(buyer, {}).items()):
            product = names.get(product_id, product_id)
            buyer_name = facts[buyer].name if buyer in facts else buyer
            if len(links) == 1:
                reasons[links[0].supplier].append(f"是{buyer_name}「{product}」的唯一供应商")
                continue
            for link, share in zip(links, shares(links), strict=True):
                if share >= MAIN_SUPPLIER_SHARE:
                    reasons[link.supplier].append(
                        f"是{buyer_name}「{product}」的主要供应商（份额{share:.0%}）"
                    )
    for firm, techs in roadmap_holders.items():
        for t in techs:
            reasons[firm].append(f"掌握产业链技术路线上的「{t['technology_name']}」")
    # the district cultivates its own: candidates are district firms in operation only
    reasons = {k: v for k, v in reasons.items() if is_active(facts.get(k)) and facts[k].in_district}
    flagged = sorted(f for f in chain_firms if specialised.get(f))
    candidates: list[dict[str, Any]] = []
    unknown_scale: list[dict[str, Any]] = []
    for firm, why in reasons.items():
        if firm not in chain_firms or specialised.get(firm):
            continue
        scale = scales.get(firm)
        if scale is not None and scale not in SMALL_SCALES:
            continue
        f = facts.get(firm)
        (candidates if scale is not None else unknown_scale).append(
            {
                "enterprise_id": firm,
                "enterprise_name": f.name if f else firm,
                "in_district": bool(f and f.in_district),
                "scale": scale,
                "scale_label": label(SCALE_LABELS, scale),
                "is_specialised": specialised.get(firm),
                "reasons": why,
            }
        )
    for found in (candidates, unknown_scale):
        found.sort(key=lambda c: (not c["in_district"], -len(c["reasons"]), c["enterprise_id"]))
    return {
        "specialised": [
            {
                "enterprise_id": f,
                "enterprise_name": facts[f].name if f in facts else f,
                "in_district": bool(f in facts and facts[f].in_district),
                "status": facts[f].status if f in facts else None,
                "status_label": label(STATUS_LABELS, facts[f].status if f in facts else None),
            }
            for f in flagged
        ],
        "candidates": candidates,
        "unknown_scale": unknown_scale,
    }
