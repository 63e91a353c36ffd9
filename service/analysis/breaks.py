"""Chain breaks (断点) and choke points (堵点) of one chain, each with its reason in one Chinese sentence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from service.analysis.supply import MAIN_SUPPLIER_SHARE, SupplyNetwork, shares
from service.analysis.wording import SEGMENTS, STATUS_LABELS, firm_count, label, not_active, some

BREAK = "break"
CHOKE_SINGLE_FIRM = "choke_single_firm"
CHOKE_COMMON_SUPPLIER = "choke_common_supplier"
KIND_LABELS = {
    BREAK: "断点",
    CHOKE_SINGLE_FIRM: "堵点（单一企业）",
    CHOKE_COMMON_SUPPLIER: "堵点（共同供应商）",
}
ROLE_LABELS = {
    "inactive_district": "区内未在营企业",
    "outside": "区外企业",
    "sole_district": "区内唯一在营企业",
    "dependent": "依赖共同供应商的区内企业",
    "common_supplier": "区外共同供应商",
}


class Firm(NamedTuple):
    """A firm operating in a segment. A named tuple, not a dataclass: a province chain has tens of
    thousands, built anew for every day an assessment's gap search replays."""

    id: str
    name: str
    in_district: bool
    status: str


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    position: int
    firms: tuple[Firm, ...]


def segments_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[Segment]:
    """Group rows of ``analysis/list_chain_firms`` into segments, upstream first."""
    order: list[str] = []
    meta: dict[str, tuple[str, int]] = {}
    firms: dict[str, list[Firm]] = defaultdict(list)
    for r in rows:
        sid = r["segment_id"]
        if sid not in meta:
            order.append(sid)
            meta[sid] = (r["segment_name"], r["position"])
        if r["enterprise_id"] is not None:
            firms[sid].append(
                Firm(r["enterprise_id"], r["enterprise_name"], bool(r["in_district"]), r["status"])
            )
    order.sort(key=lambda s: (meta[s][1], s))
    return [Segment(s, meta[s][0], meta[s][1], tuple(firms[s])) for s in order]


def find_breaks(
    segments: Sequence[Segment],
    feeds: Sequence[tuple[str, str]],
    network: SupplyNetwork,
    in_district: Mapping[str, bool],
    names: Mapping[str, str],
    product_names: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Every break and choke point of a chain, upstream first.

    A break is a segment with no active firm inside the district. A choke point is a segment whose
    district capacity rests on one active firm, or whose active district firms (two or more) all depend on
    the same outside supplier for one input (it is their only or main supplier of it). Only firms in
    operation (``active``) are capacity: a planned, stopped or closed district firm is named in the
    reason with its status, and a firm of unknown status is not capacity either.

    Reasons name at most five segments or firms (:func:`service.analysis.wording.some`); the fields
    list them all.

    Examples
    --------
    >>> seg = Segment("s1", "原料", 1, (Firm("a", "甲", False, "active"),))
    >>> [b["kind"] for b in find_breaks([seg], [], SupplyNetwork.build([]), {}, {}, {})]
    ['break']
    """
    upstream: dict[str, list[str]] = defaultdict(list)
    downstream: dict[str, list[str]] = defaultdict(list)
    for a, b in feeds:
        downstream[a].append(b)
        upstream[b].append(a)
    seg_names = {s.id: s.name for s in segments}
    out: list[dict[str, Any]] = []
    for seg in segments:
        active = _active(seg)
        idle = [f for f in seg.firms if f.in_district and f.status != "active"]
        outside = [f for f in seg.firms if not f.in_district]
        base = {
            "segment_id": seg.id,
            "segment_name": seg.name,
            "position": seg.position,
            "upstream": [{"id": s, "name": seg_names.get(s, s)} for s in sorted(upstream[seg.id])],
            "downstream": [{"id": s, "name": seg_names.get(s, s)} for s in sorted(downstream[seg.id])],
        }
        cut = _cut_phrase(base)
        if not active:
            if idle:
                idle_firms = firm_count([f.name for f in idle])
                state = not_active([f.status for f in idle])
                reason = f"「{seg.name}」环节区内仅有{idle_firms}，{state}{cut}。"
            else:
                reason = f"「{seg.name}」环节区内没有企业{cut}。"
            if outside:
                reason = reason[:-1] + f"；区外有{len(outside)}家企业在该环节。"
            firms = [_firm(f, "inactive_district" if f in idle else "outside") for f in idle + outside]
            out.append(
                {**base, "kind": BREAK, "kind_label": KIND_LABELS[BREAK], "firms": firms, "reason": reason}
            )
            continue
        if len(active) == 1:
            only = active[0]
            reason = f"「{seg.name}」环节区内产能只依靠{only.name}一家企业{cut}。"
            out.append(
                {
                    **base,
                    "kind": CHOKE_SINGLE_FIRM,
                    "kind_label": KIND_LABELS[CHOKE_SINGLE_FIRM],
                    "firms": [_firm(only, "sole_district")],
                    "reason": reason,
                }
            )
        if len(active) >= 2:
            for supplier, product in _common_outside_suppliers(active, network, in_district):
                sname, pname = names.get(supplier, supplier), product_names.get(product, product)
                reason = (
                    f"「{seg.name}」环节区内{len(active)}家在营企业的「{pname}」都主要依靠区外"
                    f"同一家供应商{sname}{cut}。"
                )
                firms = [_firm(f, "dependent") for f in active]
                firms.append(
                    {
                        "id": supplier,
                        "name": sname,
                        "in_district": False,
                        "role": "common_supplier",
                        "role_label": ROLE_LABELS["common_supplier"],
                    }
                )
                out.append(
                    {
                        **base,
                        "kind": CHOKE_COMMON_SUPPLIER,
                        "kind_label": KIND_LABELS[CHOKE_COMMON_SUPPLIER],
                        "firms": firms,
                        "product_id": product,
                        "reason": reason,
                    }
                )
    return out


def _cut_phrase(base: Mapping[str, Any]) -> str:
    parts = []
    if base["upstream"]:
        parts.append("上游" + some([s["name"] for s in base["upstream"]], SEGMENTS))
    if base["downstream"]:
        parts.append("下游" + some([s["name"] for s in base["downstream"]], SEGMENTS))
    return "，影响" + "与".join(parts) if parts else ""


def _firm(f: Firm, role: str) -> dict[str, Any]:
    return {
        "id": f.id,
        "name": f.name,
        "in_district": f.in_district,
        "status": f.status,
        "status_label": label(STATUS_LABELS, f.status),
        "role": role,
        "role_label": ROLE_LABELS[role],
    }


def _active(seg: Segment) -> list[Firm]:
    """The segment's district firms in operation: its capacity."""
    return [f for f in seg.firms if f.in_district and f.status == "active"]


def _main_outside(firm: str, network: SupplyNetwork, in_district: Mapping[str, bool]) -> set[tuple[str, str]]:
    """The (supplier, product) pairs where an outside supplier is ``firm``'s only or main one."""
    mains: set[tuple[str, str]] = set()
    for product, links in network.inputs.get(firm, {}).items():
        for link, share in zip(links, shares(links), strict=True):
            if not in_district.get(link.supplier, False) and share >= MAIN_SUPPLIER_SHARE:
                mains.add((link.supplier, product))
    return mains


def _common_outside_suppliers(
    active: Sequence[Firm], network: SupplyNetwork, in_district: Mapping[str, bool]
) -> list[tuple[str, str]]:
    """(supplier, product) pairs that are the only or main outside supplier of every firm in ``active``."""
    common: set[tuple[str, str]] | None = None
    for firm in active:
        mains = _main_outside(firm.id, network, in_district)
        common = mains if common is None else common & mains
        if not common:
            return []
    return sorted(common or ())


# Rows of analysis/list_inputs_of_buyers for some buyers: every supply link into each of them.
InputsOf = Callable[[list[str]], Sequence[Mapping[str, Any]]]


def inputs_network(rows: Iterable[Mapping[str, Any]]) -> SupplyNetwork:
    """The network of rows of ``list_chain_district_inputs`` or ``list_inputs_of_buyers`` (which carry
    no recovery or stock days)."""
    return SupplyNetwork.from_rows({**r, "recovery_days": None, "stock_days": None} for r in rows)


def needed_inputs(
    segments: Sequence[Segment], inputs_of: InputsOf, most: int
) -> list[Mapping[str, Any]] | None:
    """The supply links into just the firms :func:`find_breaks` looks at before it knows a segment has
    no common outside supplier: it reads each segment's active district firms in order and stops at
    the first whose main outside inputs share nothing with those before it. Firms are fetched in
    growing batches (1, 4, 16, …) per segment, every segment's next batch in one call of ``inputs_of``
    (a round trip per round, not per segment). Given these rows in place of every district firm's
    inputs, :func:`find_breaks` gives the same answer: each firm it reads has all its inputs.
    None when more than ``most`` firms would be needed (then read them all at once)."""
    rows: list[Mapping[str, Any]] = []
    mains_of: dict[str, set[tuple[str, str]]] = {}
    searches = [_Search(ids) for seg in segments if len(ids := [f.id for f in _active(seg)]) >= 2]
    while searches:
        new = [f for f in dict.fromkeys(f for s in searches for f in s.batch()) if f not in mains_of]
        if len(mains_of) + len(new) > most:
            return None
        if new:
            got = inputs_of(new)
            rows.extend(got)
            network = inputs_network(got)
            inside = {r["supplier_id"]: bool(r["supplier_in_district"]) for r in got}
            mains_of.update((f, _main_outside(f, network, inside)) for f in new)
        searches = [s for s in searches if s.goes_on(mains_of)]
    return rows


class _Search:
    """One segment's search for a common outside supplier, batch by batch (see needed_inputs)."""

    def __init__(self, active: list[str]) -> None:
        self.active = active
        self.done, self.size = 0, 1
        self.common: set[tuple[str, str]] | None = None

    def batch(self) -> list[str]:
        return self.active[self.done : self.done + self.size]

    def goes_on(self, mains_of: Mapping[str, set[tuple[str, str]]]) -> bool:
        """Fold the batch's firms into the pairs they all share; whether a later firm is still needed."""
        for firm in self.batch():
            self.common = mains_of[firm] if self.common is None else self.common & mains_of[firm]
            if not self.common:
                return False
        self.done, self.size = self.done + self.size, self.size * 4
        return self.done < len(self.active)
