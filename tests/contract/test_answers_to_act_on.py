"""Answers a person can act on (issue 17), on both engines: only firms in operation are substitutes or
capacity; district cultivation candidates are district firms in operation; a break says why its idle
firms give no capacity; a what-if is a read (as_of); stopping a firm hits its suppliers' sales (demand
side); growth in the yearly assessment is not the data's first import."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from seed import dataset_path
from service import assessment, history, lists, maps, weaklinks
from service.api.app import create_app
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import FIXTURES, close_store, make_store

D = dt.date
CHAINS = ("beef", "auto", "ha", "cons")


def _score(parts: dict[str, float]) -> float:
    """The README's risk formula, from the parts."""
    raw = 10 * parts["cut_off_in_district"] + 4 * parts["cut_off_outside"]
    raw += 3 * parts["single_source_inputs"] + 0.1 * parts["recovery_gap_days"]
    return round(raw / (1 + parts["substitutes_in_district"] + 0.5 * parts["substitutes_outside"]), 3)


def _statuses(store: GraphStore) -> dict[str, str]:
    return {r["id"]: r["status"] for r in store.read(Q.ENTERPRISE_FACTS)}


def test_a_planned_firm_is_no_substitute_for_catl(seed_store: GraphStore) -> None:
    catl = next(
        r for r in weaklinks.risks(seed_store, "auto")["risk_nodes"] if r["enterprise_id"] == "ent.catl"
    )
    parts = catl["parts"]
    # cuts off ent.auto.chiyuan (10), its single source of battery packs (3), 100 days of gap (10);
    # the only district maker of battery packs, ent.auto.lvneng, is planned (筹建): no substitute
    assert (parts["raw_score"], parts["substitutes_in_district"], parts["divisor"]) == (23.0, 0, 2.0)
    assert catl["score"] == _score(parts) == 11.5
    assert "ent.auto.lvneng" not in catl["substitutes"]["district"] + catl["substitutes"]["outside"]
    row = next(r for r in lists.risks(seed_store, "auto").rows if r["subject"] == catl["enterprise_name"])
    assert "区内替代0家" in row["figures"] and row["figures"].startswith("评分11.50＝")
    what_if = weaklinks.disruption(seed_store, ["ent.catl"])
    assert what_if["substitutes"]["ent.catl"]["district"] == []
    status = _statuses(seed_store)
    for chain in CHAINS:  # no risk node anywhere counts a firm not in operation as a substitute
        for node in weaklinks.risks(seed_store, chain)["risk_nodes"]:
            named = node["substitutes"]["district"] + node["substitutes"]["outside"]
            assert all(status[f] == "active" for f in named), node["enterprise_id"]


def _chain_data(html: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script type="application/json" id="(?:chain|map)-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_map_segment_counts_count_district_firms_in_operation(seed_store: GraphStore) -> None:
    segments = {s["id"]: s for s in maps.chain_map_data(seed_store, "auto")["segments"]}
    # 汽车电子 rests on ent.auto.zhilian alone (ent.auto.jinglian_old is 停产): a choke point, 区内1
    assert (segments["auto.s07"]["state"], segments["auto.s07"]["district"]) == ("choke", 1)
    # 新能源三电 has only the planned ent.auto.lvneng inside the district: a break, 区内0
    assert (segments["auto.s08"]["state"], segments["auto.s08"]["district"]) == ("break", 0)
    assert "ent.auto.lvneng" in segments["auto.s08"]["firms"]  # still shown among the segment's firms
    for chain in CHAINS:  # a break never shows district capacity, a single-firm choke point shows one
        for s in maps.chain_map_data(seed_store, chain)["segments"]:
            if s["state"] == "break":
                assert s["district"] == 0, s["id"]
    region = _chain_data(maps.region_map(seed_store, "auto"))
    inside = [
        dict(c["rows"]) for n, c in region["cards"].items() if n[2:].startswith("220106") or n == "r:district"
    ]
    electronics = [c["汽车电子"] for c in inside if "汽车电子" in c]  # 在营 a 家 / 全部 b 家, per place
    counts = [tuple(int(x) for x in re.findall(r"\d+", text)) for text in electronics]
    assert sum(a for a, _ in counts) == 1 and sum(b for _, b in counts) == 2  # one active, one 停产
    batteries = [c.get("新能源三电（电池/电机/电控）") for c in inside]
    assert all(text is None or text.startswith("在营 0 家") for text in batteries)


def test_a_break_says_what_its_idle_firms_are(seed_store: GraphStore) -> None:
    auto = {b["segment_id"]: b for b in weaklinks.breaks(seed_store, "auto")}
    beef = {b["segment_id"]: b for b in weaklinks.breaks(seed_store, "beef")}
    assert auto["auto.s08"]["reason"].startswith(
        "「新能源三电（电池/电机/电控）」环节区内仅有长春绿能动力电池系统有限公司一家企业，尚在筹建，"
    )
    assert beef["beef.s08"]["reason"].startswith(
        "「副产物利用：生物提取」环节区内仅有长春康源生物制品有限公司一家企业，已停产，"
    )
    assert "均未在营" not in auto["auto.s08"]["reason"] + beef["beef.s08"]["reason"]


def test_sme_candidates_are_district_firms_in_operation(seed_store: GraphStore) -> None:
    facts, status = weaklinks.projection(seed_store).facts, _statuses(seed_store)
    for chain in CHAINS:
        found = weaklinks.sme_candidates(seed_store, chain)
        assert found["candidates"]
        for c in found["candidates"]:
            firm = c["enterprise_id"]
            assert (c["in_district"], facts[firm].in_district, status[firm]) == (True, True, "active"), firm
        for s in found["specialised"]:  # the flag says where each specialised firm is
            assert s["in_district"] == facts[s["enterprise_id"]].in_district
    beef = {c["enterprise_id"] for c in weaklinks.sme_candidates(seed_store, "beef")["candidates"]}
    assert "ent.beef.kangyuan_bio" not in beef  # 停产, though it holds a roadmap technology
    assert "ent.beef.lvhe_feed" in beef
    auto = weaklinks.sme_candidates(seed_store, "auto")["specialised"]
    assert {s["enterprise_id"]: s["in_district"] for s in auto}["ent.auto.dianqu_jl"] is False
    candidates = weaklinks.anchors(seed_store, "beef")["candidates"]
    assert all(status[c["enterprise_id"]] == "active" for c in candidates)


def test_stopping_the_auto_anchor_hits_its_suppliers_sales(seed_store: GraphStore) -> None:
    result = weaklinks.disruption(seed_store, ["ent.auto.hengyuan"])
    assert result["cut_off"] == [] and result["lost_value"] is None  # nobody loses an input
    rows = {r["enterprise_id"]: r for r in result["demand_losses"]}
    hongrui = rows["ent.auto.hongrui"]  # sells all it records (5,200 万元 of housings) to hengyuan
    assert (hongrui["lost_value"], hongrui["sales_value"], hongrui["lost_share"]) == (5200.0, 5200.0, 1.0)
    assert hongrui["demand_hit"] is True and hongrui["round"] == 1
    assert result["demand_hit"][0] == "ent.auto.hongrui"
    assert all((r["lost_share"] >= 0.5) == r["demand_hit"] for r in rows.values())
    assert result["demand_hit_count"] == len(result["demand_hit"]) >= 1
    assert "长春宏锐动力部件有限公司" in result["summary"]
    followed = weaklinks.disruption(seed_store, ["ent.auto.hengyuan"], follow_demand=True)
    xinzhu = {r["enterprise_id"]: r for r in followed["demand_losses"]}["ent.auto.xinzhu"]
    assert (xinzhu["demand_hit"], xinzhu["round"]) == (True, 2)  # its one customer hongrui stopped
    assert "ent.auto.xinzhu" not in result["demand_hit"]
    stricter = weaklinks.disruption(seed_store, ["ent.auto.hengyuan"], demand_threshold=1.0)
    assert stricter["demand_hit"] == ["ent.auto.hongrui"]
    anchor = next(
        a
        for a in weaklinks.anchors(seed_store, "auto")["anchors"]
        if a["enterprise_id"] == "ent.auto.hengyuan"
    )
    assert anchor["disruption_cut_off"] == 0
    assert anchor["disruption_demand_hit"] == len(result["demand_hit"])
    assert "ent.auto.hongrui" in anchor["disruption_demand_hit_ids"]


def test_the_http_answers_keep_the_two_sides_apart(seed_store: GraphStore) -> None:
    with TestClient(create_app(Settings(), store=seed_store)) as client:
        impact = client.get("/enterprises/ent.auto.hengyuan/impact", params={"follow_demand": "true"}).json()
        assert impact["cut_off"] == [] and impact["follow_demand"] is True
        assert {"ent.auto.hongrui", "ent.auto.xinzhu"} <= set(impact["demand_hit"])
        posted = client.post(
            "/scenarios/disruption",
            json={"enterprise_ids": ["ent.auto.hengyuan"], "demand_threshold": 1.0},
        ).json()
        assert posted["demand_hit"] == ["ent.auto.hongrui"] and posted["demand_threshold"] == 1.0
        anchors = client.get("/chains/auto/anchors", params={"demand_threshold": 0.9}).json()
        hengyuan = next(a for a in anchors["anchors"] if a["enterprise_id"] == "ent.auto.hengyuan")
        assert hengyuan["disruption_demand_hit_ids"] == ["ent.auto.hongrui"]
        sme = client.get("/chains/auto/sme-candidates").json()
        assert all("in_district" in s for s in sme["specialised"])
        assert client.get("/enterprises/ent.catl/impact", params={"demand_threshold": 0}).status_code == 422


# e6 makes p3 too and supplies it to e4: once it lands, stopping e3 no longer cuts e4 off
SECOND_SUPPLIER = {
    "enterprises.csv": (
        "编号,名称,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,来源,核实日期,所属环节,主要产品\n"
        "e6,南关总成公司,220102,否,中型,否,否,在营,illustrative,2026-11-09,s3,p3\n"
    ),
    "supply_links.csv": (
        "供应企业编号,采购企业编号,供应产品,来源,核实日期\ne6,e4,p3,illustrative,2026-11-09\n"
    ),
}


@pytest.fixture
def dated_mini(empty_store: GraphStore, tmp_path: Path) -> GraphStore:
    history.import_update(
        empty_store, read_ledger(FIXTURES / "mini"), author="链办", note="mini", at=D(2026, 11, 2)
    )
    for name, text in SECOND_SUPPLIER.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    history.import_update(empty_store, read_ledger(tmp_path), author="专班", note="e6", at=D(2026, 11, 9))
    return empty_store


def test_a_posted_what_if_reads_a_past_state_as_the_get_does(dated_mini: GraphStore) -> None:
    with TestClient(create_app(Settings(), store=dated_mini)) as client:
        past = {"as_of": "2026-11-08"}
        got = client.get("/enterprises/e3/impact", params=past)
        posted = client.post("/scenarios/disruption", params=past, json={"enterprise_ids": ["e3"]})
        assert got.status_code == posted.status_code == 200
        assert posted.json() == got.json()
        assert [c["enterprise_id"] for c in posted.json()["cut_off"]] == ["e4"]  # before e6 landed
        today = client.post("/scenarios/disruption", json={"enterprise_ids": ["e3"]}).json()
        assert today["cut_off"] == []


def _growth(store: GraphStore, year: int) -> dict[str, dict[str, object]]:
    items = assessment.assessment(store, "auto", year)["items"]
    return {i["item"]: i for i in items if i["item"] in ("anchors", "specialised")}


def test_the_first_import_of_the_year_is_not_growth(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = make_store(engine, request, tmp_path / "first")
    try:
        with dataset_path() as path:  # the data is first recorded in 2026: 1 anchor, 4 specialised firms
            history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2026, 11, 2))
        found = _growth(store, 2026)
        assert (found["anchors"]["score"], found["specialised"]["score"]) == (0.0, 0.0)
        for item in found.values():
            assert str(item["evidence"][0]).startswith("本链数据于2026-11-02首次录入")  # type: ignore[index]
        history.import_update(  # a specialised firm that lands later in the year is growth
            store, read_ledger(FIXTURES / "history" / "w46"), author="专班", note="w46", at=D(2026, 11, 9)
        )
        found = _growth(store, 2026)
        assert (found["anchors"]["score"], found["specialised"]["score"]) == (0.0, 1.0)
        assert "新增：长春新源电池系统有限公司（ent.auto.newbat）" in found["specialised"]["evidence"]  # type: ignore[operator]
    finally:
        close_store(store)


def test_growth_is_measured_from_the_eve_when_the_data_is_older(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = make_store(engine, request, tmp_path / "eve")
    try:
        with dataset_path() as path:
            history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2025, 12, 1))
        history.import_update(
            store, read_ledger(FIXTURES / "history" / "w46"), author="专班", note="w46", at=D(2026, 3, 2)
        )
        found = _growth(store, 2026)
        assert found["specialised"]["score"] == 1.0 and found["anchors"]["score"] == 0.0
        assert str(found["specialised"]["evidence"][0]).startswith("对比上年末（2025-12-31）")  # type: ignore[index]
    finally:
        close_store(store)
