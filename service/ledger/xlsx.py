"""A bounded, streaming reader of XLSX workbooks for ledgers: cell values, row by row.

openpyxl builds element trees while it reads: whole trees of the workbook, styles and relationship parts,
and even in read-only mode the shells of every row and all else a worksheet holds, so a crafted workbook
of a few MB can cost gigabytes. This reader checks the zip directory before anything is decompressed,
reads the package's small parts (content types, workbook, relationships, styles; at most 4 MiB each, no
DTD) into trees, and streams the shared strings and each worksheet through expat, keeping nothing of a
worksheet but the row at hand. XML nested deeper, or running longer without a tag or text, than any
workbook Excel writes is refused. Values are converted as openpyxl converts them (numbers, dates and times
by the cell's number format, booleans, shared and inline strings); a formula comes back as ``Formula``
and text past the cell limit as ``Oversized``, for the caller to report."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from service.errors import TooLarge
from service.ledger.limits import MIB, Limits, clip, size

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_WORKBOOK_TYPES = tuple(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "ms-excel.template.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.sheet",
    )
)
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_STYLES_REL = f"{_REL}/styles"

# Package parts read whole into element trees, which cost tens of times their size.
TREE_PART_BYTES = 4 * MIB
# A ledger's zip directory lists a few dozen parts; a huge one costs memory just to be listed.
ZIP_DIRECTORY_BYTES = MIB
# Parts past this size must compress no better than ``Limits.zip_ratio``; small ones may compress well.
RATIO_FROM = MIB
# Columns read from a worksheet: a ledger list has a few dozen; cells right of this are not kept.
MAX_COLUMNS = 256
# Element nesting and bytes without a tag or text: Excel writes about 10 levels and short tags.
_MAX_DEPTH = 64
_MAX_SILENCE = MIB
_CHUNK = 64 * 1024


class XlsxError(Exception):
    """A workbook that cannot be read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Formula:
    """A formula cell: ledgers hold values, never code."""

    text: str


@dataclass(frozen=True)
class Oversized:
    """Text past the cell limit: its first characters and its length (the rest is not kept)."""

    head: str
    length: int


def _zip_directory_size(stream: IO[bytes]) -> int | None:
    """Bytes of the zip's central directory as ``zipfile`` will read them (the ZIP64 record's when there
    is one), or None without an end record (``zipfile`` then refuses the file itself)."""
    end = stream.seek(0, io.SEEK_END)
    start = max(0, end - (22 + 0xFFFF + 20 + 56))
    stream.seek(start)
    tail = stream.read()
    if len(tail) >= 22 and tail[-22:-18] == b"PK\x05\x06" and tail[-2:] == b"\x00\x00":
        at = len(tail) - 22  # no archive comment: the record ends the file, as zipfile looks first
    else:
        at = tail.rfind(b"PK\x05\x06", max(0, len(tail) - 22 - 0xFFFF))
        if at < 0 or len(tail) - at < 22:
            return None
    directory: int = struct.unpack_from("<I", tail, at + 12)[0]
    locator = at - 20
    if locator >= 56 and tail[locator : locator + 4] == b"PK\x06\x07":
        record = locator - 56
        if tail[record : record + 4] == b"PK\x06\x06":
            directory = struct.unpack_from("<Q", tail, record + 40)[0]
    return directory


def _open_zip(stream: IO[bytes], label: str, limits: Limits) -> zipfile.ZipFile:
    """The workbook's zip, once its directory promises nothing past the limits (else ``TooLarge``)."""
    directory = _zip_directory_size(stream)
    if directory is not None and directory > ZIP_DIRECTORY_BYTES:
        raise TooLarge(f"{label}：压缩包目录超过{size(ZIP_DIRECTORY_BYTES)}，部件过多，不是台账工作簿")
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except Exception as e:  # BadZipFile, and the odd ValueError or NotImplementedError of a damaged file
        raise XlsxError(f"不是有效的XLSX文件（无法解压：{e}）") from None
    total = 0
    for info in archive.infolist():
        name = clip(info.filename, 80)
        if info.file_size > RATIO_FROM and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise TooLarge(
                f"{label}：部件{name}解压后是压缩大小的{ratio}倍，超过{limits.zip_ratio}倍（疑似压缩炸弹）"
            )
        total += info.file_size
        if total > limits.xlsx_bytes:
            raise TooLarge(f"{label}：工作簿解压后超过{size(limits.xlsx_bytes)}")
    return archive


class Workbook:
    """An XLSX workbook opened for reading within ``limits``: its worksheets and their rows."""

    def __init__(self, stream: IO[bytes], label: str, limits: Limits) -> None:
        self.label = label
        self.limits = limits
        self.archive = _open_zip(stream, label, limits)
        try:
            self._names = set(self.archive.namelist())
            workbook_part, strings_part = self._content_types()
            rels = self._relationships(workbook_part)
            tree = self._tree(workbook_part, "工作簿")
            properties = tree.find(f"{{{_MAIN}}}workbookPr")
            date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
            self.epoch = CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH
            self.sheets: list[tuple[str, str]] = []  # (title, part) of each worksheet, in workbook order
            for sheet in tree.iterfind(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet"):
                target = rels.get(sheet.get(f"{{{_REL}}}id", ""))
                if target is not None and "chartsheet" not in target[0] and target[1] in self._names:
                    self.sheets.append((sheet.get("name", ""), target[1]))
            styles = next((t for kind, t in rels.values() if kind == _STYLES_REL), "xl/styles.xml")
            self.dates, self.timedeltas = self._styles(styles) if styles in self._names else (set(), set())
            self.strings = self._shared_strings(strings_part) if strings_part in self._names else []
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()

    # -- the package's small parts -------------------------------------------------------------------

    def _read(self, part: str, what: str, bound: int) -> bytes:
        info = self.archive.getinfo(part)
        if info.file_size > bound:
            raise TooLarge(f"{self.label}：{what}（{clip(part, 80)}）解压后超过{size(bound)}")
        try:
            return self.archive.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise XlsxError(f"无法解压{what}（{clip(part, 80)}）：{e}") from None

    def _tree(self, part: str, what: str) -> ElementTree.Element:
        if part not in self._names:
            raise XlsxError(f"缺少{what}（{clip(part, 80)}）")
        data = self._read(part, what, min(TREE_PART_BYTES, self.limits.xlsx_part_bytes))
        if b"<!DOCTYPE" in data or b"\x00" in data:  # Excel writes UTF-8 and no DTD
            raise XlsxError(f"{what}含有DTD声明或不是UTF-8编码，不是Excel写出的文件")
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as e:
            raise XlsxError(f"{what}的XML格式错误：{e}") from None

    def _content_types(self) -> tuple[str, str | None]:
        """The workbook part and the shared-strings part, as ``[Content_Types].xml`` names them."""
        tree = self._tree("[Content_Types].xml", "内容类型表")
        overrides = {
            o.get("ContentType", ""): o.get("PartName", "").lstrip("/")
            for o in tree.iterfind(f"{{{_CONTENT_TYPES}}}Override")
        }
        defaults = {d.get("ContentType", "") for d in tree.iterfind(f"{{{_CONTENT_TYPES}}}Default")}
        workbook = next((overrides[t] for t in _WORKBOOK_TYPES if t in overrides), None)
        if workbook is None and defaults.intersection(_WORKBOOK_TYPES):
            workbook = "xl/workbook.xml"  # some writers type the workbook by a default
        if workbook is None:
            raise XlsxError("找不到工作簿部件，不是XLSX工作簿")
        return workbook, overrides.get(_SHARED_STRINGS_TYPE)

    def _relationships(self, workbook_part: str) -> dict[str, tuple[str, str]]:
        """The workbook's relationships: id -> (type, part), targets resolved as openpyxl resolves them."""
        folder, name = posixpath.split(workbook_part)
        part = posixpath.join(folder, "_rels", f"{name}.rels")
        if part not in self._names:
            return {}
        rels: dict[str, tuple[str, str]] = {}
        for rel in self._tree(part, "工作簿关系表").iterfind(f"{{{_PACKAGE_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return rels

    def _styles(self, part: str) -> tuple[set[int], set[int]]:
        """The cell styles whose number format shows a date or time, and those that show a duration."""
        tree = self._tree(part, "样式表")
        custom = {
            int(f.get("numFmtId", "-1")): f.get("formatCode", "")
            for f in tree.iterfind(f"{{{_MAIN}}}numFmts/{{{_MAIN}}}numFmt")
        }
        dates: set[int] = set()
        timedeltas: set[int] = set()
        for index, xf in enumerate(tree.iterfind(f"{{{_MAIN}}}cellXfs/{{{_MAIN}}}xf")):
            number_format = int(xf.get("numFmtId", "0"))
            code = custom[number_format] if number_format in custom else BUILTIN_FORMATS.get(number_format)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                timedeltas.add(index)
        return dates, timedeltas

    # -- streamed parts ------------------------------------------------------------------------------

    def _stream(self, part: str, parser: _Parser) -> Iterator[None]:
        """Feed ``part`` to ``parser`` a chunk at a time, yielding after each so the caller can take what
        the chunk completed; refuse XML that stays silent (no tag, no text) for too long."""
        p = parser.expat
        silent = 0
        try:
            with self.archive.open(part) as stream:
                while chunk := stream.read(_CHUNK):
                    before = parser.calls
                    p.Parse(chunk, False)
                    silent = silent + len(chunk) if parser.calls == before else 0
                    if silent > _MAX_SILENCE:
                        too_long = f"有超过{size(_MAX_SILENCE)}的标签或注释"
                        raise XlsxError(f"{clip(part, 80)}{too_long}，不是Excel写出的文件")
                    yield
                p.Parse(b"", True)
                yield
        except _Stop:
            yield
        except expat.ExpatError as e:
            reason = expat.errors.messages[e.code]
            raise XlsxError(f"{clip(part, 80)}的XML格式错误：{reason}（第{e.lineno}行）") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise XlsxError(f"无法解压{clip(part, 80)}：{e}") from None
        except ValueError as e:  # an attribute that should be a number, such as a cell's style
            raise XlsxError(f"{clip(part, 80)}的内容无法读取：{e}") from None

    def _shared_strings(self, part: str) -> list[str]:
        if self.archive.getinfo(part).file_size > self.limits.xlsx_part_bytes:
            raise TooLarge(f"{self.label}：共享字符串表解压后超过{size(self.limits.xlsx_part_bytes)}")
        parser = _Strings()
        for _ in self._stream(part, parser):
            pass
        return parser.strings

    def rows(self, part: str, last: int) -> Iterator[tuple[int, dict[int, Any]]]:
        """Each row of worksheet ``part`` up to the first numbered past ``last`` (that one included, so
        the caller sees the limit passed): its number and its cells by column (1-based, up to
        ``MAX_COLUMNS``), empty cells left out."""
        parser = _Sheet(self, last)
        for _ in self._stream(part, parser):
            yield from parser.done
            parser.done.clear()


class _Stop(Exception):
    """Raised by a parser that has read all its caller asked for."""


class _Parser:
    """Counts expat's calls and refuses a DTD and nesting past ``_MAX_DEPTH``."""

    def __init__(self) -> None:
        self.calls = 0
        self.depth = 0
        p = self.expat = expat.ParserCreate(namespace_separator="}")
        p.buffer_text = True
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text
        p.StartDoctypeDeclHandler = self._doctype

    def _doctype(self, *_: object) -> None:
        raise XlsxError("XML含有DTD声明，不是Excel写出的文件")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.calls += 1
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise XlsxError(f"XML嵌套超过{_MAX_DEPTH}层，不是Excel写出的文件")
        self.start(name, attrs)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.end(name)

    def _text(self, data: str) -> None:
        self.calls += 1
        self.text(data)

    def start(self, name: str, attrs: dict[str, str]) -> None: ...
    def end(self, name: str) -> None: ...
    def text(self, data: str) -> None: ...


_SI = f"{_MAIN}}}si"
_T = f"{_MAIN}}}t"
_RPH = f"{_MAIN}}}rPh"
_ROW = f"{_MAIN}}}row"
_C = f"{_MAIN}}}c"
_V = f"{_MAIN}}}v"
_F = f"{_MAIN}}}f"
_IS = f"{_MAIN}}}is"


class _Strings(_Parser):
    """The shared strings: each ``si``'s text runs joined, phonetic runs left out (as openpyxl does)."""

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.parts: list[str] | None = None  # inside an si
        self.phonetic = 0
        self.collect = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _SI:
            self.parts = []
        elif name == _RPH:
            self.phonetic += 1
        elif name == _T and self.parts is not None and not self.phonetic:
            self.collect = True

    def end(self, name: str) -> None:
        if name == _T:
            self.collect = False
        elif name == _RPH:
            self.phonetic -= 1
        elif name == _SI and self.parts is not None:
            self.strings.append("".join(self.parts).replace("x005F_", ""))
            self.parts = None

    def text(self, data: str) -> None:
        if self.collect and self.parts is not None:
            self.parts.append(data)


class _Sheet(_Parser):
    """A worksheet's rows: numbered as Excel numbers them, each cell's value converted once it ends."""

    def __init__(self, book: Workbook, last: int) -> None:
        super().__init__()
        self.book = book
        self.cap = book.limits.cell_chars
        self.last = last
        self.done: list[tuple[int, dict[int, Any]]] = []
        self.number = 0  # the row being read (or last read)
        self.cells: dict[int, Any] | None = None  # inside a row
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.value: list[str] | None = None  # the text of <v>, <f> or the inline string being read
        self.length = 0
        self.formula: str | None = None
        self.inline: list[str] | None = None
        self.phonetic = 0
        self.collect: list[str] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _C and self.cells is not None:
            reference = attrs.get("r")
            self.column = _column(reference) if reference else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = int(attrs.get("s") or 0)
            self.value = self.inline = self.formula = self.collect = None
            self.length = 0
        elif name == _ROW:
            reference = attrs.get("r")
            try:
                number = int(float(reference)) if reference else self.number + 1
            except ValueError:
                raise XlsxError(f"行号{clip(reference or '', 20)!r}无效") from None
            # a row out of order is skipped, as openpyxl skips it
            self.cells = {} if number > self.number else None
            self.number = max(number, self.number)
            self.column = 0
        elif self.cells is None:
            return
        elif name == _V:
            self.value = self.collect = []
        elif name == _F:
            self.formula = ""
            self.collect = []
        elif name == _IS:
            self.inline = []
        elif name == _RPH:
            self.phonetic += 1
        elif name == _T and self.inline is not None and not self.phonetic:
            self.collect = self.inline

    def end(self, name: str) -> None:
        if self.cells is None:
            return
        if name == _C:
            if 1 <= self.column <= MAX_COLUMNS:
                value = self._value()
                if value is not None:
                    self.cells[self.column] = value
        elif name == _ROW:
            self.done.append((self.number, self.cells))
            self.cells = None
            if self.number > self.last:
                raise _Stop
        elif name == _F:
            self.formula = "".join(self.collect or ())
            self.collect = None
        elif name in (_V, _T):
            self.collect = None
        elif name == _RPH:
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.collect is not None:
            room = self.cap + 1 - self.length  # past the limit only the length is kept
            if room > 0:
                self.collect.append(data[:room])
            self.length += len(data)

    def _value(self) -> Any:
        """The cell's value as openpyxl gives it (see ``WorkSheetParser.parse_cell``)."""
        if self.formula is not None:
            return Formula(self.formula)
        if self.kind == "inlineStr":
            text = None if self.inline is None else "".join(self.inline)
        else:
            text = "".join(self.value) if self.value else None
        if text is None or (text == "" and self.kind != "inlineStr"):
            return None
        if self.length > self.cap:
            return Oversized(text[: self.cap], self.length)
        kind = self.kind
        try:
            if kind == "n":
                decimal = "." in text or "e" in text or "E" in text
                number: int | float = float(text) if decimal else int(text)
                if self.style in self.book.dates:
                    duration = self.style in self.book.timedeltas
                    try:
                        return from_excel(number, self.book.epoch, timedelta=duration)
                    except (OverflowError, ValueError):
                        return "#VALUE!"  # marked as a date but out of the dates' range
                return number
            if kind == "s":
                return self.book.strings[int(text)]
            if kind == "b":
                return bool(int(text))
            if kind == "d":
                return from_ISO8601(text)
        except (ValueError, IndexError, OverflowError):
            where = f"第{self.number}行第{self.column}列"
            raise XlsxError(f"{where}的值{clip(text, 40)!r}无法按类型{kind!r}读取") from None
        return text  # inline strings, "str" (a formula's text result), errors such as "#N/A"


def _column(reference: str) -> int:
    letters = reference.rstrip("0123456789")
    try:
        return column_index_from_string(letters) if letters else 0
    except ValueError:
        raise XlsxError(f"单元格位置{clip(reference, 20)!r}无效") from None
