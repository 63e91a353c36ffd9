"""Every map of every seed chain in real headless Chromium (Debian `chromium`): it draws offline, with no
request leaving the page, and a click shows a card (on the chain map: a segment opens its firms, then a
firm shows its card). Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service import maps
from service.storage.port import GraphStore
from tests.browser.measure import keep, open_map

CHAINS = ["beef", "auto", "ha", "cons"]


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
def test_other_maps_a_click_shows_the_details(
    seed_store: GraphStore, browser: object, tmp_path: Path, kind: str, chain: str
) -> None:
    opened = open_map(browser, maps.MAPS[kind](seed_store, chain), tmp_path / "map.html")
    page = opened.page
    cards = page.evaluate("window.graphMap.data.cards")
    node = page.locator("#scene .node").last  # drawn last: on top of any box it touches
    node_id = node.get_attribute("data-node")
    node.locator("rect").click()
    assert page.locator("#card-name").inner_text() == cards[node_id]["name"]
    assert opened.outside == []
    keep(opened, f"{kind}-click-{chain}-{seed_store.engine}", {"node": node_id})


def test_region_map_a_segment_button_shows_only_that_segments_flows(
    seed_store: GraphStore, browser: object, tmp_path: Path
) -> None:
    opened = open_map(browser, maps.region_map(seed_store, "beef"), tmp_path / "map.html")
    page = opened.page
    visible = (
        "[...document.querySelectorAll('#scene path.edge[data-group]')]"
        ".filter(p => getComputedStyle(p).display !== 'none').map(p => p.dataset.group)"
    )
    assert set(page.evaluate(visible)) == {"*"}  # at first: all segments together
    groups = set(
        page.evaluate(
            "[...document.querySelectorAll('#scene path.edge[data-group]')].map(p => p.dataset.group)"
        )
    )
    segment = sorted(groups - {"*"})[0]
    page.locator(f"#segments button[data-group='{segment}']").click()
    assert set(page.evaluate(visible)) == {segment}
    opened.page.close()


def test_a_basemap_set_by_the_deployment_is_drawn_beneath_the_region_map(
    seed_store: GraphStore, browser: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CHAINLENS_BASEMAP names a GeoJSON file: its polygons are drawn in the panels they fall in, under
    the places; without it nothing is drawn (no boundaries are bundled)."""
    from service.settings import get_settings

    assert 'class="basemap"' not in maps.region_map(seed_store, "beef")
    square = [[120.0, 40.0], [130.0, 40.0], [130.0, 46.0], [120.0, 46.0], [120.0, 40.0]]  # around Jilin
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [square]}}
        ],
    }
    (tmp_path / "boundaries.geojson").write_text(json.dumps(geojson), encoding="utf-8")
    monkeypatch.setenv("CHAINLENS_BASEMAP", str(tmp_path / "boundaries.geojson"))
    get_settings.cache_clear()
    opened = open_map(browser, maps.region_map(seed_store, "beef"), tmp_path / "map.html")
    drawn = opened.page.evaluate("[...document.querySelectorAll('#scene svg.basemap path')].length")
    assert drawn >= 1
    # beneath: the basemap comes before every place in the drawing order
    first = opened.page.evaluate(
        "[...document.querySelectorAll('#scene > *')].findIndex(e => e.classList.contains('basemap'))"
    )
    node = opened.page.evaluate(
        "[...document.querySelectorAll('#scene > *')].findIndex(e => e.classList.contains('node'))"
    )
    assert 0 <= first < node and opened.outside == []
    keep(opened, f"region-basemap-{seed_store.engine}", {"paths": drawn})
    monkeypatch.delenv("CHAINLENS_BASEMAP")
    get_settings.cache_clear()


def test_a_basemap_that_is_not_geojson_is_refused_clearly(
    seed_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.errors import InvalidInput
    from service.settings import get_settings

    (tmp_path / "bad.geojson").write_text("not json", encoding="utf-8")
    monkeypatch.setenv("CHAINLENS_BASEMAP", str(tmp_path / "bad.geojson"))
    get_settings.cache_clear()
    with pytest.raises(InvalidInput, match=r"底图文件 .*bad\.geojson 无法读取为 GeoJSON"):
        maps.region_map(seed_store, "beef")
    get_settings.cache_clear()
