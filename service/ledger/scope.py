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
# owned links a partial row may leave out, read from the graph to place the row in its chains
SCOPE_LINKS = ("OPERATES_IN", "PRODUCED_IN", "IN_SEGMENT", "SUPPORTS", "LEADS", "OWNS")
_LABELS = {
    "segments": "Segment",
    "technologies": "Technology",
    "risk_register": "Risk",
    "assessment_evidence": "Evidence",
}


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

    linked: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # what the graph links
    for rel_type in SCOPE_LINKS:
        for from_id, to_id, *_ in state.rels.get(rel_type, {}):
            linked[rel_type][from_id].add(to_id)

    def of_segments(ids: Iterable[str]) -> set[str]:
        return {c for s in ids if (c := segment_chain.get(s))}

    def chain_column(sheet: str, v: dict[str, object]) -> set[str]:
        """The row's chain, or, when a partial row leaves it out, the one its node has in the graph."""
        chain = v.get("chain_id") or state.nodes.get(_LABELS[sheet], {}).get(str(v["id"]), {}).get("chain_id")
        return {str(chain)} if chain else set()

    def chains_of(sheet: str, row: Row) -> set[str]:
        v = row.values
        if sheet == "chains":
            return {v["id"]}
        if sheet in _LABELS:
            return chain_column(sheet, v)
        if sheet == "enterprises":
            listed: tuple[str, ...] = tuple(v.get("segments") or ())
            return of_segments(listed or firm_segments.get(v["id"], set()))
        if sheet == "products":
            return of_segments(tuple(v.get("segments") or ()) or linked["PRODUCED_IN"][v["id"]])
        if sheet == "projects":
            seg = v.get("segment")
            return of_segments((seg,) if seg else linked["IN_SEGMENT"][v["id"]])
        if sheet == "supply_links":  # a supply link is the buying firm's record
            return of_segments(firm_segments.get(v["buyer_id"], ()))
        if sheet == "technology_paths":
            return {c for t in (v["from_id"], v["to_id"]) if (c := tech_chain.get(t))}
        if sheet == "policies":
            ids = v.get("supports") or tuple(linked["SUPPORTS"][v["id"]])
            return {i for i in ids if i not in segment_chain} | of_segments(ids)
        if sheet == "organisations":
            leads = v.get("leads") or linked["LEADS"][v["id"]]
            owns = v.get("owns") or linked["OWNS"][v["id"]]
            return set(leads) | set(owns)
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
