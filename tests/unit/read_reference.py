"""The ledger reader as it stood before CSV lines took a fast path (commit 3b91990), unchanged but for
this docstring: the reference tests/unit/test_read_fast.py holds the current reader to. Do not edit."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from openpyxl.utils.cell import get_column_letter

from service.errors import TooLarge
from service.ledger.cells import unguard
from service.ledger.format import OP_HEADER, OP_KEY, Sheet, sheet_for
from service.ledger.limits import MESSAGE_CHARS, NAME_CHARS, QUOTE_CHARS, Limits, clip
from service.ledger.xlsx import MAX_COLUMNS, Formula, Oversized, Workbook, XlsxError

# Excel on Chinese Windows saves CSV as GBK; GB18030 is its superset and decodes every GBK file.
_ENCODINGS = ("utf-8-sig", "gb18030")
# Sheets a workbook may carry for people (instructions, drop-down sources) that hold no data.
_IGNORED_SHEETS = ("说明", "readme", "_lists")
_CHUNK = 1024 * 1024

Opener = Callable[[], IO[bytes]]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located the way the user sees it. Values are quoted to
    ``QUOTE_CHARS``, names to ``NAME_CHARS`` and the message to ``MESSAGE_CHARS``, so an error about a
    1 MB cell stays small."""

    source: str  # file name or sheet name
    row: int | None  # row number as shown by Excel / a text editor (header = 1)
    column: str | None  # header as written in the file
    value: str | None
    message: str

    def __post_init__(self) -> None:
        for name, limit in (("source", NAME_CHARS), ("column", NAME_CHARS), ("value", QUOTE_CHARS)):
            text = getattr(self, name)
            if isinstance(text, str):
                object.__setattr__(self, name, clip(text, limit))
        object.__setattr__(self, "message", clip(self.message, MESSAGE_CHARS))

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f" 列「{self.column}」"
        shown = f"（值：{self.value!r}）" if self.value not in (None, "") else ""
        return f"{where}：{self.message}{shown}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(slots=True)
class RawRow:
    source: str
    row: int
    cells: dict[str, Any]  # column key -> raw cell value
    headers: dict[str, str]  # column key -> header as written (for messages)


@dataclass
class RawSheet:
    sheet: Sheet
    source: str
    present: set[str] = field(default_factory=set)  # column keys the file has
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class RawLedger:
    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0  # rows read after each header, blank ones too: what the row limit counts

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def read_ledger(path: Path, limits: Limits | None = None) -> RawLedger:
    """Read every list in ``path`` (a folder of ``<sheet>.csv`` files, a single CSV, or an XLSX) within
    ``limits`` (by default the settings' upload limits, whose byte limit applies to uploads only)."""
    path = Path(path)
    limits = limits or Limits.from_settings()
    ledger = RawLedger()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            ledger.problems.append(Problem(path.name, None, None, None, "文件夹中没有CSV台账文件"))
        for file in files:
            _read_csv(file.stem, file.name, _opener(file), ledger, limits)
    elif path.suffix.lower() == ".csv":
        _read_csv(path.stem, path.name, _opener(path), ledger, limits)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        _read_xlsx(_opener(path), path.name, ledger, limits)
    else:
        ledger.problems.append(Problem(path.name, None, None, None, "只接受CSV文件夹或XLSX工作簿"))
    return ledger


def _opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def read_upload(
    name: str, content: bytes, limits: Limits | None = None, into: RawLedger | None = None
) -> RawLedger:
    """Read one uploaded file (an XLSX workbook, or one CSV named after its sheet) into ``into`` (a new
    ledger by default) within ``limits``, which count what ``into`` already holds."""
    limits = limits or Limits.from_settings()
    ledger = RawLedger() if into is None else into
    lower = name.lower()
    opener = partial(io.BytesIO, content)
    if lower.endswith((".xlsx", ".xlsm")):
        _read_xlsx(opener, name, ledger, limits)
    elif lower.endswith(".csv"):
        _read_csv(Path(name).stem, name, opener, ledger, limits)
    else:
        ledger.problems.append(Problem(name, None, None, None, "只接受CSV或XLSX文件"))
    return ledger


def _too_many_rows(limits: Limits, source: str, row: int | None) -> TooLarge:
    where = f"：{clip(source)}第{row}行已超出" if row is not None else f"：{clip(source)}已超出"
    return TooLarge(f"台账超过{limits.rows}行{where}")


# -- CSV ---------------------------------------------------------------------------------------------


def _read_csv(stem: str, source: str, opener: Opener, ledger: RawLedger, limits: Limits) -> None:
    sheet = sheet_for(stem)
    if sheet is None:
        ledger.problems.append(Problem(source, None, None, None, "无法识别的台账文件名"))
        return
    scan = _scan(opener)
    if scan.nul_line is not None:
        ledger.problems.append(Problem(source, scan.nul_line, None, None, "含有NUL字符，不是文本CSV"))
        return
    if csv.field_size_limit() <= limits.cell_chars:  # a longer field must reach the cell check
        csv.field_size_limit(limits.cell_chars + 1)
    budget = limits.rows - ledger.rows_read
    if scan.most_rows > budget and not scan.quoted:  # without quotes every line break ends a row
        raise _too_many_rows(limits, source, None)
    for encoding in _ENCODINGS:
        try:
            if scan.most_rows > budget and _csv_rows_past(opener, encoding, budget):
                raise _too_many_rows(limits, source, None)
            part = _read_csv_as(encoding, sheet, source, opener, ledger, limits)
        except UnicodeDecodeError:
            continue
        ledger.sheets.extend(part.sheets[len(ledger.sheets) :])
        ledger.problems.extend(part.problems)
        ledger.rows_read = part.rows_read
        return
    ledger.problems.append(Problem(source, None, None, None, "文件编码既不是UTF-8也不是GBK"))


@dataclass(frozen=True)
class _Scan:
    nul_line: int | None  # the line of the first NUL, if any
    most_rows: int  # rows after the header: exactly, unless a quoted field spans lines
    quoted: bool  # whether the file has a quote character


def _scan(opener: Opener) -> _Scan:
    """What the bytes say before any is decoded: in UTF-8 and GB18030 no character but NUL, a line break
    or a quote has a byte of NUL, a line break or a quote in it."""
    line = 1
    breaks = 0
    quoted = False
    last = b""
    with opener() as stream:
        while chunk := stream.read(_CHUNK):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                return _Scan(line + chunk.count(b"\n", 0, nul), 0, quoted)
            newlines = chunk.count(b"\n")
            line += newlines
            breaks += newlines + chunk.count(b"\r") - chunk.count(b"\r\n")
            if last == b"\r" and chunk.startswith(b"\n"):
                breaks -= 1  # a CR LF split between two chunks
            quoted = quoted or b'"' in chunk
            last = chunk[-1:]
    rows = breaks + (1 if last not in (b"", b"\n", b"\r") else 0)  # a last line without its break
    return _Scan(None, max(rows - 1, 0), quoted)


def _csv_rows_past(opener: Opener, encoding: str, budget: int) -> bool:
    """Whether the CSV has more than ``budget`` rows after its header; stops counting there, keeps none."""
    rows = -1  # the header is no data row
    with io.TextIOWrapper(opener(), encoding=encoding, newline="") as text:
        try:
            for _ in csv.reader(text):
                rows += 1
                if rows > budget:
                    return True
        except csv.Error:
            pass  # the read proper reports it, with its line
    return False


def _read_csv_as(
    encoding: str, sheet: Sheet, source: str, opener: Opener, ledger: RawLedger, limits: Limits
) -> RawLedger:
    """The CSV read in ``encoding`` into a copy of ``ledger``'s counts (kept only if it decodes)."""
    part = RawLedger(list(ledger.sheets), [], ledger.rows_read)
    with io.TextIOWrapper(opener(), encoding=encoding, newline="") as text:
        reader = csv.reader(text)
        try:
            _take_rows(sheet, source, enumerate(reader, start=1), part, limits)
        except csv.Error as e:  # a field past the csv module's limit, a stray quote
            message = (
                f"单元格超过{limits.cell_chars}个字符"
                if "field larger than field limit" in str(e)
                else f"CSV格式错误：{e}"
            )
            part.problems.append(Problem(source, reader.line_num, None, None, message))
    return part


# -- XLSX --------------------------------------------------------------------------------------------


def _read_xlsx(opener: Opener, source: str, ledger: RawLedger, limits: Limits) -> None:
    with opener() as stream:
        try:
            book = Workbook(stream, source, limits)
        except TooLarge:
            raise
        except Exception as e:  # XlsxError, or whatever else a damaged file raises
            ledger.problems.append(Problem(source, None, None, None, f"无法读取XLSX：{e}"))
            return
        try:
            for title, part in book.sheets:
                if title.strip().lower() in _IGNORED_SHEETS:
                    continue
                sheet = sheet_for(title)
                label = f"{source}:{title}"
                if sheet is None:
                    ledger.problems.append(Problem(label, None, None, None, "无法识别的工作表名"))
                    continue
                last = 1 + limits.rows - ledger.rows_read  # the header, then the rows still allowed
                try:
                    _take_rows(sheet, label, _xlsx_rows(book, part, last, label, ledger), ledger, limits)
                except XlsxError as e:  # a damaged sheet fails while it is read, not when it is opened
                    ledger.problems.append(Problem(label, None, None, None, f"无法读取工作表：{e}"))
        finally:
            book.close()


def _xlsx_rows(
    book: Workbook, part: str, last: int, label: str, ledger: RawLedger
) -> Iterator[tuple[int, list[Any]]]:
    """The worksheet's rows as lists, as wide as its header row (row 1, which is always yielded first);
    a formula cell becomes a problem and an empty cell."""
    width = MAX_COLUMNS
    header = True
    for number, cells in book.rows(part, last):
        if header and number > 1:
            yield 1, []  # no row 1: no header
            width = 0
        header = False
        values: list[Any] = [None] * width
        for column, value in cells.items():
            if column > width:
                continue
            if isinstance(value, Formula):
                where = _coordinate(column, number)
                message = "不接受公式单元格，请改为数值或文本"
                ledger.problems.append(Problem(label, number, where, f"={value.text}", message))
                value = None
            values[column - 1] = value
        if number == 1:
            width = max((i + 1 for i, v in enumerate(values) if v is not None), default=0)
            values = values[:width]
        yield number, values


def _coordinate(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


# -- both --------------------------------------------------------------------------------------------


def _take_rows(
    sheet: Sheet, source: str, rows: Iterable[tuple[int, Sequence[Any]]], ledger: RawLedger, limits: Limits
) -> None:
    """Take the header and the rows of one list into ``ledger``, counting every row against the limit
    and measuring every cell a column of the list holds."""
    if len(ledger.sheets) >= limits.sheets:
        raise TooLarge(f"台账超过{limits.sheets}张表：{clip(source)}已超出")
    numbered = iter(rows)
    first = next(numbered, None)
    if first is None:
        ledger.problems.append(Problem(source, None, None, None, "缺少表头行"))
        return
    header = ["" if h is None else str(h).strip() for h in first[1]]
    keys: list[str | None] = []
    headers: dict[str, str] = {}
    raw = RawSheet(sheet, source)
    for h in header:
        if h in (OP_HEADER, OP_KEY):
            keys.append(OP_KEY)
            headers[OP_KEY] = h
            continue
        if h == "":
            keys.append(None)
            continue
        column = sheet.column(h)
        if column is None:
            ledger.problems.append(Problem(source, 1, h, None, "无法识别的列名"))
            keys.append(None)
            continue
        if column.key in headers:
            ledger.problems.append(Problem(source, 1, h, None, "列重复"))
            keys.append(None)
            continue
        keys.append(column.key)
        headers[column.key] = h
    raw.present = {k for k in keys if k and k != OP_KEY}
    previous = first[0]
    cap = limits.cell_chars
    for number, values in numbered:
        ledger.rows_read += number - previous
        previous = number
        if ledger.rows_read > limits.rows:
            raise _too_many_rows(limits, source, number)
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        cells: dict[str, Any] = {}
        for key, value in zip(keys, values, strict=False):
            if key is None:
                continue
            if isinstance(value, Oversized) or (isinstance(value, str) and len(value) > cap):
                length = value.length if isinstance(value, Oversized) else len(value)
                head = value.head if isinstance(value, Oversized) else value
                quoted = f"{head[:QUOTE_CHARS]}…（共{length}字）"
                message = f"单元格超过{cap}个字符"
                ledger.problems.append(Problem(source, number, headers[key], quoted, message))
                value = quoted
            cells[key] = unguard(value) if isinstance(value, str) else value
        raw.rows.append(RawRow(source, number, cells, headers))
    ledger.sheets.append(raw)
