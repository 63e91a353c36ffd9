"""Read a firm list (CSV in UTF-8 with or without BOM or GBK, or an XLSX workbook) within the ledger's
limits: rows are counted and cells measured while they are read, a workbook is streamed through the
ledger's bounded reader (:class:`service.ledger.xlsx.Workbook`). The header may sit on any of the first
:data:`HEADER_ROWS` rows (exports put a title and an export date above it); the header is the row naming
the most known fields, one of them the firm's name."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from service.errors import TooLarge
from service.intake.headers import ALIASES, MULTI, HeaderColumn, header_key, header_score, read_header
from service.ledger.cells import unguard
from service.ledger.limits import QUOTE_CHARS, Limits, clip
from service.ledger.read import Problem
from service.ledger.xlsx import MAX_COLUMNS, Formula, Oversized, Workbook, XlsxError

HEADER_ROWS = 10  # rows searched for the header
_ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 decodes every GBK file

Opener = Callable[[], IO[bytes]]


@dataclass(slots=True)
class InputRow:
    number: int  # the row as Excel or a text editor shows it
    values: dict[str, list[Any]]  # field -> values of its columns, in the alias table's order
    read: dict[str, str]  # header as written -> the cell as text, for the review workbook


@dataclass
class Table:
    source: str
    header_row: int | None = None
    columns: list[HeaderColumn] = field(default_factory=list)
    rows: list[InputRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def unknown_columns(self) -> list[str]:
        return [c.header for c in self.columns if c.field is None]

    def unit(self, name: str) -> str | None:
        """The unit a header's bracket gave the field (``注册资本(万元)``)."""
        return next((c.unit for c in self.columns if c.field == name and c.unit), None)


def read_path(path: Path, limits: Limits | None = None) -> Table:
    """Read the firm list at ``path`` (``.csv``, ``.xlsx`` or ``.xlsm``)."""
    return _read(path.name, lambda: path.open("rb"), limits or Limits.from_settings())


def read_bytes(name: str, content: bytes, limits: Limits | None = None) -> Table:
    """Read an uploaded firm list."""
    return _read(name, partial(io.BytesIO, content), limits or Limits.from_settings())


def _read(name: str, opener: Opener, limits: Limits) -> Table:
    table = Table(name)
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        _read_xlsx(opener, table, limits)
    elif lower.endswith((".csv", ".txt")):
        _read_csv(opener, table, limits)
    else:
        table.problems.append(Problem(name, None, None, None, "只接受CSV或XLSX格式的企业名录"))
    if table.header_row is None and not table.problems:
        message = f"前{HEADER_ROWS}行中找不到表头：需要一列企业名称（见别名表）"
        table.problems.append(Problem(name, None, None, None, message))
    return table


def _read_csv(opener: Opener, table: Table, limits: Limits) -> None:
    if csv.field_size_limit() <= limits.cell_chars:
        csv.field_size_limit(limits.cell_chars + 1)
    for encoding in _ENCODINGS:
        attempt = Table(table.source)
        try:
            with io.TextIOWrapper(opener(), encoding=encoding, newline="") as text:
                reader = csv.reader(text)
                try:
                    _take(enumerate(reader, start=1), attempt, limits)
                except csv.Error as e:
                    message = (
                        f"单元格超过{limits.cell_chars}个字符"
                        if "field larger than field limit" in str(e)
                        else f"CSV格式错误：{e}"
                    )
                    attempt.problems.append(Problem(table.source, reader.line_num, None, None, message))
        except UnicodeDecodeError:
            continue
        table.__dict__.update(attempt.__dict__)
        return
    table.problems.append(Problem(table.source, None, None, None, "文件编码既不是UTF-8也不是GBK"))


def _read_xlsx(opener: Opener, table: Table, limits: Limits) -> None:
    with opener() as stream:
        try:
            book = Workbook(stream, table.source, limits)
        except TooLarge:
            raise
        except Exception as e:  # XlsxError, or whatever else a damaged file raises
            table.problems.append(Problem(table.source, None, None, None, f"无法读取XLSX：{e}"))
            return
        try:
            for title, part in book.sheets:
                attempt = Table(f"{table.source}:{title}")
                try:
                    _take(_xlsx_rows(book, part, limits.rows + HEADER_ROWS), attempt, limits)
                except XlsxError as e:
                    attempt.problems.append(Problem(attempt.source, None, None, None, f"无法读取工作表：{e}"))
                if attempt.header_row is not None:  # the first sheet with a header is the list
                    table.__dict__.update(attempt.__dict__)
                    return
        finally:
            book.close()


def _xlsx_rows(book: Workbook, part: str, last: int) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in book.rows(part, last):
        width = max(cells, default=0)
        values: list[Any] = [None] * width
        for column, value in cells.items():
            values[column - 1] = None if isinstance(value, Formula) else value
        yield number, values


def _take(rows: Iterator[tuple[int, list[Any]]], table: Table, limits: Limits) -> None:
    """Find the header among the first rows, then keep every row after it, counting each against the
    row limit and cutting (and reporting) a cell past the length limit."""
    header: list[HeaderColumn] | None = None
    best = 0
    for number, row in rows:
        cells = row[:MAX_COLUMNS]  # as the workbook reader: columns right of these are not kept
        if header is None:
            if number > HEADER_ROWS:
                return
            score = header_score(cells)
            if score >= 2 and score > best:
                best = score
                header = read_header(cells)
                table.header_row = number
                table.columns = header
            continue
        if number - (table.header_row or 0) > limits.rows:
            raise TooLarge(f"名录超过{limits.rows}行：{clip(table.source)}第{number}行已超出")
        if all(v is None or str(v).strip() == "" for v in cells):
            continue
        if number <= HEADER_ROWS and header_score(cells) > best:  # a fuller header further down
            best = header_score(cells)
            header = read_header(cells)
            table.header_row = number
            table.columns = header
            table.rows.clear()
            continue
        table.rows.append(_row(number, cells, header, table, limits))


def _order(column: HeaderColumn) -> int:
    names = ALIASES.get(column.field or "", ())
    key = header_key(column.header)[0]
    return names.index(key) if key in names else len(names)


def _row(number: int, cells: list[Any], header: list[HeaderColumn], table: Table, limits: Limits) -> InputRow:
    values: dict[str, list[Any]] = {}
    read: dict[str, str] = {}
    for column in sorted(header, key=_order):
        value = cells[column.index] if column.index < len(cells) else None
        if isinstance(value, Oversized) or (isinstance(value, str) and len(value) > limits.cell_chars):
            length = value.length if isinstance(value, Oversized) else len(value)
            head = value.head if isinstance(value, Oversized) else value
            quoted = f"{head[:QUOTE_CHARS]}…（共{length}字）"
            table.problems.append(
                Problem(table.source, number, column.header, quoted, f"单元格超过{limits.cell_chars}个字符")
            )
            value = head[: limits.cell_chars]
        if isinstance(value, str):
            value = unguard(value.strip())
        if value is None or value == "":
            continue
        read[column.header] = str(value)
        if column.field is None:
            continue
        if column.field in MULTI or column.field not in values:
            values.setdefault(column.field, []).append(value)
    return InputRow(number, values, read)
