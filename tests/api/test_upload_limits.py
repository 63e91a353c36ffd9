"""Uploads a chain office could send by mistake or on purpose (issue 15.3, 15.4, 16.4): a workbook whose
one cell inflates to more than 1 GiB and a CSV of 5.2 million rows, posted to a real server process, are
refused within 2 s while the process grows by at most 200 MB; an error about thousands of long values
stays small, lists the first 1,000 problems and gives the total, over HTTP and on the command line."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from typer.testing import CliRunner

from service.access import KeyStore
from service.api.app import create_app
from service.cli import app as cli
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings, get_settings
from service.storage.backends import open_store
from service.storage.port import GraphStore
from tests.conftest import FIXTURES
from tests.serving import served

ROOT = Path(__file__).resolve().parents[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
GIB = 1024**3


class _Bits:
    """A DEFLATE bit stream: values least significant bit first, Huffman codes most significant first."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value: int, bits: int) -> None:
        self.acc |= value << self.n
        self.n += bits
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def code(self, code: int, bits: int) -> None:
        self.put(int(f"{code:0{bits}b}"[::-1], 2), bits)

    def literal(self, byte: int) -> None:  # the fixed Huffman code of a literal byte
        self.code(0x30 + byte, 8) if byte < 144 else self.code(0x190 + byte - 144, 9)


def deflate_bomb(prefix: bytes, byte: int, count: int, suffix: bytes) -> bytes:
    """Raw DEFLATE of ``prefix + bytes([byte]) * count + suffix`` written directly, as zlib's best
    compression would (about 1,032 to 1): a fixed-Huffman block of the prefix and one byte, an empty
    stored block (to align on a byte what follows), a dynamic block whose only codes are "258 more at
    distance 1" and its end, 1 bit each (so 4 repeats a byte), and a last fixed-Huffman block of the
    rest and the suffix."""
    bits = _Bits()
    bits.put(0, 1)
    bits.put(1, 2)  # a fixed-Huffman block
    for b in prefix:
        bits.literal(b)
    bits.literal(byte)
    bits.code(0, 7)  # its end
    bits.put(0, 3)  # an empty stored block, which starts the next on a byte
    bits.put(0, (8 - bits.n) % 8)
    bits.put(0xFFFF0000, 32)
    repeats, rest = divmod(count - 1, 258)
    bits.put(0, 1)
    bits.put(2, 2)  # a dynamic block: 286 length codes, 1 distance code, 18 code-length codes
    bits.put(29, 5)
    bits.put(0, 5)
    bits.put(14, 4)
    for length in (0, 0, 1, *(0,) * 14, 1):  # code lengths 18 (runs of zeros) and 1, 1 bit each
        bits.put(length, 3)

    def zeros(n: int) -> None:
        bits.code(1, 1)
        bits.put(n - 11, 7)

    zeros(138)
    zeros(118)
    bits.code(0, 1)  # symbol 256 (end of block): length 1, code 0
    zeros(28)
    bits.code(0, 1)  # symbol 285 (length 258): length 1, code 1
    bits.code(0, 1)  # distance code 0 (distance 1): length 1, code 0
    while bits.n and repeats:  # the header ends 2 bits into a byte: 3 repeats align it
        bits.code(1, 1)
        bits.code(0, 1)
        repeats -= 1
    bits.out += b"\x55" * (repeats // 4)  # 4 repeats: bits 1,0,1,0,1,0,1,0
    for _ in range(repeats % 4):
        bits.code(1, 1)
        bits.code(0, 1)
    bits.code(0, 1)  # its end
    bits.put(1, 1)
    bits.put(1, 2)  # the last block, fixed Huffman
    for b in bytes([byte]) * rest + suffix:
        bits.literal(b)
    bits.code(0, 7)
    bits.put(0, 7)  # flush the last bits
    return bytes(bits.out)


def _crc(prefix: bytes, byte: int, count: int, suffix: bytes) -> int:
    crc = zlib.crc32(prefix)
    chunk = bytes([byte]) * (1 << 24)
    for _ in range(count // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(bytes([byte]) * (count % len(chunk)) + suffix, crc)


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of raw-DEFLATE ``entries`` (name, data, CRC, size)."""
    out = bytearray()
    directory = bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(out), 0
    )
    return bytes(out + directory + end)


def cell_bomb(size: int = 1_100 * 1024**2) -> bytes:
    """A workbook of about 1.1 MB whose sheet ``企业`` holds one cell of ``size`` characters."""
    book = Workbook()
    book.active.title = "企业"
    book.active.append(["编号"])
    buffer = io.BytesIO()
    book.save(buffer)
    import zipfile

    entries = []
    with zipfile.ZipFile(buffer) as z:
        for name in z.namelist():
            data = z.read(name)
            if name == "xl/worksheets/sheet1.xml":
                continue
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            entries.append((name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)))
    head = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c>'
    prefix = (head + '</row><row r="2"><c r="A2" t="inlineStr"><is><t>').encode()
    suffix = b"</t></is></c></row></sheetData></worksheet>"
    data = deflate_bomb(prefix, ord("x"), size, suffix)
    entries.append(
        (
            "xl/worksheets/sheet1.xml",
            data,
            _crc(prefix, ord("x"), size, suffix),
            len(prefix) + size + len(suffix),
        )
    )
    return _zip(entries)


def test_the_hand_made_deflate_stream_inflates_to_what_it_says() -> None:
    for count in (1, 258, 259, 5000, 100_003):
        data = deflate_bomb(b"<a>", ord("x"), count, b"</a>")
        assert zlib.decompressobj(-15).decompress(data) == b"<a>" + b"x" * count + b"</a>"
    small = cell_bomb(3_000_000)
    assert len(small) < 10_000
    import zipfile

    with zipfile.ZipFile(io.BytesIO(small)) as z:
        assert z.testzip() is None and len(z.read("xl/worksheets/sheet1.xml")) > 3_000_000


@dataclass
class Server:
    url: str
    pid: int
    token: str

    def status(self, field: str) -> int:
        """A field of the server process's /proc status, in kB (VmRSS now, VmHWM its peak)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(field)

    def post(self, name: str, content: bytes, timeout: float = 10) -> tuple[httpx.Response, float, float]:
        """The answer to an import of ``content``, its seconds and how much the process grew (MB) at peak."""
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")  # the peak starts again from now
        before = self.status("VmRSS")
        start = time.perf_counter()
        response = httpx.post(
            f"{self.url}/imports",
            files=[("files", (name, content, "application/octet-stream"))],
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=timeout,
        )
        seconds = time.perf_counter() - start
        return response, seconds, (self.status("VmHWM") - before) / 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``chainlens serve`` in its own process on an embedded store seeded with the mini fixture, with one
    admin key (so the keys are checked, as in an office)."""
    home = tmp_path_factory.mktemp("server")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CHAINLENS_BACKEND": "embedded",
        "CHAINLENS_EMBEDDED_PATH": str(home / "graph.lbdb"),
        "CHAINLENS_KEYS_FILE": str(home / "keys.json"),
    }
    store = open_store(Settings(backend="embedded", embedded_path=home / "graph.lbdb"))
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    store.close()
    _, token = KeyStore(home / "keys.json").create("测试管理员", "admin")
    with served(env, home / "server.log") as (url, process):
        running = Server(url, process.pid, token)
        # every code path of an upload warmed once, as in a server that has run for a while
        warm = running.post("enterprises.csv", "编号,企业规模\ne9,很大\n".encode())[0]
        assert warm.status_code == 422, warm.text
        yield running


def test_a_workbook_whose_cell_inflates_past_1_gib_is_refused_within_2_s(server: Server) -> None:
    bomb = cell_bomb()
    assert len(bomb) < 1.2e6
    response, seconds, grew_mb = server.post("台账.xlsx", bomb)
    assert response.status_code == 413 and response.json()["code"] == "too_large", response.text[:300]
    assert "台账.xlsx" in response.json()["detail"] and "压缩炸弹" in response.json()["detail"]
    assert seconds < 2, seconds
    assert grew_mb < 200, grew_mb


def test_a_csv_of_5_million_rows_is_refused_within_2_s(server: Server) -> None:
    rows = "编号\n".encode() + b"a\n" * 5_200_000
    response, seconds, grew_mb = server.post("enterprises.csv", rows)
    assert response.status_code == 413 and response.json()["code"] == "too_large", response.text[:300]
    assert "enterprises.csv" in response.json()["detail"] and "1000000行" in response.json()["detail"]
    assert seconds < 2, seconds
    assert grew_mb < 200, grew_mb


def _long_values(rows: int, chars: int) -> bytes:
    """A workbook of ``rows`` firms each with the same ``chars``-character business description (one
    shared string, as Excel saves it): each row a problem, the file some 50 kB."""
    sheet = [f'<worksheet xmlns="{MAIN}"><sheetData>']
    header = ("A1", "编号"), ("B1", "主营业务")
    cells = "".join(f'<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>' for at, text in header)
    sheet.append(f'<row r="1">{cells}</row>')
    for r in range(2, rows + 2):
        firm = f'<c r="A{r}" t="inlineStr"><is><t>x{r}</t></is></c>'
        sheet.append(f'<row r="{r}">{firm}<c r="B{r}" t="s"><v>0</v></c></row>')
    sheet.append("</sheetData></worksheet>")
    book = Workbook()
    book.active.title = "企业"
    buffer = io.BytesIO()
    book.save(buffer)
    import zipfile

    out = io.BytesIO()
    strings = f'<sst xmlns="{MAIN}"><si><t>{"经营范围很长" * (chars // 6)}</t></si></sst>'
    sst_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = "".join(sheet).encode()
            elif name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sst_type}"/></Types>'.encode(),
                )
            dst.writestr(name, data)
        dst.writestr("xl/sharedStrings.xml", strings.encode())
    return out.getvalue()


@pytest.fixture
def client(mini_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=mini_store), raise_server_exceptions=False) as c:
        yield c


def test_an_error_about_thousands_of_long_values_stays_small_and_gives_the_total(client: TestClient) -> None:
    upload = _long_values(1_500, 30_000)
    assert len(upload) < 100_000
    response = client.post("/imports", files=[("files", ("台账.xlsx", upload, "application/octet-stream"))])
    assert response.status_code == 422
    body = response.json()
    # 1,000 problems, each quoting 200 of the value's characters (600 bytes of Chinese): about 0.75 MB,
    # where the whole values would make 135 MB
    assert len(response.content) < 1_000_000, len(response.content)
    assert len(body["problems"]) == 1000
    total = int(body["detail"].split("共")[1].split("处")[0])
    assert total >= 1500 and "前1000处" in body["detail"]
    firm = next(p for p in body["problems"] if p["column"] == "主营业务")
    assert firm["value"].startswith("经营范围很长") and firm["value"].endswith(f"…（共{30_000 // 6 * 6}字）")
    assert len(firm["value"]) < 230


def test_the_command_line_lists_the_first_1000_problems_and_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = tmp_path / "ledger"
    ledger.mkdir()
    rows = "".join(f"x{i},{'很长的说明' * 1000}\n" for i in range(1500))
    (ledger / "enterprises.csv").write_text("编号,主营业务\n" + rows, encoding="utf-8")
    monkeypatch.setenv("CHAINLENS_BACKEND", "embedded")
    monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(tmp_path / "graph.lbdb"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["import", str(ledger)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    lines = result.output.splitlines()
    error = next(line for line in lines if line.startswith("错误："))
    assert "共1500处" in error and "前1000处" in error, error  # one over-long cell in each of 1,500 rows
    listed = [line for line in lines if line.startswith("  - ")]
    assert len(listed) == 1000 and all(len(line) < 400 for line in listed)
    assert len(result.output) < 1000 * 400
