"""Every map of every seed chain in real headless Chromium (Debian `chromium`): it draws offline, with no
request leaving the page, and a click shows a card (on the chain map: a segment opens its firms, then a
firm shows its card). Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from service import maps
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS
from tests.browser.measure import keep, open_map

CHAINS = ["beef", "auto", "ha", "cons"]


class MapPage:
    """A map file open in the browser, remembering every request that tried to leave the page."""

    def __init__(self, browser: Any, html: str, path: Path, handle: str) -> None:
        path.write_text(html, encoding="utf-8")
        self.handle = handle  # window.chainMap or window.graphMap
        self.outside: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 800})
        local = ("file:", "data:", "blob:")
        self.page.on("request", lambda r: None if r.url.startswith(local) else self.outside.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_function(f"window.{handle} !== undefined")

    def evaluate(self, script: str) -> Any:
        return self.page.evaluate(script)

    def click(self, node_id: str) -> None:
        """Click a node where it is drawn on the canvas, as a person would."""
        net = f"window.{self.handle}.network"
        self.page.evaluate(f"{net}.focus({node_id!r}, {{scale: 1.0}})")
        self.page.wait_for_timeout(200)
        pos = self.page.evaluate(f"{net}.canvasToDOM({net}.getPositions([{node_id!r}])[{node_id!r}])")
        box = self.page.locator("#map canvas").bounding_box()
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def card_name(self) -> str:
        return str(self.page.locator("#card-name").inner_text())

    def finish(self, screenshot: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / screenshot))
        self.page.close()
        assert self.outside == []


@pytest.mark.parametrize("chain", CHAINS)
def test_chain_map_a_segment_click_lists_its_firms_and_a_firm_click_shows_its_card(
    seed_store: GraphStore, browser: object, tmp_path: Path, chain: str
) -> None:
    data = maps.chain_map_data(seed_store, chain)
    opened = open_map(browser, maps.chain_map(seed_store, chain), tmp_path / "map.html")
    page = opened.page
    assert page.locator("#scene .node.segment").count() == len(data["segments"])
    segment = next(s for s in data["segments"] if s["district_firms"] and s["outside_firms"])
    page.locator(f"[id='seg:{segment['id']}'] rect").click()  # a real click where the box is drawn
    listed = page.locator(f"[id='firms-{segment['id']}'] .firm-link")
    assert listed.count() == len(segment["district_firms"]) + len(segment["outside_firms"])
    firm = segment["district_firms"][0]
    listed.first.click()
    assert page.locator("#card-name").inner_text() == data["firms"][firm]["name"]
    for line in ("#card-risk", "#card-whatif"):  # each one line of text
        text = page.locator(line).inner_text()
        assert text and "\n" not in text
    page.locator(f"[id='seg:{segment['id']}'] rect").click()  # a second click folds the list away
    assert listed.count() == 0
    assert opened.outside == []
    keep(opened, f"chain-click-{chain}-{seed_store.engine}", {"firm": firm})


def test_a_firm_card_says_no_rather_than_showing_an_empty_heading(
    seed_store: GraphStore, browser: object, tmp_path: Path
) -> None:
    """Among the beef chain's firms one has no recorded supplier: its card says 无 under 供应商."""
    data = maps.chain_map_data(seed_store, "beef")
    firm = next(f for f, card in sorted(data["firms"].items()) if not card["suppliers"])
    opened = open_map(browser, maps.chain_map(seed_store, "beef"), tmp_path / "map.html")
    opened.page.evaluate(f"window.chainMap.showCard({firm!r})")
    card = opened.page.locator("#card").inner_text()
    assert re.search(r"供应商\n+无\n+客户", card)
    assert firm not in card  # names, never ids
    opened.page.close()


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("kind", ["technology", "application", "region"])
def test_other_maps_draw_offline_and_a_click_shows_the_details(
    seed_store: GraphStore, browser: object, tmp_path: Path, kind: str, chain: str
) -> None:
    page = MapPage(browser, maps.MAPS[kind](seed_store, chain), tmp_path / "map.html", "graphMap")
    data = page.evaluate("JSON.parse(document.getElementById('map-data').textContent)")
    assert page.evaluate("window.graphMap.nodes.length") == len(data["nodes"])
    node = data["nodes"][0]
    page.click(node["id"])
    assert page.card_name() == node["label"].split("\n")[0]
    page.finish(f"{kind}-map-{chain}.png")
