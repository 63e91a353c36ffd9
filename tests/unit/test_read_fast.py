"""CSV lines with text cells only take a fast path into raw rows; what the reader gives is exactly what the
line-by-line reader gave (kept as ``tests.unit.read_reference``): rows, cells, headers, problems and the
rows counted, over the seed ledger and over files with guarded cells, blank and short lines, unknown and
repeated columns, quoted line breaks, GBK, a BOM and cells past the length limit."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from seed import dataset_path
from service.ledger import read as current
from service.ledger.limits import Limits
from tests.unit import read_reference as reference


def _plain(ledger: Any) -> tuple[Any, ...]:
    sheets = [
        (s.sheet.key, s.source, sorted(s.present), [(r.source, r.row, r.cells, r.headers) for r in s.rows])
        for s in ledger.sheets
    ]
    return (sheets, [dataclasses.astuple(p) for p in ledger.problems], ledger.rows_read)


def _awkward(folder: Path) -> Path:
    folder.mkdir()
    (folder / "enterprises.csv").write_bytes(
        "\ufeff编号,名称,操作,怪列,所在地区代码\n"
        "g1,'=x,,z,110000\n\n , ,\ng2,名字,删除\ng3,a,b,c,d,e,f\n,,,,\n"
        'g4,"多\n行",,,\'abc\ng5,x,,,""\ng6,\'引号,,,1\n'.encode()
    )
    (folder / "products.csv").write_bytes(
        "编号,名称,来源\np1,产品,来源\np2,'+1,源\n  ,  ,\np3,长,\n".encode("gbk")
    )
    (folder / "segments.csv").write_bytes("编号,名称,编号\ns1,a,b\n".encode())
    (folder / "chains.csv").write_bytes(b"id,name\r\nc1,x\r\nc2,y")
    (folder / "supply_links.csv").write_bytes(
        ("供应企业编号,采购企业编号\na,b\n" + "x" * 100 + ",c\n").encode()
    )
    return folder


@pytest.mark.parametrize("cell_chars", [32767, 50])
def test_fast_csv_lines_read_as_before(tmp_path: Path, cell_chars: int) -> None:
    limits = dataclasses.replace(Limits.from_settings(), cell_chars=cell_chars)
    with dataset_path() as seed:
        for folder in (seed, _awkward(tmp_path / f"awkward{cell_chars}")):
            before = reference.read_ledger(folder, limits)
            after = current.read_ledger(folder, limits)
            assert _plain(after) == _plain(before), folder.name
            assert after.row_count > 10
    assert any(p.message.startswith("单元格超过") for p in after.problems) == (cell_chars == 50)
