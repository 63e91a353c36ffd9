"""Point-to-point recruitment (点对点精准招商) for a chain: fetch what the ranking needs with chain-scoped
Cypher (no projection of the whole graph), rank in service.analysis.recruitment, and build a dossier per
target with the what-if analyses rerun on the graph with the target opened in the district. Cached per
graph version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph_schema import MODEL
from service import catalog, weaklinks
from service.analysis import breaks as break_analysis
from service.analysis import recruitment as rec
from service.analysis import risks as risk_analysis
from service.analysis.place import (
    DISTANCE_LABELS,
    DISTRICT_CODE,
    distance_class,
    distance_note,
    is_park,
)
from service.analysis.recruitment import Candidate, Demand, Gap, Weights
from service.analysis.supply import SupplyNetwork
from service.analysis.wording import (
    FIRMS,
    SCALE_LABELS,
    STATUS_LABELS,
    label,
    provenance_label,
    some,
    yes_no_label,
)
from service.cache import cache_for, collector_paused
from service.courtesy import step_aside
from service.errors import InvalidInput, NotFound
from service.storage.port import GraphStore
from service.storage.queries import Q
from service.weaklinks import _one_version

DEFAULT_LIMIT = 50
LEVEL_LABELS = {c.code: c.label for c in MODEL.node("Policy").prop("level").choices}
STAGE_LABELS = {c.code: c.label for c in MODEL.node("Project").prop("stage").choices}
GAP_SAMPLE = 10  # candidates shown per gap in the ranked list
WHAT_IF_TOP = 10  # risk nodes shown before and after in a dossier
RISK_LISTS = ("single_source_inputs", "concentrated_inputs", "outside_dependency", "recovery_gaps")


@dataclass(frozen=True)
class Inputs:
    """Everything the ranking reads from the graph for one chain (independent of the weights)."""

    gaps: list[Gap]
    candidates: dict[str, Candidate]
    demand: dict[str, Demand]
    buyer_facts: dict[str, dict[str, Any]]  # district buyer -> name, region_code, is_anchor
    segment_products: dict[str, list[str]]
    technology_names: dict[str, str]
    lines: dict[tuple[str, str], tuple[float | None, bool | None]]  # (firm, product) -> share, main line
    similar: dict[tuple[str, str], list[str]]  # (firm, gap product) -> the sibling products it makes
    parents: dict[str, str]  # gap product -> its 产品大类, where a sibling maker was found
    firm_names: dict[str, str]  # the chain's firms and the district buyers, by id


def parse_weights(values: dict[str, Any] | None) -> Weights:
    try:
        return Weights.parse(values or {})
    except ValueError as e:
        raise InvalidInput(str(e)) from None


def _inputs(store: GraphStore, chain_id: str) -> Inputs:
    def build() -> Inputs:
        # The reads that do not depend on the gaps start at once, each on its own thread (on Neo4j the
        # server works on them while this thread builds the chain view and finds the gaps).
        cache = cache_for(store)
        holders_of = cache.spawn(
            store, lambda: store.read(Q.CHAIN_TECHNOLOGY_HOLDERS, {"chain_id": chain_id})
        )
        segment_rows_of = cache.spawn(
            store, lambda: store.read(Q.CHAIN_SEGMENT_PRODUCTS, {"chain_id": chain_id})
        )
        names_of = cache.spawn(store, lambda: weaklinks.product_names(store))
        bought_of = cache.spawn(store, lambda: weaklinks.district_inputs(store, chain_id))
        view = weaklinks.chain_view(store, chain_id)
        segment_products: dict[str, list[str]] = defaultdict(list)
        for r in segment_rows_of():
            segment_products[r["segment_id"]].append(r["product_id"])
        rows = view.firm_rows
        anchors = {f for f, r in rows.items() if r["is_anchor"] and r["in_district"]}
        bought = bought_of()
        gaps = rec.segment_gaps(weaklinks.breaks(store, chain_id), segment_products)
        suppliers = {k: (v[1], v[2]) for k, v in bought.suppliers.items()}
        gaps += rec.product_gaps(bought.network, suppliers, anchors, names_of())
        step_aside()  # between the parts of a long answer, a background warm-up lets a request go first
        gaps = rec.weigh_gaps(gaps, view.segments, view.feeds, anchors, bought.network)
        product_ids = sorted({p for g in gaps for p in g.products})
        gap_segments = {g.segment_id for g in gaps if g.segment_id is not None}
        makers_of = cache.spawn(store, lambda: store.read(Q.OUTSIDE_MAKERS, {"product_ids": product_ids}))
        similar_of = cache.spawn(store, lambda: store.read(Q.SIMILAR_MAKERS, {"product_ids": product_ids}))
        demand_of = cache.spawn(store, lambda: store.read(Q.DISTRICT_DEMAND, {"product_ids": product_ids}))

        facts: dict[str, dict[str, Any]] = {}
        made: dict[str, set[str]] = defaultdict(set)
        minor: dict[str, set[str]] = defaultdict(set)
        lines: dict[tuple[str, str], tuple[float | None, bool | None]] = {}
        for r in makers_of():
            facts[r["enterprise_id"]] = r
            made[r["enterprise_id"]].add(r["product_id"])
            lines[(r["enterprise_id"], r["product_id"])] = (r["revenue_share"], r["main_line"])
            if rec.is_minor_line(r["revenue_share"], r["main_line"]):
                minor[r["enterprise_id"]].add(r["product_id"])
        similar: dict[tuple[str, str], list[str]] = defaultdict(list)
        parents: dict[str, str] = {}
        for r in similar_of():
            facts.setdefault(r["enterprise_id"], r)
            similar[(r["enterprise_id"], r["product_id"])].append(r["sibling_id"])
            parents[r["product_id"]] = r["parent_id"]
        covered: dict[str, set[str]] = defaultdict(set)
        for maker, product in similar:
            covered[maker].add(product)
        operates: dict[str, set[str]] = defaultdict(set)
        for seg in view.segments:
            for firm in seg.firms:
                if not firm.in_district and firm.status == "active":
                    operates[firm.id].add(seg.id)
        for firm_id, segs in operates.items():
            if segs & gap_segments and firm_id not in facts:
                facts[firm_id] = {"enterprise_name": rows[firm_id]["enterprise_name"], **rows[firm_id]}
        step_aside()
        customers = {
            r["enterprise_id"]: int(r["district_customers"])
            for r in store.read(Q.DISTRICT_CUSTOMER_COUNTS, {"enterprise_ids": sorted(facts)})
        }
        held: dict[str, list[str]] = defaultdict(list)
        tech_names: dict[str, str] = {}
        for r in holders_of():
            if r["status"] in rec.ROADMAP_NEEDS:
                held[r["enterprise_id"]].append(r["technology_id"])
                tech_names[r["technology_id"]] = r["technology_name"]
        candidates = {
            cid: Candidate(
                cid,
                f["enterprise_name"],
                f["region_code"],
                f["scale"],
                f["is_specialised"],
                frozenset(made.get(cid, ())),
                frozenset(operates.get(cid, ())),
                customers.get(cid, 0),
                tuple(sorted(held.get(cid, ()))),
                frozenset(minor.get(cid, ())),
                frozenset(covered.get(cid, ())),
            )
            for cid, f in sorted(facts.items())
        }
        demand_rows = demand_of()
        buyer_facts = {
            r["buyer_id"]: {
                "name": r["buyer_name"],
                "region_code": r["buyer_region_code"],
                "is_anchor": bool(r["buyer_is_anchor"]),
            }
            for r in demand_rows
        }
        return Inputs(
            gaps,
            candidates,
            rec.demand_from_rows(demand_rows),
            buyer_facts,
            dict(segment_products),
            tech_names,
            lines,
            dict(similar),
            parents,
            {
                **{f: r["enterprise_name"] for f, r in rows.items()},
                **{b: f["name"] for b, f in buyer_facts.items()},
            },
        )

    return cache_for(store).get(store, ("recruitment_inputs", chain_id), build)


def _ranked(
    store: GraphStore, chain_id: str, weights: Weights
) -> tuple[Inputs, dict[str, list[tuple[str, rec.Scored]]], list[dict[str, Any]]]:
    inputs = _inputs(store, chain_id)
    per_gap, targets = cache_for(store).get(
        store,
        ("recruitment_ranked", chain_id, weights),
        lambda: rec.rank(inputs.gaps, inputs.candidates, inputs.demand, weights),
    )
    return inputs, per_gap, targets


def _gap_row(
    gap: Gap, names: dict[str, str], seg_names: dict[str, str], firm_names: dict[str, str]
) -> dict[str, Any]:
    return {
        "gap_id": gap.id,
        "kinds": list(gap.kinds),
        "kind_labels": [rec.GAP_KINDS[k][0] for k in gap.kinds],
        "severity": gap.severity,
        "segment_id": gap.segment_id,
        "segment_name": seg_names.get(gap.segment_id or ""),
        "products": [{"id": p, "name": names.get(p, p)} for p in gap.products],
        "buyers": list(gap.buyers),
        "buyer_names": [firm_names.get(b, b) for b in gap.buyers],
        "reason": gap.reason,
        **_held(gap, seg_names, firm_names),
    }


def _held(gap: Gap, seg_names: dict[str, str], firm_names: dict[str, str]) -> dict[str, Any]:
    """What depends on the gap, and the ``gap`` factor it makes (:func:`rec.weigh_gaps`)."""
    return {
        "factor": gap.factor,
        "dependence": gap.dependence,
        "held_firm_count": len(gap.held_firms),
        "held_firms": [{"id": f, "name": firm_names.get(f, f)} for f in gap.held_firms],
        "held_anchors": [{"id": f, "name": firm_names.get(f, f)} for f in gap.held_anchors],
        "held_value": gap.held_value,
        "held_segments": [{"id": s, "name": seg_names.get(s, s)} for s in gap.held_segments],
    }


def gap_reason(gap: Gap, firm_names: dict[str, str]) -> str:
    """The ``gap`` factor in words: the kind's severity, what depends on the gap and the weighing."""
    kind = max(gap.kinds, key=lambda k: rec.GAP_KINDS[k][1])
    if gap.held_firms:
        anchors = (
            f"，其中链主企业{some([firm_names.get(a, a) for a in gap.held_anchors], FIRMS)}"
            if gap.held_anchors
            else "，其中没有链主企业"
        )
        value = "年采购额未记录" if gap.held_value is None else f"年采购额{gap.held_value:,.1f}万元"
        held = f"依赖该缺口的区内在营企业{len(gap.held_firms)}家{anchors}，{value}"
    else:
        held = "没有区内在营企业依赖该缺口（不采购其产品，也不在其下游环节）"
    return (
        f"{held}；依赖程度{gap.dependence:.2f}，系数＝{rec.GAP_KINDS[kind][0].split('：')[0]}"
        f"{gap.severity:.1f}×({rec.HELD_BASE:g}+{1 - rec.HELD_BASE:g}×{gap.dependence:.2f})＝{gap.factor:.2f}"
    )


def _candidate_row(c: Candidate) -> dict[str, Any]:
    where = distance_class(c.region_code)
    return {
        "enterprise_id": c.id,
        "enterprise_name": c.name,
        "region_code": c.region_code,
        "distance": where,
        "distance_label": DISTANCE_LABELS[where],
        "distance_note": distance_note(c.region_code),
        "scale": c.scale,
        "scale_label": label(SCALE_LABELS, c.scale),
        "is_specialised": c.is_specialised,
        "specialised_label": yes_no_label(c.is_specialised),
        "district_customers": c.district_customers,
        "technologies": list(c.technologies),
    }


def _share(value: float | None) -> str:
    return "未知" if value is None else f"{value:.0%}"


def _line(inputs: Inputs, firm: str, product: str) -> str:
    share, main = inputs.lines.get((firm, product), (None, None))
    if share is None and main is None:
        return "营收占比与是否主营未知，按主营计"
    main_text = "主营" if main else ("非主营" if main is False else "是否主营未知")
    return f"{main_text}，营收占比{_share(share)}"


def _fit_reason(c: Candidate, gap: Gap, inputs: Inputs, names: dict[str, str]) -> str:
    """Which of the gap's products the firm makes and how much they weigh for it, and whether it
    operates in the gap's segment: the words behind the ``fit`` factor."""
    match = rec.product_match(c, gap)
    shown = [p for p in gap.products if p in c.products and (p in c.minor) == (match == rec.MAKES_MINOR)]
    said: list[str] = []
    if match == rec.MAKES_MAIN:
        said = [f"生产「{names.get(p, p)}」（{_line(inputs, c.id, p)}）" for p in shown]
    elif match == rec.MAKES_MINOR:
        said = [
            f"「{names.get(p, p)}」仅为次要产品（{_line(inputs, c.id, p)}）：产品匹配按{rec.MAKES_MINOR:g}计"
            for p in shown
        ]
    elif match == rec.MAKES_SIMILAR:
        for p in gap.products:
            siblings = inputs.similar.get((c.id, p))
            if p in c.similar and siblings:
                parent = names.get(inputs.parents.get(p, ""), "同一大类")
                others = "、".join(f"「{names.get(s, s)}」" for s in siblings)
                said.append(
                    f"不生产「{names.get(p, p)}」，生产同类产品{others}（同属「{parent}」）："
                    f"产品匹配按{rec.MAKES_SIMILAR:g}计"
                )
    if gap.segment_id is not None:
        said.append("在该环节经营" if gap.segment_id in c.segments else "不在该环节经营")
    return "；".join(said)


def _reasons(c: Candidate, gap: Gap, inputs: Inputs, names: dict[str, str]) -> dict[str, str]:
    """What a person needs to read a part's factor where the value alone does not say it: the product
    lines behind the fit, and how an unknown scale, 专精特新 status or region level was counted."""
    out = {
        "gap": gap_reason(gap, inputs.firm_names),
        "fit": _fit_reason(c, gap, inputs, names),
        "distance": distance_note(c.region_code),
    }
    if c.scale is None:
        out["scale"] = f"规模未知：按{rec.UNKNOWN_SCALE_FACTOR:g}计（不视为大型，也不视为小型）"
    if c.is_specialised is None:
        out["specialised"] = "是否专精特新未知：按0计，显示为未知（不视为否）"
    return out


def _explained(
    scored: rec.Scored, weights: Weights, c: Candidate, gap: Gap, inputs: Inputs, names: dict[str, str]
) -> dict[str, dict[str, Any]]:
    parts = rec.parts(scored, weights)
    reasons = _reasons(c, gap, inputs, names)
    shown = {
        "scale": label(SCALE_LABELS, parts["scale"]["value"]),
        "specialised": yes_no_label(parts["specialised"]["value"]),
        "distance": DISTANCE_LABELS.get(parts["distance"]["value"], parts["distance"]["value"]),
    }
    return {
        k: {**p, "reason": reasons.get(k, ""), **({"value_label": shown[k]} if k in shown else {})}
        for k, p in parts.items()
    }


def _target_row(
    target: dict[str, Any], inputs: Inputs, weights: Weights, names: dict[str, str]
) -> dict[str, Any]:
    row = {k: v for k, v in target.items() if k != "scored"}
    candidate = inputs.candidates[target["enterprise_id"]]
    gap = next(g for g in inputs.gaps if g.id == target["gap_id"])
    row["parts"] = _explained(target["scored"], weights, candidate, gap, inputs, names)
    row["demand_anchors"] = sorted(target["scored"].anchors)
    row["demand_anchor_names"] = [inputs.firm_names.get(a, a) for a in row["demand_anchors"]]
    return {**row, **_candidate_row(candidate)}


@_one_version
def targets(
    store: GraphStore, chain_id: str, weights: Weights | None = None, limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The chain's gaps and the outside firms worth inviting, best first, each with its score parts."""
    with collector_paused():
        return _targets(store, chain_id, weights, limit)


def _targets(store: GraphStore, chain_id: str, weights: Weights | None, limit: int) -> dict[str, Any]:
    weights = weights or Weights()
    inputs, per_gap, ranked = _ranked(store, chain_id, weights)
    view = weaklinks.chain_view(store, chain_id)
    names = weaklinks.product_names(store)
    seg_names = {s.id: s.name for s in view.segments}
    gaps = []
    for gap in inputs.gaps:
        row = _gap_row(gap, names, seg_names, inputs.firm_names)
        scored = per_gap[gap.id]
        row["candidate_count"] = len(scored)
        row["candidates"] = [
            {"enterprise_id": cid, "enterprise_name": inputs.candidates[cid].name, "score": s.score}
            for cid, s in scored[:GAP_SAMPLE]
        ]
        gaps.append(row)
    rows = [_target_row(t, inputs, weights, names) for t in ranked[:limit]]
    return {
        "chain_id": chain_id,
        "weights": weights.as_dict(),
        "part_labels": dict(rec.PART_LABELS),
        "limit": limit,
        "totals": {"gaps": len(gaps), "targets": len(ranked)},
        "gaps": gaps,
        "targets": rows,
    }


def warm_chain(store: GraphStore, chain_id: str, weights: Weights | None = None) -> None:
    """Compute ahead what the chain's recruitment list and every dossier of the chain reuse (the
    background warm-up after a write, service.warmup)."""
    targets(store, chain_id, weights)
    with cache_for(store).pinned(store):
        _figures_before(store, chain_id, weaklinks.chain_view(store, chain_id))


@_one_version
def dossier(
    store: GraphStore, enterprise_id: str, chain_id: str | None = None, weights: Weights | None = None
) -> dict[str, Any]:
    """One target's dossier: what it makes, who in the district would buy from it, the gaps it fills,
    how the chain's breaks and risks change if it opens in the district, the policies that apply and
    where it could settle."""
    weights = weights or Weights()
    card = catalog.get_enterprise(store, enterprise_id)
    if card["in_district"]:
        raise NotFound(f"企业 {enterprise_id} 位于区内，不是招商对象")
    chains = [chain_id] if chain_id else [c["id"] for c in catalog.list_chains(store)]
    scores = {}
    for cid in chains:
        _, _, ranked = _ranked(store, cid, weights)
        for t in ranked:
            if t["enterprise_id"] == enterprise_id:
                scores[cid] = t
    if not scores:
        where = f"产业链 {chain_id} 的" if chain_id else "任何产业链的"
        raise NotFound(f"企业 {enterprise_id} 不能填补{where}缺口")
    best = min(scores, key=lambda c: (-scores[c]["score"], c))
    return cache_for(store).get(
        store,
        ("dossier", enterprise_id, best, weights),
        lambda: _dossier(store, card, best, scores, weights),
    )


def _dossier(
    store: GraphStore,
    card: dict[str, Any],
    chain_id: str,
    scores: dict[str, dict[str, Any]],
    weights: Weights,
) -> dict[str, Any]:
    inputs, per_gap, _ = _ranked(store, chain_id, weights)
    chain = catalog.get_chain(store, chain_id)
    chain_names = {c["id"]: c["name"] for c in catalog.list_chains(store)}
    view = weaklinks.chain_view(store, chain_id)
    names = weaklinks.product_names(store)
    seg_names = {s.id: s.name for s in view.segments}
    candidate = inputs.candidates[card["id"]]
    filled = []
    for gap in inputs.gaps:
        for cid, s in per_gap[gap.id]:
            if cid == candidate.id:
                position = [c for c, _ in per_gap[gap.id]].index(cid) + 1
                filled.append((gap, s, position, len(per_gap[gap.id])))
    branch = rec.branch_for(candidate, [g for g, *_ in filled], inputs.demand, inputs.segment_products)
    return {
        "enterprise": {
            **card,
            "distance": distance_class(card["region_code"]),
            "distance_label": DISTANCE_LABELS[distance_class(card["region_code"])],
            "distance_note": distance_note(card["region_code"]),
            "scale_label": label(SCALE_LABELS, card["scale"]),
            "status_label": label(STATUS_LABELS, card["status"]),
            "specialised_label": yes_no_label(card["is_specialised"]),
            "provenance_label": provenance_label(card["provenance"]),
            "roadmap_technologies": [
                {"id": t, "name": inputs.technology_names.get(t, t)} for t in candidate.technologies
            ],
        },
        "chain_id": chain_id,
        "chain_name": chain["name"],
        "rank": scores[chain_id]["rank"],
        "score": scores[chain_id]["score"],
        "weights": weights.as_dict(),
        "other_chains": [
            {"chain_id": c, "chain_name": chain_names.get(c, c), "score": t["score"], "rank": t["rank"]}
            for c, t in sorted(scores.items())
            if c != chain_id
        ],
        "gaps": [
            {
                **_gap_row(gap, names, seg_names, inputs.firm_names),
                "score": s.score,
                "parts": _explained(s, weights, candidate, gap, inputs, names),
                "demand_anchors": sorted(s.anchors),
                "demand_anchor_names": [inputs.firm_names.get(a, a) for a in sorted(s.anchors)],
                "position": position,
                "candidate_count": count,
            }
            for gap, s, position, count in filled
        ],
        "products": [  # ``similar``: it makes only a sibling; the what-if assumes it would make this
            {"id": p, "name": names.get(p, p), "similar": p not in candidate.products}
            for p in branch.products
        ],
        "demand": _demand_detail(inputs, branch, names),
        "what_if": _what_if(store, chain_id, view, branch),
        "policies": _policies(store, chain_id, set(branch.segments), seg_names),
        "hosts": _hosts(store, chain_id, branch, inputs, view),
    }


def _demand_detail(inputs: Inputs, branch: rec.Branch, names: dict[str, str]) -> dict[str, Any]:
    rows = []
    for product, buyers in branch.customers.items():
        d = inputs.demand.get(product, Demand())
        for buyer in buyers:
            facts = inputs.buyer_facts.get(buyer, {})
            rows.append(
                {
                    "buyer_id": buyer,
                    "buyer_name": facts.get("name", buyer),
                    "is_anchor": bool(facts.get("is_anchor")),
                    "product_id": product,
                    "product_name": names.get(product, product),
                    "buys_from_outside": buyer in d.value,
                    "outside_value": d.value.get(buyer),
                }
            )
    values = [r["outside_value"] for r in rows if r["outside_value"] is not None]
    return {
        "buyers": rows,
        "buyer_count": len({r["buyer_id"] for r in rows}),
        "anchor_count": len({r["buyer_id"] for r in rows if r["is_anchor"]}),
        "outside_value": round(sum(values), 2) if values else None,
    }


def _risk_lists(
    network: SupplyNetwork, buyers: set[str], facts: dict[str, risk_analysis.FirmFacts]
) -> dict[str, list[dict[str, Any]]]:
    """The inputs at risk of ``buyers``, as :func:`weaklinks.risks` lists them."""
    return {
        "single_source_inputs": risk_analysis.single_sources(network, buyers),
        "concentrated_inputs": risk_analysis.concentrated_inputs(
            network, buyers, weaklinks.DEFAULT_HHI_THRESHOLD
        ),
        "outside_dependency": [
            r for r in risk_analysis.outside_dependency(network, buyers, facts) if r["outside_district"] > 0
        ],
        "recovery_gaps": risk_analysis.recovery_gaps(network, buyers),
    }


def _with_firm(segments: list[break_analysis.Segment], branch: rec.Branch) -> list[break_analysis.Segment]:
    firm = break_analysis.Firm(branch.id, branch.name, True, "active")
    return [
        break_analysis.Segment(
            s.id, s.name, s.position, s.firms + ((firm,) if s.id in branch.segments else ())
        )
        for s in segments
    ]


def _breaks_of(
    segments: list[break_analysis.Segment],
    view: weaklinks.ChainView,
    network: SupplyNetwork,
    facts: dict[str, risk_analysis.FirmFacts],
    product_names: dict[str, str],
) -> list[dict[str, Any]]:
    in_district = {k: f.in_district for k, f in facts.items()}
    names = {k: f.name for k, f in facts.items()}
    return break_analysis.find_breaks(segments, view.feeds, network, in_district, names, product_names)


def _scores_before(
    store: GraphStore, chain_id: str, view: weaklinks.ChainView
) -> dict[str, risk_analysis.RiskScore]:
    """Every risk node's score on the graph as it is (cached per chain: each target's what-if scores
    again only the firms its branch changes)."""

    def build() -> dict[str, risk_analysis.RiskScore]:
        p = weaklinks.projection(store)
        cascades = weaklinks.single_stop_cascades(store)
        return risk_analysis.risk_scores(p.network, view.firms, p.facts, p.makers, cascades)

    return cache_for(store).get(store, ("what_if_scores", chain_id), build)


def _figures_before(store: GraphStore, chain_id: str, view: weaklinks.ChainView) -> dict[str, Any]:
    """The chain's figures on the graph as it is (the same for every target, so cached per chain)."""

    def build() -> dict[str, Any]:
        p = weaklinks.projection(store)
        return {
            "breaks": _breaks_of(view.segments, view, p.network, p.facts, p.product_names),
            "risk_nodes": risk_analysis.rank_risks(
                p.network,
                view.firms,
                p.facts,
                p.makers,
                WHAT_IF_TOP,
                weaklinks.single_stop_cascades(store),
                _scores_before(store, chain_id, view),
            ),
            **_risk_lists(p.network, view.firms, p.facts),
        }

    return cache_for(store).get(store, ("what_if_before", chain_id), build)


def _what_if(
    store: GraphStore, chain_id: str, view: weaklinks.ChainView, branch: rec.Branch
) -> dict[str, Any]:
    """The chain's breaks and risk figures on the graph as it is and with the branch opened. The branch
    only adds suppliers to its customers, so only their inputs are looked at again; the risk ranking
    and the breaks are recomputed whole."""
    p = weaklinks.projection(store)
    before = _figures_before(store, chain_id, view)
    network, facts, makers = rec.with_branch(p.network, p.facts, p.makers, branch)
    touched = rec.touched_buyers(branch)
    cascades_before = weaklinks.single_stop_cascades(store)
    cascades = rec.single_stops_after(cascades_before, network, branch)
    firms_after = view.firms | {branch.id}
    # only the firms the branch changes are scored again (rec.risk_firms_changed): the same ranking as
    # scoring every firm of the graph with the branch, at a fraction of the cost
    scores = dict(_scores_before(store, chain_id, view))
    rescore = rec.risk_firms_changed(
        cascades_before, p.network, branch, ((f, r.supplied) for f, r in scores.items())
    )
    for firm in rescore:
        scores.pop(firm, None)
    scores.update(risk_analysis.risk_scores(network, firms_after, facts, makers, cascades, rescore))
    changed = _risk_lists(network, touched & view.firms, facts)
    after: dict[str, Any] = {
        "breaks": _breaks_of(_with_firm(view.segments, branch), view, network, facts, p.product_names),
        "risk_nodes": risk_analysis.rank_risks(
            network, firms_after, facts, makers, WHAT_IF_TOP, cascades, scores
        ),
    }
    for key, rows in changed.items():
        after[key] = [r for r in before[key] if r["buyer_id"] not in touched] + rows

    def gone(key: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
        still = {tuple(r[f] for f in fields) for r in after[key]}
        return [r for r in before[key] if tuple(r[f] for f in fields) not in still]

    shares_before = {
        (r["buyer_id"], r["product_id"]): r["outside_district"]
        for r in risk_analysis.outside_dependency(p.network, touched & view.firms, p.facts)
    }
    shares_after = {
        (r["buyer_id"], r["product_id"]): r["outside_district"]
        for r in risk_analysis.outside_dependency(network, touched & view.firms, facts)
    }
    return {
        "branch": {
            "id": branch.id,
            "name": branch.name,
            "products": list(branch.products),
            "segments": list(branch.segments),
            "customers": {p: list(b) for p, b in branch.customers.items()},
        },
        "before": _summary(before),
        "after": _summary(after),
        "closed_breaks": gone("breaks", ("segment_id", "kind")),
        "new_choke_points": [
            {**b, "note": f"落地后该企业将成为「{b['segment_name']}」环节区内唯一的在营企业（形成新的堵点）"}
            for b in after["breaks"]
            if b["kind"] == break_analysis.CHOKE_SINGLE_FIRM and [f["id"] for f in b["firms"]] == [branch.id]
        ],
        "removed_single_sources": gone("single_source_inputs", ("buyer_id", "product_id")),
        "removed_concentrated_inputs": gone("concentrated_inputs", ("buyer_id", "product_id")),
        "outside_share_changes": [
            {
                "buyer_id": b,
                "product_id": prod,
                "before": shares_before[(b, prod)],
                "after": shares_after[(b, prod)],
            }
            for prod, buyers in branch.customers.items()
            for b in buyers
            if (b, prod) in shares_before
        ],
    }


def _summary(f: dict[str, Any]) -> dict[str, Any]:
    kinds: dict[str, int] = defaultdict(int)
    for b in f["breaks"]:
        kinds[b["kind"]] += 1
    return {
        "breaks": kinds.get(break_analysis.BREAK, 0),
        "choke_points": len(f["breaks"]) - kinds.get(break_analysis.BREAK, 0),
        **{key: len(f[key]) for key in RISK_LISTS},
        "risk_nodes": [
            {
                "enterprise_id": r["enterprise_id"],
                "enterprise_name": r["enterprise_name"],
                "score": r["score"],
            }
            for r in f["risk_nodes"]
        ],
    }


def _policies(
    store: GraphStore, chain_id: str, segments: set[str], seg_names: dict[str, str]
) -> list[dict[str, Any]]:
    """Each policy that applies once, with the scopes it applies to: 全链 (it supports the whole chain)
    and the branch's segments it supports, in chain order."""
    found: dict[str, dict[str, Any]] = {}
    whole: set[str] = set()
    segs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in store.read(Q.LIST_CHAIN_POLICIES, {"chain_id": chain_id}):
        found.setdefault(r["id"], r)
        whole.add(r["id"])
    for r in store.read(Q.LIST_CHAIN_SEGMENT_POLICIES, {"chain_id": chain_id}):
        if r["segment_id"] in segments:
            found.setdefault(r["id"], r)
            segs[r["id"]].append((r["segment_id"], r["segment_name"]))
    order = list(seg_names)
    rows = []
    for pid, r in found.items():
        mine = sorted(
            set(segs[pid]), key=lambda s: (order.index(s[0]) if s[0] in order else len(order), s[0])
        )
        scopes = (["全链"] if pid in whole else []) + [name for _, name in mine]
        base = {k: v for k, v in r.items() if k not in ("segment_id", "segment_name")}
        rows.append(
            {
                **base,
                "level_label": LEVEL_LABELS.get(base["level"], base["level"]),
                "segment_ids": [s for s, _ in mine],
                "scopes": scopes,
                "scope": "、".join(scopes),
            }
        )
    rows.sort(key=lambda r: (r["id"] not in whole, r.get("issued_on") or "", r["id"]))
    return rows


def _hosts(
    store: GraphStore, chain_id: str, branch: rec.Branch, inputs: Inputs, view: weaklinks.ChainView
) -> dict[str, Any]:
    """Projects in the branch's segments, and the district's parks with how many of its would-be
    customers are located in each."""
    projects = [
        {**r, "stage_label": STAGE_LABELS.get(r["stage"], r["stage"])}
        for r in store.read(Q.LIST_CHAIN_PROJECTS, {"chain_id": chain_id})
        if r["segment_id"] in branch.segments
    ]
    region: dict[str, str] = {}
    for buyer in rec.touched_buyers(branch):
        code = (inputs.buyer_facts.get(buyer) or view.firm_rows.get(buyer) or {}).get("region_code")
        if code:
            region[buyer] = code
    near: dict[str, int] = defaultdict(int)
    for code in region.values():
        near[code] += 1
    townships = store.read(Q.DISTRICT_TOWNSHIPS, {"district_code": DISTRICT_CODE})
    parks = [
        {"id": t["id"], "name": t["name"], "customers_located": near.get(t["id"], 0)}
        for t in townships
        if is_park(t["name"])
    ]
    parks.sort(key=lambda t: (-t["customers_located"], t["id"]))
    return {"projects": projects, "parks": parks}


def dossier_page(
    store: GraphStore, enterprise_id: str, chain_id: str | None = None, weights: Weights | None = None
) -> str:
    """The dossier as a printable, self-contained HTML page."""
    from service.lists import LEVEL, SCALE, STAGE, STATUS
    from service.render.dossier import dossier_html

    with cache_for(store).pinned(store) as version:
        d = dossier(store, enterprise_id, chain_id, weights)
        p = weaklinks.projection(store)
    names = {k: f.name for k, f in p.facts.items() if k in _mentioned(d)}
    labels = {"scale": SCALE, "status": STATUS, "stage": STAGE, "level": LEVEL}
    return dossier_html(d, labels, version, names, p.product_names)


def _mentioned(d: dict[str, Any]) -> set[str]:
    w = d["what_if"]
    return {r["buyer_id"] for r in w["removed_single_sources"] + w["removed_concentrated_inputs"]}


TARGET_COLUMNS = (
    ("rank", "排名"),
    ("enterprise_name", "企业名称"),
    ("enterprise_id", "企业编号"),
    ("region_code", "所在地区代码"),
    ("distance_label", "距离"),
    ("scale_label", "企业规模"),
    ("specialised_label", "专精特新"),
    ("score", "总分"),
    ("gap_label", "填补的缺口"),
    ("gap_kinds", "缺口类型"),
    ("gap_reason", "缺口说明"),
    *((f"points_{name}", f"{label}得分") for name, label in rec.PART_LABELS.items()),
    ("demand_buyers", "区内需求企业数"),
    ("demand_anchors", "有需求的链主企业"),
    ("demand_value", "区外年采购额（万元）"),
    ("also_fills", "亦可填补"),
    ("notes", "评分说明"),
)
GAP_COLUMNS = (
    ("gap_id", "缺口编号"),
    ("gap_label", "缺口"),
    ("kinds", "类型"),
    ("reason", "说明"),
    ("factor", "缺口系数"),
    ("held", "依赖该缺口的区内在营企业"),
    ("held_value", "其年采购额（万元）"),
    ("candidate_count", "候选企业数"),
    ("top", "前五位候选（得分）"),
)
WEIGHT_COLUMNS = (("label", "评分项"), ("weight", "权重（满分）"), ("rule", "系数（0–1）的算法"))
FACTOR_RULES = {
    "gap": (
        "缺口类型（断点1.0，单一来源0.8，堵点0.6，链主省外采购0.5，依赖区外0.4，取最高）"
        f"×({rec.HELD_BASE:g}+{1 - rec.HELD_BASE:g}×依赖程度)；依赖程度为三项的平均："
        f"依赖该缺口的区内在营企业数（采购其产品或在其下游环节）÷{rec.HELD_FIRMS_FULL}（最多为1）、"
        f"这些企业的年采购额÷(年采购额+{rec.HELD_VALUE_HALF:g}万元)、其中有链主企业为1；"
        "同分时依次按缺口系数、区外采购额、已供应区内企业数从高到低，再按企业编号排列"
    ),
    "fit": (
        f"产品匹配与环节匹配各占一半：产品匹配为生产缺口产品{rec.MAKES_MAIN:g}（主营，或营收占比与是否主营未知），"
        f"仅为次要产品{rec.MAKES_MINOR:g}（非主营，或营收占比低于{rec.MINOR_SHARE:.0%}），"
        f"只生产同一产品大类下的同类产品{rec.MAKES_SIMILAR:g}；在该环节经营为环节匹配1；"
        "产品缺口不分环节，只看产品匹配"
    ),
    "district_demand": f"从区外采购该产品的区内企业数÷{rec.DEMAND_BUYERS_FULL}，最多为1",
    "anchor_demand": "有链主企业从区外采购该产品为1，否则为0",
    "demand_value": f"区外年采购额÷(区外年采购额+{rec.DEMAND_VALUE_HALF:g}万元)",
    "supplies_district": f"已供应的区内企业数÷{rec.CUSTOMERS_FULL}，最多为1",
    "scale": f"大型1.0，中型0.7，小型0.4，微型0.2，规模未知{rec.UNKNOWN_SCALE_FACTOR:g}",
    "specialised": "专精特新1，否或未知0（未知显示为未知）",
    "technology": f"掌握本链路线图中攻关或目标技术的项数÷{rec.TECHNOLOGIES_FULL}，最多为1",
    "distance": "长春市内1.0，吉林省内0.7（地区仅知到省级的吉林企业按省内计），省外0.3，地区不明0",
}


def sheets(result: dict[str, Any]) -> list[tuple[str, Any, list[dict[str, Any]]]]:
    """The ranked list as workbook sheets: targets, gaps, and how the score is computed."""
    from service.lists import SCALE, UNKNOWN, yes_no

    gaps = {g["gap_id"]: g for g in result["gaps"]}

    def label(g: dict[str, Any]) -> str:
        return g["segment_name"] or "、".join(p["name"] for p in g["products"])

    targets = []
    for t in result["targets"]:
        g = gaps[t["gap_id"]]
        targets.append(
            {
                **t,
                "scale_label": SCALE.get(t["scale"] or "", t["scale"] or UNKNOWN),
                "specialised_label": yes_no(t["is_specialised"]),
                "gap_label": label(g),
                "gap_kinds": "、".join(g["kind_labels"]),
                "gap_reason": g["reason"],
                **{f"points_{k}": p["points"] for k, p in t["parts"].items()},
                "demand_buyers": t["parts"]["district_demand"]["value"],
                "demand_anchors": "、".join(t.get("demand_anchor_names") or t["demand_anchors"]),
                "demand_value": t["parts"]["demand_value"]["value"],
                "also_fills": "、".join(label(gaps[a["gap_id"]]) for a in t["also_fills"]),
                "notes": "；".join(
                    f"{p['label']}：{p['reason']}" for p in t["parts"].values() if p.get("reason")
                ),
            }
        )
    gap_rows = [
        {
            **g,
            "gap_label": label(g),
            "kinds": "、".join(g["kind_labels"]),
            "held": some([f["name"] for f in g["held_firms"]], FIRMS) or "无",
            "top": "、".join(f"{c['enterprise_name']}（{c['score']:.2f}）" for c in g["candidates"][:5]),
        }
        for g in result["gaps"]
    ]
    weights = [
        {"label": rec.PART_LABELS[k], "weight": v, "rule": FACTOR_RULES[k]}
        for k, v in result["weights"].items()
    ]
    return [
        ("招商目标", TARGET_COLUMNS, targets),
        ("缺口清单", GAP_COLUMNS, gap_rows),
        ("评分说明", WEIGHT_COLUMNS, weights),
    ]
