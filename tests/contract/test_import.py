"""Ledger import on both engines: every problem reported with its place, nothing half-written."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.errors import InvalidInput
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from tests.conftest import FIXTURES


def _snapshot(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    return {n: store.read(n) for n in sorted(store.queries.names()) if n.startswith("ingest/list_")}


def _copy_mini(tmp_path: Path) -> Path:
    target = tmp_path / "ledger"
    shutil.copytree(FIXTURES / "mini", target)
    (target / "README.md").unlink()
    return target


def _append(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        for row in rows:
            writer.writerow(row)


def _firm(i: int, **changes: str) -> dict[str, str]:
    row = {
        "编号": f"x{i:03d}",
        "名称": f"新增企业{i}",
        "所在地区代码": "220106400",
        "区内企业": "是",
        "企业规模": "小型",
        "链主企业": "否",
        "专精特新": "否",
        "经营状态": "在营",
        "来源": "illustrative",
        "核实日期": "2026-11-20",
        "所属环节": "s2",
        "主要产品": "p2",
    }
    row.update(changes)
    return row


def _places(error: InvalidInput) -> set[tuple[str, int | None, str | None]]:
    return {(str(p["source"]), p["row"], p["column"]) for p in error.problems}  # type: ignore[misc]


def test_one_bad_row_among_many_names_row_and_column_and_writes_nothing(
    mini_store: GraphStore, tmp_path: Path
) -> None:
    ledger = _copy_mini(tmp_path)
    rows = [_firm(i) for i in range(60)]
    rows[41]["企业规模"] = "巨型"  # file row 2 (header) + 5 mini firms + 41 -> line 48
    _append(ledger / "enterprises.csv", rows)
    before = _snapshot(mini_store)
    with pytest.raises(InvalidInput) as caught:
        import_ledger(mini_store, read_ledger(ledger))
    assert _places(caught.value) == {("enterprises.csv", 48, "企业规模")}
    problem = caught.value.problems[0]
    assert problem["value"] == "巨型" and "可选值" in str(problem["message"])
    assert _snapshot(mini_store) == before


def test_every_kind_of_problem_is_reported_at_once(mini_store: GraphStore, tmp_path: Path) -> None:
    ledger = _copy_mini(tmp_path)
    _append(
        ledger / "enterprises.csv",
        [
            _firm(1, 名称=""),  # line 7: missing required
            _firm(2, 区内企业="也许"),  # line 8: wrong type
            _firm(3, 经营状态="倒闭"),  # line 9: unknown enum value
            _firm(4, 编号="e1"),  # line 10: duplicate id
            _firm(5, 所属环节="s9"),  # line 11: reference to nothing
            _firm(6, 所在地区代码="999999"),  # line 12: unknown region code
            _firm(7, 行业代码="9999"),  # line 13: unknown industry code
        ],
    )
    _append(
        ledger / "supply_links.csv",
        [
            {
                "供应企业编号": "e1",
                "采购企业编号": "e3",
                "供应产品": "p1",
                "供应份额": "1.5",
                "来源": "illustrative",
                "核实日期": "2026-11-20",
            },  # line 6: share out of range
            {
                "供应企业编号": "e2",
                "采购企业编号": "e4",
                "供应产品": "p3",
                "供应份额": "0.5",
                "来源": "illustrative",
                "核实日期": "2026-11-20",
            },  # line 7: e4's p3 shares now sum to 1.5
        ],
    )
    before = _snapshot(mini_store)
    with pytest.raises(InvalidInput) as caught:
        import_ledger(mini_store, read_ledger(ledger))
    places = _places(caught.value)
    assert {
        ("enterprises.csv", 7, "名称"),
        ("enterprises.csv", 8, "区内企业"),
        ("enterprises.csv", 9, "经营状态"),
        ("enterprises.csv", 10, "编号"),
        ("enterprises.csv", 11, "所属环节"),
        ("enterprises.csv", 12, "所在地区代码"),
        ("enterprises.csv", 13, "行业代码"),
        ("supply_links.csv", 6, "供应份额"),
        ("supply_links.csv", 7, "供应份额"),
    } <= places
    assert _snapshot(mini_store) == before


def test_unknown_industry_code_is_rejected(mini_store: GraphStore, tmp_path: Path) -> None:
    ledger = _copy_mini(tmp_path)
    text = (ledger / "segments.csv").read_text(encoding="utf-8").replace(",3130,", ",9999,")
    (ledger / "segments.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_ledger(mini_store, read_ledger(ledger))
    assert _places(caught.value) == {("segments.csv", 2, "行业代码")}


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_and_bom_files_import_like_utf8(empty_store: GraphStore, tmp_path: Path, encoding: str) -> None:
    plain = _copy_mini(tmp_path / "plain")
    other = _copy_mini(tmp_path / encoding)
    for path in other.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    assert (other / "enterprises.csv").read_bytes() != (plain / "enterprises.csv").read_bytes()
    import_ledger(empty_store, read_ledger(other))
    first = _snapshot(empty_store)
    import_ledger(empty_store, read_ledger(plain))  # the same facts: nothing changes
    assert _snapshot(empty_store) == first
    names = {r["id"]: r["name"] for r in empty_store.read("ingest/list_enterprise")}
    assert names["e2"] == "绿园部件公司"


def test_importing_twice_leaves_the_same_graph(mini_store: GraphStore) -> None:
    before = _snapshot(mini_store)
    import_ledger(mini_store, read_ledger(FIXTURES / "mini"))
    assert _snapshot(mini_store) == before


def test_changed_ledger_updates_what_changed(mini_store: GraphStore) -> None:
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_change"))
    firms = {r["id"]: r for r in mini_store.read("ingest/list_enterprise")}
    assert firms["e2"]["name"] == "绿园精密部件公司"
    assert firms["e2"]["industry_code"] == "3670"  # a column the partial ledger left out is kept
    assert "e6" in firms
    links = {
        (r["from_id"], r["to_id"], r["product_id"], r["share"])
        for r in mini_store.read("ingest/list_supplies_enterprise_enterprise")
    }
    assert ("e5", "e3", "p2", 0.3) not in links
    assert ("e2", "e3", "p2", 1.0) in links
    segments = {
        (r["from_id"], r["to_id"]) for r in mini_store.read("ingest/list_operates_in_enterprise_segment")
    }
    assert {("e2", "s2"), ("e2", "s3")} <= segments


def test_non_finite_numbers_self_supply_and_missing_key_columns_are_rejected(
    mini_store: GraphStore, tmp_path: Path
) -> None:
    ledger = _copy_mini(tmp_path)
    _append(
        ledger / "supply_links.csv",
        [
            {
                "供应企业编号": "e1",
                "采购企业编号": "e4",
                "供应产品": "p1",
                "年供应额(万元)": "nan",
                "来源": "illustrative",
                "核实日期": "2026-11-20",
            },  # line 6
            {
                "供应企业编号": "e2",
                "采购企业编号": "e2",
                "供应产品": "p2",
                "来源": "illustrative",
                "核实日期": "2026-11-20",
            },  # line 7
        ],
    )
    (ledger / "projects.csv").write_text("名称,项目阶段\n无编号项目,在建\n", encoding="utf-8")
    before = _snapshot(mini_store)
    with pytest.raises(InvalidInput) as caught:
        import_ledger(mini_store, read_ledger(ledger))
    assert _places(caught.value) == {
        ("supply_links.csv", 6, "年供应额(万元)"),
        ("supply_links.csv", 7, "采购企业编号"),
        ("projects.csv", 1, "编号"),
    }
    assert _snapshot(mini_store) == before
