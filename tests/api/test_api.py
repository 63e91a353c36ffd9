"""The HTTP API over a store seeded with the mini fixture: shapes, Chinese text, one error body."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore


@pytest.fixture
def client(mini_store: GraphStore) -> Iterator[TestClient]:
    app = create_app(Settings(), store=mini_store)
    with TestClient(app) as c:
        yield c


def test_health_reports_backend_and_counts(client: TestClient, engine: str) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["engine"] == engine
    assert body["backend"] == {"ladybug": "embedded", "neo4j": "neo4j"}[engine]
    assert body["nodes"] > 3500 and body["relationships"] > 3500  # regions + the mini chain


def test_chains_and_one_chain_with_ordered_segments(client: TestClient) -> None:
    chains = client.get("/chains").json()
    assert chains["count"] == 1
    assert chains["data"][0] == {
        "id": "c1",
        "name": "测试链",
        "leader": "副区长",
        "description": "契约测试用的小链",
        "segment_count": 4,
    }
    chain = client.get("/chains/c1").json()
    assert [s["id"] for s in chain["segments"]] == ["s1", "s2", "s3", "s4"]
    assert [s["district_enterprise_count"] for s in chain["segments"]] == [0, 1, 1, 0]


def test_enterprise_card(client: TestClient) -> None:
    card = client.get("/enterprises/e3").json()
    assert card["name"] == "绿园总成公司"
    assert card["region_name"] == "皓月产业园区"
    assert card["is_anchor"] is True
    assert [(s["enterprise_id"], s["share"]) for s in card["suppliers"]] == [("e2", 0.7), ("e5", 0.3)]
    assert [c["enterprise_id"] for c in card["customers"]] == ["e4"]


def test_search_finds_chinese_substrings_and_ids(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "部件"}).json()["data"]
    assert {(h["kind"], h["id"]) for h in hits} == {
        ("segment", "s2"),
        ("enterprise", "e2"),
        ("enterprise", "e5"),
        ("product", "p2"),
    }
    assert client.get("/search", params={"q": "e3"}).json()["data"][0]["id"] == "e3"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/chains/nope", 404, "not_found"),
        ("/enterprises/nope", 404, "not_found"),
        ("/chains/bad%20id", 422, "invalid_input"),
        ("/search?q=", 422, "invalid_input"),
        ("/no-such-route", 404, "not_found"),
    ],
)
def test_errors_share_one_body_shape(client: TestClient, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and isinstance(body["detail"], str) and body["detail"]


def test_import_upload_reports_problems_and_writes_nothing(client: TestClient) -> None:
    before = client.get("/health").json()["nodes"]
    bad = "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\nsx,新环节,c1,五,上游,illustrative,2026-11-20\n"
    response = client.post("/imports", files=[("files", ("segments.csv", bad.encode("gbk"), "text/csv"))])
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [(p["source"], p["row"], p["column"]) for p in body["problems"]] == [("segments.csv", 2, "顺序")]
    assert client.get("/health").json()["nodes"] == before


def test_import_upload_applies_a_valid_ledger(client: TestClient) -> None:
    good = "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\ns5,售后服务,c1,5,下游,illustrative,2026-11-20\n"
    response = client.post("/imports", files=[("files", ("segments.csv", good.encode(), "text/csv"))])
    assert response.status_code == 200, response.text
    assert response.json()["created"]["Segment"] == 1
    assert [s["id"] for s in client.get("/chains/c1").json()["segments"]][-1] == "s5"


def test_unreachable_backend_answers_503_with_a_clear_body() -> None:
    settings = Settings(backend="neo4j", neo4j_uri="bolt://127.0.0.1:9", neo4j_timeout_s=2)
    with TestClient(create_app(settings)) as c:
        health = c.get("/health")
        assert health.status_code == 503
        assert health.json()["code"] == "backend_unavailable" and health.json()["backend"] == "neo4j"
        chains = c.get("/chains")
        assert chains.status_code == 503 and chains.json()["code"] == "backend_unavailable"


def test_oversized_upload_is_413(mini_store: GraphStore) -> None:
    with TestClient(create_app(Settings(max_upload_bytes=100), store=mini_store)) as client:
        response = client.post("/imports", files=[("files", ("segments.csv", b"x" * 200, "text/csv"))])
    assert response.status_code == 413 and response.json()["code"] == "too_large"
