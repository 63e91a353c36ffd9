"""Turn a checked ledger into one atomic batch of bulk statements and run it.

The importer reads what the graph already holds, so it can tell new rows (bulk-created) from changed ones
(overwritten in place), keep values of columns a row leaves out, and replace the relationships a row owns
when it lists them. Everything goes to the store as one ``write``: on any error nothing is written.
A small ledger (at most ``FOCUS_LIMIT`` ids; an editor's deleting no node) reads only the part of the
graph its rows name (:func:`read_focus`), which gives every check and the plan the answers the whole
graph gives.

The report's counts per type (created, changed with the columns, unchanged, deleted) are not what the
loader sent but what changed: :meth:`ImportReport.count` takes them from the rows the history records
(see ``service.history.import_update``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from graph_schema import MODEL, Endpoints, PropertyType, RelType
from graph_schema.ingest_cypher import node_query, rel_columns, rel_query
from seed.reference import regions
from service.cache import collector_paused
from service.errors import Forbidden, InvalidInput
from service.ledger.format import OP_DELETE, OP_KEY, REGION_SHEET, SHEETS, Sheet
from service.ledger.read import Problem, RawLedger, RawRow, RawSheet
from service.ledger.validate import _LIST_SPLIT, CheckedLedger, CheckedSheet, GraphIds, Row, _text, check
from service.storage.port import GraphStore, Statement
from service.storage.queries import Q
from service.storage.rows import Rows

Progress = Callable[[str, int, int], None]

REFERENCE_PROVENANCE = "国家统计局2023年统计用区划代码（modood/Administrative-divisions-of-China）"


# Owned links the validator looks at for its warnings (what a firm makes, where it operates).
WARNING_LINKS = ("MAKES", "OPERATES_IN")
LIST_SEPARATOR = ";"  # how the ledger and the history write a list cell
WARNINGS_SHOWN = 1000  # an import's answer lists this many warnings (all are kept with the update)
# New nodes or links of one type up to this many are created by the journaled ``ingest/add_*`` queries,
# more by ``ingest/create_*`` (LadybugDB's COPY). A transaction that ran a COPY makes LadybugDB checkpoint
# the whole store at commit: measured on the province store, a one-firm update took 0.88 s with COPY and
# 0.28 s without, and each such commit grew the file by about 6 MB; at 10,000 new firms both took the
# same time. On Neo4j both queries are the same statement.
COPY_FROM_ROWS = 10_000


@dataclass
class GraphState:
    """The nodes and sheet relationships a graph holds, keyed as the ledger keys them (and, when read
    with :func:`read_links`, some owned links keyed by their two ends)."""

    nodes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # label -> id -> props
    rels: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = field(default_factory=dict)

    def ids(self) -> GraphIds:
        shares = {k: v.get("share") or 0.0 for k, v in self.rels.get("SUPPLIES", {}).items()}
        sheet_rels = {r.type for r in MODEL.relationships if r.sheet}
        links: dict[str, dict[str, set[str]]] = {}
        for rel_type, keyed in self.rels.items():
            if rel_type not in sheet_rels or rel_type in WARNING_LINKS:  # MAKES has a sheet of its own
                owned = links[rel_type] = defaultdict(set)
                for from_id, to_id, *_ in keyed:
                    owned[from_id].add(to_id)
        parents = {k: v["parent_id"] for k, v in self.nodes.get("Product", {}).items() if v.get("parent_id")}
        weights = {
            (k[0], k[1]): (v.get("revenue_share"), v.get("main_line"))
            for k, v in self.rels.get("MAKES", {}).items()
        }
        return GraphIds(
            {label: set(nodes) for label, nodes in self.nodes.items()},
            shares,
            {t: set(keyed) for t, keyed in self.rels.items() if t in sheet_rels},
            links,
            parents,
            weights,
        )


@dataclass
class Tally:
    """What an import did to one node label or relationship type, row by row."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    columns: Counter[str] = field(default_factory=Counter)  # column key -> rows changed in it


Key = tuple[str, ...]
Cells = Mapping[str, str]
_SHEET = {s.key: s for s in SHEETS}
# per sheet, the columns that list a row's owned links, with the relationship type each makes
_LINK_COLUMNS = {s.key: [(c.key, link.rel.type) for c in s.columns for link in c.links] for s in SHEETS}


def sheet_type(sheet: Sheet) -> str:
    """The node label or relationship type a ledger sheet holds."""
    if sheet.node is not None:
        return sheet.node.label
    assert sheet.rel is not None
    return sheet.rel.type


def _ids(text: str | None) -> set[str]:
    return {t for t in (text or "").split(LIST_SEPARATOR) if t}


@dataclass
class ImportReport:
    """What one import did. ``rows`` were read; ``tallies`` and ``links`` say what changed (filled by
    :meth:`count`); ``listed`` keeps the keys of the rows the ledger named, to count the unchanged ones;
    ``reference`` counts rows of reference sheets (regions), which the history does not track."""

    rows: int
    tallies: dict[str, Tally] = field(default_factory=dict)
    links: dict[str, Counter[str]] = field(default_factory=dict)  # rel type -> created / deleted
    listed: dict[str, set[Key]] = field(default_factory=dict)  # sheet key -> row keys (as text)
    reference: Counter[str] = field(default_factory=Counter)
    warnings: list[Problem] = field(default_factory=list)
    statements: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def tally(self, type_name: str) -> Tally:
        return self.tallies.setdefault(type_name, Tally())

    def count(self, changes: Iterable[tuple[str, Key, Cells | None, Cells | None]]) -> None:
        """Count the rows ``changes`` record (sheet, key, before, after; a changed row's before and after
        may hold only the columns that changed), and the owned links that came and went with them; every
        listed row they do not touch was unchanged."""
        touched: dict[str, set[Key]] = defaultdict(set)
        for sheet_key, key, before, after in changes:
            sheet = _SHEET[sheet_key]
            t = self.tally(sheet_type(sheet))
            touched[sheet_key].add(key)
            if before is None:
                t.created += 1
            elif after is None:
                t.deleted += 1
            else:
                t.changed += 1
                t.columns.update({c for c in (*before, *after) if before.get(c, "") != after.get(c, "")})
            for column, rel_type in _LINK_COLUMNS[sheet_key]:
                if before is not None and after is not None and column not in after:
                    continue  # a changed row records only its changed columns
                old = _ids(before.get(column)) if before is not None else set()
                new = _ids(after.get(column)) if after is not None else set()
                counts = self.links.setdefault(rel_type, Counter())
                counts["created"] += len(new - old)
                counts["deleted"] += len(old - new)
        for sheet_key, keys in self.listed.items():
            if sheet_key in _SHEET:
                left = len(keys - touched[sheet_key])
                if left:
                    self.tally(sheet_type(_SHEET[sheet_key])).unchanged += left

    def as_dict(self) -> dict[str, Any]:
        def by_type(name: str) -> dict[str, int]:
            return {t: getattr(v, name) for t, v in sorted(self.tallies.items()) if getattr(v, name)}

        return {
            "rows": self.rows,
            "created": by_type("created"),
            "changed": by_type("changed"),
            "unchanged": by_type("unchanged"),
            "deleted": by_type("deleted"),
            "columns": {
                t: dict(sorted(v.columns.items())) for t, v in sorted(self.tallies.items()) if v.columns
            },
            "links": {
                t: {k: n for k, n in sorted(c.items()) if n}
                for t, c in sorted(self.links.items())
                if any(c.values())
            },
            "reference": dict(self.reference),
            "warnings": [w.as_dict() for w in self.warnings[:WARNINGS_SHOWN]],
            "warnings_total": len(self.warnings),
        }


def read_state(store: GraphStore, only: set[str] | None = None) -> GraphState:
    """The graph's ledger nodes and sheet relationships; with ``only``, just those labels and types."""
    state = GraphState()
    for node in MODEL.nodes:
        if node.system or (only is not None and node.label not in only):
            continue
        rows = store.read(node_query("list", node.label))
        state.nodes[node.label] = {r["id"]: r for r in rows}
    for rel in MODEL.relationships:
        if not rel.sheet or (only is not None and rel.type not in only):
            continue
        keyed: dict[tuple[Any, ...], dict[str, Any]] = {}
        for pair in rel.endpoints:
            for r in store.read(rel_query("list", rel.type, pair)):
                keyed[(r["from_id"], r["to_id"], *(r[d] for d in rel.discriminator))] = r
        state.rels[rel.type] = keyed
    return state


def read_links(
    store: GraphStore,
    state: GraphState,
    types: Iterable[str] = WARNING_LINKS,
    owners: list[str] | None = None,
) -> None:
    """Add the owned links of ``types`` to ``state.rels``, keyed (from id, to id); a type with a sheet of
    its own (企业产品 for MAKES) was read with its properties by :func:`read_state` and is kept. With
    ``owners``, only the links those ids own (the end whose ledger row lists them)."""
    for rel_type in types:
        rel = MODEL.rel(rel_type)
        if rel.sheet and rel_type in state.rels:
            continue
        keyed: dict[tuple[Any, ...], dict[str, Any]] = {}
        for pair in rel.endpoints:
            for r in _owned(store, rel, pair, owners):
                keyed[(r["from_id"], r["to_id"])] = r
        state.rels[rel_type] = keyed


def _owned(
    store: GraphStore, rel: RelType, pair: Endpoints, owners: list[str] | None
) -> list[dict[str, Any]]:
    """The ``rel`` links of ``pair``: all of them, or those ``owners`` own (list in their ledger row)."""
    if owners is None:
        return store.read(rel_query("list", rel.type, pair))
    reverse = bool(rel.ledger_columns) and rel.ledger_columns[0].reverse
    return store.read(rel_query("find_to" if reverse else "find_from", rel.type, pair), {"ids": owners})


# A ledger naming at most this many ids is judged against the part of the graph it names (see
# read_focus); a bigger one reads the whole graph, which is then faster (LadybugDB filters ``IN $ids``
# row by row: about 20 ms for a few ids over 100k firms, 0.8 s for 1,000).
FOCUS_LIMIT = 200
# Node labels that place rows in chains (scope.py): read whole when an editor's chains are checked.
SCOPE_LABELS = ("Chain", "Segment", "Technology")


def ledger_ids(raw: RawLedger, most: int | None = None) -> set[str]:
    """Every id the ledger's rows can name: the cells of key columns, of columns that name a node
    (link ends, 产品编号) and of list and link columns, each cell whole and split into its items (a
    superset of what validation reads from them). With ``most``, it stops once past that many (a big
    ledger is not scanned through only to be read whole)."""
    ids: set[str] = set()
    for sheet in raw.sheets:
        columns = [c.key for c in sheet.sheet.columns if c.key == "id" or c.names_label or c.links]
        for row in sheet.rows:
            for key in columns:
                text = _text(row.cells.get(key))
                if text:
                    ids.add(text)
                    ids.update(t for t in _LIST_SPLIT.split(text) if t)
            if most is not None and len(ids) > most:
                return ids
    return ids


def deleted_ids(raw: RawLedger) -> set[str]:
    """The ids of the nodes the ledger's rows delete."""
    return {
        _text(row.cells.get("id"))
        for sheet in raw.sheets
        if sheet.sheet.node is not None
        for row in sheet.rows
        if _text(row.cells.get(OP_KEY)).lower() in OP_DELETE
    }


def focused_ids(store: GraphStore, raw: RawLedger, scope: bool = False) -> set[str] | None:
    """The ids to read the graph around when ``raw`` can be judged against only that part of it (see
    :func:`read_focus`); None when it needs the whole graph: it names more than FOCUS_LIMIT ids, or
    the graph has no regions yet (the first import adds them), or (``scope``: an editor's chains are
    checked) it deletes a node, which changes every row naming it, each judged by its chains."""
    if scope and deleted_ids(raw):
        return None
    ids = ledger_ids(raw, FOCUS_LIMIT)
    if len(ids) > FOCUS_LIMIT or not store.read(Q.ANY_REGION):
        return None
    return ids


def read_focus(store: GraphStore, ids: Iterable[str], *, scope: bool = False) -> GraphState:
    """The part of the graph a ledger naming ``ids`` (see :func:`ledger_ids`) is judged against, in the
    shape :func:`read_state` and :func:`read_links` give the whole: every check and the plan then give
    the answers they give with the whole graph. It holds

    - the nodes of every label with those ids (rows that exist, references that resolve, a partial
      row's other columns, the label a list cell's id has), and the 产品大类 ancestors of those
      products (a 产品大类 cycle through the graph);
    - the sheet relationships whose from end has one of those ids (link rows that exist, a firm's
      营收占比 and 主营 per product, its supply links for the warnings), and SUPPLIES also by buyer (the
      份额 sum of a buyer's product over every supplier);
    - the owned MAKES and OPERATES_IN of those ids (the warnings);
    - with ``scope``, every chain, segment and technology (which chain a row belongs to).
    """
    wanted = sorted(set(ids))
    state = GraphState()
    for node in MODEL.nodes:
        if node.system:
            continue
        if scope and node.label in SCOPE_LABELS:
            rows = store.read(node_query("list", node.label))
        else:
            rows = store.read(node_query("find", node.label), {"ids": wanted})
        state.nodes[node.label] = {r["id"]: r for r in rows}
    products = state.nodes.get("Product", {})
    asked = set(wanted)
    while parents := {p["parent_id"] for p in products.values() if p.get("parent_id")} - asked:
        asked |= parents
        products.update(
            {r["id"]: r for r in store.read(node_query("find", "Product"), {"ids": sorted(parents)})}
        )
    for rel in MODEL.relationships:
        if not rel.sheet:
            continue
        keyed: dict[tuple[Any, ...], dict[str, Any]] = {}
        ends = ("find_from", "find_to") if rel.type == "SUPPLIES" else ("find_from",)
        for pair in rel.endpoints:
            for end in ends:
                for r in store.read(rel_query(end, rel.type, pair), {"ids": wanted}):
                    keyed[(r["from_id"], r["to_id"], *(r[d] for d in rel.discriminator))] = r
        state.rels[rel.type] = keyed
    read_links(store, state, owners=wanted)
    return state


def region_sheet(state: GraphState) -> RawSheet | None:
    """The reference regions as a ledger sheet, when the graph has none yet."""
    if state.nodes.get("Region"):
        return None
    today = dt.date.today().isoformat()
    sheet = RawSheet(REGION_SHEET, "regions(reference)")
    sheet.present = {c.key for c in REGION_SHEET.columns}
    for number, ref in enumerate(regions().values(), start=2):
        cells = {
            "id": ref.code,
            "name": ref.name,
            "level": ref.level,
            "parent": ref.parent or "",
            "provenance": REFERENCE_PROVENANCE,
            "confirmed_on": today,
        }
        sheet.rows.append(RawRow(sheet.source, number, cells, {}))
    return sheet


def import_ledger(
    store: GraphStore,
    raw: RawLedger,
    progress: Progress | None = None,
    chains: set[str] | None = None,
) -> ImportReport:
    """Validate ``raw`` against the store and apply it in one transaction; raise InvalidInput listing
    every problem if anything is wrong (and then write nothing). With ``chains``, every row must belong
    to those chains (an editor's key), or Forbidden names the rows that do not.

    ``progress(stage, done, total)`` is called as the import advances (for a progress bar). The graph is
    read, the rows judged and the plan written in one write transaction (see
    ``GraphStore.transaction``): no other writer, in any process, changes the graph in between.
    """
    # The collector is held off for the whole import, not only while rows are checked and planned: the
    # ledger's rows and the plan's records all stay alive until the write, and a full collection between
    # two phases walks every one of them (2.7 s at province scale) only to free none.
    with collector_paused(), store.transaction() as tx:
        return _import(tx, raw, progress, chains)


def _import(
    store: GraphStore, raw: RawLedger, progress: Progress | None, chains: set[str] | None
) -> ImportReport:
    step = progress or (lambda stage, done, total: None)
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    step("读取图谱", 0, 1)
    rows = raw.row_count
    focus = focused_ids(store, raw, chains is not None)
    if focus is not None:  # a small ledger: the part of the graph its rows name is all it is judged by
        state = read_focus(store, focus, scope=chains is not None)
    else:
        state = read_state(store)
        read_links(store, state)
        regions_sheet = region_sheet(state)
        if regions_sheet is not None:  # reference data joins the first import; the caller's ledger is kept
            raw = RawLedger([regions_sheet, *raw.sheets], list(raw.problems))
    lap("read_graph")
    step("校验", 0, 1)
    checked = check(raw, state.ids())
    lap("validate")
    if checked.problems:
        raise InvalidInput(
            f"台账有{len(checked.problems)}处错误，未导入任何数据",
            [p.as_dict() for p in checked.problems],
        )
    if chains is not None:
        from service.ledger import scope

        owners = None if focus is None else sorted(focus)
        outside = scope.out_of_scope(checked, state, chains, scope.read_links(store, checked, owners))
        if outside:
            raise Forbidden(
                f"台账有{len(outside)}行超出此密钥的编辑权限，未导入任何数据", [p.as_dict() for p in outside]
            )
    report = ImportReport(rows=rows, warnings=checked.warnings)
    for cs in checked.sheets:
        if cs.sheet.key in _SHEET:
            report.listed.setdefault(cs.sheet.key, set()).update(
                tuple("" if v is None else str(v) for v in r.key(cs.sheet)) for r in cs.rows
            )
        else:
            report.reference[sheet_type(cs.sheet)] += len(cs.rows)
    statements = plan(checked, state)
    del checked, state  # the checked rows and the graph read are done with: not held through the write
    lap("plan")
    store.write(statements, progress=lambda done, total: step("写入", done, total))
    lap("write")
    report.statements = len(statements)
    report.timings = timings
    return report


def _typed(columns: Iterable[tuple[str, PropertyType]], records: list[dict[str, Any]]) -> Rows:
    """``Rows.from_dicts``, with each record's values taken in one step where it has every column."""
    columns = list(columns)
    if len(columns) < 2:
        return Rows.from_dicts(columns, records)
    try:
        data = tuple(map(itemgetter(*(name for name, _ in columns)), records))
    except KeyError:  # a record that leaves a column out: it is null there
        return Rows.from_dicts(columns, records)
    return Rows(tuple(columns), data)


def _node_columns(sheet: Sheet) -> list[tuple[str, PropertyType]]:
    assert sheet.node is not None
    return [(p.name, p.type) for p in sheet.node.properties]


def _rel_typed_columns(rel: RelType, names: Iterable[str]) -> list[tuple[str, PropertyType]]:
    out = []
    for name in names:
        kind = PropertyType.STRING if name in ("from_id", "to_id") else rel.prop(name).type
        out.append((name, kind))
    return out


def plan(checked: CheckedLedger, state: GraphState) -> list[Statement]:
    """The statements that bring the graph to what the ledger says, in a safe order."""
    with collector_paused():  # a tuple or dict per row and link, all kept until written
        return _plan(checked, state)


def _plan(checked: CheckedLedger, state: GraphState) -> list[Statement]:
    deletes: list[Statement] = []
    upserts: list[Statement] = []
    unlinks: list[Statement] = []
    creates: dict[tuple[str, Endpoints], list[dict[str, Any]]] = defaultdict(list)
    rel_deletes: dict[tuple[str, Endpoints], list[dict[str, Any]]] = defaultdict(list)
    # Where each id will live after the import, to resolve links that may name several labels.
    label_of: dict[str, str] = {}
    for label, nodes in state.nodes.items():
        for node_id in nodes:
            label_of[node_id] = label
    for cs in checked.sheets:
        if cs.sheet.node is not None:
            for row in cs.rows:
                label_of[row.values["id"]] = cs.sheet.node.label

    for cs in checked.sheets:
        if cs.sheet.node is not None:
            _plan_nodes(cs, state, deletes, upserts, unlinks, creates, label_of)
        else:
            _plan_rel_sheet(cs, state, creates, rel_deletes)

    listed_by: dict[str, set[str]] = defaultdict(set)  # rel type -> owners whose list this ledger gives
    for cs in checked.sheets:
        if cs.sheet.node is None:
            continue
        for column in cs.sheet.columns:
            if column.key in cs.present and any(link.rel.sheet for link in column.links):
                for link in column.links:
                    listed_by[link.rel.type] |= {r.values["id"] for r in cs.rows if not r.delete}
    _merge_listed_with_sheet(creates, state, listed_by)
    rel_statements: list[Statement] = []
    for (rel_type, pair), rows in rel_deletes.items():
        rel = MODEL.rel(rel_type)
        names = ("from_id", "to_id", *rel.discriminator)
        rel_statements.append(
            (rel_query("delete", rel_type, pair), {"rows": _typed(_rel_typed_columns(rel, names), rows)})
        )
    for (rel_type, pair), rows in creates.items():
        rel = MODEL.rel(rel_type)
        columns = _rel_typed_columns(rel, rel_columns(rel))
        rel_statements.append((rel_query(_creation(rows), rel_type, pair), {"rows": _typed(columns, rows)}))
    return deletes + upserts + unlinks + rel_statements


def _creation(rows: Sized) -> str:
    """The ingestion query that creates ``rows``: ``add`` for a few, ``create`` (bulk) for many."""
    return "add" if len(rows) <= COPY_FROM_ROWS else "create"


_LISTED = "_listed"  # marks a relationship a node sheet's list column creates (no facts of its own)
_CLEARED = "_cleared"  # marks a relationship a sheet's 删除 row keeps with its facts cleared


def _facts(rel: RelType) -> list[str]:
    return [p for p in rel.property_names if p not in ("provenance", "confirmed_on")]


def _merge_listed_with_sheet(
    creates: dict[tuple[str, Endpoints], list[dict[str, Any]]],
    state: GraphState,
    listed_by: dict[str, set[str]],
) -> None:
    """For a relationship both a list column and a sheet of its own write (MAKES: an enterprise's 主要产品
    says which products, the 企业产品 sheet how much each weighs): one relationship per pair. A sheet row's
    facts win; a pair only the list names keeps what the graph held for it (facts, source and date, which
    its sheet row shows); a sheet's 删除 row clears
    the facts of a pair the list keeps, and is dropped where this ledger's list no longer names the pair."""
    for (rel_type, _), rows in creates.items():
        rel = MODEL.rel(rel_type)
        if not (rel.sheet and rel.ledger_columns):
            continue
        before = state.rels.get(rel_type, {})
        facts = _facts(rel)
        owners = listed_by.get(rel_type, set())
        named = {(r["from_id"], r["to_id"]) for r in rows if r.get(_LISTED)}
        chosen: dict[tuple[Any, Any], dict[str, Any]] = {}
        for row in rows:
            key = (row["from_id"], row["to_id"])
            if row.pop(_LISTED, False):
                if key in chosen:
                    continue
                held = before.get(key)  # a pair listed again keeps its facts, and their source and date
                row.update({p: held.get(p) for p in rel.property_names} if held else dict.fromkeys(facts))
            elif row.pop(_CLEARED, False) and key[0] in owners and key not in named:
                continue
            chosen[key] = row
        rows[:] = list(chosen.values())


def _plan_nodes(
    cs: CheckedSheet,
    state: GraphState,
    deletes: list[Statement],
    upserts: list[Statement],
    unlinks: list[Statement],
    creates: dict[tuple[str, Endpoints], list[dict[str, Any]]],
    label_of: dict[str, str],
) -> None:
    sheet = cs.sheet
    assert sheet.node is not None
    label = sheet.node.label
    existing = state.nodes.get(label, {})
    columns = _node_columns(sheet)
    props = [name for name, _ in columns]  # "id" among them: a row always gives its key
    new_rows: list[tuple[Any, ...]] = []
    changed_rows: list[tuple[Any, ...]] = []
    gone: list[str] = []
    kept: list[Row] = []
    for row in cs.rows:
        node_id = row.values["id"]
        if row.delete:
            if node_id in existing:
                gone.append(node_id)
            continue
        kept.append(row)
        before = existing.get(node_id)
        if before is None:  # a new node: what the row gives, null elsewhere (its values hold no other)
            new_rows.append(tuple(map(row.values.get, props)))
        else:
            given = row.given
            changed_rows.append(tuple(row.values.get(p) if p in given else before.get(p) for p in props))
    if gone:
        deletes.append((node_query("delete", label), {"ids": gone}))
    if changed_rows:
        upserts.append((node_query("update", label), {"rows": Rows(tuple(columns), tuple(changed_rows))}))
    if new_rows:
        upserts.append(
            (node_query(_creation(new_rows), label), {"rows": Rows(tuple(columns), tuple(new_rows))})
        )

    for column in sheet.columns:
        if column.key not in cs.present:
            continue  # a partial ledger leaves the relationships it does not list alone
        listing = [r for r in kept if column.key in r.given]  # a blank required cell keeps its link
        for link in column.links:
            lc, rel = link.column, link.rel
            owners = [r.values["id"] for r in listing if r.values["id"] in existing]
            for pair in rel.endpoints:
                owner_label = pair.target if lc.reverse else pair.source
                if owner_label != label:
                    continue
                if owners:
                    direction = "unlink_in" if lc.reverse else "unlink_out"
                    unlinks.append((rel_query(direction, rel.type, pair), {"ids": owners}))
                other_label = pair.source if lc.reverse else pair.target
                for row in listing:
                    value = row.values.get(column.key)
                    targets = value if isinstance(value, tuple) else ((value,) if value else ())
                    for target in dict.fromkeys(targets):
                        if label_of.get(target) != other_label:
                            continue
                        ends = (target, row.values["id"]) if lc.reverse else (row.values["id"], target)
                        creates[(rel.type, pair)].append(
                            {
                                "from_id": ends[0],
                                "to_id": ends[1],
                                "provenance": row.values.get("provenance"),
                                "confirmed_on": row.values.get("confirmed_on"),
                                _LISTED: True,
                            }
                        )


def _plan_rel_sheet(
    cs: CheckedSheet,
    state: GraphState,
    creates: dict[tuple[str, Endpoints], list[dict[str, Any]]],
    rel_deletes: dict[tuple[str, Endpoints], list[dict[str, Any]]],
) -> None:
    rel = cs.sheet.rel
    assert rel is not None
    pair = rel.endpoints[0]
    existing = state.rels.get(rel.type, {})
    props = [p for p in rel.property_names if p not in rel.discriminator]
    made: list[dict[str, Any]] = []  # joins creates at the end: a type without rows gets no statement
    for row in cs.rows:
        v = row.values
        key = row.key(cs.sheet)  # (source, target, *discriminator)
        ident = {"from_id": key[0], "to_id": key[1]}
        ident.update(zip(rel.discriminator, key[2:], strict=True))
        before = existing.get(key)
        if before is None and not row.delete:  # a new link: what the row gives, null elsewhere
            ident.update(zip(props, map(v.get, props), strict=True))
            made.append(ident)
            continue
        if before is not None:
            rel_deletes[(rel.type, pair)].append(ident)
        if row.delete and rel.ledger_columns:  # a list column owns the link: 删除 clears its facts
            if before is not None:
                kept = {p: before.get(p) for p in ("provenance", "confirmed_on")}
                made.append({**ident, **dict.fromkeys(_facts(rel)), **kept, _CLEARED: True})
            continue
        if row.delete:
            continue
        record = dict(ident)
        for p in props:
            record[p] = v.get(p) if p in row.given else (before or {}).get(p)
        made.append(record)
    if made:
        creates[(rel.type, pair)].extend(made)
