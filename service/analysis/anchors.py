"""Anchor-firm influence (链主) and specialised-SME candidates (专精特新), over a supply projection."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

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


@dataclass(frozen=True)
class ValueGraph:
    """The supplier -> buyer graph of every link with one of some firms at either end, weighted by annual
    value (1 where a link records none; a pair's links summed), held as arrays in the order a networkx
    graph built link by link would hold it: edge ``e`` runs from node ``tail[e]`` to node ``head[e]``
    with ``weight[e]``, edges as the network's links first name them; node ``k`` is ``nodes[k]``, nodes
    as the edges first name them, supplier before buyer.

    Examples
    --------
    >>> from service.analysis.supply import Link
    >>> net = SupplyNetwork.build([Link("b", "a", "p", value=3.0), Link("c", "b", "q"), Link("d", "c", "r")])
    >>> graph = ValueGraph.of(net, {"a", "b"})
    >>> graph.nodes, graph.tail.tolist(), graph.head.tolist(), graph.weight.tolist()
    (['b', 'a', 'c'], [0, 2], [1, 0], [3.0, 1.0])
    >>> {k: round(v, 3) for k, v in graph.centrality().items()}
    {'b': 0.341, 'a': 0.474, 'c': 0.184}
    """

    nodes: list[str]
    tail: np.ndarray
    head: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, network: SupplyNetwork, firms: set[str]) -> ValueGraph:
        """The value graph of ``firms``, found over the links' numbers (the network's
        :class:`~service.analysis.supply.LinkCodes` where it has them) instead of link by link."""
        values, supplier, buyer, names = _numbered(network)
        inside = np.fromiter((name in firms for name in names), dtype=bool, count=len(names))
        at = np.flatnonzero(inside[supplier] | inside[buyer])  # the graph's links, in the network's order
        weight = np.array([_weight(values[k]) for k in at.tolist()], dtype=np.float64)
        n = len(names)
        pairs, first, pair_of = np.unique(
            supplier[at] * n + buyer[at], return_index=True, return_inverse=True
        )
        summed = np.bincount(pair_of.reshape(-1), weights=weight)  # in link order, as a running sum adds up
        edges = np.argsort(first)  # pairs as the links first name them
        tail, head = pairs[edges] // n, pairs[edges] % n
        ends, first_end = np.unique(np.column_stack([tail, head]).reshape(-1), return_index=True)
        nodes = ends[np.argsort(first_end)]  # firms as the edges first name them, tail before head
        position = np.zeros(n, dtype=np.int64)
        position[nodes] = np.arange(len(nodes), dtype=np.int64)
        return cls([names[k] for k in nodes.tolist()], position[tail], position[head], summed[edges])

    def centrality(self) -> dict[str, float]:
        """PageRank of the nodes, as networkx's ``pagerank(graph, weight="weight")`` gives it to the last
        bit: over the matrix networkx would make of this graph (the nodes in the same order; no edge
        twice, so the CSR matrix is the same whatever order its entries come in), with networkx's own
        power iteration (:func:`_pagerank`). A property test checks the floats against networkx itself."""
        if not len(self.tail):
            return {}
        size = len(self.nodes)
        entries = (self.weight, (self.tail, self.head))
        matrix = sparse.coo_array(entries, shape=(size, size), dtype=float).asformat("csr")
        return dict(zip(self.nodes, _pagerank(matrix).tolist(), strict=True))

    def district_suppliers(self, facts: Mapping[str, FirmFacts]) -> dict[str, int]:
        """How many district suppliers each node has besides itself (the first tier of
        :func:`district_supplier_tiers`): exact for the graph's own firms, whose every link is in it."""
        found = map(facts.get, self.nodes)
        district = np.fromiter((bool(f and f.in_district) for f in found), dtype=bool, count=len(self.nodes))
        counted = district[self.tail] & (self.tail != self.head)
        counts = np.bincount(self.head[counted], minlength=len(self.nodes))
        return dict(zip(self.nodes, counts.tolist(), strict=True))


def _weight(value: float | None) -> float:
    return float(value) if value is not None else 1.0


def _numbered(network: SupplyNetwork) -> tuple[Sequence[float | None], np.ndarray, np.ndarray, list[str]]:
    """The network's links' annual values in order, with each one's supplier and buyer as a number
    into a list of firm ids: the network's own :class:`~service.analysis.supply.LinkCodes` (and its
    columns, no Link made) where it has them."""
    if network.codes is not None:
        return network.link_values(), network.codes.supplier, network.codes.buyer, network.codes.firms
    links = list(chain.from_iterable(network.customers.values()))  # network.links(), at once
    names = sorted({link.supplier for link in links} | {link.buyer for link in links})
    number = {name: k for k, name in enumerate(names)}
    supplier = np.fromiter((number[link.supplier] for link in links), dtype=np.int64, count=len(links))
    buyer = np.fromiter((number[link.buyer] for link in links), dtype=np.int64, count=len(links))
    return [link.value for link in links], supplier, buyer, names


def _pagerank(matrix: Any, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> np.ndarray:
    """networkx's ``_pagerank_scipy`` (networkx 3) with its defaults, over a graph's weighted adjacency
    matrix (CSR, row = tail), statement for statement so that every float comes out the same."""
    n = matrix.shape[0]
    out_weight = matrix.sum(axis=1)
    out_weight[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    scale = sparse.dia_array((out_weight.T, 0), shape=matrix.shape).tocsr()
    stochastic = scale @ matrix
    x: np.ndarray = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    is_dangling = np.where(out_weight == 0)[0]
    for _ in range(max_iter):
        last = x
        # the builtin sum, as networkx adds the dangling ranks
        x = alpha * (x @ stochastic + sum(x[is_dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


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
    graph = ValueGraph.of(network, chain_firms)
    ranks = graph.centrality()
    anchor_set = set(anchors)
    rows = [influence(network, a, facts, ranks, demand_threshold) for a in sorted(anchor_set)]
    rows.sort(key=lambda r: (-r["district_suppliers_by_tier"][0], r["enterprise_id"]))
    others = [
        f for f in chain_firms if f not in anchor_set and is_active(facts.get(f)) and facts[f].in_district
    ]
    first_tier = graph.district_suppliers(facts)  # a chain firm that is no node has none
    shortlist = sorted(others, key=lambda f: (-first_tier.get(f, 0), -ranks.get(f, 0.0), f))[:candidate_limit]
    candidates = [influence(network, f, facts, ranks, demand_threshold) for f in shortlist]
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
    # The district cultivates its own small firms: candidates are the chain's district firms in
    # operation, not flagged, small or of unknown scale. Reasons are gathered for those alone.
    cultivable = {
        f
        for f in chain_firms
        if is_active(facts.get(f))
        and facts[f].in_district
        and not specialised.get(f)
        and (scales.get(f) is None or scales[f] in SMALL_SCALES)
    }
    # the chain firms' inputs such a firm supplies, buyer by buyer, each buyer's inputs in order
    supplied = sorted(
        {
            (link.buyer, link.product)
            for firm in cultivable
            for link in network.customers.get(firm, ())
            if link.buyer in chain_firms
        }
    )
    reasons: dict[str, list[str]] = defaultdict(list)
    names = product_names or {}
    for buyer, product_id in supplied:
        links = network.suppliers_of(buyer, product_id)
        product = names.get(product_id, product_id)
        buyer_name = facts[buyer].name if buyer in facts else buyer
        if len(links) == 1:
            reasons[links[0].supplier].append(f"是{buyer_name}「{product}」的唯一供应商")
            continue
        for link, share in zip(links, shares(links), strict=True):
            if share >= MAIN_SUPPLIER_SHARE and link.supplier in cultivable:
                reasons[link.supplier].append(f"是{buyer_name}「{product}」的主要供应商（份额{share:.0%}）")
    for firm, techs in roadmap_holders.items():
        for t in techs:
            if firm in cultivable:
                reasons[firm].append(f"掌握产业链技术路线上的「{t['technology_name']}」")
    flagged = sorted(f for f in chain_firms if specialised.get(f))
    candidates: list[dict[str, Any]] = []
    unknown_scale: list[dict[str, Any]] = []
    for firm, why in reasons.items():
        scale = scales.get(firm)
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
