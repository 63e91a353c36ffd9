"""Supply-risk nodes (断链断供风险): single sources, concentration, outside dependency, disruption impact,
and recovery time against survival time. Every row carries the numbers behind its rank."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np

from service.analysis.demand import DEMAND_THRESHOLD, DemandLoss, disrupt
from service.analysis.input_table import RECOVERY, STOCK, InputTable
from service.analysis.place import PROVINCE_PREFIX
from service.analysis.supply import (
    Cut,
    Link,
    SupplyNetwork,
    single_stops,
)
from service.analysis.wording import NAMED, firm_count, some
from service.courtesy import EVERY, step_aside

# Risk score weights (documented in the README): a cut-off district firm counts more than an outside one;
# each day recovery outlasts stock adds a little; substitutes divide the score.
W_CUT_DISTRICT = 10.0
W_CUT_OUTSIDE = 4.0
W_SINGLE_SOURCE = 3.0
W_GAP_DAY = 0.1
SUBSTITUTE_DISTRICT = 1.0
SUBSTITUTE_OUTSIDE = 0.5


ACTIVE = "active"


class FirmFacts(NamedTuple):
    """What the analyses weigh about a firm. ``status`` is its 经营状态 code; a firm built without one
    (the recruitment what-if's new district firm) is a firm in operation. A named tuple, not a
    dataclass: the projection builds one per firm (100,000 at province scale) for every cold answer."""

    id: str
    name: str
    in_district: bool
    region_code: str | None
    status: str | None = ACTIVE


def facts_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, FirmFacts]:
    return {
        r["id"]: FirmFacts(r["id"], r["name"], bool(r["in_district"]), r["region_code"], r["status"])
        for r in rows
    }


def is_active(facts: FirmFacts | None) -> bool:
    """A firm in operation (在营): only such a firm is capacity or a substitute. A firm without facts, or
    with another or an unknown status, is not."""
    return facts is not None and facts.status == ACTIVE


def active_makers(makers: Mapping[str, set[str]], facts: Mapping[str, FirmFacts]) -> dict[str, set[str]]:
    """``makers`` (product -> firms that make it) without the firms not in operation."""
    return {p: {m for m in ms if is_active(facts.get(m))} for p, ms in makers.items()}


def single_sources(network: SupplyNetwork, buyers: Iterable[str]) -> list[dict[str, Any]]:
    """(buyer, input) pairs with exactly one supplier."""
    return _single_sources(InputTable.of(network, buyers))[0]


def _single_sources(table: InputTable, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """:func:`single_sources` of the table's inputs: the first ``limit`` rows, and how many there are."""
    found = np.flatnonzero(table.size == 1).tolist()
    rows = []
    for i in found[:limit]:
        link = table.links[i][0]
        rows.append(
            {
                "buyer_id": table.buyers[i],
                "product_id": table.products[i],
                "supplier_id": link.supplier,
                "annual_value": link.value,
            }
        )
    return rows, len(found)


def concentrated_inputs(
    network: SupplyNetwork, buyers: Iterable[str], threshold: float
) -> list[dict[str, Any]]:
    """(buyer, input) pairs with two or more suppliers whose Herfindahl index exceeds ``threshold``."""
    return _concentrated_inputs(InputTable.of(network, buyers), threshold)[0]


def _concentrated_inputs(
    table: InputTable, threshold: float, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """:func:`concentrated_inputs` of the table's inputs: the first ``limit`` rows, and how many."""
    found = np.flatnonzero((table.size >= 2) & (table.hhi > threshold)).tolist()
    rows = []
    for i in found[:limit]:
        parts = zip(table.links[i], table.shares_of(i), strict=True)
        rows.append(
            {
                "buyer_id": table.buyers[i],
                "product_id": table.products[i],
                "hhi": round(float(table.hhi[i]), 4),  # a Python float: NumPy's round differs
                "suppliers": [
                    {"supplier_id": link.supplier, "share": round(s, 4)}
                    for link, s in sorted(parts, key=lambda x: (-x[1], x[0].supplier))
                ],
            }
        )
    return rows, len(found)


def outside_dependency(
    network: SupplyNetwork, buyers: Iterable[str], facts: Mapping[str, FirmFacts]
) -> list[dict[str, Any]]:
    """For each (buyer, input): the share bought from outside the district, the province and the country.

    Region codes are Chinese division codes, so a supplier counts as outside the country only where its
    region is unknown."""
    table = InputTable.of(network, buyers)
    parts = _outside_parts(table, facts)
    return [_outside_row(table, parts, i) for i in range(len(table))]


def _outside_ranked(
    table: InputTable, facts: Mapping[str, FirmFacts], limit: int
) -> tuple[list[dict[str, Any]], int]:
    """The rows of :func:`outside_dependency` with some share bought outside the district (as rounded),
    most first: the first ``limit``, and how many there are."""
    parts = _outside_parts(table, facts)
    district = parts[0]
    rounded = {i: round(district[i], 4) for i in np.flatnonzero(np.array(district) > 0).tolist()}
    # the inputs are in (buyer, product) order and the sort is stable: ties stay in that order
    found = sorted((i for i, x in rounded.items() if x > 0), key=lambda i: -rounded[i])
    return [_outside_row(table, parts, i) for i in found[:limit]], len(found)


# where a supplier is outside of, as bits (see _outside)
_OUTSIDE_DISTRICT, _OUTSIDE_PROVINCE, _OUTSIDE_COUNTRY = 1, 2, 4


def _outside_parts(
    table: InputTable, facts: Mapping[str, FirmFacts]
) -> tuple[list[float], list[float], list[float]]:
    """Per input, the share bought outside the district, the province and the country."""
    suppliers = table.suppliers
    where = {firm: _outside(facts.get(firm)) for firm in set(suppliers)}
    bits = np.fromiter(map(where.__getitem__, suppliers), dtype=np.int64, count=len(suppliers))
    s = table.shares
    # adding 0.0 for a supplier inside changes no sum: the same floats as adding only those outside
    district, province, country = (
        table.sums(np.where(bits & bit, s, 0.0)).tolist()
        for bit in (_OUTSIDE_DISTRICT, _OUTSIDE_PROVINCE, _OUTSIDE_COUNTRY)
    )
    return district, province, country


def _outside(f: FirmFacts | None) -> int:
    """Where a supplier is outside of: the district, the province, the country (its region unknown)."""
    code = (f.region_code if f else None) or ""
    return (
        (0 if f and f.in_district else _OUTSIDE_DISTRICT)
        | (0 if code.startswith(PROVINCE_PREFIX) else _OUTSIDE_PROVINCE)
        | (0 if code else _OUTSIDE_COUNTRY)
    )


def _outside_row(
    table: InputTable, parts: tuple[list[float], list[float], list[float]], i: int
) -> dict[str, Any]:
    return {
        "buyer_id": table.buyers[i],
        "product_id": table.products[i],
        "outside_district": round(parts[0][i], 4),
        "outside_province": round(parts[1][i], 4),
        "outside_country": round(parts[2][i], 4),
    }


def recovery_gaps(network: SupplyNetwork, buyers: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Links where the days to replace the supplier exceed the days the buyer can run on stock."""
    links: Iterable[Link]
    if buyers is None:
        links = network.links()
    else:  # only the buyers' own inputs: the sort fixes the order either way
        links = (
            link
            for buyer in set(buyers)
            for bought in network.inputs.get(buyer, {}).values()
            for link in bought
        )
    return _recovery_gaps(links)[0]


def _recovery_gaps(links: Iterable[Link], limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """:func:`recovery_gaps` of ``links``: the first ``limit`` rows, and how many there are."""
    gaps = [
        link
        for link in links
        if link.recovery_days is not None
        and link.stock_days is not None
        and link.recovery_days > link.stock_days
    ]
    top = sorted(gaps, key=_gap_order) if limit is None else heapq.nsmallest(limit, gaps, key=_gap_order)
    rows = []
    for link in top:
        recovery, stock = link.recovery_days, link.stock_days
        assert recovery is not None and stock is not None  # as kept above
        rows.append(
            {
                "supplier_id": link.supplier,
                "buyer_id": link.buyer,
                "product_id": link.product,
                "recovery_days": recovery,
                "stock_days": stock,
                "gap_days": recovery - stock,
            }
        )
    return rows, len(gaps)


def _chain_gaps(table: InputTable, limit: int) -> tuple[list[dict[str, Any]], int]:
    """:func:`_recovery_gaps` of the table's links, the links found and the widest gaps picked over
    arrays: only the links that may be among the first ``limit`` are sorted."""
    gap = table.days(RECOVERY) - table.days(STOCK)  # NaN where either is unknown: never above 0
    found = np.flatnonzero(gap > 0)
    if len(found) > limit > 0:  # the limit-th widest gap: no narrower one is shown
        widest = -np.partition(-gap[found], limit - 1)[limit - 1]
        found = found[gap[found] >= widest]
    rows, _ = _recovery_gaps([table.flat[i] for i in found.tolist()], limit)
    return rows, int(np.count_nonzero(gap > 0))


def _gap_order(link: Link) -> tuple[int, str, str, str]:
    """The widest gap first, then by supplier, buyer and product."""
    assert link.recovery_days is not None and link.stock_days is not None
    return (link.stock_days - link.recovery_days, link.supplier, link.buyer, link.product)


def substitutes(
    firm: str, products: Iterable[str], makers: Mapping[str, set[str]], facts: Mapping[str, FirmFacts]
) -> dict[str, list[str]]:
    """Other firms in operation that make what ``firm`` supplies, inside and outside the district (a
    planned, stopped or closed maker is no substitute)."""
    others: set[str] = set()
    for product in products:
        others |= makers.get(product, set())
    others.discard(firm)
    others = {o for o in others if is_active(facts.get(o))}
    inside = sorted(o for o in others if facts[o].in_district)
    outside = sorted(o for o in others if not facts[o].in_district)
    return {"district": inside, "outside": outside}


def named_substitutes(subs: Mapping[str, list[str]], facts: Mapping[str, FirmFacts]) -> dict[str, list[str]]:
    """:func:`substitutes` with their names beside (``district_names``, ``outside_names``)."""
    return {
        **subs,
        "district_names": [_name(facts, f) for f in subs["district"]],
        "outside_names": [_name(facts, f) for f in subs["outside"]],
    }


def impact(
    network: SupplyNetwork,
    stopped: Sequence[str],
    facts: Mapping[str, FirmFacts],
    product_names: Mapping[str, str] | None = None,
    demand_threshold: float = DEMAND_THRESHOLD,
    follow_demand: bool = False,
) -> dict[str, Any]:
    """What-if: the firms cut off when ``stopped`` stop, with the input each lost and its value (supply
    side); and the suppliers that lose sales, with how much and what share of their recorded sales,
    demand-hit from ``demand_threshold`` (demand side; see :func:`service.analysis.demand.disrupt`)."""
    found = disrupt(network, stopped, demand_threshold, follow_demand)
    product_names = product_names or {}
    cuts = sorted(found.cut.values(), key=lambda c: (c.round, c.firm))
    rows = [_cut_row(c, facts, product_names) for c in cuts]
    values = [c.lost_value for c in cuts if c.lost_value is not None]
    losses = sorted(
        found.demand.values(),
        key=lambda d: (not d.hit, d.round or 0, -(d.lost_share if d.lost_share is not None else -1), d.firm),
    )
    demand_rows = [_demand_row(d, facts) for d in losses]
    hit = [r for r in demand_rows if r["demand_hit"]]
    lost_sales = [d.lost_value for d in losses if d.lost_value is not None]
    return {
        "stopped": list(stopped),
        "stopped_names": _firms(stopped, facts),
        "cut_off": rows,
        "cut_off_count": len(rows),
        "cut_off_in_district": sum(1 for r in rows if r["in_district"]),
        "lost_value": round(sum(values), 2) if values else None,
        "demand_threshold": demand_threshold,
        "follow_demand": follow_demand,
        "demand_hit": [r["enterprise_id"] for r in hit],
        "demand_hit_names": [r["enterprise_name"] for r in hit],
        "demand_hit_count": len(hit),
        "demand_hit_in_district": sum(1 for r in hit if r["in_district"]),
        "demand_lost_value": round(sum(lost_sales), 2) if lost_sales else None,
        "demand_losses": demand_rows,
        "summary": _summary(rows, hit, demand_threshold, follow_demand),
        "notes": demand_notes(demand_threshold, follow_demand),
    }


def _demand_row(d: DemandLoss, facts: Mapping[str, FirmFacts]) -> dict[str, Any]:
    f = facts.get(d.firm)
    return {
        "enterprise_id": d.firm,
        "enterprise_name": f.name if f else d.firm,
        "in_district": bool(f and f.in_district),
        "lost_buyers": list(d.lost_buyers),
        "lost_buyer_names": _firms(d.lost_buyers, facts),
        "lost_links": d.lost_links,
        "links": d.links,
        "unvalued_links": d.unvalued_links,
        "lost_value": round(d.lost_value, 2) if d.lost_value is not None else None,
        "sales_value": round(d.sales_value, 2) if d.sales_value is not None else None,
        "lost_share": round(d.lost_share, 4) if d.lost_share is not None else None,
        "demand_hit": d.hit,
        "round": d.round,
    }


def _summary(cut: list[dict[str, Any]], hit: list[dict[str, Any]], threshold: float, follow: bool) -> str:
    """One sentence for a person: who is cut off, who is hit, naming at most five of each."""
    supply = (
        f"供给侧：{firm_count([r['enterprise_name'] for r in cut])}断供" if cut else "供给侧：没有企业断供"
    )
    demand = (
        f"需求侧：{firm_count([r['enterprise_name'] for r in hit])}失去至少{threshold:.0%}的已记录销售额"
        if hit
        else f"需求侧：没有供应商失去至少{threshold:.0%}的已记录销售额"
    )
    followed = "，受冲击的供应商随之停产并继续传导" if follow and hit else ""
    return f"{supply}；{demand}{followed}。"


def demand_notes(threshold: float, follow: bool) -> list[str]:
    """How the what-if reads the data, in the words of the answer."""
    return [
        "供给侧：企业的每项投入品只要还有一家供应商未停产即可维持；某项投入品的供应商全部停产或断供的企业记为断供。",
        "需求侧：停产或断供的企业不再采购，其供应商失去这些销售；"
        "损失占比＝对这些企业的年供应额÷该供应商全部供应关系的年供应额。",
        f"损失占比达到{threshold:.0%}的供应商记为需求受冲击"
        + (
            "，并在下一轮视为停产，可继续造成断供和需求冲击。"
            if follow
            else "（不继续传导；follow_demand=true 时继续传导）。"
        ),
        "供应额缺失时：供应商失去了全部客户则占比为100%；否则占比记为未知（null），不记为受冲击；"
        "unvalued_links 为缺少年供应额的供应关系数。",
        "传导按已记录的供应关系计算，不看企业经营状态；替代企业只计在营企业。",
    ]


def _cut_row(c: Cut, facts: Mapping[str, FirmFacts], product_names: Mapping[str, str]) -> dict[str, Any]:
    f = facts.get(c.firm)
    return {
        "enterprise_id": c.firm,
        "enterprise_name": f.name if f else c.firm,
        "in_district": bool(f and f.in_district),
        "failed_input": c.product,
        "failed_input_name": product_names.get(c.product, c.product),
        "lost_suppliers": list(c.lost_suppliers),
        "lost_supplier_names": _firms(c.lost_suppliers, facts),
        "lost_value": c.lost_value,
        "round": c.round,
    }


SUBSTITUTE_SAMPLE = 20


_BUYER_PRODUCT = itemgetter(1, 2)


class RiskScore(NamedTuple):
    """One firm's risk score and the parts it is made of (see :func:`rank_risks`)."""

    score: float
    cut_district: int
    cut_outside: int
    sole: tuple[Link, ...]  # the links by which it is the single source of a chain firm's input, sorted
    gap_days: int
    substitutes_inside: int
    substitutes_outside: int
    raw: float
    supplied: tuple[str, ...]  # the products it sells, sorted


def risk_scores(
    network: SupplyNetwork,
    chain_firms: set[str],
    facts: Mapping[str, FirmFacts],
    makers: Mapping[str, set[str]],
    cascades: Mapping[str, Mapping[str, Cut]],
    firms: Iterable[str] | None = None,
) -> dict[str, RiskScore]:
    """The score of every risk node of the chain (:func:`rank_risks`), or of those of ``firms`` that are
    risk nodes: a firm's score reads only its own sales, its own cascade and the makers of what it
    sells, so a what-if that changes a few firms' can score those again and keep the rest."""
    if firms is None:
        sole = _sole_links(InputTable.of(network, chain_firms))
    else:
        firms = set(firms)
        sole = defaultdict(list)
        for firm in firms:
            for link in network.customers.get(firm, ()):
                if link.buyer in chain_firms and len(network.suppliers_of(link.buyer, link.product)) == 1:
                    sole[firm].append(link)
    return _scored(network, chain_firms, facts, makers, cascades, sole, firms)


def _sole_links(table: InputTable) -> dict[str, list[Link]]:
    """Supplier -> the links by which it is the single source of one of the table's inputs."""
    sole: dict[str, list[Link]] = defaultdict(list)
    for i in np.flatnonzero(table.size == 1).tolist():
        link = table.links[i][0]
        sole[link.supplier].append(link)
    return sole


def _scored(
    network: SupplyNetwork,
    chain_firms: set[str],
    facts: Mapping[str, FirmFacts],
    makers: Mapping[str, set[str]],
    cascades: Mapping[str, Mapping[str, Cut]],
    sole: Mapping[str, list[Link]],
    firms: Iterable[str] | None = None,
) -> dict[str, RiskScore]:
    """:func:`risk_scores`, given the chain's ``sole`` links by supplier (``firms`` by default: every
    firm that is a single source or cuts someone off)."""
    if firms is None:
        firms = set(sole) | set(cascades)
    # a planned, stopped or closed maker is no substitute: the makers of each product supplied, in
    # operation, everywhere and in the district, worked out once per product as the firms need them
    active: dict[str, tuple[set[str], set[str]]] = {}

    def makers_of(product: str) -> tuple[set[str], set[str]]:
        found = active.get(product)
        if found is None:
            everyone = {m for m in makers.get(product, ()) if is_active(facts.get(m))}
            found = active[product] = (everyone, {m for m in everyone if facts[m].in_district})
        return found

    def substitute_counts(firm: str, supplied: list[str]) -> tuple[int, int]:
        if len(supplied) == 1:  # the common case, without building a union
            everyone, inside = makers_of(supplied[0])
        else:
            everyone = set().union(*(makers_of(p)[0] for p in supplied))
            inside = set().union(*(makers_of(p)[1] for p in supplied))
        n_inside = len(inside) - (firm in inside)
        return n_inside, len(everyone) - (firm in everyone) - n_inside

    chain_district = {k for k in chain_firms if (f := facts.get(k)) is not None and f.in_district}
    no_hit: set[str] = set()
    out: dict[str, RiskScore] = {}
    for n, firm in enumerate(firms):
        if not n % EVERY:
            step_aside()  # a background warm-up lets a request go first (service.courtesy)
        cut = cascades.get(firm)
        # the chain firms cut off: one pass over a cascade (they run to thousands), then over those
        hit = chain_firms.intersection(cut) if cut is not None else no_hit
        mine = sole.get(firm, ())
        if not hit and not mine:
            continue
        cut_district = len(chain_district.intersection(hit)) if hit else 0
        cut_outside = len(hit) - cut_district
        # the recovery gaps of the chain's inputs (recovery_gaps) on the links it alone supplies
        gap_days = sum(
            link.recovery_days - link.stock_days
            for link in mine
            if link.recovery_days is not None
            and link.stock_days is not None
            and link.recovery_days > link.stock_days
        )
        supplied = sorted({link.product for link in network.customers.get(firm, ())})
        subs_inside, subs_outside = substitute_counts(firm, supplied)
        raw = (
            W_CUT_DISTRICT * cut_district
            + W_CUT_OUTSIDE * cut_outside
            + W_SINGLE_SOURCE * len(mine)
            + W_GAP_DAY * gap_days
        )
        divisor = 1 + SUBSTITUTE_DISTRICT * subs_inside + SUBSTITUTE_OUTSIDE * subs_outside
        out[firm] = RiskScore(
            round(raw / divisor, 3),
            cut_district,
            cut_outside,
            tuple(sorted(mine, key=_BUYER_PRODUCT)) if len(mine) > 1 else tuple(mine),
            gap_days,
            subs_inside,
            subs_outside,
            raw,
            tuple(supplied),
        )
    return out


def rank_risks(
    network: SupplyNetwork,
    chain_firms: set[str],
    facts: Mapping[str, FirmFacts],
    makers: Mapping[str, set[str]],
    limit: int = 50,
    cascades: Mapping[str, Mapping[str, Cut]] | None = None,
    scores: Mapping[str, RiskScore] | None = None,
) -> list[dict[str, Any]]:
    """Risk nodes of a chain: firms that are the single source of an input of a chain firm, or whose stop
    cuts off chain firms; ranked by a score whose parts are returned with it. ``cascades`` is
    :func:`service.analysis.supply.single_stops` of the network (chain-independent, so callers compute
    it once per graph version), computed here when not given; ``scores`` is :func:`risk_scores`, where
    the caller has it. Every firm is scored; the rows are built for the ``limit`` ranked first."""
    if cascades is None:
        cascades = single_stops(network)
    if scores is None:
        scores = risk_scores(network, chain_firms, facts, makers, cascades)
    ranked = sorted(scores.items(), key=lambda x: (-x[1].score, x[0]))
    top = []
    no_cut: Mapping[str, Cut] = {}
    for firm, r in ranked[:limit]:
        cut = cascades.get(firm, no_cut)
        # a cascade builds a Cut when one is read: only the chain firms' are
        cut_chain = [k for k in cut if k in chain_firms]
        divisor = 1 + SUBSTITUTE_DISTRICT * r.substitutes_inside + SUBSTITUTE_OUTSIDE * r.substitutes_outside
        values = [v for k in cut_chain if (v := cut[k].lost_value) is not None]
        f = facts.get(firm)
        subs = substitutes(firm, r.supplied, makers, facts)
        top.append(
            {
                "enterprise_id": firm,
                "enterprise_name": f.name if f else firm,
                "in_district": bool(f and f.in_district),
                "score": r.score,
                "parts": {
                    "cut_off_in_district": r.cut_district,
                    "cut_off_outside": r.cut_outside,
                    "single_source_inputs": len(r.sole),
                    "recovery_gap_days": r.gap_days,
                    "substitutes_in_district": r.substitutes_inside,
                    "substitutes_outside": r.substitutes_outside,
                    "raw_score": round(r.raw, 3),
                    "divisor": round(divisor, 3),
                },
                "single_source_for": sorted(
                    ({"buyer_id": link.buyer, "product_id": link.product} for link in r.sole),
                    key=lambda x: (x["buyer_id"], x["product_id"]),
                ),
                "cut_off": sorted(cut_chain),
                "lost_value": round(sum(values), 2) if values else None,
                # the counts are in the parts; the lists are cut to a sample a person can read
                "substitutes": {k: v[:SUBSTITUTE_SAMPLE] for k, v in subs.items()},
            }
        )
    return top


def _name(facts: Mapping[str, FirmFacts], firm: str) -> str:
    f = facts.get(firm)
    return f.name if f else firm


def risk_reason(row: Mapping[str, Any], facts: Mapping[str, FirmFacts], products: Mapping[str, str]) -> str:
    """One bounded Chinese sentence for a risk node: whom its stop cuts off, which inputs it alone
    supplies, how long recovery outlasts stock and what could replace it (at most five names each).

    Examples
    --------
    >>> facts = {k: FirmFacts(k, n, True, "220106") for k, n in [("a", "甲"), ("b", "乙")]}
    >>> row = {"enterprise_id": "a", "cut_off": ["b"], "single_source_for": [{"buyer_id": "b",
    ...     "product_id": "p"}], "parts": {"cut_off_in_district": 1, "cut_off_outside": 0,
    ...     "recovery_gap_days": 0, "substitutes_in_district": 0, "substitutes_outside": 2}}
    >>> risk_reason(row, facts, {"p": "电池"})
    '甲停产将使乙一家企业断供（区内1家、区外0家）；是乙「电池」的唯一供应商；区内没有在营的替代企业，区外2家。'
    """
    p = row["parts"]
    name = _name(facts, row["enterprise_id"])
    said = []
    if ids := row["cut_off"]:
        # firm_count names the first NAMED and counts the rest (thousands, at province scale): only the
        # names it shows are looked up
        cut = firm_count([*_firms(ids[:NAMED], facts), *ids[NAMED:]])
        said.append(
            f"{name}停产将使{cut}断供（区内{p['cut_off_in_district']}家、区外{p['cut_off_outside']}家）"
        )
    else:
        said.append(f"{name}停产不会使链上企业断供")
    sole = [
        f"{_name(facts, x['buyer_id'])}「{products.get(x['product_id'], x['product_id'])}」"
        for x in row["single_source_for"]
    ]
    if sole:
        said.append(f"是{some(sole, '项投入品')}的唯一供应商")
    if p["recovery_gap_days"]:
        said.append(f"替换所需时间合计超出库存{p['recovery_gap_days']}天")
    inside, outside = p["substitutes_in_district"], p["substitutes_outside"]
    said.append(
        (f"区内有{inside}家在营替代企业" if inside else "区内没有在营的替代企业") + f"，区外{outside}家"
    )
    return "；".join(said) + "。"


def _products(ids: Iterable[str], products: Mapping[str, str]) -> list[str]:
    return [products.get(i, i) for i in ids]


def _firms(ids: Iterable[str], facts: Mapping[str, FirmFacts]) -> list[str]:
    get = facts.get  # _name inlined: a risk node's cut-off firms run to thousands
    return [f.name if (f := get(i)) else i for i in ids]


def with_names(
    figures: Mapping[str, Any], facts: Mapping[str, FirmFacts], products: Mapping[str, str]
) -> dict[str, Any]:
    """:func:`chain_risks` with names beside every id (firm, product, supplier, buyer) and each risk
    node's sentence (:func:`risk_reason`); the ids and figures stay as they are."""
    out = dict(figures)

    def named(row: Mapping[str, Any]) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        for key in ("buyer_id", "supplier_id", "enterprise_id"):
            if key in row:
                extra[key.replace("_id", "_name")] = _name(facts, row[key])
        if "product_id" in row:
            extra["product_name"] = products.get(row["product_id"], row["product_id"])
        return {**row, **extra}

    nodes = []
    for r in figures["risk_nodes"]:
        subs = r["substitutes"]
        nodes.append(
            {
                **r,
                "reason": risk_reason(r, facts, products),
                "cut_off_names": _firms(r["cut_off"], facts),
                "single_source_for": [named(x) for x in r["single_source_for"]],
                "substitutes": named_substitutes(subs, facts),
            }
        )
    out["risk_nodes"] = nodes
    for key in ("single_source_inputs", "outside_dependency", "recovery_gaps"):
        out[key] = [named(r) for r in figures[key]]
    out["concentrated_inputs"] = [
        {**named(r), "suppliers": [named(x) for x in r["suppliers"]]} for r in figures["concentrated_inputs"]
    ]
    return out


def chain_risks(
    network: SupplyNetwork,
    chain_firms: set[str],
    facts: Mapping[str, FirmFacts],
    makers: Mapping[str, set[str]],
    cascades: Mapping[str, Mapping[str, Cut]],
    hhi_threshold: float,
    limit: int,
) -> dict[str, Any]:
    """Every risk figure of a chain: the ranked risk nodes and the inputs at risk (each list cut to its
    first ``limit`` rows, with ``totals`` counting them all: at province scale they run to thousands, so
    only the rows shown are built)."""
    table = InputTable.of(network, chain_firms)
    step_aside()  # between the parts of a long answer, a background warm-up lets a request go first
    scores = _scored(network, chain_firms, facts, makers, cascades, _sole_links(table))
    step_aside()
    lists = {
        "single_source_inputs": _single_sources(table, limit),
        "concentrated_inputs": _concentrated_inputs(table, hhi_threshold, limit),
        "outside_dependency": _outside_ranked(table, facts, limit),
        "recovery_gaps": _chain_gaps(table, limit),
    }
    step_aside()
    return {
        "risk_nodes": rank_risks(network, chain_firms, facts, makers, limit, cascades, scores),
        "totals": {name: total for name, (_, total) in lists.items()},
        **{name: rows for name, (rows, _) in lists.items()},
    }
