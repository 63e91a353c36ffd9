"""Weekly updates as the offices send them (issue 16), on both engines: partial rows change only the
columns they carry, the import report says what the history records, a wrong row is reported once at its
root, and rows worth a second look import with warnings."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from service import history
from service.api.app import create_app
from service.errors import InvalidInput
from service.ledger.format import sheet_for
from service.ledger.load import import_ledger
from service.ledger.read import RawLedger, read_ledger, read_upload
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES

D = dt.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _snapshot(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    return {n: store.read(n) for n in sorted(store.queries.names()) if n.startswith("ingest/list_")}


def _firms(store: GraphStore) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in store.read("ingest/list_enterprise")}


def _pairs(store: GraphStore, query: str) -> set[tuple[str, str]]:
    return {(r["from_id"], r["to_id"]) for r in store.read(query)}


def _xlsx(title: str, rows: list[list[Any]]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    return "\n".join(",".join("" if v is None else str(v) for v in row) for row in rows).encode() + b"\n"


@pytest.fixture
def logged(mini_store: GraphStore) -> GraphStore:
    """The mini graph with its first import recorded in the log."""
    history.import_update(mini_store, read_ledger(FIXTURES / "mini"), author="t", at=D(2026, 11, 2))
    return mini_store


@pytest.fixture
def client(logged: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(keys_file=tmp_path / "keys.json"), store=logged)) as c:
        yield c


def _changed_only(store: GraphStore, before: dict[str, list[dict[str, Any]]], firm: str, column: str) -> None:
    """Every list query answers as ``before`` except ``firm``'s ``column`` in the enterprise list."""
    after = _snapshot(store)
    assert {n for n in after if after[n] != before[n]} == {"ingest/list_enterprise"}
    old = {r["id"]: r for r in before["ingest/list_enterprise"]}
    new = _firms(store)
    assert set(new) == set(old)
    for firm_id, row in new.items():
        differs = {k for k in row if row[k] != old[firm_id][k]}
        assert differs == ({column} if firm_id == firm else set()), firm_id


# --- 1. partial rows ------------------------------------------------------------------------------


def test_a_sheet_with_only_id_and_one_column_changes_only_that_column(logged: GraphStore) -> None:
    before = _snapshot(logged)
    raw = read_upload("enterprises.csv", "编号,主营业务\ne2,精密零部件\n".encode())
    report, update = history.import_update(logged, raw, author="t", at=D(2026, 11, 9))
    _changed_only(logged, before, "e2", "description")
    assert _firms(logged)["e2"]["description"] == "精密零部件"
    # the log keeps the changed column only, and the report says the same
    assert history.recorded(logged, update.id) == [
        ("enterprises", ("e2",), {"description": "零部件"}, {"description": "精密零部件"})
    ]
    assert report.as_dict()["changed"] == {"Enterprise": 1}
    assert report.as_dict()["columns"] == {"Enterprise": {"description": 1}}
    # whole rows are still there for those who need them (undo)
    whole = history.changes_of(logged, update.id)[0]
    assert whole[2] is not None and whole[3] is not None
    assert whole[2]["name"] == whole[3]["name"] == "绿园部件公司"
    assert {k for k in whole[3] if whole[2].get(k) != whole[3].get(k)} == {"description"}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_partial_rows_upload_through_the_api(client: TestClient, logged: GraphStore, kind: str) -> None:
    before = _snapshot(logged)
    rows = [["编号", "主营业务"], ["e2", "精密零部件"]]
    if kind == "csv":
        files = [("files", ("enterprises.csv", _csv(rows), "text/csv"))]
    else:
        files = [("files", ("weekly.xlsx", _xlsx("企业", rows), XLSX))]
    response = client.post("/imports", files=files, data={"at": "2026-11-09"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["changed"] == {"Enterprise": 1} and body["created"] == {} and body["deleted"] == {}
    assert body["columns"] == {"Enterprise": {"description": 1}}
    _changed_only(logged, before, "e2", "description")
    # an editor of the chain may send the same partial row (the firm's chain comes from the graph)
    rows[1][1] = "汽车零部件"
    chain = client.post("/chains/c1/imports", files=[("files", ("enterprises.csv", _csv(rows), "text/csv"))])
    assert chain.status_code == 200, chain.text
    assert _firms(logged)["e2"]["description"] == "汽车零部件"


def test_partial_rows_through_the_command_line(logged: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "企业.csv").write_text("编号,主营业务\ne2,精密零部件\n", encoding="gbk")
    before = _snapshot(logged)
    history.import_update(logged, read_ledger(folder), author="t", at=D(2026, 11, 9))
    _changed_only(logged, before, "e2", "description")
    book = tmp_path / "week.xlsx"
    book.write_bytes(_xlsx("enterprises", [["id", "description"], ["e2", "轻量化零部件"]]))
    history.import_update(logged, read_ledger(book), author="t", at=D(2026, 11, 9))
    assert _firms(logged)["e2"]["description"] == "轻量化零部件"


def test_a_blank_cell_clears_an_optional_value_and_keeps_a_required_one(logged: GraphStore) -> None:
    raw = read_upload("enterprises.csv", "编号,名称,联系电话,所在地区代码\ne2,,,\n".encode())
    _, update = history.import_update(logged, raw, author="t", at=D(2026, 11, 9))
    firm = _firms(logged)["e2"]
    assert firm["name"] == "绿园部件公司" and firm["region_code"] == "220106400"  # required: kept
    assert firm["contact_phone"] is None  # optional: cleared
    assert ("e2", "220106400") in _pairs(logged, "ingest/list_located_in_enterprise_region")
    assert history.recorded(logged, update.id) == [
        ("enterprises", ("e2",), {"contact_phone": "0431-0000000"}, {"contact_phone": ""})
    ]


def test_a_list_column_replaces_links_only_when_the_sheet_has_it(logged: GraphStore) -> None:
    makes = _pairs(logged, "ingest/list_makes_enterprise_product")
    raw = read_upload("enterprises.csv", "编号,所属环节\ne2,s2;s3\n".encode())
    report, _ = history.import_update(logged, raw, author="t", at=D(2026, 11, 9))
    operates = _pairs(logged, "ingest/list_operates_in_enterprise_segment")
    assert {p for p in operates if p[0] == "e2"} == {("e2", "s2"), ("e2", "s3")}
    assert _pairs(logged, "ingest/list_makes_enterprise_product") == makes
    assert report.as_dict()["links"] == {"OPERATES_IN": {"created": 1}}


def test_a_partial_supply_link_keeps_its_other_facts(logged: GraphStore) -> None:
    raw = read_upload(
        "supply_links.csv", "供应企业编号,采购企业编号,供应产品,库存可支撑天数\ne2,e3,p2,60\n".encode()
    )
    report, update = history.import_update(logged, raw, author="t", at=D(2026, 11, 9))
    link = next(r for r in logged.read("ingest/list_supplies_enterprise_enterprise") if r["from_id"] == "e2")
    assert (link["share"], link["annual_value"], link["recovery_days"], link["stock_days"]) == (
        0.7,
        1200,
        30,
        60,
    )
    assert report.as_dict()["columns"] == {"SUPPLIES": {"stock_days": 1}}
    assert [c[2:] for c in history.recorded(logged, update.id)] == [
        ({"stock_days": "45"}, {"stock_days": "60"})
    ]


def test_a_new_row_must_carry_every_required_column(logged: GraphStore) -> None:
    before = _snapshot(logged)
    text = "编号,主营业务\ne2,精密零部件\nx1,新材料\nx2,新工艺\n"
    with pytest.raises(InvalidInput) as caught:
        history.import_update(logged, read_upload("enterprises.csv", text.encode()), author="t")
    places = Counter((p["source"], p["row"], p["column"]) for p in caught.value.problems)
    sheet = sheet_for("enterprises")
    assert sheet is not None
    required = [c.header for c in sheet.columns if c.required and c.key != "id"]
    assert "名称" in required and "主营业务" not in required
    assert places == Counter({("enterprises.csv", 3, h): 1 for h in required})  # one per column, first row
    assert all("第3、4行" in str(p["message"]) for p in caught.value.problems)
    # a required column the sheet has but a new row leaves blank is named at its own row
    text = "编号,名称,主营业务\ne2,,精密零部件\nx1,,新材料\n"
    with pytest.raises(InvalidInput) as caught:
        import_ledger(logged, read_upload("enterprises.csv", text.encode()))
    assert ("enterprises.csv", 3, "名称") in {
        (p["source"], p["row"], p["column"]) for p in caught.value.problems
    }
    assert ("enterprises.csv", 2, "名称") not in {
        (p["source"], p["row"], p["column"]) for p in caught.value.problems
    }
    assert _snapshot(logged) == before


# --- 3. the report tells the truth -----------------------------------------------------------------


def _recorded_tally(store: GraphStore, update_id: str) -> dict[str, Any]:
    """What the log records for an update, counted here independently of the report's own counting."""
    out: dict[str, Any] = {"created": Counter(), "changed": Counter(), "deleted": Counter(), "columns": {}}
    columns: dict[str, Counter[str]] = defaultdict(Counter)
    for sheet_key, _, before, after in history.recorded(store, update_id):
        sheet = sheet_for(sheet_key)
        assert sheet is not None
        name = sheet.node.label if sheet.node is not None else sheet.rel.type  # type: ignore[union-attr]
        kind = "created" if before is None else "deleted" if after is None else "changed"
        out[kind][name] += 1
        if before is not None and after is not None:
            assert set(before) == set(after)  # the columns that changed, on both sides
            columns[name].update(list(before))
    out["columns"] = {t: dict(c) for t, c in columns.items()}
    return {k: dict(v) for k, v in out.items()}


def test_the_report_says_what_the_history_records(logged: GraphStore, client: TestClient) -> None:
    again, update = history.import_update(
        logged, read_ledger(FIXTURES / "mini"), author="t", at=D(2026, 11, 20)
    )  # unchanged: nothing changed
    body = again.as_dict()
    assert update.changes == 0
    assert (body["created"], body["changed"], body["deleted"], body["links"]) == ({}, {}, {}, {})
    assert body["unchanged"] == {
        "ApplicationDomain": 1, "Chain": 1, "Enterprise": 5, "Evidence": 1, "LEADS_TO": 1, "Organisation": 2,
        "Policy": 1, "Product": 4, "Project": 1, "Risk": 1, "SUPPLIES": 4, "Segment": 4, "Technology": 2,
    }  # fmt: skip
    report, update = history.import_update(
        logged, read_ledger(FIXTURES / "mini_change"), author="t", at=D(2026, 11, 20)
    )
    body = report.as_dict()
    recorded = _recorded_tally(logged, update.id)
    assert {k: body[k] for k in recorded} == recorded
    assert recorded["created"] == {"Enterprise": 1} and recorded["deleted"] == {"SUPPLIES": 1}
    assert recorded["columns"]["Enterprise"]["name"] == 1
    assert body["unchanged"] == {}  # every listed row changed (e2 was rewritten in several columns)
    assert update.changes == sum(sum(recorded[k].values()) for k in ("created", "changed", "deleted"))
    detail = client.get(f"/updates/{update.id}").json()
    assert {k: detail[k] for k in recorded} == recorded and detail["links"] == body["links"]


def test_the_seed_reimported_unchanged_reports_all_unchanged(empty_store: GraphStore) -> None:
    from seed import dataset_path

    with dataset_path() as path:
        first, u1 = history.import_update(empty_store, read_ledger(path), author="t", at=D(2026, 11, 2))
        second, u2 = history.import_update(empty_store, read_ledger(path), author="t", at=D(2026, 11, 9))
    assert first.as_dict()["created"] == _recorded_tally(empty_store, u1.id)["created"]
    assert sum(first.as_dict()["created"].values()) == u1.changes
    body = second.as_dict()
    assert u2.changes == 0 and (body["created"], body["changed"], body["deleted"]) == ({}, {}, {})
    assert body["links"] == {}  # no LOCATED_IN or INPUT_TO re-created
    assert body["unchanged"] == first.as_dict()["created"]


# --- 4. one error per cause ------------------------------------------------------------------------


def test_a_link_naming_a_wrong_firm_row_points_at_that_row(logged: GraphStore, tmp_path: Path) -> None:
    firms = WARNED_FIRMS.replace(",小型,", ",巨型,")
    links = "供应企业编号,采购企业编号,供应产品,来源,核实日期\nx1,e3,p2,t,2026-11-20\n"
    ledger = RawLedger()
    for name, text in (("enterprises.csv", firms), ("supply_links.csv", links)):
        part = read_upload(name, text.encode())
        ledger.sheets.extend(part.sheets)
    with pytest.raises(InvalidInput) as caught:
        import_ledger(logged, ledger)
    problems = {(p["source"], p["row"], p["column"]): p["message"] for p in caught.value.problems}
    assert set(problems) == {("enterprises.csv", 2, "企业规模"), ("supply_links.csv", 2, "供应企业编号")}
    assert (
        problems[("supply_links.csv", 2, "供应企业编号")]
        == "引用的编号所在的行（enterprises.csv 第2行）本身有误，请先改正该行"
    )
    # a new firm lacking a required column is the root too
    firms = "编号,名称\nx1,新企业\n"
    ledger = RawLedger()
    for name, text in (("enterprises.csv", firms), ("supply_links.csv", links)):
        ledger.sheets.extend(read_upload(name, text.encode()).sheets)
    with pytest.raises(InvalidInput) as caught:
        import_ledger(logged, ledger)
    link = [p for p in caught.value.problems if p["source"] == "supply_links.csv"]
    assert [p["message"] for p in link] == [
        "引用的编号所在的行（enterprises.csv 第2行）本身有误，请先改正该行"
    ]


# --- 5. warnings -----------------------------------------------------------------------------------


WARNED_FIRMS = (
    "编号,名称,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,来源,核实日期,所属环节,主要产品\n"
    "x1,新企业,220106400,是,小型,否,否,在营,t,2026-11-20,,p2\n"
)
WARNED_LINKS = "供应企业编号,采购企业编号,供应产品,供应份额,来源,核实日期\ne1,e4,p3,0,t,2026-11-20\n"


def _warned(store: GraphStore) -> tuple[dict[str, Any], history.Update]:
    ledger = RawLedger()
    for name, text in (("enterprises.csv", WARNED_FIRMS), ("supply_links.csv", WARNED_LINKS)):
        ledger.sheets.extend(read_upload(name, text.encode()).sheets)
    report, update = history.import_update(store, ledger, author="t", at=D(2026, 11, 9))
    return report.as_dict(), update


def test_rows_worth_a_second_look_import_with_warnings(logged: GraphStore, client: TestClient) -> None:
    body, update = _warned(logged)
    assert "x1" in _firms(logged)  # imported all the same
    warnings = {(w["source"], w["row"], w["column"]): w for w in body["warnings"]}
    assert set(warnings) == {("enterprises.csv", 2, "所属环节"), ("supply_links.csv", 2, "供应产品")}
    assert "不属于任何产业链环节" in warnings[("enterprises.csv", 2, "所属环节")]["message"]
    assert "e1的主要产品中没有p3" in warnings[("supply_links.csv", 2, "供应产品")]["message"]
    assert body["warnings_total"] == 2
    detail = client.get(f"/updates/{update.id}").json()
    assert detail["warnings"] == body["warnings"] and detail["warnings_total"] == 2
    assert (
        client.get(f"/updates/{update.id}", params={"offset": 1}).json()["warnings"] == body["warnings"][1:]
    )
    assert client.get("/updates/u000001").json()["warnings"] == []
    assert client.get("/updates/u999999").status_code == 404
    # a firm that drops a product it still supplies is warned about on its own row
    raw = read_upload("enterprises.csv", "编号,主要产品\ne2,p3\n".encode())
    report, _ = history.import_update(logged, raw, author="t", at=D(2026, 11, 10))
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(2, "主要产品", "p2")]


def test_warnings_survive_backup_and_restore(
    logged: GraphStore, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.conftest import close_store, make_store

    body, update = _warned(logged)
    data = history.backup(logged)
    other = make_store("ladybug", request, tmp_path / "restored")
    try:
        history.restore(other, data)
        assert history.warnings_of(other, update.id) == body["warnings"]
        assert history.current_state(other) == history.current_state(logged)
    finally:
        close_store(other)


# --- the command line ------------------------------------------------------------------------------


def test_the_command_line_prints_the_report_as_a_table(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from typer.testing import CliRunner

    from service.cli import app as cli
    from service.settings import get_settings
    from tests.conftest import close_store, make_store

    if engine == "neo4j":  # the command opens its own connection to the session's server, emptied
        close_store(make_store(engine, request, tmp_path))
        monkeypatch.setenv("CHAINLENS_BACKEND", "neo4j")
        monkeypatch.setenv("CHAINLENS_NEO4J_URI", request.getfixturevalue("neo4j_uri"))
        monkeypatch.setenv("CHAINLENS_NEO4J_PASSWORD", os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD", ""))
    else:
        monkeypatch.setenv("CHAINLENS_BACKEND", "embedded")
        monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(tmp_path / "cli.lbdb"))
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    week = tmp_path / "week"
    week.mkdir()
    (week / "enterprises.csv").write_text(WARNED_FIRMS + "e2,,,,,,,,,,s2,p2\n", encoding="utf-8")
    (week / "supply_links.csv").write_text(WARNED_LINKS, encoding="utf-8")
    try:
        runner = CliRunner()
        first = runner.invoke(cli, ["import", str(FIXTURES / "mini"), "--date", "2026-11-02"])
        assert first.exit_code == 0, first.output
        firm_row = next(line for line in first.output.splitlines() if line.startswith("│ 企业"))
        assert [c.strip() for c in firm_row.split("│")[2:6]] == ["5", "0", "0", "0"]
        assert "改动 28 行" in first.output
        second = runner.invoke(cli, ["import", str(week), "--date", "2026-11-09"])
        assert second.exit_code == 0, second.output
        firm_row = next(line for line in second.output.splitlines() if line.startswith("│ 企业"))
        # x1 created; e2 changed: its blank 企业规模 and 专精特新 cells, optional since they may be unknown,
        # clear them to unknown (required cells left blank would keep their values)
        assert [c.strip() for c in firm_row.split("│")[2:6]] == ["1", "1", "0", "0"]
        assert "提醒 2 条" in second.output and "e1的主要产品中没有p3" in second.output
    finally:
        get_settings.cache_clear()


# --- the log's format ------------------------------------------------------------------------------


def test_a_backup_of_format_1_with_whole_rows_still_restores(
    empty_store: GraphStore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    import base64
    import gzip
    import json

    from service.storage.queries import Q
    from tests.conftest import close_store, make_store

    days = [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)]
    for folder, day in zip(("mini", "mini_change", "mini_delete"), days, strict=True):
        history.import_update(empty_store, read_ledger(FIXTURES / folder), author="t", note=folder, at=day)
    states = {day: history.replay(empty_store, day) for day in days}
    assert states[days[0]] and states[days[1]] != states[days[0]]
    # the same log as format 1 wrote it: every changed row whole, before and after
    lines = gzip.decompress(history.backup(empty_store)).decode().splitlines()
    old = [json.dumps({"format": "chainlens-history/1"})]
    for line in lines[1:]:
        record = json.loads(line)
        whole = history.changes_of(empty_store, record["update"]["id"])
        raw = json.dumps([[s, list(k), b, a] for s, k, b, a in whole], ensure_ascii=False).encode()
        payload = base64.b64encode(gzip.compress(raw, mtime=0)).decode()
        old.append(json.dumps({"update": record["update"], "payload": payload}, ensure_ascii=False))
    data = gzip.compress(("\n".join(old) + "\n").encode())
    if empty_store.engine == "neo4j":
        empty_store.write([(Q.CLEAR_GRAPH, {})])
        restored = empty_store
    else:
        restored = make_store("ladybug", request, tmp_path / "restored")
    try:
        history.restore(restored, data)
        for day, state in states.items():
            assert history.replay(restored, day) == state, day
        assert history.current_state(restored) == states[days[-1]]
        # restored, the log is of the current format: changed rows narrowed to their changed columns
        changed = [c for c in history.recorded(restored, "u000002") if c[2] is not None and c[3] is not None]
        assert changed and all(set(b) == set(a) and all(b[k] != a[k] for k in b) for _, _, b, a in changed)
    finally:
        if restored is not empty_store:
            close_store(restored)
