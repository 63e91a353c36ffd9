"""Which chains each ledger row touches, so that an editor's key, limited to named chains, can import
only rows of those chains. A row that cannot be attributed to a chain (regions, application domains)
needs an admin key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from service.ledger.load import GraphState
from service.ledger.read import Problem
from service.ledger.validate import CheckedLedger, Row

REFERENCE_SOURCE = "regions(reference)"  # the reference regions the first import adds by itself


def out_of_scope(checked: CheckedLedger, state: GraphState, allowed: set[str]) -> list[Problem]:
    """One problem per row touching a chain outside ``allowed`` or no chain at all."""
    segment_chain = {k: v.get("chain_id") for k, v in state.nodes.get("Segment", {}).items()}
    tech_chain = {k: v.get("chain_id") for k, v in state.nodes.get("Technology", {}).items()}
    firm_segments: dict[str, set[str]] = defaultdict(set)
    for from_id, to_id, *_ in state.rels.get("OPERATES_IN", {}):
        firm_segments[from_id].add(to_id)
    for cs in checked.sheets:  # the ledger's own segments, technologies and firms count too
        for row in cs.rows:
            if cs.sheet.key == "segments":
                segment_chain[row.values["id"]] = row.values.get("chain_id")
            elif cs.sheet.key == "technologies":
                tech_chain[row.values["id"]] = row.values.get("chain_id")
            elif cs.sheet.key == "enterprises" and "segments" in cs.present:
                firm_segments[row.values["id"]] = set(row.values.get("segments") or ())

    def of_segments(ids: Iterable[str]) -> set[str]:
        return {c for s in ids if (c := segment_chain.get(s))}

    def chains_of(sheet: str, row: Row) -> set[str]:
        v = row.values
        if sheet == "chains":
            return {v["id"]}
        if sheet in ("segments", "technologies", "risk_register", "assessment_evidence"):
            return {v["chain_id"]} if v.get("chain_id") else set()
        if sheet in ("products", "enterprises"):
            listed: tuple[str, ...] = tuple(v.get("segments") or ())
            return of_segments(listed or firm_segments.get(v["id"], set()))
        if sheet == "projects":
            seg = v.get("segment")
            return of_segments(seg if isinstance(seg, tuple) else (seg,) if seg else ())
        if sheet == "supply_links":  # a supply link is the buying firm's record
            return of_segments(firm_segments.get(v["buyer_id"], ()))
        if sheet == "enterprise_products":  # what a firm makes is the firm's record
            return of_segments(firm_segments.get(v["enterprise_id"], ()))
        if sheet == "technology_paths":
            return {c for t in (v["from_id"], v["to_id"]) if (c := tech_chain.get(t))}
        if sheet == "policies":
            ids = v.get("supports") or ()
            return {i for i in ids if i not in segment_chain} | of_segments(ids)
        if sheet == "organisations":
            return set(v.get("leads") or ()) | set(v.get("owns") or ())
        return set()

    problems = []
    for cs in checked.sheets:
        if cs.source == REFERENCE_SOURCE:
            continue
        for row in cs.rows:
            touched = chains_of(cs.sheet.key, row)
            if not touched:
                message = f"「{cs.sheet.title}」中无法归属到产业链的行只能由管理员导入"
            elif not touched <= allowed:
                others = "、".join(sorted(touched - allowed))
                message = (
                    f"超出编辑权限：本行涉及产业链 {others}，此密钥只能编辑 {'、'.join(sorted(allowed))}"
                )
            else:
                continue
            problems.append(Problem(cs.source, row.raw.row, None, None, message))
    return problems
