"""Signing a browser in: a key traded for a session cookie that opens pages (GET) but never writes, ends
with the key, and cannot be forged or sent somewhere else. The sign-in logic is the same for both
engines, so these run on the embedded one."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from service.access import KeyStore, Sessions
from service.api.access import SESSION_COOKIE
from service.api.app import create_app
from service.api.routers.session import safe_next
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES, close_store, make_store

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}  # as a browser asks for a page
SEGMENTS_CSV = (
    "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\ns9,新环节,c1,9,下游,illustrative,2026-11-02\n"
)


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    s = make_store("ladybug", request, tmp_path_factory.mktemp("session"))
    import_ledger(s, read_ledger(FIXTURES / "mini"))
    yield s
    close_store(s)


@pytest.fixture
def keyed(store: GraphStore, tmp_path: Path) -> Iterator[tuple[TestClient, KeyStore, dict[str, str]]]:
    keys = KeyStore(tmp_path / "keys.json")
    tokens = {
        "viewer": keys.create("查看员", "viewer")[1],
        "editor": keys.create("链办", "editor", ("c1",))[1],
    }
    with TestClient(create_app(Settings(keys_file=keys.path), store=store)) as client:
        yield client, keys, tokens


def sign_in(client: TestClient, token: str, next_path: str = "/") -> str:
    response = client.post("/login", data={"key": token, "next": next_path}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_a_browser_without_a_session_is_sent_to_sign_in_and_back(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    client, _, tokens = keyed
    page = "/chains/c1/maps/chain.html?x=1"
    first = client.get(page, headers=HTML, follow_redirects=False)
    assert (
        first.status_code == 303
        and first.headers["location"] == "/login?next=%2Fchains%2Fc1%2Fmaps%2Fchain.html%3Fx%3D1"
    )
    form = client.get(first.headers["location"])
    assert form.status_code == 200 and 'name="next" value="/chains/c1/maps/chain.html?x=1"' in form.text
    assert client.get(page).status_code == 401  # an API client still gets the JSON 401
    assert sign_in(client, tokens["viewer"], "/chains/c1/maps/chain.html?x=1") == page
    cookie = client.cookies[SESSION_COOKIE]
    assert tokens["viewer"] not in cookie  # the cookie is a signed session, not the key
    opened = client.get(page, headers=HTML)
    assert opened.status_code == 200 and "<html" in opened.text
    front = client.get("/", headers=HTML)
    assert front.status_code == 200 and "已登录：查看员" in front.text


def test_the_session_cookie_is_http_only_and_lax(keyed: tuple[TestClient, KeyStore, dict[str, str]]) -> None:
    client, _, tokens = keyed
    response = client.post("/login", data={"key": tokens["viewer"]}, follow_redirects=False)
    header = response.headers["set-cookie"].lower()
    assert (
        "httponly" in header and "samesite=lax" in header and "path=/" in header and "max-age=43200" in header
    )
    assert "secure" not in header  # plain http on loopback; set over https


def test_a_session_never_writes(keyed: tuple[TestClient, KeyStore, dict[str, str]]) -> None:
    client, _, tokens = keyed
    sign_in(client, tokens["editor"])
    files = [("files", ("segments.csv", SEGMENTS_CSV.encode(), "text/csv"))]
    assert client.post("/chains/c1/imports", files=files).status_code == 401
    with_key = client.post("/chains/c1/imports", files=files, headers={"X-API-Key": tokens["editor"]})
    assert with_key.status_code == 200


def test_a_wrong_key_shows_the_form_again_and_sets_nothing(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    client, _, tokens = keyed
    response = client.post("/login", data={"key": tokens["viewer"][:-1] + "x"}, follow_redirects=False)
    assert response.status_code == 401 and "密钥无效或已吊销" in response.text
    assert "set-cookie" not in response.headers


def test_revoking_the_key_or_signing_out_ends_the_session(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    client, keys, tokens = keyed
    sign_in(client, tokens["viewer"])
    assert client.get("/chains").status_code == 200
    out = client.post("/logout", follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/chains").status_code == 401
    sign_in(client, tokens["viewer"])
    keys.revoke(tokens["viewer"].split("_")[1])
    assert client.get("/chains").status_code == 401


def test_a_forged_tampered_or_expired_session_is_refused(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys.json")
    key, api_token = keys.create("查看员", "viewer")
    assert keys.verify(api_token) == key and keys.verify(api_token + "\n") is None
    sessions = Sessions(keys)
    now = dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)
    token = sessions.issue(key, now)
    assert sessions.verify(token, now) == key
    key_id, expires, signature = token.split(".")
    assert sessions.verify(f"{key_id}.{int(expires) + 3600}.{signature}", now) is None  # extended
    assert sessions.verify(f"{key_id}.{expires}.{'0' * 64}", now) is None
    assert sessions.verify(token, now + dt.timedelta(hours=12, seconds=1)) is None  # expired
    assert sessions.verify(f"{key_id}.0{expires}.{signature}", now) is None  # one spelling per token
    arabic_indic = expires[0] + "".join(chr(0x0660 + int(d)) for d in expires[1:])
    assert sessions.verify(f"{key_id}.{arabic_indic}.{signature}", now) is None
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(keys.path, other / "keys.json")  # the same keys, only the secret differs
    assert Sessions(KeyStore(other / "keys.json")).verify(token, now) is None
    assert oct(sessions.secret_path.stat().st_mode & 0o777) == "0o600"
    assert sessions.verify("cl_" + token, now) is None and sessions.verify("", now) is None


HOSTILE_NEXT = (
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "/\r\nX: y",
    "/..//evil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/./\t/evil.example",
)


def test_sign_in_only_returns_to_pages_of_this_service(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    for hostile in HOSTILE_NEXT[:5]:
        assert safe_next(hostile) == "/"
    client, _, tokens = keyed
    for hostile in HOSTILE_NEXT:  # wherever the browser lands after sign-in, it is on this service
        landing = urljoin("http://testserver/login", sign_in(client, tokens["viewer"], hostile))
        assert urlsplit(landing).netloc == "testserver", (hostile, landing)
    assert (
        safe_next("/chains/beef/maps/chain.html?as_of=2026-11-01")
        == "/chains/beef/maps/chain.html?as_of=2026-11-01"
    )


def test_without_keys_sign_in_is_not_needed(store: GraphStore, tmp_path: Path) -> None:
    with TestClient(create_app(Settings(keys_file=tmp_path / "keys.json"), store=store)) as client:
        response = client.post("/login", data={"key": "x", "next": "/chains"}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/chains"
        assert "set-cookie" not in response.headers


def test_a_sign_in_or_sign_out_posted_by_another_site_is_refused(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    client, _, tokens = keyed
    refused = (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},  # a sibling subdomain
        {"Origin": "https://evil.example"},  # a browser too old for Sec-Fetch-Site
        {"Origin": "http://testserver:8080"},
        {"Origin": "null"},
        {"Origin": "http://testserver:99999"},
    )
    for headers in refused:
        form = {"key": tokens["viewer"]}
        response = client.post("/login", data=form, headers=headers, follow_redirects=False)
        assert response.status_code == 403 and "set-cookie" not in response.headers, headers
    accepted = (
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://public.example"},  # a proxy rewrote Host
        {"Origin": "HTTP://TestServer:80"},
        {},  # curl or a script
    )
    for headers in accepted:
        form = {"key": tokens["viewer"]}
        signed = client.post("/login", data=form, headers=headers, follow_redirects=False)
        assert signed.status_code == 303 and SESSION_COOKIE in signed.headers["set-cookie"], headers
    out = client.post("/logout", headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
    assert out.status_code == 403 and client.get("/chains").status_code == 200  # still signed in


def test_a_page_address_too_long_to_carry_signs_in_to_the_front_page(
    keyed: tuple[TestClient, KeyStore, dict[str, str]],
) -> None:
    client, _, _ = keyed
    first = client.get("/chains/c1/maps/chain.html?x=" + "a" * 2100, headers=HTML, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login?next=%2F"
    assert client.get(first.headers["location"]).status_code == 200


def test_the_cookie_can_be_forced_secure_behind_a_tls_proxy(store: GraphStore, tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys.json")
    token = keys.create("查看员", "viewer")[1]
    settings = Settings(keys_file=keys.path, secure_cookies=True)
    with TestClient(create_app(settings, store=store)) as client:
        response = client.post("/login", data={"key": token}, follow_redirects=False)
        assert "; secure" in response.headers["set-cookie"].lower()


@pytest.mark.parametrize("content", ["", "not hex", "ab" * 16])
def test_a_damaged_session_secret_stops_the_start_naming_the_file(
    store: GraphStore, tmp_path: Path, content: str
) -> None:
    keys = KeyStore(tmp_path / "keys.json")
    keys.create("查看员", "viewer")
    Sessions(keys).secret_path.write_text(content, encoding="ascii")
    with pytest.raises(ValueError, match=r"keys\.json\.session-secret: expected 64 hex digits"):
        create_app(Settings(keys_file=keys.path), store=store)
