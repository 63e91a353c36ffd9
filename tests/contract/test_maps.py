"""The industrial-chain map of each seed chain: one self-contained page, no request leaves it, and the data
it draws is the chain's (a browser test of the drawn page comes with the other maps)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from service import weaklinks
from service.api.app import create_app
from service.settings import Settings
from service.storage.port import GraphStore

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


def test_chain_map_marks_anchor_risk_and_card_facts(client: TestClient) -> None:
    data = _data(client.get("/chains/auto/maps/chain.html").text)
    hengyuan = data["firms"]["ent.auto.hengyuan"]
    assert hengyuan["anchor"] is True and hengyuan["district"] is True
    xinzhu = data["firms"]["ent.auto.xinzhu"]
    assert xinzhu["risk"] and "唯一供应商" in xinzhu["risk"] and xinzhu["specialised"] is True
    assert ["长春宏锐动力部件有限公司", "铝合金压铸毛坯"] in xinzhu["customers"]
    assert client.get("/chains/auto/maps/nope.html").status_code == 422


def _graph(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("kind", ["technology", "application", "region"])
def test_other_maps_are_self_contained(client: TestClient, kind: str, chain: str) -> None:
    html = client.get(f"/chains/{chain}/maps/{kind}.html").text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    data = _graph(html)
    assert data["nodes"] and data["edges"]
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_technology_roadmap_orders_by_target_year(client: TestClient) -> None:
    data = _graph(client.get("/chains/beef/maps/technology.html").text)
    year = {n["id"]: dict(n["details"])["目标年份"] for n in data["nodes"]}
    x = {n["id"]: n["x"] for n in data["nodes"]}
    for e in data["edges"]:  # every roadmap step runs left to right, from earlier to later
        assert x[e["from"]] < x[e["to"]] or year[e["from"]] == year[e["to"]]
    assert all(x[t] == 0 for t, y in year.items() if y == "现有")


def test_region_map_counts_firms_by_township_and_province(client: TestClient, seed_store: GraphStore) -> None:
    data = _graph(client.get("/chains/beef/maps/region.html").text)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["r:220106401"].startswith("皓月产业园区")
    view = weaklinks.chain_view(seed_store, "beef")
    firms = {f.id: f for s in view.segments for f in s.firms}
    shown = sum(
        int(labels[n["id"]].split("\n")[1].rstrip("家")) for n in data["nodes"] if n["id"].startswith("r:")
    )
    assert shown == len(firms)
