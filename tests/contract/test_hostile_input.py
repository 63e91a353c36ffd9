"""Hostile input through every door, on both engines: Cypher fragments, quotes, NUL bytes, very long
strings, deep JSON, formula cells. Each answers 4xx (a search for odd text may answer 200 with what
matches, which is nothing), nothing answers 5xx, and the graph is unchanged afterwards."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from service.api.app import create_app
from service.ledger.format import sheet_for
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q

FRAGMENTS = [
    "' OR 1=1 //",
    '") DETACH DELETE n //',
    "}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "e3' }) SET n.name = 'pwned' //",
    "$chain_id",
    "`Enterprise`",
    "a\x00b",
    "\\u0000",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    '=HYPERLINK("http://evil.example","x")',
    "x" * 10_000,
    "😀" * 300,
]


def _fingerprint(store: GraphStore) -> tuple[object, ...]:
    return (
        store.read(Q.GET_VERSION),
        store.read(Q.COUNT_NODES),
        store.read(Q.COUNT_RELATIONSHIPS),
        store.read(Q.GET_ENTERPRISE, {"enterprise_id": "e3"}),
    )


@pytest.fixture
def client(mini_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=mini_store), raise_server_exceptions=False) as c:
        yield c


def test_hostile_path_query_and_body_values(client: TestClient, mini_store: GraphStore) -> None:
    before = _fingerprint(mini_store)
    for text in FRAGMENTS:
        q = quote(text, safe="")
        for path in (
            f"/chains/{q}",
            f"/chains/{q}/breaks",
            f"/chains/{q}/recruitment",
            f"/enterprises/{q}",
            f"/enterprises/{q}/impact",
            f"/recruitment/{q}",
            f"/chains/c1/lists/{q}",
            f"/chains/c1/maps/{q}.html",
            f"/chains/c1/risks?hhi_threshold={q}",
            f"/chains/c1/recruitment?weight={q}",
            f"/chains/c1/recruitment?weight=gap:{q}",
            f"/recruitment/e1?chain_id={q}",
        ):
            response = client.get(path)
            assert 400 <= response.status_code < 500, (path[:80], response.status_code)
            assert response.json()["code"] in ("invalid_input", "not_found"), path[:80]
        search = client.get("/search", params={"q": text})
        assert search.status_code in (200, 422), text[:40]
        if search.status_code == 200:
            assert search.json()["count"] == 0
        scenario = client.post("/scenarios/disruption", json={"enterprise_ids": [text]})
        assert 400 <= scenario.status_code < 500
    assert _fingerprint(mini_store) == before


def test_deep_and_oversized_json_is_refused(client: TestClient, mini_store: GraphStore) -> None:
    before = _fingerprint(mini_store)
    deep = b'{"enterprise_ids": ' + b"[" * 100_000 + b'"e3"' + b"]" * 100_000 + b"}"
    response = client.post(
        "/scenarios/disruption", content=deep, headers={"content-type": "application/json"}
    )
    assert response.status_code in (400, 422) and response.json()["code"] == "invalid_input"
    for body in (
        {"enterprise_ids": ["e3"] * 10_000},
        {"enterprise_ids": {"$ne": None}},
        {"enterprise_ids": []},
        [],
    ):
        response = client.post("/scenarios/disruption", json=body)
        assert response.status_code == 422, str(body)[:60]
    garbage = client.post(
        "/scenarios/disruption", content=b"{" * 100_000, headers={"content-type": "application/json"}
    )
    assert garbage.status_code in (400, 422) and garbage.json()["code"] == "invalid_input"
    assert _fingerprint(mini_store) == before


def _csv(sheet: str, rows: list[dict[str, str]]) -> bytes:
    spec = sheet_for(sheet)
    assert spec is not None
    headers = [c.header for c in spec.columns if any(c.key in r for r in rows)]
    keys = [c.key for c in spec.columns if any(c.key in r for r in rows)]
    lines = [",".join(headers)] + [",".join(r.get(k, "") for k in keys) for r in rows]
    return ("\n".join(lines) + "\n").encode()


BASE = {"provenance": "illustrative", "confirmed_on": "2026-11-02"}
FIRM = {
    **BASE,
    "name": "某企业",
    "region_code": "220106400",
    "in_district": "是",
    "scale": "小型",
    "is_anchor": "否",
    "is_specialised": "否",
    "status": "在营",
}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ({"id": "e9' }) DETACH DELETE n //"}, "编号"),
        ({"id": "e9", "name": "a\x00b"}, None),  # NUL: the file is not text; the row is named
        ({"id": "e9", "description": "x" * 5_000}, "主营业务"),
        ({"id": "e9", "scale": "'); DROP"}, "企业规模"),
        ({"id": "e9", "region_code": "110105' OR '1'='1"}, "所在地区代码"),
    ],
)
def test_hostile_ledger_rows_are_refused_with_the_field(
    client: TestClient, mini_store: GraphStore, row: dict[str, str], column: str | None
) -> None:
    before = _fingerprint(mini_store)
    content = _csv("enterprises", [{**FIRM, **row}])
    response = client.post("/imports", files=[("files", ("enterprises.csv", content, "text/csv"))])
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert any(p["source"] == "enterprises.csv" and p["row"] == 2 for p in problems), problems
    assert column is None or any(p["column"] == column for p in problems), problems
    assert _fingerprint(mini_store) == before


def test_formula_cells_in_an_uploaded_workbook_are_refused(
    client: TestClient, mini_store: GraphStore
) -> None:
    before = _fingerprint(mini_store)
    spec = sheet_for("enterprises")
    assert spec is not None
    book = Workbook()
    ws = book.active
    ws.title = spec.title
    columns = [c for c in spec.columns if c.key in {**FIRM, "id": ""}]
    ws.append([c.header for c in columns])
    ws.append([{**FIRM, "id": "e9"}[c.key] for c in columns])
    ws.cell(row=2, column=2).value = '=HYPERLINK("http://evil.example","点我")'
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        "/imports", files=[("files", ("ledger.xlsx", buffer.getvalue(), "application/octet-stream"))]
    )
    assert response.status_code == 422
    assert any("公式" in p["message"] for p in response.json()["problems"])
    assert _fingerprint(mini_store) == before


def test_text_that_looks_like_a_formula_is_stored_as_text_and_exported_inert(
    client: TestClient, mini_store: GraphStore
) -> None:
    formula = '=HYPERLINK("http://evil.example","点我")'
    cell = '"' + formula.replace('"', '""') + '"'
    firm = {**FIRM, "id": "e9", "scale": "大型", "segments": "s2", "description": cell}
    content = _csv("enterprises", [firm])
    assert (
        client.post("/imports", files=[("files", ("enterprises.csv", content, "text/csv"))]).status_code
        == 200
    )
    card = client.get("/enterprises/e9").json()
    assert card["description"] == formula
    csv_text = client.get("/chains/c1/lists/key-enterprises", params={"format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert "'" + formula.replace('"', '""') in csv_text  # behind the apostrophe Excel shows as text
    assert formula.replace('"', '""') not in csv_text.replace("'" + formula.replace('"', '""'), "")
    from openpyxl import load_workbook

    xlsx = client.get("/chains/c1/lists/key-enterprises", params={"format": "xlsx"}).content
    for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
