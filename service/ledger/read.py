"""Read a ledger (a folder of CSV files or one XLSX workbook) into raw rows, remembering where each came
from so every error can name the file or sheet, the row as the user sees it, and the column."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.ledger.cells import unguard
from service.ledger.format import OP_HEADER, OP_KEY, Sheet, sheet_for

# Excel on Chinese Windows saves CSV as GBK; GB18030 is its superset and decodes every GBK file.
_ENCODINGS = ("utf-8-sig", "gb18030")
# Sheets a workbook may carry for people (instructions, drop-down sources) that hold no data.
_IGNORED_SHEETS = ("说明", "readme", "_lists")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located the way the user sees it."""

    source: str  # file name or sheet name
    row: int | None  # row number as shown by Excel / a text editor (header = 1)
    column: str | None  # header as written in the file
    value: str | None
    message: str

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


@dataclass
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

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def read_ledger(path: Path) -> RawLedger:
    """Read every list in ``path`` (a folder of ``<sheet>.csv`` files, a single CSV, or an XLSX)."""
    path = Path(path)
    ledger = RawLedger()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            ledger.problems.append(Problem(path.name, None, None, None, "文件夹中没有CSV台账文件"))
        for file in files:
            _read_csv_file(file, ledger)
    elif path.suffix.lower() == ".csv":
        _read_csv_file(path, ledger)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        _read_xlsx(path.read_bytes(), path.name, ledger)
    else:
        ledger.problems.append(Problem(path.name, None, None, None, "只接受CSV文件夹或XLSX工作簿"))
    return ledger


def read_upload(name: str, content: bytes) -> RawLedger:
    """Read one uploaded file: an XLSX workbook, or one CSV named after its sheet."""
    ledger = RawLedger()
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        _read_xlsx(content, name, ledger)
    elif lower.endswith(".csv"):
        _read_csv_bytes(Path(name).stem, name, content, ledger)
    else:
        ledger.problems.append(Problem(name, None, None, None, "只接受CSV或XLSX文件"))
    return ledger


def _decode(content: bytes) -> str | None:
    for encoding in _ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_csv_file(file: Path, ledger: RawLedger) -> None:
    _read_csv_bytes(file.stem, file.name, file.read_bytes(), ledger)


def _read_csv_bytes(stem: str, source: str, content: bytes, ledger: RawLedger) -> None:
    sheet = sheet_for(stem)
    if sheet is None:
        ledger.problems.append(Problem(source, None, None, None, "无法识别的台账文件名"))
        return
    text = _decode(content)
    if text is None:
        ledger.problems.append(Problem(source, None, None, None, "文件编码既不是UTF-8也不是GBK"))
        return
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        ledger.problems.append(Problem(source, line, None, None, "含有NUL字符，不是文本CSV"))
        return
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:  # e.g. a field over the csv module's size limit
        ledger.problems.append(Problem(source, None, None, None, f"CSV格式错误：{e}"))
        return
    _take_rows(sheet, source, rows, ledger)


def _read_xlsx(content: bytes, source: str, ledger: RawLedger) -> None:
    from openpyxl import load_workbook

    try:
        # formulas are read as formulas, to be refused: a ledger holds values, never code
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for a damaged file
        ledger.problems.append(Problem(source, None, None, None, f"无法读取XLSX：{e}"))
        return
    try:
        for ws in book.worksheets:
            if ws.title.strip().lower() in _IGNORED_SHEETS:
                continue
            sheet = sheet_for(ws.title)
            label = f"{source}:{ws.title}"
            if sheet is None:
                ledger.problems.append(Problem(label, None, None, None, "无法识别的工作表名"))
                continue
            try:
                rows: list[list[Any]] = []
                for number, cells in enumerate(ws.iter_rows(), start=1):
                    row: list[Any] = []
                    for cell in cells:
                        if getattr(cell, "data_type", None) == "f":
                            where = getattr(cell, "coordinate", None)
                            message = "不接受公式单元格，请改为数值或文本"
                            ledger.problems.append(
                                Problem(label, number, where, str(cell.value)[:200], message)
                            )
                            row.append(None)
                        else:
                            row.append(getattr(cell, "value", None))
                    rows.append(row)
            except Exception as e:  # a damaged sheet fails while it is read, not when it is opened
                ledger.problems.append(Problem(label, None, None, None, f"无法读取工作表：{e}"))
                continue
            _take_rows(sheet, label, rows, ledger)
    finally:
        book.close()


def _take_rows(sheet: Sheet, source: str, rows: list[list[Any]], ledger: RawLedger) -> None:
    if not rows:
        ledger.problems.append(Problem(source, None, None, None, "缺少表头行"))
        return
    header = ["" if h is None else str(h).strip() for h in rows[0]]
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
    for number, values in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        cells: dict[str, Any] = {}
        for key, value in zip(keys, values, strict=False):
            if key is not None:
                cells[key] = unguard(value) if isinstance(value, str) else value
        raw.rows.append(RawRow(source, number, cells, headers))
    ledger.sheets.append(raw)
