"""Export → import into an empty store → export is byte-identical, as CSV and as XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from service.ledger.export import export_csv, export_xlsx
from service.ledger.format import SHEETS
from service.ledger.load import import_ledger, read_state
from service.ledger.read import read_ledger
from service.ledger.template import write_template
from service.storage.port import GraphStore
from tests.conftest import close_store, make_store


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_csv_round_trip_is_byte_identical(
    mini_store: GraphStore, engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    export_csv(mini_store, read_state(mini_store), first)
    fresh = make_store(engine, request, tmp_path / "fresh")
    try:
        import_ledger(fresh, read_ledger(first))
        second = tmp_path / "second"
        export_csv(fresh, read_state(fresh), second)
    finally:
        close_store(fresh)
    assert _files(first) == _files(second)
    text = (first / "enterprises.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("编号,名称,统一社会信用代码")
    assert "e2,绿园部件公司,,220106400,是,小型,否,是,在营" in text


def test_xlsx_export_imports_back_to_the_same_graph(
    mini_store: GraphStore, engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    book = tmp_path / "ledger.xlsx"
    export_xlsx(mini_store, read_state(mini_store), book)
    assert load_workbook(book).sheetnames == [s.title for s in SHEETS]
    fresh = make_store(engine, request, tmp_path / "fresh")
    try:
        import_ledger(fresh, read_ledger(book))
        assert read_state(fresh).nodes == read_state(mini_store).nodes
        assert read_state(fresh).rels == read_state(mini_store).rels
    finally:
        close_store(fresh)


def test_template_has_every_sheet_headers_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book.sheetnames == ["说明", *(s.title for s in SHEETS)]  # the reader skips 说明
    ws = book["企业"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["编号", "名称", "统一社会信用代码"] and headers[-1] == "操作"
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"大型,中型,小型,微型,未知"' in lists and '"是,否"' in lists and '"是,否,未知"' in lists
    assert read_ledger(path).problems == []
