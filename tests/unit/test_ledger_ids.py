"""Which ids a ledger's rows can name (``load.ledger_ids``): the part of the graph a small ledger is
judged against is read around them, so they must include every id validation looks up."""

from __future__ import annotations

from service.ledger.format import SHEETS
from service.ledger.load import ledger_ids
from service.ledger.read import RawLedger, RawRow, RawSheet, read_upload

_SHEET = {s.key: s for s in SHEETS}


def test_keys_references_and_list_items_but_no_names() -> None:
    text = (
        "编号,名称,所在地区代码,所属环节,主要产品,主营业务\n"
        "e1 ,钢材公司 北京,110105,s1；s2 ,p1、p2,钢材 冷轧\n"
    )
    ids = ledger_ids(read_upload("enterprises.csv", text.encode()))
    assert {"e1", "110105", "s1", "s2", "p1", "p2"} <= ids
    assert not ids & {"钢材公司", "北京", "钢材", "冷轧"}  # names and descriptions name no node


def test_link_ends_and_the_product_a_link_carries() -> None:
    text = "供应企业编号,采购企业编号,供应产品,供应份额\ne1,e2,p1,0.5\n"
    assert ledger_ids(read_upload("supply_links.csv", text.encode())) == {"e1", "e2", "p1"}


def test_a_numeric_cell_is_read_as_validation_reads_it() -> None:
    """An XLSX cell holding 220106400.0 names region 220106400, as the validator reads it."""
    sheet = RawSheet(_SHEET["enterprises"], "enterprises.xlsx", {"id", "region_code"})
    sheet.rows.append(RawRow(sheet.source, 2, {"id": "e9", "region_code": 220106400.0}, {}))
    assert ledger_ids(RawLedger([sheet])) == {"e9", "220106400"}


def test_counting_stops_once_past_the_bound() -> None:
    rows = "".join(f"e{i},e{i + 1},p1,0.5\n" for i in range(1000))
    header = "供应企业编号,采购企业编号,供应产品,供应份额\n"
    upload = read_upload("supply_links.csv", (header + rows).encode())
    assert len(ledger_ids(upload)) == 1002
    assert 5 < len(ledger_ids(upload, most=5)) <= 8  # past 5 within the row that crossed it
