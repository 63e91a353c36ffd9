"""Write the graph back as a ledger: a folder of UTF-8 CSVs or one XLSX workbook.

Export → import into an empty store → export gives byte-identical files: rows are ordered by key, list
cells by id, numbers are written in their shortest stable form.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema import PropertyType
from graph_schema.ingest_cypher import rel_query
from service.ledger.cells import csv_safe, unguard
from service.ledger.format import SHEETS, Column, Sheet, is_ledger_row
from service.ledger.load import GraphState
from service.storage.port import GraphStore

LIST_SEPARATOR = ";"


UNKNOWN = "未知"


def _cell(column: Column, value: Any) -> str:
    if value is None:
        return UNKNOWN if column.unknown else ""
    if column.is_list:
        return LIST_SEPARATOR.join(sorted(value))
    if column.type is PropertyType.BOOL:
        return "是" if value else "否"
    if column.choices:
        for choice in column.choices:
            if choice.code == value:
                return choice.label
    if column.type is PropertyType.FLOAT:
        return f"{float(value):.15g}"
    if column.type is PropertyType.STRING:
        return csv_safe(str(value))
    return str(value)


def _links(
    store: GraphStore, sheet: Sheet, owners: list[str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """For each link column of a node sheet: owner id -> the ids it lists (of every owner, or of
    ``owners``)."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    assert sheet.node is not None
    for column in sheet.columns:
        for link in column.links:
            for pair in link.rel.endpoints:
                owner = pair.target if link.column.reverse else pair.source
                if owner != sheet.node.label:
                    continue
                if owners is None:
                    rows = store.read(rel_query("list", link.rel.type, pair))
                else:
                    end = "find_to" if link.column.reverse else "find_from"
                    rows = store.read(rel_query(end, link.rel.type, pair), {"ids": owners})
                for row in rows:
                    if link.column.reverse:
                        out[column.key][row["to_id"]].append(row["from_id"])
                    else:
                        out[column.key][row["from_id"]].append(row["to_id"])
    return out


def sheet_rows(
    store: GraphStore, state: GraphState, sheet: Sheet, focused: bool = False
) -> Iterator[list[str]]:
    """The header and then every row of one ledger sheet that ``state`` holds, as text cells; a node's
    list cells are read from the store (``focused``: only those of the nodes ``state`` holds)."""
    yield sheet.headers
    if sheet.node is not None:
        owners = sorted(state.nodes.get(sheet.node.label, {})) if focused else None
        links = _links(store, sheet, owners)
        for node_id in sorted(state.nodes.get(sheet.node.label, {})):
            props = state.nodes[sheet.node.label][node_id]
            cells = []
            for column in sheet.columns:
                if column.is_property:
                    cells.append(_cell(column, props.get(column.key)))
                else:
                    listed = links.get(column.key, {}).get(node_id, [])
                    cells.append(
                        _cell(column, tuple(listed)) if column.is_list else (listed[0] if listed else "")
                    )
            yield cells
    else:
        assert sheet.rel is not None
        rels = state.rels.get(sheet.rel.type, {})
        for key in sorted(rels, key=lambda k: tuple("" if v is None else str(v) for v in k)):
            props = rels[key]
            if not is_ledger_row(sheet.rel, props):
                continue
            cells = []
            for i, column in enumerate(sheet.columns):
                value = props[("from_id", "to_id")[i]] if i < 2 else props.get(column.key)
                cells.append(_cell(column, value))
            yield cells


def export_csv(store: GraphStore, state: GraphState, folder: Path) -> list[Path]:
    """One ``<sheet>.csv`` per list (UTF-8, no BOM: the importer's canonical form)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in SHEETS:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows(sheet_rows(store, state, sheet))
        path = folder / f"{sheet.key}.csv"
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        written.append(path)
    return written


def export_xlsx(store: GraphStore, state: GraphState, path: Path) -> None:
    """One workbook, a sheet per list, Chinese headers, header row frozen; text never becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        for r, cells in enumerate(sheet_rows(store, state, sheet), start=1):
            for c, text in enumerate(cells, start=1):
                cell = ws.cell(row=r, column=c, value=unguard(text) or None)
                cell.data_type = "s"  # a value like "=HYPERLINK(…)" stays text in Excel
                if r == 1:
                    cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for c, header in enumerate(sheet.headers, start=1):
            ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = max(10, 2 * len(header) + 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
