"""Ordinary web hygiene: security headers on every kind of answer (pages, JSON, files, errors), a page
policy that names exactly the inline scripts the page carries, no-store on answers to signed-in requests,
gzip for large answers, and a limit on failed sign-ins per client (429 with Retry-After, logged), lifted
once the window has passed."""

from __future__ import annotations

import base64
import gzip
import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from service import history
from service.access import KeyStore
from service.api.access import SESSION_COOKIE
from service.api.app import create_app
from service.api.security import SignInLimiter
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.ladybug_store import LadybugStore
from tests.conftest import FIXTURES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """The mini graph on the embedded engine (nothing here depends on the engine), a viewer key."""
    store = LadybugStore(tmp_path / "graph.lbdb")
    store.apply_schema()
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    history.reconcile(store)
    keys = KeyStore(tmp_path / "keys.json")
    _, token = keys.create("查看员", "viewer")
    app = create_app(Settings(keys_file=keys.path), store=store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, token


def _assert_hygiene(response: httpx.Response, page: bool) -> None:
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert ("script-src 'self'" in csp) is page  # only pages may run scripts at all


def test_every_kind_of_answer_carries_the_headers(keyed: tuple[TestClient, str]) -> None:
    client, token = keyed
    auth = {"Authorization": f"Bearer {token}"}
    answers = {
        "front page": (client.get("/", headers=auth), True),
        "map": (client.get("/chains/c1/maps/chain.html", headers=auth), True),
        "sign-in page": (client.get("/login"), True),
        "json": (client.get("/chains", headers=auth), False),
        "xlsx": (client.get("/chains/c1/lists/risks", params={"format": "xlsx"}, headers=auth), False),
        "401": (client.get("/chains"), False),
        "404": (client.get("/chains/nope", headers=auth), False),
        "422": (client.get("/chains", params={"as_of": "0"}, headers=auth), False),
        "405": (client.delete("/chains", headers=auth), False),
        "unknown path": (client.get("/nowhere"), False),
    }
    expected = {"401": 401, "404": 404, "422": 422, "405": 405, "unknown path": 404}
    for name, (response, page) in answers.items():
        assert response.status_code == expected.get(name, 200), name
        _assert_hygiene(response, page)
    assert answers["xlsx"][0].headers["content-type"] == XLSX


def test_an_unexpected_failure_still_carries_the_headers(keyed: tuple[TestClient, str]) -> None:
    """A 500 is answered outside the middleware stack, so its handler sets them itself."""
    client, _ = keyed

    def boom() -> None:
        raise RuntimeError("boom")

    client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
    response = client.get("/boom")
    assert response.status_code == 500 and response.json()["code"] == "internal_error"
    _assert_hygiene(response, page=False)
    assert response.headers["cache-control"] == "no-store"


def test_signed_in_answers_are_not_stored(keyed: tuple[TestClient, str]) -> None:
    client, token = keyed
    by_key = client.get("/chains/c1", headers={"X-API-Key": token})
    assert by_key.status_code == 200 and by_key.headers["cache-control"] == "no-store"
    signed_in = client.post("/login", data={"key": token, "next": "/"}, follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.headers["cache-control"] == "no-store"
    page = client.get("/chains/c1/maps/chain.html")  # the client now sends the session cookie
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"


def test_a_page_runs_only_the_inline_scripts_its_template_wrote(keyed: tuple[TestClient, str]) -> None:
    client, token = keyed
    auth = {"Authorization": f"Bearer {token}"}
    for path in ("/chains/c1/maps/chain.html", "/chains/c1/maps/technology.html", "/docs", "/redoc"):
        page = client.get(path, headers=auth)
        csp = page.headers["content-security-policy"]
        allowed = set(re.findall(r"'sha256-([^']+)'", csp))
        scripts = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
        digests = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
        assert digests <= allowed, path  # the map's own script, Swagger UI's start-up
        assert "unsafe-inline" not in csp.split("style-src")[0] and "unsafe-eval" not in csp
    # the policy is fixed before any request: a map's data cannot add a hash to it
    assert len(allowed) == 3  # the chain map's and the other maps' scripts, Swagger UI's


def test_only_the_map_templates_write_inline_scripts() -> None:
    """The page policy knows the map templates' scripts (security.template_scripts); a script in another
    template would be blocked in the browser, so this fails first."""
    templates = Path(__file__).resolve().parents[2] / "service" / "render" / "templates"
    with_scripts = {p.name for p in templates.glob("*.html") if "<script" in p.read_text(encoding="utf-8")}
    assert with_scripts == {"map_base.html"}


def test_large_answers_travel_gzipped(keyed: tuple[TestClient, str]) -> None:
    client, token = keyed
    auth = {"Authorization": f"Bearer {token}"}
    sizes = {}
    for encoding in ("identity", "gzip"):
        with client.stream(
            "GET", "/chains/c1/maps/chain.html", headers={**auth, "Accept-Encoding": encoding}
        ) as response:
            wire = b"".join(response.iter_raw())
            sizes[encoding] = (wire, response.headers.get("content-encoding"))
    identity, gzipped = sizes["identity"], sizes["gzip"]
    assert identity[1] is None and gzipped[1] == "gzip"
    assert gzip.decompress(gzipped[0]) == identity[0]
    assert len(gzipped[0]) < len(identity[0]) / 3
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under a kilobyte: sent as it is


def test_failed_sign_ins_are_limited_per_client_and_the_limit_lifts(
    keyed: tuple[TestClient, str], caplog: pytest.LogCaptureFixture
) -> None:
    client, token = keyed
    clock = Clock()
    client.app.state.sign_ins = SignInLimiter(limit=5, window=60, clock=clock)  # type: ignore[attr-defined]
    wrong = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
    with caplog.at_level(logging.WARNING, logger="chainlens.audit"):
        for _ in range(5):
            clock.now += 1
            assert client.post("/login", data={"key": wrong}, follow_redirects=False).status_code == 401
        held = client.post("/login", data={"key": token}, follow_redirects=False)  # even the right key
    assert held.status_code == 429
    assert held.headers["retry-after"] == "56"  # the first failure (at 1001) is a minute old at 1061
    assert "失败的登录过多" in held.text and SESSION_COOKIE not in held.cookies
    assert any("too many failures" in r.getMessage() for r in caplog.records)
    clock.now = 1001 + 59.5
    assert client.post("/login", data={"key": token}, follow_redirects=False).status_code == 429
    clock.now = 1001 + 60
    back = client.post("/login", data={"key": token}, follow_redirects=False)
    assert back.status_code == 303 and SESSION_COOKIE in back.cookies


def test_the_limiter_is_per_client_and_bounded() -> None:
    clock = Clock()
    limiter = SignInLimiter(limit=3, window=60, max_clients=100, clock=clock)
    for _ in range(3):
        limiter.failed("10.0.0.1")
    assert limiter.retry_after("10.0.0.1") == 60 and limiter.retry_after("10.0.0.2") == 0
    limiter.succeeded("10.0.0.2")
    for i in range(1000):
        limiter.failed(f"192.0.2.{i}")
    assert len(limiter) == 100  # the longest quiet clients are forgotten first
    assert limiter.retry_after("10.0.0.1") == 0
    limiter.failed("a")
    limiter.failed("a")
    limiter.succeeded("a")  # a right key clears the client's failures
    limiter.failed("a")
    assert limiter.retry_after("a") == 0
