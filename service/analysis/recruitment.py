"""Point-to-point recruitment (点对点精准招商): the gaps of a chain, the outside firms that could fill each,
a transparent score for every (firm, gap), and the what-if network with the firm opened in the district.
Pure functions over rows and projections; no storage, no HTTP."""

from __future__ import annotations

import functools
import math
from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, NamedTuple, cast

from service.analysis import breaks as break_analysis
from service.analysis.place import DISTRICT_CODE, PROVINCE_PREFIX, distance_class
from service.analysis.risks import FirmFacts
from service.analysis.supply import Cut, Link, SupplyNetwork, shares, stops_of
from service.courtesy import EVERY, step_aside

# Gap kinds, their Chinese labels and how much filling one is worth (the ``gap`` factor).
GAP_KINDS: dict[str, tuple[str, float]] = {
    break_analysis.BREAK: ("断点：环节区内无在营企业", 1.0),
    "single_source": ("单一来源投入", 0.8),
    break_analysis.CHOKE_SINGLE_FIRM: ("堵点：环节区内仅一家在营企业", 0.6),
    break_analysis.CHOKE_COMMON_SUPPLIER: ("堵点：区内企业共同依赖区外同一供应商", 0.6),
    "anchor_far": ("链主企业从省外采购", 0.5),
    "outside_dependent": ("主要依赖区外采购", 0.4),
}
# An input counts as outside-dependent when at least this share of one district buyer's need is bought
# from outside the district.
OUTSIDE_DEPENDENT_SHARE = 0.5

# Factor scales: the value at which a count-like factor reaches 1, or reaches one half.
DEMAND_BUYERS_FULL = 5  # district buyers
DEMAND_VALUE_HALF = 1000.0  # 万元 a year bought from outside
CUSTOMERS_FULL = 3  # district firms already supplied
TECHNOLOGIES_FULL = 2  # roadmap technologies held
SCALE_FACTORS = {"large": 1.0, "medium": 0.7, "small": 0.4, "micro": 0.2}
# A firm of unknown scale (规模未知) is neither large nor micro: it gets this stated factor, never 0.
UNKNOWN_SCALE_FACTOR = 0.5
# The product half of the ``fit`` factor: how squarely the firm makes what the gap lacks.
MAKES_MAIN = 1.0  # makes a gap product as a main line, or its weight is unknown
MAKES_MINOR = 0.5  # makes it only as a minor line (是否主营 = 否, or 营收占比 below MINOR_SHARE)
MAKES_SIMILAR = 0.4  # makes only a product of the same 产品大类 (同类产品), not the gap product
MINOR_SHARE = 0.1
DISTANCE_FACTORS = {"city": 1.0, "province": 0.7, "country": 0.3, "unknown": 0.0, "district": 0.0}
ROADMAP_NEEDS = ("developing", "target")  # technology statuses the roadmap still needs
# What a gap holds up (its dependence, 0–1): the mean of three factors, the district firms in operation
# that depend on it (÷ HELD_FIRMS_FULL, at most 1), their yearly purchases (v ÷ (v + HELD_VALUE_HALF)),
# and 1 when an anchor firm is among them. The ``gap`` factor is the kind's severity ×
# (HELD_BASE + (1 − HELD_BASE) × dependence): a gap nothing depends on keeps HELD_BASE of its severity.
HELD_FIRMS_FULL = 5
HELD_VALUE_HALF = 5000.0  # 万元 a year
HELD_BASE = 0.3


@dataclass(frozen=True)
class Weights:
    """How many points each part of a candidate's score is worth at most; the defaults sum to 100."""

    gap: float = 15.0
    fit: float = 10.0
    district_demand: float = 15.0
    anchor_demand: float = 10.0
    demand_value: float = 15.0
    supplies_district: float = 5.0
    scale: float = 10.0
    specialised: float = 5.0
    technology: float = 5.0
    distance: float = 10.0

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> Weights:
        """Weights from a mapping of part name to points; unknown names and negative or non-finite
        values are refused with the name."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"未知的评分项：{'、'.join(unknown)}（可用：{'、'.join(sorted(known))}）")
        out: dict[str, float] = {}
        for name, raw in values.items():
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise ValueError(f"评分项 {name} 的权重不是数字：{raw!r}") from None
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"评分项 {name} 的权重须为非负有限数：{raw!r}")
            out[name] = value
        return cls(**out)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


PART_LABELS = {
    "gap": "缺口重要性",
    "fit": "匹配程度",
    "district_demand": "区内需求企业数",
    "anchor_demand": "链主企业需求",
    "demand_value": "区外采购额",
    "supplies_district": "已供应区内企业",
    "scale": "企业规模",
    "specialised": "专精特新",
    "technology": "掌握路线图技术",
    "distance": "距离",
}


@dataclass(frozen=True)
class Gap:
    """Something the chain lacks in the district: a segment, or an input its district firms buy."""

    id: str
    kinds: tuple[str, ...]
    segment_id: str | None
    products: tuple[str, ...]  # what a firm filling the gap would make
    buyers: tuple[str, ...]  # the chain's district firms the gap touches (product gaps)
    reason: str
    # What depends on the gap (:func:`weigh_gaps`): the chain's district firms in operation that buy
    # what it lacks or operate downstream of it, the anchors among them, their yearly purchases (万元,
    # None where no link records a value) and the downstream segments.
    held_firms: tuple[str, ...] = ()
    held_anchors: tuple[str, ...] = ()
    held_value: float | None = None
    held_segments: tuple[str, ...] = ()

    @property
    def severity(self) -> float:
        return max(GAP_KINDS[k][1] for k in self.kinds)

    @property
    def dependence(self) -> float:
        """How much depends on the gap, 0–1 (see ``HELD_FIRMS_FULL``)."""
        firms = min(1.0, len(self.held_firms) / HELD_FIRMS_FULL)
        value = self.held_value or 0.0
        worth = value / (value + HELD_VALUE_HALF) if value > 0 else 0.0
        anchors = 1.0 if self.held_anchors else 0.0
        return round((firms + worth + anchors) / 3, 4)

    @property
    def factor(self) -> float:
        """The ``gap`` factor: the kind's severity weighed by what depends on the gap."""
        return round(self.severity * (HELD_BASE + (1 - HELD_BASE) * self.dependence), 4)


@dataclass(frozen=True)
class Candidate:
    """An active firm outside the district that could fill a gap. ``scale`` and ``is_specialised`` are
    None where the ledger says 未知."""

    id: str
    name: str
    region_code: str | None
    scale: str | None
    is_specialised: bool | None
    products: frozenset[str] = frozenset()  # of the products of interest, those it makes
    segments: frozenset[str] = frozenset()  # of the chain's segments, those it operates in
    district_customers: int = 0
    technologies: tuple[str, ...] = ()  # roadmap technologies it holds
    minor: frozenset[str] = frozenset()  # of ``products``, those it makes only as a minor line
    similar: frozenset[str] = frozenset()  # products of interest it does not make, but a sibling of

    @property
    def covers(self) -> frozenset[str]:
        """The products of interest it makes or could make (it makes one of the same 产品大类)."""
        return self.products | self.similar


def is_minor_line(revenue_share: float | None, main_line: bool | None) -> bool:
    """Whether a firm makes a product only as a minor line: not a main line (是否主营 = 否), or, where
    that is unknown, under ``MINOR_SHARE`` of its revenue. Nothing known means not minor.

    >>> [is_minor_line(*x) for x in [(None, None), (0.05, None), (0.05, True), (0.6, False), (0.3, None)]]
    [False, True, False, True, False]
    """
    if main_line is not None:
        return not main_line
    return revenue_share is not None and revenue_share < MINOR_SHARE


def product_match(candidate: Candidate, gap: Gap) -> float:
    """The product half of the fit: the best of the gap's products for this firm (``MAKES_MAIN``,
    ``MAKES_MINOR``, ``MAKES_SIMILAR`` or 0)."""
    best = 0.0
    for product in gap.products:
        if product in candidate.products:
            best = max(best, MAKES_MINOR if product in candidate.minor else MAKES_MAIN)
        elif product in candidate.similar:
            best = max(best, MAKES_SIMILAR)
    return best


@dataclass
class Demand:
    """District firms buying one product from outside the district: buyer -> outside value (万元, None
    where no link records a value), and which of them are anchor firms."""

    value: dict[str, float | None] = field(default_factory=dict)
    anchors: set[str] = field(default_factory=set)


def demand_from_rows(rows: Iterable[Mapping[str, Any]]) -> dict[str, Demand]:
    """Group rows of ``recruitment/list_district_demand`` by product."""
    out: dict[str, Demand] = defaultdict(Demand)
    for r in rows:
        d = out[r["product_id"]]
        value = r["annual_value"]
        before = d.value.get(r["buyer_id"])
        d.value[r["buyer_id"]] = before if value is None else (before or 0.0) + float(value)
        if r["buyer_is_anchor"]:
            d.anchors.add(r["buyer_id"])
    return dict(out)


def segment_gaps(
    breaks: Sequence[Mapping[str, Any]], segment_products: Mapping[str, Sequence[str]]
) -> list[Gap]:
    """Gaps from the chain's breaks and choke points (rows of :func:`breaks.find_breaks`)."""
    out: dict[str, Gap] = {}
    for b in breaks:
        kind, seg = b["kind"], b["segment_id"]
        products: tuple[str, ...]
        if kind == break_analysis.CHOKE_COMMON_SUPPLIER:
            gap_id, products = f"supplier:{seg}:{b['product_id']}", (b["product_id"],)
        else:
            gap_id, products = f"segment:{seg}", tuple(segment_products.get(seg, ()))
        if gap_id in out:
            continue
        out[gap_id] = Gap(gap_id, (kind,), seg, products, (), b["reason"])
    return list(out.values())


def product_gaps(
    network: SupplyNetwork,
    suppliers: Mapping[str, tuple[bool, str | None]],
    anchors: set[str],
    product_names: Mapping[str, str],
) -> list[Gap]:
    """Gaps from what the chain's district firms buy (``network`` holds the links into them;
    ``suppliers`` maps each supplier to whether it is in the district and its region code):
    single-source inputs, inputs bought mostly from outside the district, and inputs anchor firms buy
    from outside the province."""
    inside = {k: v[0] for k, v in suppliers.items()}
    region = {k: v[1] or "" for k, v in suppliers.items()}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # product -> kind -> buyers
    for buyer, inputs in network.inputs.items():
        for product, links in inputs.items():
            if len(links) == 1:
                found[product]["single_source"].add(buyer)
            outside = sum(
                s for link, s in zip(links, shares(links), strict=True) if not inside[link.supplier]
            )
            if outside >= OUTSIDE_DEPENDENT_SHARE:
                found[product]["outside_dependent"].add(buyer)
            if buyer in anchors and any(
                not region[link.supplier].startswith(PROVINCE_PREFIX) for link in links
            ):
                found[product]["anchor_far"].add(buyer)
    out = []
    for product in sorted(found):
        kinds = found[product]
        order = [k for k in GAP_KINDS if k in kinds]
        buyers = sorted(set().union(*kinds.values()))
        name = product_names.get(product, product)
        phrases = {
            "single_source": "家区内企业只有一家供应商",
            "outside_dependent": "家区内企业主要从区外采购",
            "anchor_far": "家链主企业从省外采购",
        }
        reason = f"「{name}」：" + "，".join(f"{len(kinds[k])}{phrases[k]}" for k in order) + "。"
        out.append(Gap(f"product:{product}", tuple(order), None, (product,), tuple(buyers), reason))
    return out


def _downstream(starts: Iterable[str], feeds: Sequence[tuple[str, str]]) -> set[str]:
    """Segments reached from ``starts`` along FEEDS (upstream to downstream), ``starts`` excluded
    unless a cycle leads back to them."""
    after: dict[str, list[str]] = defaultdict(list)
    for a, b in feeds:
        after[a].append(b)
    seen: set[str] = set()
    frontier = list(starts)
    while frontier:
        nxt = [b for a in frontier for b in after[a] if b not in seen]
        seen |= set(nxt)
        frontier = nxt
    return seen - set(starts)


def weigh_gaps(
    gaps: Sequence[Gap],
    segments: Sequence[break_analysis.Segment],
    feeds: Sequence[tuple[str, str]],
    anchors: set[str],
    network: SupplyNetwork,
) -> list[Gap]:
    """Each gap with what depends on it: the chain's district firms in operation that buy one of its
    products (``network`` holds the links into the chain's district firms), and those operating in the
    segments downstream of it (of the gap's segment; for a product gap, of the segments its buyers
    operate in); the anchors among them and their yearly purchases (the recorded annual values of
    every link into them; None where none is recorded).

    Examples
    --------
    >>> from service.analysis.breaks import Firm, Segment
    >>> segs = [Segment("s1", "上游", 1, ()), Segment("s2", "下游", 2, (Firm("a", "甲", True, "active"),))]
    >>> net = SupplyNetwork.build([Link("x", "a", "p", value=100.0)])
    >>> gap = Gap("segment:s1", ("break",), "s1", ("q",), (), "")
    >>> g = weigh_gaps([gap], segs, [("s1", "s2")], {"a"}, net)
    >>> g[0].held_firms, g[0].held_anchors, g[0].held_value, g[0].held_segments
    (('a',), ('a',), 100.0, ('s2',))
    """
    active: dict[str, set[str]] = {}  # segment -> its active district firms
    where: dict[str, set[str]] = defaultdict(set)  # active district firm -> its segments
    for seg in segments:
        active[seg.id] = {f.id for f in seg.firms if f.in_district and f.status == "active"}
        for firm in active[seg.id]:
            where[firm].add(seg.id)
    capacity = set(where)
    buyers_of: dict[str, set[str]] = defaultdict(set)
    for buyer, inputs in network.inputs.items():
        for product in inputs:
            buyers_of[product].add(buyer)
    out = []
    for gap in gaps:
        direct = set().union(*(buyers_of[p] for p in gap.products)) & capacity if gap.products else set()
        if gap.segment_id is not None:
            starts = {gap.segment_id}
        else:
            starts = set().union(*(where[b] for b in direct)) if direct else set()
        below = _downstream(starts, feeds)
        held = direct | set().union(*(active.get(s, set()) for s in below)) if below else direct
        values = [
            link.value
            for firm in held
            for links in network.inputs.get(firm, {}).values()
            for link in links
            if link.value is not None
        ]
        out.append(
            replace(
                gap,
                held_firms=tuple(sorted(held)),
                held_anchors=tuple(sorted(held & anchors)),
                held_value=round(sum(values), 2) if values else None,
                held_segments=tuple(s.id for s in segments if s.id in below),
            )
        )
    return out


def demand_for(
    candidate: Candidate, gap: Gap, demand: Mapping[str, Demand]
) -> tuple[set[str], set[str], float]:
    """The district buyers, anchor buyers and outside value of the gap's products the candidate makes."""
    buyers: set[str] = set()
    anchors: set[str] = set()
    value = 0.0
    for product in sorted(candidate.covers & set(gap.products)):
        d = demand.get(product)
        if d is None:
            continue
        buyers |= set(d.value)
        anchors |= d.anchors
        value += sum(v for v in d.value.values() if v is not None)
    return buyers, anchors, value


PARTS = tuple(PART_LABELS)


@functools.lru_cache(maxsize=64)
def _weights_tuple(weights: Weights) -> tuple[float, ...]:
    values = weights.as_dict()
    return tuple(values[name] for name in PARTS)


class Scored(NamedTuple):
    """One candidate's score for one gap: the total, and each part's (value, factor) in ``PARTS``
    order; :func:`parts` spells the parts out."""

    score: float
    raw: tuple[tuple[Any, float], ...]
    anchors: frozenset[str]


Part = tuple[Any, float]  # a part's value and its factor (0–1)


def _gap_part(gap: Gap) -> Part:
    return ("、".join(GAP_KINDS[k][0] for k in gap.kinds), gap.factor)


_MATCH_WORDS = {MAKES_MAIN: "产品", MAKES_MINOR: "次要产品", MAKES_SIMILAR: "同类产品"}


def _fit_part(match: float, operates: bool, has_segment: bool = True) -> Part:
    """A product gap (no segment) fits by the product alone; a segment gap by half product, half
    segment."""
    if not has_segment:
        return (f"{_MATCH_WORDS[match]}匹配", match)
    factor = round((match + (1.0 if operates else 0.0)) / 2, 4)
    if match and operates:
        return (f"{_MATCH_WORDS[match]}与环节均匹配", factor)
    return (f"仅{_MATCH_WORDS[match]}匹配" if match else "仅环节匹配", factor)


def _demand_parts(served: tuple[set[str], set[str], float]) -> tuple[Part, Part, Part]:
    buyers, anchors, value = served
    return (
        (len(buyers), min(1.0, len(buyers) / DEMAND_BUYERS_FULL)),
        (len(anchors), min(1.0, float(len(anchors)))),
        (round(value, 2), round(value / (value + DEMAND_VALUE_HALF), 4) if value > 0 else 0.0),
    )


def _firm_parts(candidate: Candidate) -> tuple[Part, Part, Part, Part, Part]:
    where = distance_class(candidate.region_code)
    return (
        (candidate.district_customers, round(min(1.0, candidate.district_customers / CUSTOMERS_FULL), 4)),
        (
            candidate.scale,
            UNKNOWN_SCALE_FACTOR if candidate.scale is None else SCALE_FACTORS.get(candidate.scale, 0.0),
        ),
        (candidate.is_specialised, 1.0 if candidate.is_specialised else 0.0),
        (len(candidate.technologies), min(1.0, len(candidate.technologies) / TECHNOLOGIES_FULL)),
        (where, DISTANCE_FACTORS[where]),
    )


def _points(weights: Sequence[float], raw: Sequence[Part]) -> tuple[float, ...]:
    return tuple(round(wi * f, 4) for wi, (_, f) in zip(weights, raw, strict=True))


def score(
    candidate: Candidate,
    gap: Gap,
    demand: Mapping[str, Demand],
    weights: Weights | tuple[float, ...],
    served: tuple[set[str], set[str], float] | None = None,
) -> Scored:
    """The candidate's score for one gap: the sum over the parts of weight × factor, each factor in
    0–1 and rounded to 4 places. ``served`` is :func:`demand_for`, when the caller has it already."""
    served = served or demand_for(candidate, gap, demand)
    operates = gap.segment_id in candidate.segments
    raw: tuple[Part, ...] = (
        _gap_part(gap),
        _fit_part(product_match(candidate, gap), operates, gap.segment_id is not None),
        *_demand_parts(served),
        *_firm_parts(candidate),
    )
    w = weights if isinstance(weights, tuple) else _weights_tuple(weights)
    return Scored(round(sum(_points(w, raw)), 4), raw, frozenset(served[1]))


def parts(scored: Scored, weights: Weights) -> dict[str, dict[str, Any]]:
    """Each part of a score: its label, value, factor, weight and points; the points add up to the
    score."""
    return {
        name: {"label": PART_LABELS[name], "value": v, "factor": f, "weight": wi, "points": round(wi * f, 4)}
        for name, wi, (v, f) in zip(PARTS, _weights_tuple(weights), scored.raw, strict=True)
    }


def tie_order(firm: str, scored: Scored) -> tuple[float, float, float, float, str]:
    """How equal scores are ordered (the stated tie rules): the higher ``gap`` factor first (the gap
    more depends on), then the larger outside purchase value of what it would make, then more district
    firms already supplied, then the enterprise id."""
    gap, value, customers = scored.raw[0][1], scored.raw[4][0] or 0.0, scored.raw[5][0] or 0
    return (-scored.score, -gap, -float(value), -float(customers), firm)


def rank(
    gaps: Sequence[Gap], candidates: Mapping[str, Candidate], demand: Mapping[str, Demand], weights: Weights
) -> tuple[dict[str, list[tuple[str, Scored]]], list[dict[str, Any]]]:
    """Score every (candidate, gap). Returns each gap's candidates best first, and the targets: each
    candidate once, with its best gap (its ``scored``) and the other gaps it fills, best first (ties by
    :func:`tie_order`, then the gap id), numbered from 1."""
    per_gap: dict[str, list[tuple[str, Scored]]] = {}
    best: dict[str, list[tuple[str, Scored]]] = defaultdict(list)
    by_product: dict[str, set[str]] = defaultdict(set)
    by_segment: dict[str, set[str]] = defaultdict(set)
    for c in candidates.values():
        for p in c.covers:
            by_product[p].add(c.id)
        for seg in c.segments:
            by_segment[seg].add(c.id)
    w = _weights_tuple(weights)
    # What :func:`score` computes, each part once: per gap, per (gap, products made), per firm. The
    # points are added in the same order, so every total is the same float.
    firms: dict[str, tuple[tuple[Part, ...], tuple[float, ...]]] = {}
    for gap in gaps:
        products = set(gap.products)
        gap_part = _gap_part(gap)
        has_segment = gap.segment_id is not None
        fits = {
            (match, operates): (gap_part, _fit_part(match, operates, has_segment))
            for match in (0.0, MAKES_SIMILAR, MAKES_MINOR, MAKES_MAIN)
            for operates in (False, True)
            if match or has_segment
        }
        served: dict[frozenset[str], tuple[tuple[Part, ...], frozenset[str]]] = {}  # by products made
        scored = []
        ids = set().union(*(by_product[p] for p in gap.products)) if gap.products else set()
        if gap.segment_id is not None:
            ids |= by_segment[gap.segment_id]
        for n, c in enumerate(candidates[i] for i in sorted(ids)):
            if not n % EVERY:
                step_aside()  # a background warm-up lets a request go first (service.courtesy)
            key = c.covers & products
            if key not in served:
                buyers, anchors, value = demand_for(c, gap, demand)
                served[key] = (_demand_parts((buyers, anchors, value)), frozenset(anchors))
            if c.id not in firms:
                own = _firm_parts(c)
                firms[c.id] = (own, _points(w[5:], own))
            demand_raw, anchors_served = served[key]
            firm_raw, firm_points = firms[c.id]
            head = fits[(product_match(c, gap), gap.segment_id in c.segments)] + demand_raw
            raw = head + firm_raw
            total = round(sum(_points(w[:5], head) + firm_points), 4)
            scored.append((c.id, Scored(total, raw, anchors_served)))
        scored.sort(key=lambda x: tie_order(*x))
        per_gap[gap.id] = scored
        for cid, s in scored:
            best[cid].append((gap.id, s))
    targets: list[dict[str, Any]] = []
    for cid, options in best.items():
        if len(options) > 1:
            options.sort(key=lambda x: (*tie_order(cid, x[1]), x[0]))
        gap_id, top = options[0]
        targets.append(
            {
                "enterprise_id": cid,
                "score": top.score,
                "gap_id": gap_id,
                "scored": top,
                "also_fills": [{"gap_id": g, "score": s.score} for g, s in options[1:]],
            }
        )
    targets.sort(key=lambda t: tie_order(t["enterprise_id"], t["scored"]))
    for i, t in enumerate(targets, start=1):
        t["rank"] = i
    return per_gap, targets


@dataclass(frozen=True)
class Branch:
    """The candidate opened in the district: a new firm making ``products`` for ``customers``."""

    id: str
    name: str
    products: tuple[str, ...]
    segments: tuple[str, ...]
    customers: dict[str, tuple[str, ...]]  # product -> district buyers it would supply


def branch_for(
    candidate: Candidate,
    gaps: Sequence[Gap],
    demand: Mapping[str, Demand],
    segment_products: Mapping[str, Sequence[str]],
) -> Branch:
    """The district branch of ``candidate`` for the gaps it fills: it makes the gaps' products the
    candidate makes, operates in the chain segments where they are made (and in any gap segment), and
    supplies every district firm that buys them from outside or has a single source of them."""
    products = sorted({p for g in gaps for p in g.products if p in candidate.covers})
    segments = {g.segment_id for g in gaps if g.segment_id is not None}
    segments |= {s for s, ps in segment_products.items() if set(ps) & set(products)}
    customers: dict[str, tuple[str, ...]] = {}
    for p in products:
        buyers = set(demand[p].value) if p in demand else set()
        for g in gaps:
            if p in g.products and "single_source" in g.kinds:
                buyers |= set(g.buyers)
        customers[p] = tuple(sorted(buyers))
    return Branch(
        f"whatif.{candidate.id}",
        f"{candidate.name}（区内新设）",
        tuple(products),
        tuple(sorted(segments)),
        customers,
    )


def with_branch(
    network: SupplyNetwork,
    facts: Mapping[str, FirmFacts],
    makers: Mapping[str, set[str]],
    branch: Branch,
) -> tuple[SupplyNetwork, dict[str, FirmFacts], dict[str, set[str]]]:
    """The what-if graph: ``network`` plus the branch as one more supplier of each of its customers. Its
    share and value on a link are the average of the link's existing suppliers' (none where they record
    none); its own inputs are unknown, so it is never cut off."""
    # copy on write: only the branch's customers change. A ChainMap, not a copy of the whole index (a
    # projection's is made as it is read, see SupplyNetwork.from_columns); it writes to its first map
    # only, never to the network's own (hence the casts: typeshed asks for a mutable one).
    inputs = ChainMap({}, cast("MutableMapping[str, dict[str, list[Link]]]", network.inputs))
    added: list[Link] = []
    for product, buyers in branch.customers.items():
        for buyer in buyers:
            links = network.suppliers_of(buyer, product)
            known_shares = [link.share for link in links if link.share is not None]
            known_values = [link.value for link in links if link.value is not None]
            share = sum(known_shares) / len(links) if links and len(known_shares) == len(links) else None
            value = sum(known_values) / len(known_values) if known_values else None
            link = Link(branch.id, buyer, product, share, value)
            if buyer not in inputs or inputs[buyer] is network.inputs.get(buyer):
                inputs[buyer] = dict(inputs.get(buyer, {}))
            inputs[buyer][product] = [*inputs[buyer].get(product, []), link]
            added.append(link)
    customers = ChainMap({branch.id: added}, cast("MutableMapping[str, list[Link]]", network.customers))
    after = SupplyNetwork(inputs, customers)
    if network.codes is not None:  # its links numbered as the projection's are, the branch's last
        after.codes = network.codes.plus(branch.id, added)
    facts_after = {**facts, branch.id: FirmFacts(branch.id, branch.name, True, DISTRICT_CODE)}
    makers_after = {p: set(m) for p, m in makers.items()}
    for p in branch.products:
        makers_after.setdefault(p, set()).add(branch.id)
    return after, facts_after, makers_after


def touched_buyers(branch: Branch) -> set[str]:
    return {b for buyers in branch.customers.values() for b in buyers}


def single_stops_after(
    before: Mapping[str, Mapping[str, Cut]], after: SupplyNetwork, branch: Branch
) -> dict[str, Mapping[str, Cut]]:
    """:func:`single_stops` of ``after``, the network ``before`` was computed on plus ``branch``
    supplying its customers: more suppliers never cut anyone off, so only cascades that reached a
    customer can change, and only those (and the branch's own) are followed again."""
    touched = touched_buyers(branch)
    again = [firm for firm, cut in before.items() if not touched.isdisjoint(cut)]
    # followed again together over the numbered inputs (supply.stops_of), as single_stops does
    found = stops_of(after, [branch.id, *again])
    out: dict[str, Mapping[str, Cut]] = {}
    own = found.get(branch.id)
    if own:  # only where a customer had no other supplier of what the branch sells it
        out[branch.id] = own
    for firm, cut in before.items():
        if touched.isdisjoint(cut):
            out[firm] = cut
            continue
        now = found.get(firm)
        if now:
            out[firm] = now
    return out


def risk_firms_changed(
    before: Mapping[str, Mapping[str, Cut]],
    network: SupplyNetwork,
    branch: Branch,
    scored: Iterable[tuple[str, tuple[str, ...]]],
) -> set[str]:
    """The firms whose risk score (:func:`service.analysis.risks.risk_scores`) may differ once ``branch``
    opens, given ``before`` (the single-stop cascades of ``network``, the graph without it) and
    ``scored`` (each risk node scored before, with the products it sells): the branch; every firm whose
    cascade reached one of its customers (:func:`single_stops_after` follows those again); every
    supplier of an input the branch joins (it may no longer be the single source); and every risk
    node selling a product the branch makes (one more substitute). Nothing else about any other firm
    changes: the branch only adds links into its customers, and is never cut off."""
    touched = touched_buyers(branch)
    changed = {branch.id}
    changed.update(firm for firm, cut in before.items() if not touched.isdisjoint(cut))
    for product, buyers in branch.customers.items():
        for buyer in buyers:
            changed.update(link.supplier for link in network.suppliers_of(buyer, product))
    made = set(branch.products)
    changed.update(firm for firm, supplied in scored if not made.isdisjoint(supplied))
    return changed
