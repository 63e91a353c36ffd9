"""The industrial-chain map of each seed chain: one self-contained page, no request leaves it, and the data
it draws is the chain's (a browser test of the drawn page comes with the other maps)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from service import maps, weaklinks
from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q

CHAINS = ("beef", "auto", "ha", "cons")


@pytest.fixture(scope="module")
def client(seed_store: GraphStore) -> TestClient:
    with TestClient(create_app(Settings(), store=seed_store)) as c:
        yield c


def _data(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize("chain", CHAINS)
def test_chain_map_is_self_contained_and_draws_the_chain(
    client: TestClient, seed_store: GraphStore, chain: str
) -> None:
    response = client.get(f"/chains/{chain}/maps/chain.html")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    # nothing is fetched: no external script, style, image or link; the map is an inline SVG
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and '<svg id="scene"' in html
    data = _data(html)
    view = weaklinks.chain_view(seed_store, chain)
    assert [s["id"] for s in data["segments"]] == [s.id for s in view.segments]
    assert set(data["firms"]) == view.firms
    broken = {b["segment_id"] for b in weaklinks.breaks(seed_store, chain) if b["kind"] == "break"}
    assert {s["id"] for s in data["segments"] if s["state"] == "break"} == broken
    boxes = set(re.findall(r'data-node="seg:([^"]+)"', html))  # every segment is drawn as a box
    assert boxes == {s.id for s in view.segments}


def test_chain_map_marks_anchor_risk_and_card_facts(client: TestClient, seed_store: GraphStore) -> None:
    data = maps.chain_map_data(seed_store, "auto")
    hengyuan = data["firms"]["ent.auto.hengyuan"]
    assert hengyuan["anchor"] is True and hengyuan["district"] is True
    xinzhu = data["firms"]["ent.auto.xinzhu"]
    assert xinzhu["risk"] and "唯一供应商" in xinzhu["risk"] and xinzhu["specialised"] is True
    assert ["长春宏锐动力部件有限公司", "铝合金压铸毛坯"] in xinzhu["customers"]
    page = _data(client.get("/chains/auto/maps/chain.html").text)  # the card the page shows
    assert page["firms"]["ent.auto.xinzhu"]["customers"] == xinzhu["customers"]
    assert page["firms"]["ent.auto.hengyuan"]["mark"] == "★ "
    # the anchor leads its segment's box
    assert any(s["leaders"][:1] == ["★ 长春恒远汽车部件集团有限公司"] for s in data["segments"])
    assert client.get("/chains/auto/maps/nope.html").status_code == 422


def _graph(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def _drawn(html: str) -> dict[str, str]:
    """Node id → the text drawn in its box."""
    out = {}
    for node, body in re.findall(
        r'<g class="node [^"]*" id="[^"]*" data-node="([^"]+)"[^>]*>(.*?)</g>', html, re.S
    ):
        out[node] = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", body))
    return out


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("kind", ["technology", "application", "region"])
def test_other_maps_are_self_contained(client: TestClient, kind: str, chain: str) -> None:
    html = client.get(f"/chains/{chain}/maps/{kind}.html").text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    data = _graph(html)
    drawn = _drawn(html)
    assert drawn and set(drawn) == set(data["cards"])  # every box drawn has its card, and no card is lost


def test_technology_roadmap_is_a_timeline(client: TestClient, seed_store: GraphStore) -> None:
    html = client.get("/chains/beef/maps/technology.html").text
    year = {node: dict(card["rows"])["目标年份"] for node, card in _graph(html)["cards"].items()}
    x = {
        n: float(v)
        for n, v in re.findall(r'data-node="([^"]+)"[^>]*><title>[^<]*</title>\s*<rect x="([0-9.]+)"', html)
    }
    # years run left to right: a later target year never stands left of an earlier one
    order = sorted(x, key=x.__getitem__)
    years = [0 if year[n] == "已掌握" else int(year[n]) for n in order]
    assert years == sorted(years)
    assert all("现有" not in text and "攻关" not in text for text in _drawn(html).values())  # no status words
    for a, b in (
        (r["from_id"], r["to_id"]) for r in seed_store.read(Q.MAP_TECHNOLOGY_PATHS, {"chain_id": "beef"})
    ):
        assert x["t:" + a] <= x["t:" + b]  # every roadmap step runs forward in time


def test_application_map_puts_each_product_once_and_the_unrecorded_apart(
    client: TestClient, seed_store: GraphStore
) -> None:
    html = client.get("/chains/beef/maps/application.html").text
    drawn = _drawn(html)
    rows = seed_store.read(Q.MAP_PRODUCT_DOMAINS, {"chain_id": "beef"})
    products = {r["product_id"] for r in rows}
    assert sorted(n[2:] for n in drawn if n.startswith("p:")) == sorted(products)  # each product once
    without = {r["product_id"] for r in rows} - {r["product_id"] for r in rows if r["domain_id"]}
    assert without and drawn["d:未记录领域"].startswith(f"未记录领域（{len(without)}）")


def test_region_map_counts_active_firms_by_place(client: TestClient, seed_store: GraphStore) -> None:
    html = client.get("/chains/beef/maps/region.html").text
    drawn = _drawn(html)
    assert drawn["r:220106401"].startswith("皓月产业园区")
    firms = {}
    for r in seed_store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": "beef"}):
        firms[r["id"]] = r
    active = sum(1 for r in firms.values() if r["status"] == "active")
    shown = sum(
        int(re.search(r" (\d+)家$", text).group(1)) for n, text in drawn.items() if n.startswith("r:")
    )
    assert shown == active  # every active firm counted once, at one place
    assert active < len(firms)  # the seed has firms not in operation: they are not counted
