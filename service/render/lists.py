"""Lists as files people open in Excel: CSV (UTF-8 with BOM, so Excel shows Chinese) and XLSX (Chinese
headers, frozen header row, column widths from the content). No storage imports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from service.ledger.cells import csv_safe
from service.render.numbers import rounded

Columns = Sequence[tuple[str, str]]  # (key, Chinese header)
MAX_WIDTH = 60


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _csv_text(value: Any) -> str:
    return csv_safe(value) if isinstance(value, str) else _text(value)


def to_csv(columns: Columns, rows: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_csv_text(rounded(row.get(key), header)) for key, header in columns])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(sheets: Sequence[tuple[str, Columns, Sequence[Mapping[str, Any]]]]) -> bytes:
    """One workbook, one sheet per (title, columns, rows); every cell is text or a number, never a
    formula, whatever its content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        ws = book.create_sheet(title[:31])
        widths = [len(header) * 2 + 2 for _, header in columns]
        for c, (_, header) in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=c, value=header)
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, (key, header) in enumerate(columns, start=1):
                value = rounded(row.get(key), header)
                cell = ws.cell(
                    row=r, column=c, value=value if isinstance(value, int | float) else _text(value)
                )
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    cell.alignment = Alignment(wrap_text=len(cell.value) > MAX_WIDTH)
                widths[c - 1] = max(widths[c - 1], min(MAX_WIDTH, 2 * len(_text(value)) + 2))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = width
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
