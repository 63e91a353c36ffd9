"""Which chains each ledger row touches, so that an editor's key, limited to named chains, can change
only rows of those chains. A row is judged by the graph before and after it: an edit needs the editor's
scope over the chains its node or link belongs to now **and** after the row (moving a firm out of
another chain's segment touches that chain), a deletion over its chains now, a new row over its chains
after. A deletion also changes the rows that name what it deletes (the supply links of a deleted firm,
the policies that support a deleted segment, ...), and those rows are judged too. A row that cannot be
attributed to any chain (regions, application domains) needs an admin key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_schema import MODEL
from graph_schema.ingest_cypher import rel_query
from service.ledger.format import SHEETS, Sheet, is_ledger_row
from service.ledger.load import GraphState
from service.ledger.read import Problem
from service.ledger.validate import CheckedLedger, CheckedSheet, Row
from service.storage.port import GraphStore

REFERENCE_SOURCE = "regions(reference)"  # the reference regions the first import adds by itself

# List-column relationships that place a row in chains: a firm's or product's segments, a project's
# segment, a policy's supports, an organisation's chains. (Segments, technologies, risks and evidence
# carry their chain as a property; supply links and roadmap steps are read with the graph state.)
ATTRIBUTING = ("OPERATES_IN", "PRODUCED_IN", "IN_SEGMENT", "SUPPORTS", "LEADS", "OWNS")

Links = dict[str, set[tuple[str, str]]]  # relationship type -> (from id, to id)
Key = tuple[str, ...]
CREATE, CHANGE, DELETE = "create", "change", "delete"

_SHEET_OF_LABEL = {s.node.label: s for s in SHEETS if s.node is not None}
_SHEET_OF_REL = {s.rel.type: s for s in SHEETS if s.rel is not None}
# Which end of a list-column relationship owns it (holds the cell that names the other end).
_OWNER_IS_TARGET = {r.type: r.ledger_columns[0].reverse for r in MODEL.relationships if r.ledger_columns}


def read_links(store: GraphStore, checked: CheckedLedger, owners: list[str] | None = None) -> Links:
    """The list-column relationships the judgement needs: those that place rows in chains, and, when
    the ledger deletes nodes, every one (a deletion changes every row whose cells name the node).

    With ``owners`` (a ledger that deletes no node, read with ``load.read_focus`` around those ids),
    only the links those ids own: the list cells of the ledger's own rows, and the segments of the
    firms its supply links and 企业产品 rows name, are all the judgement looks at then."""
    deletes = any(cs.sheet.node is not None and r.delete for cs in checked.sheets for r in cs.rows)
    if deletes:
        owners = None
    links: Links = {}
    for rel in MODEL.relationships:
        if rel.sheet or not rel.ledger_columns or (rel.type not in ATTRIBUTING and not deletes):
            continue
        pairs: set[tuple[str, str]] = set()
        for pair in rel.endpoints:
            if owners is None:
                rows = store.read(rel_query("list", rel.type, pair))
            else:
                end = "find_to" if _OWNER_IS_TARGET[rel.type] else "find_from"
                rows = store.read(rel_query(end, rel.type, pair), {"ids": owners})
            pairs.update((r["from_id"], r["to_id"]) for r in rows)
        links[rel.type] = pairs
    return links


@dataclass(frozen=True)
class Touched:
    """One ledger row an import creates, changes or deletes (directly, or as the effect of deleting a
    node its cells name), with its chains before and after, and the ledger row responsible."""

    sheet: Sheet
    key: Key
    action: str  # create | change | delete
    before: frozenset[str]
    after: frozenset[str]
    source: str
    row: int
    cause: Key | None = None  # the deleted node whose deletion changes this row, if not the row itself

    @property
    def chains(self) -> frozenset[str]:
        return self.before | self.after


@dataclass
class _World:
    """Where segments and technologies belong and where firms operate, in one state of the graph."""

    segment_chain: dict[str, str] = field(default_factory=dict)
    tech_chain: dict[str, str] = field(default_factory=dict)
    firm_segments: dict[str, set[str]] = field(default_factory=dict)
    chain_ids: set[str] = field(default_factory=set)

    def copy(self) -> _World:
        return _World(
            dict(self.segment_chain),
            dict(self.tech_chain),
            {k: set(v) for k, v in self.firm_segments.items()},
            set(self.chain_ids),
        )

    def of_segments(self, ids: Iterable[str]) -> set[str]:
        return {c for s in ids if (c := self.segment_chain.get(s))}

    def chains_of(self, sheet: str, v: Mapping[str, Any]) -> frozenset[str]:
        """The chains a row with cells ``v`` belongs to in this world."""
        found: set[str] = set()
        if sheet == "chains":
            found = {v["id"]}
        elif sheet in ("segments", "technologies", "risk_register", "assessment_evidence"):
            found = {v["chain_id"]} if v.get("chain_id") else set()
        elif sheet in ("products", "enterprises"):
            found = self.of_segments(_ids(v.get("segments")))
        elif sheet == "projects":
            found = self.of_segments(_ids(v.get("segment")))
        elif sheet == "supply_links":  # a supply link is the buying firm's record
            found = self.of_segments(self.firm_segments.get(v["buyer_id"], ()))
        elif sheet == "enterprise_products":  # what a firm makes is the firm's record
            found = self.of_segments(self.firm_segments.get(v["enterprise_id"], ()))
        elif sheet == "technology_paths":
            found = {c for t in (v["from_id"], v["to_id"]) if (c := self.tech_chain.get(t))}
        elif sheet == "policies":
            ids = _ids(v.get("supports"))
            found = {i for i in ids if i in self.chain_ids or i not in self.segment_chain}
            found |= self.of_segments(ids)
        elif sheet == "organisations":
            found = set(_ids(v.get("leads"))) | set(_ids(v.get("owns")))
        return frozenset(found)


def _ids(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(value) if isinstance(value, tuple | list | set | frozenset) else (str(value),)


def _without(sheet: Sheet, cells: Mapping[str, Any], node_id: str) -> dict[str, Any]:
    """The list and link cells of a row once ``node_id`` is gone."""
    out: dict[str, Any] = {}
    for column in sheet.columns:
        if not column.links or column.key not in cells:
            continue
        kept = tuple(i for i in _ids(cells[column.key]) if i != node_id)
        out[column.key] = kept if column.is_list else (kept[0] if kept else None)
    return out


class _Now:
    """The graph as it is, as ledger cells: a node's properties and its list columns, a link's ends."""

    def __init__(self, state: GraphState, links: Links) -> None:
        self.state = state
        self.owned: dict[tuple[str, str], set[str]] = defaultdict(set)  # (rel type, owner) -> targets
        self.naming: dict[str, list[tuple[str, str]]] = defaultdict(list)  # node -> (rel type, owner)
        for rel_type, pairs in links.items():
            target_owns = _OWNER_IS_TARGET.get(rel_type, False)
            for a, b in pairs:
                owner, other = (b, a) if target_owns else (a, b)
                self.owned[(rel_type, owner)].add(other)
                self.naming[other].append((rel_type, owner))
        self.label_of = {i: label for label, nodes in state.nodes.items() for i in nodes}
        world = _World()
        world.chain_ids = set(state.nodes.get("Chain", {}))
        for sid, props in state.nodes.get("Segment", {}).items():
            if props.get("chain_id"):
                world.segment_chain[sid] = props["chain_id"]
        for tid, props in state.nodes.get("Technology", {}).items():
            if props.get("chain_id"):
                world.tech_chain[tid] = props["chain_id"]
        for (rel_type, owner), targets in self.owned.items():
            if rel_type == "OPERATES_IN":
                world.firm_segments[owner] = set(targets)
        self.world = world

    def cells(self, sheet: Sheet, key: Key) -> dict[str, Any] | None:
        """The row as the graph holds it now, or None when the graph does not hold it."""
        if sheet.node is not None:
            props = self.state.nodes.get(sheet.node.label, {}).get(key[0])
            if props is None:
                return None
            cells = dict(props)
            for column in sheet.columns:
                if column.is_property or not column.links:
                    continue
                cells[column.key] = tuple(
                    sorted(t for link in column.links for t in self.owned.get((link.rel.type, key[0]), ()))
                )
            return cells
        assert sheet.rel is not None
        props = self.state.rels.get(sheet.rel.type, {}).get(key)
        if props is None:
            return None
        names = [c.key for c in sheet.columns[:2]] + list(sheet.rel.discriminator)
        return dict(props) | dict(zip(names, key, strict=True))


def _after_world(now: _Now, checked: CheckedLedger) -> _World:
    """Where segments, technologies and firms will be once the ledger is imported."""
    world = now.world.copy()
    for cs in checked.sheets:
        key = cs.sheet.key
        for row in cs.rows:
            node_id = str(row.values.get("id", ""))
            if key == "chains":
                (world.chain_ids.discard if row.delete else world.chain_ids.add)(node_id)
            elif key in ("segments", "technologies"):
                chain_of = world.segment_chain if key == "segments" else world.tech_chain
                if row.delete:
                    chain_of.pop(node_id, None)
                elif row.values.get("chain_id"):
                    chain_of[node_id] = row.values["chain_id"]
            elif key == "enterprises":
                if row.delete:
                    world.firm_segments.pop(node_id, None)
                elif "segments" in row.values:
                    world.firm_segments[node_id] = set(_ids(row.values["segments"]))
    return world


def touched(checked: CheckedLedger, state: GraphState, links: Links) -> list[Touched]:
    """Every row the ledger creates, changes or deletes, with its chains before and after; a row that
    deletes nothing the graph holds changes nothing and is left out."""
    now = _Now(state, links)
    after_world = _after_world(now, checked)
    out: list[Touched] = []
    seen: set[tuple[str, Key]] = set()
    deleted_nodes: list[tuple[str, CheckedSheet, Row]] = []
    for cs in checked.sheets:
        if cs.source == REFERENCE_SOURCE:
            continue
        for row in cs.rows:
            key = tuple(str(k) for k in row.key(cs.sheet))
            current = now.cells(cs.sheet, key)
            before = now.world.chains_of(cs.sheet.key, current) if current is not None else frozenset()
            seen.add((cs.sheet.key, key))
            if row.delete:
                if current is None:
                    continue
                out.append(Touched(cs.sheet, key, DELETE, before, frozenset(), cs.source, row.raw.row))
                if cs.sheet.node is not None:
                    deleted_nodes.append((key[0], cs, row))
                continue
            cells = {**(current or {}), **row.values}  # columns the row leaves out keep their values
            after = after_world.chains_of(cs.sheet.key, cells)
            action = CREATE if current is None else CHANGE
            out.append(Touched(cs.sheet, key, action, before, after, cs.source, row.raw.row))
    for node_id, cs, row in deleted_nodes:
        out.extend(_effects_of_deleting(node_id, cs, row, now, after_world, seen))
    return out


def _effects_of_deleting(
    node_id: str, cs: CheckedSheet, row: Row, now: _Now, after: _World, seen: set[tuple[str, Key]]
) -> Iterable[Touched]:
    """The rows that deleting ``node_id`` removes or changes besides its own: the supply links and
    roadmap steps it is an end of (removed), and the rows whose cells name it (changed)."""
    cause = (node_id,)
    for rel_type, sheet in _SHEET_OF_REL.items():
        assert sheet.rel is not None
        for key, props in now.state.rels.get(rel_type, {}).items():
            if node_id not in key[:2] or (sheet.key, key) in seen or not is_ledger_row(sheet.rel, props):
                continue
            seen.add((sheet.key, key))
            cells = now.cells(sheet, key) or {}
            before = now.world.chains_of(sheet.key, cells)
            yield Touched(sheet, key, DELETE, before, frozenset(), cs.source, row.raw.row, cause)
    for _, owner in now.naming.get(node_id, ()):
        owner_sheet = _SHEET_OF_LABEL.get(now.label_of.get(owner, ""))
        if owner_sheet is None or (owner_sheet.key, (owner,)) in seen:
            continue
        seen.add((owner_sheet.key, (owner,)))
        cells = now.cells(owner_sheet, (owner,)) or {}
        before = now.world.chains_of(owner_sheet.key, cells)
        changed = {**cells, **_without(owner_sheet, cells, node_id)}
        yield Touched(
            owner_sheet,
            (owner,),
            CHANGE,
            before,
            after.chains_of(owner_sheet.key, changed),
            cs.source,
            row.raw.row,
            cause,
        )


def out_of_scope(checked: CheckedLedger, state: GraphState, allowed: set[str], links: Links) -> list[Problem]:
    """One problem per ledger row that creates, changes or deletes a row of a chain outside
    ``allowed``, or of no chain at all, judged before and after (see the module's docstring)."""
    scope = "、".join(sorted(allowed)) or "（无）"
    problems: list[Problem] = []
    reported: set[tuple[str, int, str]] = set()
    for t in touched(checked, state, links):
        if t.chains and t.chains <= allowed:
            continue
        if t.cause is None:
            what = "本行"
        else:
            verb = "删除" if t.action == DELETE else "改动"
            what = f"删除 {t.cause[0]} 会{verb}「{t.sheet.title}」{'/'.join(t.key)}，该行"
        if not t.chains:
            message = f"{what}无法归属到产业链，只能由管理员导入"
        else:
            message = f"超出编辑权限：{what}{_where(t)}，此密钥只能编辑 {scope}"
        if (t.source, t.row, message) in reported:
            continue
        reported.add((t.source, t.row, message))
        problems.append(Problem(t.source, t.row, None, "/".join(t.key), message))
    return problems


def _where(t: Touched) -> str:
    def names(chains: frozenset[str]) -> str:
        return "、".join(sorted(chains))

    if t.action == CREATE:
        return f"属于产业链 {names(t.after)}"
    if t.action == DELETE:
        return f"（删除）现属于产业链 {names(t.before)}"
    if t.before == t.after:
        return f"属于产业链 {names(t.before)}"
    return f"现属于产业链 {names(t.before) or '（无）'}，导入后属于 {names(t.after) or '（无）'}"
