"""Who may call what: the role matrix endpoint by endpoint, keys stored hashed, the secure default
bind, upload limits and CORS. A new endpoint without a declared role fails here."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service import history
from service.access import KeyStore
from service.api.access import Allow
from service.api.app import create_app
from service.cli import app as cli
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q

# Every endpoint and the role it needs; a route missing here fails test_every_endpoint_declares_a_role.
ROLES = {
    ("GET", "/"): "viewer",
    ("GET", "/health"): "public",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "public",
    ("GET", "/chains"): "viewer",
    ("GET", "/chains/{chain_id}"): "viewer",
    ("GET", "/enterprises/{enterprise_id}"): "viewer",
    ("GET", "/search"): "viewer",
    ("POST", "/imports"): "admin",
    ("POST", "/chains/{chain_id}/imports"): "editor",
    ("POST", "/intake"): "admin",
    ("POST", "/chains/{chain_id}/intake"): "editor",
    ("GET", "/chains/{chain_id}/breaks"): "viewer",
    ("GET", "/chains/{chain_id}/risks"): "viewer",
    ("GET", "/chains/{chain_id}/anchors"): "viewer",
    ("GET", "/chains/{chain_id}/sme-candidates"): "viewer",
    ("GET", "/enterprises/{enterprise_id}/impact"): "viewer",
    ("POST", "/scenarios/disruption"): "viewer",
    ("GET", "/chains/{chain_id}/lists/{list_name}"): "viewer",
    ("GET", "/chains/{chain_id}/maps/{map_name}.html"): "viewer",
    ("GET", "/chains/{chain_id}/recruitment"): "viewer",
    ("GET", "/recruitment/{enterprise_id}"): "viewer",
    ("GET", "/updates"): "viewer",
    ("GET", "/updates/{update_id}"): "viewer",
    ("POST", "/updates/{update_id}/undo"): "admin",
    ("POST", "/chains/{chain_id}/updates/{update_id}/undo"): "editor",
    ("POST", "/updates/{update_id}/redate"): "admin",
    ("GET", "/chains/{chain_id}/changes"): "viewer",
    ("GET", "/chains/{chain_id}/risk-register"): "viewer",
    ("POST", "/chains/{chain_id}/risk-register"): "editor",
    ("GET", "/chains/{chain_id}/reports/{period}"): "viewer",
    ("GET", "/chains/{chain_id}/assessment/{year}"): "viewer",
}
PATH_VALUES = {
    "chain_id": "c1",
    "enterprise_id": "e3",
    "list_name": "risks",
    "map_name": "chain",
    "update_id": "u000001",
    "period": "2026-11",
    "year": "2026",
}
QUERY = {"/search": {"q": "部件"}, "/chains/{chain_id}/changes": {"from": "2026-01-01", "to": "2026-12-31"}}
BODY = {
    "/scenarios/disruption": {"enterprise_ids": ["e3"]},
    "/chains/{chain_id}/risk-register": {"risk_id": "risk:c1:break:s1", "status": "confirmed"},
    "/updates/{update_id}/redate": {"at": dt.date.today().isoformat()},
}
SEGMENTS_CSV = (
    "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\ns9,新环节,c1,9,下游,illustrative,2026-11-02\n"
)


def _routes() -> list[APIRoute]:
    """Every API route as served, router-level dependencies included (FastAPI ≥ 0.160 keeps included
    routers lazily, so walk the route contexts it serves from)."""
    from fastapi.routing import iter_route_contexts

    contexts = iter_route_contexts(create_app(Settings()).router.routes)
    return [c.route for c in contexts if isinstance(c.route, APIRoute)]


def _declared(route: APIRoute) -> list[Allow]:
    found = []
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Allow):
            found.append(dep.call)
        stack.extend(dep.dependencies)
    return found


def test_every_endpoint_declares_a_role() -> None:
    seen = set()
    for route in _routes():
        for method in route.methods:
            allows = _declared(route)
            assert len(allows) == 1, f"{method} {route.path} must depend on exactly one Allow"
            assert (method, route.path) in ROLES, f"{method} {route.path} is missing from the role table"
            assert allows[0].role == ROLES[(method, route.path)], f"{method} {route.path}"
            seen.add((method, route.path))
    assert seen == set(ROLES)


@pytest.fixture
def keyed(mini_store: GraphStore, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], KeyStore]]:
    history.reconcile(mini_store)  # the fixture graph as update u000001
    keys = KeyStore(tmp_path / "keys.json")
    tokens = {
        "viewer": keys.create("查看员", "viewer")[1],
        "editor": keys.create("测试链办公室", "editor", ("c1",))[1],
        "editor_other": keys.create("别的链办公室", "editor", ("c2",))[1],
        "admin": keys.create("管理员", "admin")[1],
    }
    with TestClient(create_app(Settings(keys_file=tmp_path / "keys.json"), store=mini_store)) as c:
        yield c, tokens, keys


def _call(client: TestClient, method: str, path: str, token: str | None) -> int:
    url = path.format(
        **{**PATH_VALUES, "enterprise_id": "e1"} if path.startswith("/recruitment") else PATH_VALUES
    )
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if method == "POST" and url == "/login":  # the key to check is the form's; the answer a redirect
        response = client.post(url, headers=headers, data={"key": token or "-"}, follow_redirects=False)
        client.cookies.clear()
        return 200 if response.status_code in (303, 401) else response.status_code
    if method == "POST" and url == "/logout":
        return 200 if client.post(url, follow_redirects=False).status_code == 303 else 500
    if method == "POST" and path == "/chains/{chain_id}/updates/{update_id}/undo":
        # an editor undoes its own chain's update: a c1 import made with the same key, then its undo
        files = [("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv"))]
        client.post("/chains/c1/imports", headers=headers, files=files)
        listed = client.get("/updates", headers=headers)
        latest = listed.json()["data"][-1]["id"] if listed.status_code == 200 else "u000001"
        return client.post(f"/chains/c1/updates/{latest}/undo", headers=headers).status_code
    if method == "POST" and url.endswith("/imports"):
        files = [("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv"))]
        return client.post(url, headers=headers, files=files).status_code
    if method == "POST" and url.endswith("/intake"):
        firm_list = "企业名称,登记状态,注册地址\n甲公司,存续,长春市绿园区西新镇\n".encode()
        return client.post(
            url, headers=headers, files=[("file", ("名录.csv", firm_list, "text/csv"))]
        ).status_code
    if method == "POST":
        return client.post(url, headers=headers, json=BODY.get(path)).status_code
    return client.get(url, headers=headers, params=QUERY.get(path)).status_code


@pytest.mark.parametrize(("method", "path"), sorted(ROLES))
def test_role_matrix(keyed: tuple[TestClient, dict[str, str], KeyStore], method: str, path: str) -> None:
    client, tokens, _ = keyed
    need = ROLES[(method, path)]
    rank = {"public": 0, "viewer": 1, "editor": 2, "admin": 3}
    for who in ("none", "wrong", "viewer", "editor", "editor_other", "admin"):
        token = {"none": None, "wrong": "cl_00000000_" + "x" * 43}.get(who, tokens.get(who))
        status = _call(client, method, path, token)
        role = {"none": "public", "wrong": "public", "editor_other": "editor"}.get(who, who)
        if need == "public":
            assert status == 200, (who, status)
        elif who in ("none", "wrong"):
            assert status == 401, (who, status)
        elif rank[role] < rank[need] or (need == "editor" and who == "editor_other"):
            assert status == 403, (who, status)
        else:
            assert status < 400, (who, status)


def test_refusals_do_not_tell_whether_an_id_exists(
    keyed: tuple[TestClient, dict[str, str], KeyStore],
) -> None:
    client, tokens, _ = keyed
    for path in ("/chains/c1", "/chains/nope", "/enterprises/e3", "/enterprises/nope"):
        response = client.get(path)
        assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    editor = {"Authorization": f"Bearer {tokens['editor']}"}
    files = [("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv"))]
    for chain in ("c2", "nope"):
        response = client.post(f"/chains/{chain}/imports", headers=editor, files=files)
        assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_editor_imports_only_rows_of_its_chain_and_is_the_author(
    keyed: tuple[TestClient, dict[str, str], KeyStore], mini_store: GraphStore
) -> None:
    client, tokens, _ = keyed
    editor = {"X-API-Key": tokens["editor"]}
    before = mini_store.read(Q.GET_VERSION)
    region = "编号,名称,层级,上级地区,来源,核实日期\n220106999,某街道,乡级,220106,illustrative,2026-11-02\n"
    files = [
        ("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv")),
        ("files", ("regions.csv", region.encode(), "text/csv")),
    ]
    refused = client.post("/chains/c1/imports", headers=editor, files=files)
    assert refused.status_code == 403
    assert [(p["source"], p["row"]) for p in refused.json()["problems"]] == [("regions.csv", 2)]
    assert mini_store.read(Q.GET_VERSION) == before  # nothing written
    ok = client.post("/chains/c1/imports", headers=editor, files=files[:1])
    assert ok.status_code == 200 and ok.json()["author"] == "测试链办公室"


def test_keys_are_stored_hashed_and_revoking_takes_effect(
    keyed: tuple[TestClient, dict[str, str], KeyStore],
) -> None:
    client, tokens, keys = keyed
    stored = keys.path.read_text(encoding="utf-8")
    for token in tokens.values():
        assert token.split("_", 2)[2] not in stored
    assert oct(keys.path.stat().st_mode & 0o777) == "0o600"
    viewer = {"Authorization": f"Bearer {tokens['viewer']}"}
    assert client.get("/chains", headers=viewer).status_code == 200
    keys.revoke(tokens["viewer"].split("_")[1])
    assert client.get("/chains", headers=viewer).status_code == 401


def test_without_keys_serve_listens_on_loopback_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.settings import get_settings

    monkeypatch.setenv("CHAINLENS_KEYS_FILE", str(tmp_path / "keys.json"))
    get_settings.cache_clear()
    refused = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "拒绝监听" in refused.output
    created = CliRunner().invoke(
        cli, ["keys", "create", "--owner", "牛肉链办公室", "--role", "editor", "--chain", "beef"]
    )
    assert created.exit_code == 0, created.output
    key = json.loads(created.output)
    assert key["token"].startswith(f"cl_{key['key_id']}_") and key["chains"] == ["beef"]
    listed = CliRunner().invoke(cli, ["keys", "list"])
    assert key["key_id"] in listed.output and key["token"] not in listed.output
    bad = CliRunner().invoke(cli, ["keys", "create", "--owner", "x", "--role", "editor"])
    assert bad.exit_code == 2 and "产业链" in bad.output
    get_settings.cache_clear()


def test_upload_limits_answer_413(mini_store: GraphStore) -> None:
    files = [("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv"))]
    with TestClient(create_app(Settings(max_upload_rows=0), store=mini_store)) as client:
        response = client.post("/imports", files=files)
        assert response.status_code == 413 and "行" in response.json()["detail"]
    with TestClient(create_app(Settings(max_upload_sheets=0), store=mini_store)) as client:
        response = client.post("/imports", files=files)
        assert response.status_code == 413 and "表" in response.json()["detail"]


def test_cors_is_closed_unless_configured(mini_store: GraphStore) -> None:
    origin = {"Origin": "https://example.org"}
    with TestClient(create_app(Settings(), store=mini_store)) as client:
        assert "access-control-allow-origin" not in client.get("/chains", headers=origin).headers
    with TestClient(create_app(Settings(cors_origins=["https://example.org"]), store=mini_store)) as client:
        headers = client.get("/chains", headers=origin).headers
        assert headers["access-control-allow-origin"] == "https://example.org"
