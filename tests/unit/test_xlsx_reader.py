"""The streaming XLSX reader: the values openpyxl reads, and bounded memory and time on hostile workbooks
(zip bombs, lying zip directories, a huge zip directory, junk and deep or endless XML)."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import Workbook as OpenpyxlBook
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from service.errors import TooLarge
from service.ledger.limits import Limits
from service.ledger.xlsx import Formula, Oversized, Workbook, XlsxError
from service.settings import Settings

LIMITS = Limits.from_settings(Settings())
# 3 MB that compress no better than 2:1, past every ratio check
NOISE = random.Random(1).randbytes(1_500_000).hex().encode()
SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _save(book: OpenpyxlBook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezip(blob: bytes, parts: dict[str, bytes], level: int = 6) -> bytes:
    """``blob`` with ``parts`` replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info.filename, src.read(info.filename), compresslevel=level)
        for name, data in parts.items():
            dst.writestr(name, data, compresslevel=level)
    return out.getvalue()


def _with_shared_strings(blob: bytes) -> bytes:
    """The workbook as Excel writes it: its inline strings moved to a shared-strings table (openpyxl
    writes them inline), the table also holding a rich-text string and one with a phonetic run."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        sheets = {n: z.read(n).decode() for n in names}
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    strings = [
        "<si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></si>",
        "<si><t>漢字</t><rPh sb='0' eb='1'><t>かんじ</t></rPh></si>",
    ]
    table: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        text = match.group(2)
        if text not in table:
            table[text] = len(strings)
            strings.append(f"<si><t xml:space='preserve'>{text}</t></si>")
        return f'<c r="{match.group(1)}" t="s"><v>{table[text]}</v></c>'

    inline = re.compile(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>')
    parts = {n: inline.sub(shared, xml).encode() for n, xml in sheets.items()}
    first = names[0]
    rows = parts[first].split(b"</row>")
    rows[0] += b'<c r="J1" t="s"><v>0</v></c>'  # the rich text, then the phonetic string
    rows[1] += b'<c r="J2" t="s"><v>1</v></c>'
    parts[first] = b"</row>".join(rows)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{main}">{"".join(strings)}</sst>'.encode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/></Types>'
    ).encode()
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    link = f'<Relationship Id="rIdS" Type="{rel}" Target="sharedStrings.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", f"{link}</Relationships>").encode()
    return _rezip(blob, parts)


def _ours(blob: bytes, limits: Limits = LIMITS) -> dict[str, dict[tuple[int, int], Any]]:
    book = Workbook(io.BytesIO(blob), "book.xlsx", limits)
    try:
        return {
            title: {(n, c): v for n, cells in book.rows(part, 10**9) for c, v in cells.items()}
            for title, part in book.sheets
        }
    finally:
        book.close()


def _openpyxls(blob: bytes) -> dict[str, dict[tuple[int, int], Any]]:
    book = load_workbook(io.BytesIO(blob), read_only=True, data_only=False)
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for ws in book.worksheets:
        cells = out[ws.title] = {}
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) not in (None, ""):
                    value = cell.value
                    cells[(cell.row, cell.column)] = Formula(value[1:]) if cell.data_type == "f" else value
    book.close()
    return out


def _varied() -> OpenpyxlBook:
    book = OpenpyxlBook()
    ws = book.active
    ws.title = "企业名录"
    ws.append(["编号", "名称", "数", "浮", "日期", "时间", "布尔", "公式", "百分比"])
    ws.append(["e1", "甲", 1, 2.5, dt.date(2026, 11, 2), dt.time(8, 30), True, "=1+1", 0.25])
    later = [dt.datetime(2026, 1, 1, 12), dt.timedelta(hours=30), False, '=HYPERLINK("x","y")']
    ws.append(["e2", "  空格 ", -3, 1e-9, *later])
    ws["I2"].number_format = "0.00%"
    ws["E4"] = dt.date(1900, 1, 1)
    ws["D4"] = 1234567890123
    ws["C4"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "粗体")])
    ws["J7"] = "隔行"
    links = book.create_sheet("供应关系")
    links.append(["a", "b", "c"])
    links["C10"] = "gap"
    book.create_sheet("空表")
    return book


@pytest.mark.parametrize("shape", ["inline", "shared strings", "1904 dates"])
def test_values_are_read_as_openpyxl_reads_them(shape: str) -> None:
    book = _varied()
    if shape == "1904 dates":
        book.epoch = CALENDAR_MAC_1904
    blob = _save(book)
    if shape == "shared strings":
        blob = _with_shared_strings(blob)
    ours, theirs = _ours(blob), _openpyxls(blob)
    assert ours == theirs
    first = ours["企业名录"]
    assert first[(2, 5)] == dt.datetime(2026, 11, 2) and first[(3, 6)] == dt.timedelta(hours=30)
    assert first[(2, 8)] == Formula("1+1") and first[(3, 3)] == -3 and first[(2, 7)] is True
    if shape == "shared strings":
        assert first[(1, 10)] == "富文本" and first[(2, 10)] == "漢字"  # runs joined, phonetic left out


def test_rows_stop_at_the_first_past_the_last_asked() -> None:
    book = OpenpyxlBook(write_only=True)
    ws = book.create_sheet("x")
    for i in range(1000):
        ws.append([i])
    wb = Workbook(io.BytesIO(_save(book)), "x.xlsx", LIMITS)
    assert [n for n, _ in wb.rows(wb.sheets[0][1], 10)] == list(range(1, 12))


def _measured(fn: Callable[[], object]) -> tuple[object, float, float]:
    """What ``fn`` returned or raised, its seconds and its peak of Python allocations in MB."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result: object = fn()
    except Exception as e:
        result = e
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def _minimal() -> bytes:
    book = OpenpyxlBook()
    book.active.title = "企业名录"
    book.active.append(["编号"])
    return _save(book)


def test_a_zip_bomb_is_refused_from_the_zip_directory() -> None:
    # one worksheet of 50 MB that deflates to about 50 kB: refused before a byte is decompressed
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    bomb = _rezip(_minimal(), {"xl/worksheets/sheet1.xml": sheet + b" " * 50_000_000}, level=9)
    assert len(bomb) < 100_000
    error, seconds, peak = _measured(lambda: Workbook(io.BytesIO(bomb), "bomb.xlsx", LIMITS))
    assert isinstance(error, TooLarge) and "压缩炸弹" in str(error) and "bomb.xlsx" in str(error)
    assert seconds < 1 and peak < 10


def test_a_workbook_past_the_uncompressed_total_is_refused() -> None:
    blob = _minimal()
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(blob)).infolist())
    small = Limits(**{**LIMITS.__dict__, "xlsx_bytes": total - 1})
    with pytest.raises(TooLarge, match="解压后超过"):
        Workbook(io.BytesIO(blob), "x.xlsx", small)
    assert _ours(blob, Limits(**{**LIMITS.__dict__, "xlsx_bytes": total}))


def test_shared_strings_past_their_bound_are_refused() -> None:
    book = _varied()
    for i in range(2000):
        book.active.cell(row=10 + i, column=1).value = f"字符串{i}"
    blob = _with_shared_strings(_save(book))
    size = zipfile.ZipFile(io.BytesIO(blob)).getinfo("xl/sharedStrings.xml").file_size
    with pytest.raises(TooLarge, match="共享字符串"):
        Workbook(io.BytesIO(blob), "x.xlsx", Limits(**{**LIMITS.__dict__, "xlsx_part_bytes": size - 1}))


def _lie(blob: bytes, name: str, declared: int) -> bytes:
    """``blob`` with the zip directory declaring ``declared`` bytes for part ``name``."""
    data = bytearray(blob)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length].decode() == name:
            struct.pack_into("<I", data, at + 24, declared)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(name)


def test_a_part_inflating_past_its_declared_size_is_cut_there() -> None:
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 200_000))
    honest = _rezip(_minimal(), {"xl/worksheets/sheet1.xml": sheet + rows + b"</sheetData></worksheet>"})
    lying = _lie(honest, "xl/worksheets/sheet1.xml", 1000)

    def read() -> object:
        book = Workbook(io.BytesIO(lying), "x.xlsx", LIMITS)
        return sum(1 for _ in book.rows(book.sheets[0][1], 10**9))

    error, seconds, peak = _measured(read)
    assert isinstance(error, XlsxError), error
    assert seconds < 2 and peak < 10


def test_a_huge_zip_directory_is_refused_before_it_is_listed() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(30_000):
            z.writestr(f"x/{i}", b"")
    error, seconds, peak = _measured(lambda: Workbook(io.BytesIO(out.getvalue()), "many.xlsx", LIMITS))
    assert isinstance(error, TooLarge) and "目录" in str(error)
    assert seconds < 1 and peak < 10


def _sheet_with(body: bytes) -> bytes:
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = b'<worksheet xmlns="' + main + b'"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    xml += "编号".encode() + b"</t></is></c></row>" + body + b"</sheetData></worksheet>"
    return _rezip(_minimal(), {"xl/worksheets/sheet1.xml": xml})


def test_a_long_cell_comes_back_oversized_with_its_length() -> None:
    # openpyxl cuts what it writes to Excel's 32,767 characters; a hand-made sheet need not
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"x" * 40_000 + b"</t></is></c></row>"
    value = next(iter(_ours(_sheet_with(row)).values()))[(2, 1)]
    assert isinstance(value, Oversized) and value.length == 40_000 and len(value.head) == LIMITS.cell_chars


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<a>" * 100 + b"</a>" * 100, "嵌套"),
        (b'<row r="2" junk="' + NOISE + b'"/>', "标签"),
        (b"<!--" + NOISE + b"-->", "标签或注释"),
    ],
)
def test_xml_no_workbook_holds_is_refused(body: bytes, message: str) -> None:
    book = Workbook(io.BytesIO(_sheet_with(body)), "x.xlsx", LIMITS)
    error, _, peak = _measured(lambda: list(book.rows(book.sheets[0][1], 10**9)))
    assert isinstance(error, XlsxError) and message in str(error), error
    assert peak < 15


def test_a_dtd_is_refused() -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    laughs = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    xml = f'{laughs}<worksheet xmlns="{main}"><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row>'
    blob = _rezip(_minimal(), {"xl/worksheets/sheet1.xml": xml.encode()})
    book = Workbook(io.BytesIO(blob), "x.xlsx", LIMITS)
    with pytest.raises(XlsxError, match="DTD"):
        list(book.rows(book.sheets[0][1], 10))
    styles = _rezip(_minimal(), {"xl/styles.xml": laughs.encode() + b"<styleSheet/>"})
    with pytest.raises(XlsxError, match="DTD"):
        Workbook(io.BytesIO(styles), "x.xlsx", LIMITS)


def test_junk_elements_in_a_worksheet_cost_no_memory() -> None:
    # 150,000 elements openpyxl would keep (as children of sheetData) until the sheet ends: about
    # 2 MB of XML compressing some 10 times, within every size bound
    junk = b"".join(b'<x n="%d"/>' % i for i in range(150_000))
    blob = _sheet_with(junk + b'<row r="2"><c r="A2"><v>7</v></c></row>')
    book = Workbook(io.BytesIO(blob), "x.xlsx", LIMITS)
    rows, _, peak = _measured(lambda: list(book.rows(book.sheets[0][1], 10**9)))
    assert rows == [(1, {1: "编号"}), (2, {1: 7})]
    assert peak < 5, peak
