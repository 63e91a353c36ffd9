"""The chain map in real headless Chromium (Debian `chromium`): it draws offline, with no request leaving
the page, and a click on a segment and then on a firm shows the firm's card. Screenshots are kept in
test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import maps
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS


@pytest.mark.parametrize("chain", ["beef", "auto", "ha", "cons"])
def test_map_draws_offline_and_a_firm_click_shows_its_card(
    seed_store: GraphStore, browser: object, tmp_path: Path, chain: str
) -> None:
    page_file = tmp_path / f"{chain}.html"
    page_file.write_text(maps.chain_map(seed_store, chain), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 800})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url)
    )
    page.goto(page_file.as_uri())
    page.wait_for_function("window.chainMap !== undefined")
    data = page.evaluate("JSON.parse(document.getElementById('chain-data').textContent)")
    assert page.evaluate("window.chainMap.nodes.length") == len(data["segments"])

    segment = next(s for s in data["segments"] if s["firms"])
    firm = segment["firms"][0]

    def click(node_id: str) -> None:
        page.evaluate(f"window.chainMap.network.focus({node_id!r}, {{scale: 1.0}})")
        page.wait_for_timeout(200)
        pos = page.evaluate(
            f"(() => {{ const p = window.chainMap.network.getPositions([{node_id!r}])[{node_id!r}];"
            f" return window.chainMap.network.canvasToDOM(p); }})()"
        )
        box = page.locator("#map canvas").bounding_box()
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    click(f"seg:{segment['id']}")
    assert page.evaluate("window.chainMap.nodes.length") == len(data["segments"]) + len(segment["firms"])
    click(f"firm:{firm}")
    assert page.locator("#card-name").inner_text() == data["firms"][firm]["name"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"chain-map-{chain}.png"))
    assert outside == []
    page.close()


@pytest.mark.parametrize("chain", ["beef", "auto", "ha", "cons"])
@pytest.mark.parametrize("kind", ["technology", "application", "region"])
def test_other_maps_draw_offline_and_a_click_shows_the_details(
    seed_store: GraphStore, browser: object, tmp_path: Path, kind: str, chain: str
) -> None:
    page_file = tmp_path / f"{kind}.html"
    page_file.write_text(maps.MAPS[kind](seed_store, chain), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 800})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url)
    )
    page.goto(page_file.as_uri())
    page.wait_for_function("window.graphMap !== undefined")
    data = page.evaluate("JSON.parse(document.getElementById('map-data').textContent)")
    assert page.evaluate("window.graphMap.nodes.length") == len(data["nodes"])
    node = data["nodes"][0]
    page.evaluate(f"window.graphMap.network.focus({node['id']!r}, {{scale: 1.0}})")
    page.wait_for_timeout(200)
    pos = page.evaluate(
        f"(() => {{ const p = window.graphMap.network.getPositions([{node['id']!r}])[{node['id']!r}];"
        f" return window.graphMap.network.canvasToDOM(p); }})()"
    )
    box = page.locator("#map canvas").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert page.locator("#card-name").inner_text() == node["label"].split("\n")[0]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}-map-{chain}.png"))
    assert outside == []
    page.close()
