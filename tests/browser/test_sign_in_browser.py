"""With keys configured, a person in headless Chromium follows a link to a chain map, signs in with a key
and lands on the map, drawn offline; signing out closes the pages again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.access import KeyStore
from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS, serving

PORT = 8792


@pytest.fixture(scope="module")
def served(seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    keys = KeyStore(tmp_path_factory.mktemp("keys") / "keys.json")
    _, token = keys.create("汽车链办公室", "viewer")
    with serving(create_app(Settings(keys_file=keys.path), store=seed_store), PORT) as base:
        yield base, token


def test_sign_in_leads_to_the_page_asked_for_and_sign_out_closes_it(
    served: tuple[str, str], browser: object
) -> None:
    base, token = served
    page = browser.new_page()  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    map_path = "/chains/auto/maps/chain.html"
    page.goto(base + map_path)
    assert page.url == f"{base}/login?next=%2Fchains%2Fauto%2Fmaps%2Fchain.html"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sign-in.png"))
    page.fill("#key", token[:-2] + "xx")
    page.click("button[type=submit]")
    assert page.locator("#message").inner_text() == "密钥无效或已吊销"
    page.fill("#key", token)
    page.click("button[type=submit]")
    page.wait_for_function("window.chainMap !== undefined")
    assert page.url == base + map_path and page.locator("#scene .node").count() > 0
    cookies = page.context.cookies()
    assert [c["httpOnly"] for c in cookies] == [True] and token not in cookies[0]["value"]
    assert page.evaluate("document.cookie") == ""  # scripts on the page never see the session
    page.goto(base + "/")
    assert "已登录：汽车链办公室" in page.locator("#signed-in").inner_text()
    page.click("#signed-in button")
    page.wait_for_url(f"{base}/login")
    page.goto(base + map_path)
    assert page.url.startswith(f"{base}/login?next=")
    assert outside == []
    page.close()
