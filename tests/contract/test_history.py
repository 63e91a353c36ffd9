"""History on the seed data with dated updates, on both engines (tests/fixtures/history/README.md):
as_of, changes, the risk register, reports for every kind of period, and the yearly assessment."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from seed import dataset_path
from service import history, register, weaklinks
from service.api.app import create_app
from service.cache import ResultCache
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import ENGINES, FIXTURES, close_store, make_store

HISTORY = FIXTURES / "history"
RISK = "risk:auto:single_source:ent.auto.chiyuan:p.auto.battery_pack"
D = dt.date


@pytest.fixture(scope="module", params=ENGINES)
def dated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = make_store(request.param, request, tmp_path_factory.mktemp("history"))
    with dataset_path() as path:
        history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2026, 11, 2))
    register.record(
        store, "auto", RISK, author="汽车链专班", status="confirmed", owner="区工信局", on=D(2026, 11, 5)
    )
    history.import_update(
        store, read_ledger(HISTORY / "w46"), author="汽车链专班", note="新电池企业投产", at=D(2026, 11, 9)
    )
    history.import_update(
        store,
        read_ledger(HISTORY / "w47"),
        author="汽车链专班",
        note="项目开工、政策出台",
        at=D(2026, 11, 16),
    )
    yield store
    close_store(store)


@pytest.fixture(scope="module")
def client(dated: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(keys_file=tmp_path_factory.mktemp("k") / "keys.json")
    with TestClient(create_app(settings, store=dated)) as c:
        yield c


def test_every_update_is_recorded_with_date_author_and_note(client: TestClient) -> None:
    body = client.get("/updates").json()
    assert [(u["at"], u["author"], u["kind"]) for u in body["data"]] == [
        ("2026-11-02", "链办", "import"),
        ("2026-11-05", "汽车链专班", "import"),
        ("2026-11-09", "汽车链专班", "import"),
        ("2026-11-16", "汽车链专班", "import"),
    ]
    assert body["data"][0]["summary"]["enterprises"] == 229
    assert body["data"][2]["summary"] == {"enterprises": 1, "supply_links": 1}


def test_a_firm_added_in_an_update_is_absent_before_it_and_present_after(client: TestClient) -> None:
    path = "/enterprises/ent.auto.newbat"
    assert client.get(path, params={"as_of": "2026-11-08"}).status_code == 404
    assert client.get(path, params={"as_of": "2026-11-09"}).json()["name"] == "长春新源电池系统有限公司"
    assert client.get(path).status_code == 200
    before = client.get("/chains/auto/breaks", params={"as_of": "2026-11-08"}).json()
    after = client.get("/chains/auto/breaks", params={"as_of": "2026-11-09"}).json()
    assert "auto.s08" in {b["segment_id"] for b in before["data"] if b["kind"] == "break"}
    assert "auto.s08" not in {b["segment_id"] for b in after["data"] if b["kind"] == "break"}
    lists = client.get("/chains/auto/lists/risks", params={"as_of": "2026-11-01"})
    assert lists.status_code == 404  # before the first update: said so, not "the chain does not exist"
    assert "早于第一次记录的更新（2026-11-02）" in lists.json()["detail"]
    what_if = client.post(  # a what-if is a read: as_of applies to it as to any GET
        "/scenarios/disruption", params={"as_of": "2026-11-08"}, json={"enterprise_ids": ["ent.catl"]}
    )
    assert "ent.auto.chiyuan" in {c["enterprise_id"] for c in what_if.json()["cut_off"]}  # CATL alone
    today = client.post("/scenarios/disruption", json={"enterprise_ids": ["ent.catl"]}).json()
    assert "ent.auto.chiyuan" not in {c["enterprise_id"] for c in today["cut_off"]}  # newbat too


def test_changes_between_two_dates(client: TestClient) -> None:
    body = client.get("/chains/auto/changes", params={"from": "2026-11-08", "to": "2026-11-16"}).json()
    assert [u["at"] for u in body["updates"]] == ["2026-11-09", "2026-11-16"]
    assert [c["key"] for c in body["firms"]["added"]] == [["ent.auto.newbat"]]
    assert [c["key"] for c in body["links"]["added"]] == [
        ["ent.auto.newbat", "ent.auto.chiyuan", "p.auto.battery_pack"]
    ]
    project = body["projects"]["changed"][0]
    assert project["key"] == ["proj.auto.03"] and project["fields"]["stage"] == {
        "before": "签约",
        "after": "在建",
        "label": "项目阶段",
    }
    assert [c["key"] for c in body["policies"]["added"]] == [["pol.d99"]]
    assert RISK in {r["id"] for r in body["risks"]["closed"]}
    assert "break:auto.s08" in {b["id"] for b in body["breaks"]["closed"]}
    assert not body["risks"]["opened"] or RISK not in {r["id"] for r in body["risks"]["opened"]}
    other = client.get("/chains/beef/changes", params={"from": "2026-11-08", "to": "2026-11-16"}).json()
    assert not other["firms"]["added"] and not other["projects"]["changed"]


def test_the_register_proposes_a_risk_that_closed_as_resolved(client: TestClient) -> None:
    body = client.get("/chains/auto/risk-register").json()
    entry = next(r for r in body["data"] if r["id"] == RISK)
    assert entry["recorded"] and entry["status"] == "confirmed" and entry["owner"] == "区工信局"
    assert entry["still_found"] is False and entry["proposal"] == "resolve"
    was = client.get("/chains/auto/risk-register", params={"as_of": "2026-11-05"}).json()
    assert next(r for r in was["data"] if r["id"] == RISK)["proposal"] is None
    proposed = [r for r in body["data"] if r["proposal"] == "record"]
    assert proposed and all(not r["recorded"] and r["status"] == "identified" for r in proposed)


@pytest.mark.parametrize("period", ["2026-W46", "2026-11", "2026-Q4", "2026-H2", "2026"])
def test_reports_for_every_kind_of_period(client: TestClient, period: str) -> None:
    body = client.get(f"/chains/auto/reports/{period}").json()
    assert body["period"] == period and body["title"].startswith("汽车零部件")
    events = body["changes"]["risks"]
    if period == "2026-W46":  # closed by the new supplier that week
        assert RISK in {r["id"] for r in events["closed"]}
    else:  # longer periods begin before the seed: the risk opened and closed inside them
        assert RISK not in {r["id"] for r in events["opened"] + events["closed"]}
    assert ["ent.auto.newbat"] in [c["key"] for c in body["changes"]["firms"]["added"]]
    figures = {f["key"]: f for f in body["figures"]}
    if period == "2026-W46":
        assert body["previous_period"] == "2026-W45"
        assert figures["breaks"]["previous"] == 1 and figures["breaks"]["value"] == 0
        assert figures["single_source_inputs"]["change"] == -1
    if period in ("2026-Q4", "2026"):
        assert body["previous_period"] in ("2026-Q3", "2025")
        assert figures["district_firms"]["previous"] is None  # nothing recorded before November 2026
    assert set(body["lists"]) == {"key-enterprises", "core-suppliers", "risks", "projects", "policies"}
    html = client.get(f"/chains/auto/reports/{period}", params={"format": "html"})
    assert html.status_code == 200 and "长春新源电池系统有限公司" in html.text
    xlsx = client.get(f"/chains/auto/reports/{period}", params={"format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[:5] == ["概况", "变更", "断点与风险", "项目进展", "新出台政策"]


def test_the_november_report_shows_project_progress_and_the_new_policy(client: TestClient) -> None:
    body = client.get("/chains/auto/reports/2026-11").json()
    assert body["project_progress"][0]["stage"] == {"before": "签约", "after": "在建"}
    assert [p["id"] for p in body["policies_issued"]] == ["pol.d99"]
    week = client.get("/chains/auto/reports/2026-W45").json()
    assert [u["at"] for u in week["changes"]["updates"]] == ["2026-11-02", "2026-11-05"]  # the seed's week
    assert ["ent.auto.newbat"] not in [c["key"] for c in week["changes"]["firms"]["added"]]
    assert ["ent.auto.hengyuan"] in [c["key"] for c in week["changes"]["firms"]["added"]]


def test_yearly_assessment_scores_from_data_and_evidence(client: TestClient) -> None:
    body = client.get("/chains/auto/assessment/2026").json()
    items = {i["item"]: i for i in body["items"]}
    assert len(items) == 8 and body["out_of"] == 8
    assert items["task_force"]["score"] == 1.0  # the seed's auto task force is staffed
    assert items["policies"]["score"] == 1.0 and any(
        "pol.d99" in e or "补链支持办法" in e for e in items["policies"]["evidence"]
    )
    # proj.auto.03 started on 2026-11-16 in auto.s08, a break when the seed landed (closed since)
    assert items["projects"]["score"] == 1.0
    assert items["projects"]["evidence"] == [
        "动力电池包组装项目（示意）（开工），补「新能源三电（电池/电机/电控）」断点"
    ]
    assert items["specialised"]["score"] == 1.0  # ent.auto.newbat is 专精特新
    assert items["yearly_plan"]["score"] == 0.0 and items["yearly_plan"]["source"] == "evidence"
    weeks = items["kept_current"]
    assert weeks["evidence"][0].startswith("3/")  # W45, W46 and W47 of the weeks so far
    assert items["problems"]["evidence"][0] == "本年度登记1项，已化解0项"
    assert body["total"] == pytest.approx(sum(i["score"] for i in body["items"]))
    assert client.get("/chains/auto/assessment/2099").status_code == 422  # a year not begun
    xlsx = client.get("/chains/auto/assessment/2026", params={"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "考核事项" and len(rows) == 1 + 8 + 1


def test_past_states_answer_the_analyses(dated: GraphStore) -> None:
    past = history.as_of(dated, D(2026, 11, 8))
    assert past is not dated and history.as_of(dated, D(2026, 11, 8)) is past  # kept for later questions
    assert history.as_of(dated, D(2026, 12, 1)) is dated  # nothing changed since: the graph itself
    single = weaklinks.risks(past, "auto")["single_source_inputs"]
    assert ("ent.auto.chiyuan", "p.auto.battery_pack") in {(r["buyer_id"], r["product_id"]) for r in single}


def test_the_log_replays_to_the_graph(dated: GraphStore) -> None:
    """Each update read back only the sheets it listed: the log must still add up to the whole graph."""
    assert history.replay(dated) == history.current_state(dated)
    # recording an update leaves the graph version as the import left it: the log is complete, and no
    # cached answer about the chains was thrown away for it
    assert history.updates(dated)[-1].version == ResultCache.version(dated)
