"""Answers a person can read and act on (issue 17, points 6, 8, 10–13), on both engines: a gap weighs
what depends on it, answers name what they refer to, no English codes or long floats reach a reader,
the dossier lists each policy once, and the monthly report lists each break once and links by names."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph_schema import MODEL
from service import assessment, catalog, changes, history, lists, recruitment, reports, weaklinks
from service.analysis.place import DISTANCE_LABELS
from service.analysis.wording import SCALE_LABELS, provenance_label
from service.api.app import create_app
from service.ledger.read import read_ledger
from service.render.lists import to_csv, to_xlsx
from service.render.reports import assessment_sheets, opened_closed_rows, report_html, report_sheets
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import FIXTURES

D = dt.date


def test_a_gap_weighs_what_depends_on_it(mini_store: GraphStore) -> None:
    result = recruitment.targets(mini_store, "c1")
    gaps = {g["gap_id"]: g for g in result["gaps"]}
    central, peripheral = gaps["segment:s1"], gaps["segment:s4"]
    # 原材料 (s1) feeds 零部件 → 总成 → 整车: e2 buys its 钢材 and works below it, as does the anchor e3
    assert {f["id"] for f in central["held_firms"]} == {"e2", "e3"}
    assert [a["name"] for a in central["held_anchors"]] == ["绿园总成公司"]
    assert central["held_value"] == 2100.0  # e2 buys 500, e3 buys 1200 + 400 a year
    assert [s["name"] for s in central["held_segments"]] == ["零部件", "总成", "整车"]
    # 整车 (s4) is the chain's end: nothing in the district depends on it
    assert (peripheral["held_firm_count"], peripheral["held_value"], peripheral["dependence"]) == (0, None, 0)
    assert central["factor"] > peripheral["factor"]
    targets = {t["enterprise_id"]: t for t in result["targets"]}
    gap_parts = {k: targets[k]["parts"]["gap"] for k in ("e1", "e4")}  # e1 fills s1, e4 fills s4
    assert gap_parts["e1"]["factor"] == central["factor"] > gap_parts["e4"]["factor"]
    assert "依赖该缺口的区内在营企业2家" in gap_parts["e1"]["reason"]
    assert "绿园总成公司" in gap_parts["e1"]["reason"]
    assert gap_parts["e4"]["reason"].startswith("没有区内在营企业依赖该缺口")
    assert targets["e1"]["rank"] < targets["e4"]["rank"]
    page = recruitment.dossier_page(mini_store, "e4")
    assert "没有区内在营企业依赖该缺口" in page


# --- point 8: names beside ids; each risk row one bounded sentence -----------------------------------


def test_risks_name_what_they_refer_to(seed_store: GraphStore) -> None:
    names = {r["id"]: r["name"] for r in seed_store.read(Q.ENTERPRISE_FACTS)}
    products = weaklinks.product_names(seed_store)
    risks = weaklinks.risks(seed_store, "auto")
    for node in risks["risk_nodes"]:
        assert node["cut_off_names"] == [names[f] for f in node["cut_off"]]
        subs = node["substitutes"]
        assert subs["district_names"] == [names[f] for f in subs["district"]]
        for x in node["single_source_for"]:
            assert (x["buyer_name"], x["product_name"]) == (names[x["buyer_id"]], products[x["product_id"]])
        assert node["reason"].startswith(node["enterprise_name"]) and len(node["reason"]) < 400
    for row in risks["single_source_inputs"] + risks["recovery_gaps"]:
        assert row["supplier_name"] == names[row["supplier_id"]]
        assert row["buyer_name"] == names[row["buyer_id"]]
    for row in risks["concentrated_inputs"]:
        assert [s["supplier_name"] for s in row["suppliers"]] == [
            names[s["supplier_id"]] for s in row["suppliers"]
        ]
    catl = next(r for r in risks["risk_nodes"] if r["enterprise_id"] == "ent.catl")
    assert catl["reason"] == (
        "宁德时代新能源科技股份有限公司停产将使长春驰远新能源底盘科技有限公司一家企业断供（区内1家、区外0家）；"
        "是长春驰远新能源底盘科技有限公司「动力电池包」的唯一供应商；替换所需时间合计超出库存100天；"
        "区内没有在营的替代企业，区外2家。"
    )
    listed = {r["subject"]: r for r in lists.risks(seed_store, "auto").rows}
    assert listed[catl["enterprise_name"]]["reason"] == catl["reason"]


def test_the_risk_lists_basis_names_at_most_five_firms(monkeypatch: pytest.MonkeyPatch) -> None:
    firms = [{"id": f"f{i}", "name": f"企业{i}", "in_district": False} for i in range(12)]
    wide = {
        "kind": "break",
        "segment_name": "港口物流",
        "reason": "「港口物流」环节区内没有企业。",
        "firms": firms,
    }
    monkeypatch.setattr(weaklinks, "breaks", lambda store, chain_id: [wide])
    monkeypatch.setattr(weaklinks, "risks", lambda store, chain_id: {"risk_nodes": []})
    (row,) = lists.risks(None, "c1").rows  # type: ignore[arg-type]
    assert row["figures"].endswith("等12家企业") and row["figures"].count("（区外）") == 5


def test_anchors_and_what_ifs_name_firms(seed_store: GraphStore) -> None:
    names = {r["id"]: r["name"] for r in seed_store.read(Q.ENTERPRISE_FACTS)}
    for a in weaklinks.anchors(seed_store, "auto")["anchors"]:
        assert a["district_supplier_names"] == [[names[f] for f in tier] for tier in a["district_suppliers"]]
        assert all(d["supplier_name"] == names[d["supplier_id"]] for d in a["supplier_dependence"])
        assert a["disruption_demand_hit_names"] == [names[f] for f in a["disruption_demand_hit_ids"]]
    with TestClient(create_app(Settings(), store=seed_store)) as client:
        got = client.get("/enterprises/ent.auto.hengyuan/impact").json()
        posted = client.post("/scenarios/disruption", json={"enterprise_ids": ["ent.catl"]}).json()
    assert got["stopped_names"] == ["长春恒远汽车部件集团有限公司"]
    assert got["demand_hit_names"] == [names[f] for f in got["demand_hit"]] and got["demand_hit_names"]
    for loss in got["demand_losses"]:
        assert loss["lost_buyer_names"] == [names[f] for f in loss["lost_buyers"]]
    for cut in posted["cut_off"]:
        assert cut["lost_supplier_names"] == [names[f] for f in cut["lost_suppliers"]]
    assert posted["substitutes"]["ent.catl"]["outside_names"] == [
        names[f] for f in posted["substitutes"]["ent.catl"]["outside"]
    ]


def test_catalog_counts_district_firms_in_operation(seed_store: GraphStore) -> None:
    segments = {s["id"]: s for s in catalog.get_chain(seed_store, "auto")["segments"]}
    # 汽车电子: 智联 in operation, 精联 stopped; 新能源三电: only the planned 绿能
    assert (
        segments["auto.s07"]["district_enterprise_count"],
        segments["auto.s07"]["district_inactive_count"],
    ) == (1, 1)
    assert (
        segments["auto.s08"]["district_enterprise_count"],
        segments["auto.s08"]["district_inactive_count"],
    ) == (0, 1)


# --- points 8 and 13: changes and the monthly report ---------------------------------------------------


@pytest.fixture
def changed_mini(empty_store: GraphStore) -> GraphStore:
    history.import_update(
        empty_store, read_ledger(FIXTURES / "mini"), author="链办", note="mini", at=D(2026, 10, 15)
    )
    history.import_update(
        empty_store, read_ledger(FIXTURES / "mini_change"), author="专班", at=D(2026, 11, 20)
    )
    return empty_store


def test_changes_and_the_monthly_report_name_links_and_list_each_break_once(changed_mini: GraphStore) -> None:
    diff = changes.chain_changes(changed_mini, "c1", D(2026, 11, 2), D(2026, 11, 30))
    removed = diff["links"]["removed"]
    assert [(r["supplier_name"], r["buyer_name"], r["product_name"]) for r in removed] == [
        ("南关部件公司", "绿园总成公司", "零部件")
    ]
    assert removed[0]["name"] == "南关部件公司向绿园总成公司供应「零部件」"
    e2 = next(r for r in diff["firms"]["changed"] if r["key"] == ["e2"])
    assert e2["fields"]["scale"]["label"] == "企业规模"
    closed = diff["breaks"]["closed"]
    # e6 opens in 原材料 and e2 joins 总成: the break and the choke point close
    assert [(b["segment_name"], b["kind_label"]) for b in closed] == [
        ("原材料", "断点"),
        ("总成", "堵点（单一企业）"),
    ]
    assert all(r.get("kind_label") for r in diff["risks"]["opened"] + diff["risks"]["closed"])
    report = reports.report(changed_mini, "c1", "2026-11")
    page = report_html(report)
    events_table = page[page.index('id="events"') :].split("</table>")[0]
    assert events_table.count("「原材料」环节区内没有企业") == 1  # the closed break, under 断点与堵点 only
    assert "所属环节：零部件 → 零部件、总成" in page  # ids in a list column read as names
    assert "南关部件公司向绿园总成公司供应「零部件」" in page
    assert "e5/e3/p2" not in page and "南关部件公司向绿园总成公司供应「零部件」" in page
    assert "企业规模：小型 → 中型" in page
    events = [r for r in opened_closed_rows(report["changes"]) if "「原材料」环节区内没有企业" in r["reason"]]
    assert [(r["what"], r["state"]) for r in events] == [("断点与堵点", "已消除")]


# --- point 10: no English codes where a person reads; point 11: numbers rounded for display ---------

CODE_WORDS = (
    {
        c.code
        for node in ("Enterprise", "Project", "Policy")
        for p in MODEL.node(node).properties
        for c in p.choices
    }
    | set(DISTANCE_LABELS)
    | {"illustrative", "public", "import", "undo", "reconcile", "restore", "break", "choke", "HHI"}
    | {"choke_single_firm", "choke_common_supplier", "single_source", "concentrated", "recovery_gap"}
    | {"evidence", "data", "None", "null", "true", "false"}
)
LONG_FLOAT = re.compile(r"\d+\.\d{3,}")
ID_LIKE = re.compile(r"[A-Za-z0-9_]+(?:[.:/][A-Za-z0-9_]+)+")  # ent.auto.x, segment:auto.s07: ids, not words


def _html_texts(page: str) -> list[str]:
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return [t for t in re.split(r"<[^>]+>", page) if t.strip()]


def _xlsx_texts(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]


def _offences(texts: list[str]) -> set[str]:
    found = set()
    for text in texts:
        words = set(re.findall(r"[A-Za-z_]+", ID_LIKE.sub(" ", text)))
        found |= words & CODE_WORDS
        found |= set(LONG_FLOAT.findall(text))
    return found


def test_nothing_a_person_reads_shows_an_english_code_or_a_long_float(seed_store: GraphStore) -> None:
    texts: list[str] = []
    ranked = recruitment.targets(seed_store, "auto")
    for t in ranked["targets"][:6]:
        texts += _html_texts(recruitment.dossier_page(seed_store, t["enterprise_id"], "auto"))
    texts += _xlsx_texts(to_xlsx(recruitment.sheets(ranked)))
    for name in lists.LISTS:
        result = lists.chain_list(seed_store, "auto", name)
        columns = [(c.key, c.header) for c in result.columns]
        texts += _xlsx_texts(to_xlsx([(result.title, columns, result.rows)]))
        texts += to_csv(columns, result.rows).decode("utf-8-sig").split(",")
    assert _offences(texts) == set()
    # the JSON keeps the codes and full precision, with Chinese labels beside
    d = recruitment.dossier(seed_store, "ent.catl", "auto")
    assert d["enterprise"]["provenance"] and d["enterprise"]["distance"] in DISTANCE_LABELS
    assert d["enterprise"]["distance_label"] == DISTANCE_LABELS[d["enterprise"]["distance"]]
    assert d["enterprise"]["provenance_label"] == provenance_label(d["enterprise"]["provenance"])
    assert d["enterprise"]["scale_label"] == SCALE_LABELS[d["enterprise"]["scale"]]
    for t in ranked["targets"]:
        assert t["scale_label"] == (SCALE_LABELS[t["scale"]] if t["scale"] else "未知")
        assert t["parts"]["distance"]["value_label"] == DISTANCE_LABELS[t["parts"]["distance"]["value"]]
    for b in weaklinks.breaks(seed_store, "auto"):
        assert b["kind_label"] and all(f["role_label"] for f in b["firms"])
    for c in weaklinks.sme_candidates(seed_store, "auto")["candidates"]:
        assert c["scale_label"] == SCALE_LABELS[c["scale"]]


def test_the_report_and_the_assessment_show_no_english_code(changed_mini: GraphStore) -> None:
    report = reports.report(changed_mini, "c1", "2026-11")
    assert report["kind_label"] == "月报"
    texts = _html_texts(report_html(report)) + _xlsx_texts(to_xlsx(report_sheets(report)))
    result = assessment.assessment(changed_mini, "c1", 2026)
    assert {i["source_label"] for i in result["items"]} <= {"数据", "佐证", "数据+佐证"}
    texts += _xlsx_texts(to_xlsx(assessment_sheets(result)))
    assert _offences(texts) == set()


def test_display_numbers_are_rounded_and_json_keeps_them_whole() -> None:
    columns = [("investment", "总投资(万元)"), ("score", "总分"), ("name", "名称")]
    rows = [{"investment": 1047.3000000000002, "score": 10.866666, "name": "甲"}]
    assert to_csv(columns, rows).decode("utf-8-sig").splitlines()[1] == "1047.3,10.87,甲"
    cells = _xlsx_texts(to_xlsx([("表", columns, rows)]))
    assert cells[3:] == ["1047.3", "10.87", "甲"]
    assert rows[0]["investment"] == 1047.3000000000002  # the data itself is untouched


# --- point 12: the dossier lists each policy once; filling a break can make a new choke point -------


def test_the_dossier_lists_each_policy_once_and_says_the_filler_becomes_the_single_firm(
    seed_store: GraphStore,
) -> None:
    d = recruitment.dossier(seed_store, "ent.catl", "auto")
    ids = [p["id"] for p in d["policies"]]
    assert len(ids) == len(set(ids))
    p04 = next(p for p in d["policies"] if p["id"] == "pol.p04")
    assert p04["scopes"] == ["全链", "新能源三电（电池/电机/电控）"]
    # 新能源三电 was a break (only the planned 绿能 inside): the filler becomes its single firm
    assert [c["segment_id"] for c in d["what_if"]["new_choke_points"]] == ["auto.s08"]
    page = recruitment.dossier_page(seed_store, "ent.catl", "auto")
    assert "落地后该企业将成为「新能源三电（电池/电机/电控）」环节区内唯一的在营企业" in page
    assert page.count("pol.p04") == 0 and page.count(p04["name"]) == 1
