"""The front page in headless Chromium: every chain is there with its key figures and a bar per segment
drawn to scale, no version hash, and every link on it (maps, lists as XLSX and CSV) resolves."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from service import dashboard
from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS, serving

PORT = 8791


@pytest.fixture(scope="module")
def served(seed_store: GraphStore) -> Iterator[str]:
    with serving(create_app(Settings(), store=seed_store), PORT) as base:
        yield base


def test_front_page_lists_the_chains_and_every_link_resolves(
    served: str, browser: object, seed_store: GraphStore
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(served) else outside.append(r.url))
    page.goto(served + "/")
    for chain in ("beef", "auto", "ha", "cons"):
        assert page.locator(f"#chain-{chain} h2").count() == 1
    assert "良种繁育" in page.locator("#chain-beef").inner_text()
    beef = dashboard.chain_figures(seed_store, "beef")
    figures = page.locator("#chain-beef .figures").inner_text()
    assert f"{beef['district']}\n区内在营企业" in figures and f"{beef['breaks']}\n断点" in figures
    # a bar per segment, its width in proportion to its firm count, district and outside side by side
    bars = page.locator("#chain-beef svg.bars g")
    assert bars.count() == len(beef["segments"])
    widths = page.eval_on_selector_all(
        "#chain-beef svg.bars g",
        "gs => gs.map(g => [...g.querySelectorAll('rect')].map(r => r.getBBox().width))",
    )
    unit = max(d + o for d, o in widths) / max(s["district"] + s["outside"] for s in beef["segments"])
    for (inside_w, outside_w), s in zip(widths, beef["segments"], strict=True):
        assert abs(inside_w - s["district"] * unit) < 0.2 and abs(outside_w - s["outside"] * unit) < 0.2
    assert "数据版本" not in page.inner_text("body")
    scores = re.findall(r"评分 ([0-9.]+)）", page.inner_text("body"))
    assert scores and all(re.fullmatch(r"\d+\.\d\d", v) for v in scores), scores  # 10.87, not 10.867
    links = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert len(links) == 4 * (4 + 2 * 5 + 3)  # maps, lists as XLSX and CSV, and the working documents
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "front-page.png"), full_page=True)
    for link in links:
        response = page.request.get(link)
        assert response.status == 200, link
    assert outside == []
    page.close()
