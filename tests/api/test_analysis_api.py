"""Weak-link endpoints over HTTP on the mini fixture, and the per-version result cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service import weaklinks
from service.api.app import create_app
from service.cache import cache_for
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES


@pytest.fixture
def client(mini_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=mini_store)) as c:
        yield c


def test_breaks_name_segment_firms_cut_segments_and_reason(client: TestClient) -> None:
    body = client.get("/chains/c1/breaks").json()
    rows = {(b["kind"], b["segment_id"]): b for b in body["data"]}
    assert set(rows) == {
        ("break", "s1"),
        ("choke_single_firm", "s2"),
        ("choke_single_firm", "s3"),
        ("break", "s4"),
    }
    s1 = rows[("break", "s1")]
    assert [f["id"] for f in s1["firms"]] == ["e1"]
    assert s1["downstream"] == [{"id": "s2", "name": "零部件"}] and s1["upstream"] == []
    assert s1["reason"] == "「原材料」环节区内没有企业，影响下游零部件；区外有1家企业在该环节。"


def test_risks_rank_with_numbers_behind_the_rank(client: TestClient) -> None:
    body = client.get("/chains/c1/risks").json()
    assert {(r["buyer_id"], r["product_id"], r["supplier_id"]) for r in body["single_source_inputs"]} == {
        ("e2", "p1", "e1"),
        ("e4", "p3", "e3"),
    }
    assert [(g["supplier_id"], g["gap_days"]) for g in body["recovery_gaps"]] == [("e3", 80), ("e1", 40)]
    top = body["risk_nodes"][0]
    # e1: cuts district firm e2 (10) + one sole input (3) + 40 gap days (4) = 17; e3 scores 4 + 3 + 8 = 15
    assert top["enterprise_id"] == "e1" and top["score"] == 17.0
    assert top["parts"]["single_source_inputs"] == 1
    concentrated = client.get("/chains/c1/risks", params={"hhi_threshold": 0.5}).json()["concentrated_inputs"]
    assert [(c["buyer_id"], c["hhi"]) for c in concentrated] == [("e3", 0.58)]


def test_impact_cascades_and_lists_substitutes(client: TestClient) -> None:
    body = client.get("/enterprises/e3/impact").json()
    assert [(c["enterprise_id"], c["failed_input"], c["round"]) for c in body["cut_off"]] == [("e4", "p3", 1)]
    assert body["lost_value"] == 8000.0 and body["cut_off_in_district"] == 0
    both = client.post("/scenarios/disruption", json={"enterprise_ids": ["e2", "e5"]}).json()
    assert [c["enterprise_id"] for c in both["cut_off"]] == ["e3", "e4"]
    assert both["substitutes"]["e2"] == {
        "district": [],
        "outside": ["e5"],
        "district_names": [],
        "outside_names": ["南关部件公司"],
    }
    assert client.get("/enterprises/nope/impact").status_code == 404
    assert client.post("/scenarios/disruption", json={"enterprise_ids": []}).status_code == 422


def test_anchors_and_sme_candidates(client: TestClient) -> None:
    anchors = client.get("/chains/c1/anchors").json()
    assert [(a["enterprise_id"], a["district_suppliers_by_tier"]) for a in anchors["anchors"]] == [
        ("e3", [1, 0, 0])
    ]
    assert anchors["anchors"][0]["local_sourcing_ratio"] == round(1200 / 1600, 4)
    sme = client.get("/chains/c1/sme-candidates").json()
    assert [f["enterprise_id"] for f in sme["specialised"]] == ["e2"]
    assert client.get("/chains/nope/anchors").json()["code"] == "not_found"


def test_cache_serves_repeats_and_any_write_invalidates(mini_store: GraphStore) -> None:
    cache = cache_for(mini_store)
    first = weaklinks.breaks(mini_store, "c1")
    misses = cache.misses
    assert weaklinks.breaks(mini_store, "c1") == first
    assert cache.misses == misses and cache.hits > 0
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_change"))  # e2 now also operates in s3
    after = weaklinks.breaks(mini_store, "c1")
    assert cache.misses > misses
    assert ("choke_single_firm", "s3") not in {(b["kind"], b["segment_id"]) for b in after}


def test_one_answer_reads_the_graph_version_once(mini_store: GraphStore) -> None:
    reads: list[str] = []
    real_read = mini_store.read

    def counting(query: str, params: object = None) -> object:
        reads.append(query)
        return real_read(query, params)  # type: ignore[arg-type]

    weaklinks.risks(mini_store, "c1")  # warm every cached part
    mini_store.read = counting  # type: ignore[method-assign]
    try:
        weaklinks.risks(mini_store, "c1")
    finally:
        mini_store.read = real_read  # type: ignore[method-assign]
    assert reads.count("meta/get_version") == 1
