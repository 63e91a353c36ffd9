"""Write trusted ledger rows into an empty embedded store, column by column, without judging them again.

The history's rows (``service.history``) were validated when their update was imported, so a past state
rebuilt from the log needs no second clerk. Each distinct cell text of a column goes once through the
validator's own parser (``validate._parse``: most cells repeat, dates, sources, choices, 是/否, and ids
repeat across link rows), and the typed columns become one Arrow table per node label and relationship
type, written with the importer's own ``COPY`` statements (LadybugDB's fast path). The rows take the
shape :func:`service.ledger.load.plan` gives a ledger imported into an empty graph: a node's list columns
become its owned links (carrying the row's source and date, other facts unknown), a link to an id of
the wrong label is left out, and a pair both a list and a sheet of its own write (``MAKES``) is one link
whose facts the sheet row gives. ``tests/contract/test_history_bulk.py`` checks that the store holds
exactly what ``import_ledger`` of the same rows writes; what is skipped is only the judging (the
references, the required cells, the shares and the warnings).

Never use it for rows a person wrote: those go through :func:`service.ledger.load.import_ledger`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import pyarrow as pa

from graph_schema import MODEL, Endpoints, PropertyType, RelType
from graph_schema.ingest_cypher import node_query, rel_columns, rel_query
from service.cache import collector_paused
from service.ledger.format import SHEETS, Sheet
from service.ledger.load import GraphState, region_sheet
from service.ledger.validate import _BAD, _Check, _checks, _judged, _parse
from service.storage.port import GraphStore, Statement

_ORDER = {s.key: i for i, s in enumerate(SHEETS)}
_SHEETS = {s.key: s for s in SHEETS}
_ARROW = {  # as the embedded adapter types bulk rows (a date is ISO text)
    PropertyType.STRING: pa.string(),
    PropertyType.INT: pa.int64(),
    PropertyType.FLOAT: pa.float64(),
    PropertyType.BOOL: pa.bool_(),
    PropertyType.DATE: pa.string(),
}

# typed values per row (None where blank or unknown): an Arrow array, or a list column's tuples
Column: TypeAlias = "pa.Array | list[Any]"
Columns = dict[str, Column]


def typed_columns(sheet: Sheet, rows: Sequence[Mapping[str, str]]) -> Columns:
    """The rows of one sheet (text cells by column key, a missing key a blank cell) as typed columns:
    what the validator makes of each cell, each distinct text parsed once. A property column is an
    Arrow array of its type; a list column (ids, never a property) a Python list of tuples."""
    text = pa.array(rows, type=pa.struct([(c.key, pa.string()) for c in sheet.columns]))
    out: Columns = {}
    for i, check in enumerate(_checks(sheet)):
        column = check.column
        codes = text.field(i).fill_null("").dictionary_encode()
        parsed = _parsed(check, codes.dictionary.to_pylist())
        if column.is_list:
            out[column.key] = [parsed[n] for n in codes.indices.to_pylist()]
        else:
            out[column.key] = pa.array(parsed, type=_ARROW[column.type]).take(codes.indices)
    return out


def _parsed(check: _Check, distinct: list[str]) -> list[Any]:
    """What the validator makes of each distinct text of one column: the plainly good ones matched a
    column at a time by the validator's own patterns (``_judged``), the others parsed one by one."""
    judged = _judged(check, distinct)
    if judged is None:  # every text is a plain id, its own value
        return distinct
    return [value if (value := judged[t]) is not _BAD else _parse(check.column, t)[0] for t in distinct]


def _list(values: Column) -> list[Any]:
    return values if isinstance(values, list) else values.to_pylist()


def _array(values: Column | None, kind: PropertyType, rows: int) -> pa.Array:
    if values is None:
        return pa.nulls(rows, type=_ARROW[kind])
    return values if isinstance(values, pa.Array) else pa.array(values, type=_ARROW[kind])


def _table(columns: Sequence[tuple[str, PropertyType]], values: Columns, rows: int) -> pa.Table:
    return pa.table({name: _array(values.get(name), kind, rows) for name, kind in columns})


def _rel_types(rel: RelType) -> list[tuple[str, PropertyType]]:
    return [
        (n, PropertyType.STRING if n in ("from_id", "to_id") else rel.prop(n).type) for n in rel_columns(rel)
    ]


class _Links:
    """The links of one type between two labels, gathered from list columns and from the type's own
    sheet, as columns."""

    def __init__(self, rel: RelType) -> None:
        self.rel = rel
        self.listed: dict[str, list[Any]] = defaultdict(list)  # from list columns: ends, source and date
        self.sheet: Columns = {}  # from the type's own sheet
        self.sheet_rows = 0

    def table(self) -> pa.Table | None:
        """Every link, as ``load.plan`` leaves them for an empty graph (None when there is none): for a
        type both a list and a sheet write, one link per pair, the sheet row's when there is one."""
        columns = _rel_types(self.rel)
        listed = len(self.listed.get("from_id", []))
        parts: list[tuple[Columns, int]] = [(dict(self.listed), listed), (self.sheet, self.sheet_rows)]
        if not (self.rel.sheet and self.rel.ledger_columns):
            tables = [_table(columns, part, count) for part, count in parts if count]
            return pa.concat_tables(tables) if tables else None
        chosen: dict[tuple[Any, Any], tuple[Any, ...]] = {}
        for n, (part, count) in enumerate(parts):
            if not count:
                continue
            values = [_list(part[name]) if name in part else [None] * count for name, _ in columns]
            for row in zip(*values, strict=True):
                key = (row[0], row[1])
                if n == 1 or key not in chosen:  # a listed pair is named once; a sheet row wins
                    chosen[key] = row
        if not chosen:
            return None
        merged = zip(*chosen.values(), strict=True)
        return _table(columns, {n: list(v) for (n, _), v in zip(columns, merged, strict=True)}, len(chosen))


def statements(rows: Iterable[tuple[str, Mapping[str, str]]], regions: bool = True) -> list[Statement]:
    """The COPY statements that write trusted rows (sheet key, text cells by column key, as the history
    keeps them) into an empty embedded store; with ``regions``, the reference regions too, as the first
    import of a graph adds them."""
    by_sheet: dict[str, list[Mapping[str, str]]] = defaultdict(list)
    for sheet_key, cells in rows:
        by_sheet[sheet_key].append(cells)
    sheets: list[tuple[Sheet, list[Mapping[str, str]]]] = []
    reference = region_sheet(GraphState()) if regions else None
    if reference is not None:
        sheets.append((reference.sheet, [r.cells for r in reference.rows]))
    sheets += [(_SHEETS[k], by_sheet[k]) for k in sorted(by_sheet, key=_ORDER.__getitem__)]
    typed = [(sheet, typed_columns(sheet, cells), len(cells)) for sheet, cells in sheets]

    label_of: dict[str, str] = {}  # where each id lives, to resolve links that may name several labels
    for sheet, values, _ in typed:
        if sheet.node is not None:
            label_of.update(dict.fromkeys(_list(values["id"]), sheet.node.label))
    out: list[Statement] = []
    links: dict[tuple[str, Endpoints], _Links] = {}
    for sheet, values, count in typed:
        if sheet.node is not None:
            label = sheet.node.label
            columns = [(p.name, p.type) for p in sheet.node.properties]
            if count:
                out.append((node_query("create", label), {"rows": _table(columns, values, count)}))
            _listed_links(sheet, values, label_of, links)
        elif count:
            rel = sheet.rel
            assert rel is not None
            source, target = (c.key for c in sheet.columns[:2])
            group = links.setdefault((rel.type, rel.endpoints[0]), _Links(rel))
            group.sheet = {"from_id": values[source], "to_id": values[target]}
            group.sheet.update({p: values[p] for p in rel.property_names if p in values})
            group.sheet_rows = count
    for (rel_type, pair), group in links.items():
        table = group.table()
        if table is not None:
            out.append((rel_query("create", rel_type, pair), {"rows": table}))
    return out


def _listed_links(
    sheet: Sheet, values: Columns, label_of: Mapping[str, str], links: dict[tuple[str, Endpoints], _Links]
) -> None:
    """The links a node sheet's list (and single-id) columns name, each with its row's source and date;
    an id of another label than the link's end is left out, a repeated id named once."""
    assert sheet.node is not None
    label = sheet.node.label
    ids = _list(values["id"])
    provenance = _list(values["provenance"]) if "provenance" in values else [None] * len(ids)
    confirmed = _list(values["confirmed_on"]) if "confirmed_on" in values else [None] * len(ids)
    for column in sheet.columns:
        named_in: list[Any] | None = None
        for link in column.links:
            reverse = link.column.reverse
            for pair in link.rel.endpoints:
                if (pair.target if reverse else pair.source) != label:
                    continue
                other = pair.source if reverse else pair.target
                group = links.setdefault((link.rel.type, pair), _Links(MODEL.rel(link.rel.type)))
                got = group.listed
                named_in = _list(values[column.key]) if named_in is None else named_in
                for i, value in enumerate(named_in):
                    targets = value if isinstance(value, tuple) else ((value,) if value else ())
                    for named in dict.fromkeys(targets):
                        if label_of.get(named) != other:
                            continue
                        got["from_id"].append(named if reverse else ids[i])
                        got["to_id"].append(ids[i] if reverse else named)
                        got["provenance"].append(provenance[i])
                        got["confirmed_on"].append(confirmed[i])


def load_trusted(store: GraphStore, rows: Iterable[tuple[str, Mapping[str, str]]]) -> None:
    """Write trusted rows (with the reference regions) into ``store``, an embedded store that holds no
    ledger data yet, in one transaction. The bulk rows go as Arrow tables, the embedded engine's own
    shape: a Neo4j store is refused."""
    if store.engine != "ladybug":
        raise ValueError("trusted bulk rows are written to an embedded store only")
    with collector_paused():
        store.write(statements(rows))
