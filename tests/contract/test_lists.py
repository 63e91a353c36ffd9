"""The five lists on the seed data, on both engines: JSON, and CSV and XLSX read back to the same rows."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore

LISTS = ("key-enterprises", "core-suppliers", "risks", "projects", "policies")


@pytest.fixture(scope="module")
def client(seed_store: GraphStore) -> TestClient:
    with TestClient(create_app(Settings(), store=seed_store)) as c:
        yield c


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


@pytest.mark.parametrize("name", LISTS)
def test_csv_and_xlsx_hold_the_json_rows(client: TestClient, name: str) -> None:
    body = client.get(f"/chains/beef/lists/{name}").json()
    assert body["count"] == len(body["data"]) > 0
    keys = [c["key"] for c in body["columns"]]
    headers = [c["header"] for c in body["columns"]]
    expected = [[_text(row[k]) for k in keys] for row in body["data"]]

    raw = client.get(f"/chains/beef/lists/{name}", params={"format": "csv"}).content
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads the Chinese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == headers and rows[1:] == expected

    book = load_workbook(
        io.BytesIO(client.get(f"/chains/beef/lists/{name}", params={"format": "xlsx"}).content)
    )
    ws = book.worksheets[0]
    assert ws.title == body["title"] and ws.freeze_panes == "A2"
    cells = [[_text(c) for c in r] for r in ws.iter_rows(values_only=True)]
    assert cells[0] == headers and cells[1:] == expected


def test_lists_carry_the_documented_firms(client: TestClient) -> None:
    key = {r["id"]: r for r in client.get("/chains/beef/lists/key-enterprises").json()["data"]}
    assert key["ent.haoyue"]["is_anchor"] == "是" and key["ent.haoyue"]["region_name"] == "皓月产业园区"
    core = client.get("/chains/beef/lists/core-suppliers").json()["data"]
    assert len(core) == 9 and all("皓月" in r["anchors"] for r in core)
    risks = client.get("/chains/beef/lists/risks").json()["data"]
    assert {r["subject"] for r in risks if r["kind"] == "断点"} == {"良种繁育", "副产物利用：生物提取"}
    assert [r["subject"] for r in risks if r["kind"] == "堵点（单一企业）"] == ["副产物利用：皮革"]
    projects = client.get("/chains/ha/lists/projects").json()["data"]
    assert projects and all(p["stage"] in {"谋划", "签约", "在建", "竣工", "投产"} for p in projects)
    policies = client.get("/chains/auto/lists/policies").json()["data"]
    assert policies and all(p["supports"] for p in policies)
    assert [p["issued_on"] for p in policies] == sorted((p["issued_on"] for p in policies), reverse=True)


def test_unknown_list_or_chain(client: TestClient) -> None:
    assert client.get("/chains/beef/lists/nope").status_code == 422
    assert client.get("/chains/nope/lists/projects").json()["code"] == "not_found"
