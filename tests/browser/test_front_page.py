"""The front page in headless Chromium: every chain is there, and every link on it resolves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS, serving

PORT = 8791


@pytest.fixture(scope="module")
def served(seed_store: GraphStore) -> Iterator[str]:
    with serving(create_app(Settings(), store=seed_store), PORT) as base:
        yield base


def test_front_page_lists_the_chains_and_every_link_resolves(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(served) else outside.append(r.url))
    page.goto(served + "/")
    for chain in ("beef", "auto", "ha", "cons"):
        assert page.locator(f"#chain-{chain} h2").count() == 1
    assert "良种繁育" in page.locator("#chain-beef").inner_text()
    links = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert len(links) == 4 * (4 + 5 + 3)  # maps, lists, and recruitment, month report, assessment
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "front-page.png"), full_page=True)
    for link in links:
        response = page.request.get(link)
        assert response.status == 200, link
    assert outside == []
    page.close()
