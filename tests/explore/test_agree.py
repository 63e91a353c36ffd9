"""The explorers answer what the API answers: each frame equals the JSON answer it was cut from, on both
engines; a local and a remote explorer on the same graph give equal answers and frames, equal to the
JSON the HTTP API sends; the remote explorer's errors carry the API's Chinese message."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import httpx
import pandas as pd
import pytest

from service import explore
from service.explore import BEFORE_AFTER, QUESTIONS, ExploreError, Explorer
from service.explore.local import ANSWERS, PAGES, LocalExplorer
from service.explore.remote import PAGE_ROUTES, ROUTES, RemoteExplorer
from tests.explore.conftest import SEED_DAY, WEEK, WEEK_DAY, Service, assert_frame_is_answer, build_embedded

TARGET = "ent.auto.s07.j1"  # an outside electronics maker the auto chain's recruitment ranks
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("chains", (), {}),
    ("chain", ("auto",), {}),
    ("chain", ("beef", None), {}),
    ("breaks", ("auto",), {}),
    ("breaks", ("auto",), {"as_of": SEED_DAY}),
    ("risks", ("auto",), {}),
    ("risks", ("auto", "concentrated_inputs"), {"hhi_threshold": 0.4}),
    ("risks", ("auto", "outside_dependency"), {"limit": 5, "as_of": "2026-11-02"}),
    ("anchors", ("auto",), {}),
    ("anchors", ("auto", "candidates"), {"demand_threshold": 0.3}),
    ("sme_candidates", ("auto",), {}),
    ("impact", ("ent.auto.xinzhu",), {}),
    ("impact", ("ent.auto.xinzhu", "demand_losses"), {"follow_demand": True}),
    ("what_if", (["ent.auto.xinzhu", "ent.catl"], None), {}),
    ("recruitment", ("auto",), {"limit": 10}),
    ("recruitment", ("auto", "gaps"), {"weights": {"distance": 30}}),
    ("dossier", (TARGET,), {"chain_id": "auto"}),
    ("dossier", (TARGET, BEFORE_AFTER), {"chain_id": "auto"}),
    ("lists", ("auto", "core-suppliers"), {}),
    ("changes", ("auto", "2026-11-08", WEEK_DAY), {}),
    ("changes", ("auto", "2026-11-08", WEEK_DAY, "firms.added"), {}),
    ("report", ("auto", WEEK), {}),
    ("history", (), {}),
    ("enterprise", ("ent.auto.xinzhu", "customers"), {}),
    ("risk_register", ("auto",), {}),
    ("trend", ("auto",), {}),
]
IDS = [f"{m}-{i}" for i, (m, _, _) in enumerate(CALLS)]


def _without_clock(value: Any) -> Any:
    """The answer without ``recorded_at``: two stores built alike differ only in when they were."""
    if isinstance(value, dict):
        return {k: _without_clock(v) for k, v in value.items() if k != "recorded_at"}
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


@pytest.mark.parametrize(("method", "args", "kwargs"), CALLS, ids=IDS)
def test_each_frame_equals_the_json_answer_it_came_from(
    local: LocalExplorer, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    df = getattr(local, method)(*args, **kwargs)
    assert isinstance(df, pd.DataFrame)
    assert_frame_is_answer(df)


def test_both_explorers_answer_every_question() -> None:
    assert set(ANSWERS) == set(ROUTES) == set(QUESTIONS)
    assert set(PAGES) == set(PAGE_ROUTES) == set(explore.PAGES)
    methods = {name for name, _ in inspect.getmembers(Explorer, inspect.isfunction)}
    assert set(QUESTIONS) <= methods and set(explore.PAGES) - {"map"} <= methods


def test_the_headers_are_chinese(local: LocalExplorer) -> None:
    risks = local.risks("auto")
    assert {"企业", "得分", "评分构成·断供区内企业数", "评分构成·除数"} <= set(risks.columns)
    lists = local.lists("auto", "key-enterprises")
    headers = [c["header"] for c in lists.attrs["raw"]["columns"]]
    assert list(lists.columns) == headers  # the list's own headers, in its order


def test_the_trend_agrees_with_the_weekly_report(local: LocalExplorer) -> None:
    trend = local.trend("auto").set_index("日期")
    figures = {f["key"]: f for f in local.answer("report", chain_id="auto", period=WEEK)["figures"]}
    for key, header in (
        ("breaks", "断点"),
        ("choke_points", "堵点"),
        ("single_source_inputs", "单一来源投入"),
    ):
        assert trend.loc[WEEK_DAY.isoformat(), header] == figures[key]["value"]
        assert trend.loc[SEED_DAY.isoformat(), header] == figures[key]["previous"]
    assert trend.loc[SEED_DAY.isoformat(), "断点"] == 1 and trend.loc[WEEK_DAY.isoformat(), "断点"] == 0


def test_the_bundled_seed_opens_in_a_temporary_store_that_goes_on_close() -> None:
    ex = explore.open_local()
    try:
        assert ex.chains()["编号"].tolist() == ["auto", "beef", "cons", "ha"]
        log = ex.history()
        assert len(log) == 1 and log.iloc[0]["作者"] == "notebook"
        home = ex._home
        assert home is not None and home.exists()
    finally:
        ex.close()
    assert not home.exists()


def test_a_local_store_that_is_not_there_is_refused(tmp_path: Any) -> None:
    with pytest.raises(ExploreError, match="没有找到图谱"):
        explore.open_local(tmp_path / "nothing.lbdb")


@pytest.fixture(scope="module")
def pair(service: Service, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Explorer, Explorer]]:
    """A local explorer and a remote one (viewer key) over two stores of the same recorded graph."""
    from service.explore.local import open_local

    path = build_embedded(tmp_path_factory.mktemp("twin") / "graph.lbdb")
    here = open_local(path)
    there = explore.connect(service.url, service.viewer_key)
    yield here, there
    here.close()
    there.close()


@pytest.mark.parametrize(("method", "args", "kwargs"), CALLS, ids=IDS)
def test_local_and_remote_agree(
    pair: tuple[Explorer, Explorer], method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    here, there = pair
    mine, theirs = getattr(here, method)(*args, **kwargs), getattr(there, method)(*args, **kwargs)
    assert _without_clock(mine.attrs["raw"]) == _without_clock(theirs.attrs["raw"])
    clock = [h for h, f in mine.attrs["fields"].items() if f and f.endswith("recorded_at")]
    pd.testing.assert_frame_equal(mine.drop(columns=clock), theirs.drop(columns=clock))
    assert_frame_is_answer(theirs)


# what each question asks over HTTP, written out by hand
HTTP = [
    ("/chains/auto/risks?hhi_threshold=0.4", "risks", {"chain_id": "auto", "hhi_threshold": 0.4}),
    ("/chains/auto/breaks?as_of=2026-11-02", "breaks", {"chain_id": "auto", "as_of": SEED_DAY}),
    (
        "/chains/auto/changes?from=2026-11-08&to=2026-11-09",
        "changes",
        {"chain_id": "auto", "start": "2026-11-08", "end": WEEK_DAY},
    ),
    (
        "/chains/auto/recruitment?weight=distance:30&limit=5",
        "recruitment",
        {"chain_id": "auto", "limit": 5, "weights": {"distance": 30}},
    ),
    (f"/recruitment/{TARGET}?chain_id=auto", "dossier", {"enterprise_id": TARGET, "chain_id": "auto"}),
    (
        "/enterprises/ent.auto.xinzhu/impact?follow_demand=true",
        "impact",
        {"enterprise_id": "ent.auto.xinzhu", "follow_demand": True},
    ),
    ("/chains/auto/lists/risks", "lists", {"chain_id": "auto", "name": "risks"}),
    (f"/chains/auto/reports/{WEEK}", "report", {"chain_id": "auto", "period": WEEK}),
]


@pytest.mark.parametrize(("url", "question", "params"), HTTP, ids=[q for _, q, _ in HTTP])
def test_the_answers_are_the_json_the_api_sends(
    pair: tuple[Explorer, Explorer], service: Service, url: str, question: str, params: dict[str, Any]
) -> None:
    here, there = pair
    sent = httpx.get(
        service.url + url, headers={"Authorization": f"Bearer {service.viewer_key}"}, timeout=120
    )
    assert sent.status_code == 200, sent.text
    given = {k: v for k, v in params.items() if k not in ("start", "end", "as_of")}
    for key in ("start", "end", "as_of"):
        if key in params:
            from service.explore.explorer import day

            given[key] = day(params[key], key)
    assert there.answer(question, **given) == sent.json()
    assert _without_clock(here.answer(question, **given)) == _without_clock(sent.json())


def test_what_if_posts_the_firms(pair: tuple[Explorer, Explorer], service: Service) -> None:
    _, there = pair
    sent = httpx.post(
        f"{service.url}/scenarios/disruption",
        json={"enterprise_ids": ["ent.auto.xinzhu"], "follow_demand": True},
        headers={"X-API-Key": service.viewer_key},
        timeout=120,
    )
    assert sent.status_code == 200, sent.text
    df = there.what_if(["ent.auto.xinzhu"], None, follow_demand=True)
    assert df.attrs["raw"] == sent.json()


def test_pages_are_the_pages_the_service_serves(pair: tuple[Explorer, Explorer], service: Service) -> None:
    here, there = pair
    headers = {"Authorization": f"Bearer {service.viewer_key}"}
    served = httpx.get(f"{service.url}/chains/auto/maps/chain.html", headers=headers, timeout=120).text
    page = there.map("auto")
    assert page.html == served
    assert here.map("auto").html == served  # the map is drawn from the graph alone
    frame = page._repr_html_()
    assert frame.startswith("<iframe") and "srcdoc=" in frame and "&lt;html" in frame.lower()
    dossier = there.dossier_page(TARGET, chain_id="auto")
    assert "长春长风汽车电子有限公司" in dossier.html and "<iframe" in dossier._repr_html_()


def test_remote_errors_carry_the_apis_chinese_message(
    pair: tuple[Explorer, Explorer], service: Service
) -> None:
    here, there = pair
    with pytest.raises(ExploreError) as remote:
        there.breaks("nope")
    with pytest.raises(ExploreError) as at_home:
        here.breaks("nope")
    assert remote.value.status == at_home.value.status == 404
    assert remote.value.code == at_home.value.code == "not_found"
    assert remote.value.detail == at_home.value.detail and "nope" in remote.value.detail
    for ask in (
        lambda ex: ex.risks("auto", limit=100_000),
        lambda ex: ex.anchors("auto", demand_threshold=2),
        lambda ex: ex.recruitment("auto", limit=0),
        lambda ex: ex.what_if([]),
    ):
        with pytest.raises(ExploreError) as bounded:
            ask(there)
        with pytest.raises(ExploreError) as bounded_here:
            ask(here)
        assert bounded.value.status == bounded_here.value.status == 422
        assert bounded.value.detail == bounded_here.value.detail  # 请求参数无效：query.limit（…）
    with pytest.raises(ExploreError) as early:
        there.breaks("auto", as_of="2020-01-01")
    assert early.value.status == 404 and "早于第一次记录的更新" in early.value.detail


def test_a_wrong_or_missing_key_is_refused_in_chinese(service: Service) -> None:
    with pytest.raises(ExploreError) as wrong:
        explore.connect(service.url, "cl_00000000_" + "x" * 43)
    assert wrong.value.status == 401 and wrong.value.detail == "API密钥无效或已吊销"
    with pytest.raises(ExploreError) as missing:
        explore.connect(service.url)
    assert missing.value.status == 401 and "需要API密钥" in missing.value.detail


def test_an_unreachable_service_is_said_so() -> None:
    from tests.conftest import free_port

    with pytest.raises(ExploreError, match="无法连接到") as caught:
        explore.connect(f"http://127.0.0.1:{free_port()}", "k", timeout=5)
    assert caught.value.code == "unreachable"


def test_from_env_picks_the_service(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINLENS_URL", service.url)
    monkeypatch.setenv("CHAINLENS_KEY", service.viewer_key)
    ex = explore.from_env()
    try:
        assert isinstance(ex, RemoteExplorer) and ex.where == service.url
    finally:
        ex.close()
