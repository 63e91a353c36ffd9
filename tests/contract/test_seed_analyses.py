"""On the bundled seed data, the analyses find exactly the situations seed/README.md documents, on
both engines."""

from __future__ import annotations

from typing import Any

from service import catalog, weaklinks
from service.storage.port import GraphStore

BREAKS = {
    ("beef", "beef.s02"),
    ("beef", "beef.s08"),
    ("auto", "auto.s08"),
    ("ha", "ha.s04"),
    ("cons", "cons.s09"),
}
CHOKES = {
    ("beef.s07", "ent.beef.tannery"),
    ("auto.s07", "ent.auto.zhilian"),
    ("ha.s05", "ent.ha.anchi"),
    ("ha.s08", "ent.crrc_cc"),
}
SINGLE_SOURCES = {
    ("ent.auto.hongrui", "p.auto.al_casting", "ent.auto.xinzhu"),
    ("ent.auto.hengyuan", "p.auto.gearbox_housing", "ent.auto.hongrui"),
    ("ent.auto.chiyuan", "p.auto.battery_pack", "ent.catl"),
    ("ent.crrc_cc", "p.ha.traction_converter", "ent.crrc_tec"),
    ("ent.crrc_cc", "p.ha.brake_unit", "ent.ha.anchi"),
    ("ent.beef.farm1", "p.beef.semen", "ent.beef.breed_xl"),
    ("ent.beef.tannery", "p.beef.rawhide", "ent.haoyue"),
    ("ent.beef.farm5", "p.beef.feed", "ent.beef.lvhe_feed"),
    ("ent.cons.yeshiji", "p.cons.seasoning", "ent.cons.xiangmanyuan"),
}
CONCENTRATED = {
    ("ent.haoyue", "p.beef.cold_transport", 0.68),
    ("ent.auto.hengyuan", "p.auto.harness", 0.625),
    ("ent.crrc_cc", "p.ha.al_profile", 0.54),
    ("ent.cons.yuehui", "p.cons.delivery", 0.7551),
}
RECOVERY_GAPS = {
    ("ent.auto.xinzhu", "ent.auto.hongrui", 50),
    ("ent.auto.hongrui", "ent.auto.hengyuan", 33),
    ("ent.catl", "ent.auto.chiyuan", 100),
    ("ent.crrc_tec", "ent.crrc_cc", 135),
    ("ent.ha.anchi", "ent.crrc_cc", 120),
    ("ent.beef.breed_xl", "ent.beef.farm1", 60),
    ("ent.haoyue", "ent.beef.tannery", 23),
}
ANCHOR_TIER1 = {"ent.haoyue": 9, "ent.auto.hengyuan": 8, "ent.crrc_cc": 14, "ent.cons.yuehui": 6}
CHAINS = ("beef", "auto", "ha", "cons")


def _all(store: GraphStore, fn: Any) -> list[Any]:
    return [row for chain in CHAINS for row in fn(store, chain)]


def test_four_chains_with_ordered_segment_templates(seed_store: GraphStore) -> None:
    chains = catalog.list_chains(seed_store)
    assert [c["id"] for c in chains] == ["auto", "beef", "cons", "ha"]
    for chain in CHAINS:
        segments = catalog.get_chain(seed_store, chain)["segments"]
        assert len(segments) >= 8
        assert [s["position"] for s in segments] == sorted(s["position"] for s in segments)


def test_breaks_and_choke_points_are_the_documented_ones(seed_store: GraphStore) -> None:
    found = {chain: weaklinks.breaks(seed_store, chain) for chain in CHAINS}
    breaks = {(c, b["segment_id"]) for c, rows in found.items() for b in rows if b["kind"] == "break"}
    assert breaks == BREAKS
    chokes = {
        (b["segment_id"], b["firms"][0]["id"])
        for rows in found.values()
        for b in rows
        if b["kind"] == "choke_single_firm"
    }
    assert chokes == CHOKES
    beef_s08 = next(b for b in found["beef"] if b["segment_id"] == "beef.s08")
    assert "ent.beef.kangyuan_bio" in {f["id"] for f in beef_s08["firms"] if f["role"] == "inactive_district"}
    assert beef_s08["reason"].startswith("「")


def test_single_source_concentrated_and_recovery_gaps(seed_store: GraphStore) -> None:
    risks = {chain: weaklinks.risks(seed_store, chain) for chain in CHAINS}
    single = {
        (r["buyer_id"], r["product_id"], r["supplier_id"])
        for result in risks.values()
        for r in result["single_source_inputs"]
    }
    assert single == SINGLE_SOURCES
    concentrated = {
        (r["buyer_id"], r["product_id"], r["hhi"])
        for result in risks.values()
        for r in result["concentrated_inputs"]
    }
    assert concentrated == CONCENTRATED
    gaps = {
        (g["supplier_id"], g["buyer_id"], g["gap_days"])
        for result in risks.values()
        for g in result["recovery_gaps"]
    }
    assert gaps == RECOVERY_GAPS


def test_the_documented_cascade_and_its_risk_rank(seed_store: GraphStore) -> None:
    result = weaklinks.disruption(seed_store, ["ent.auto.xinzhu"])
    assert [(c["enterprise_id"], c["failed_input"], c["round"]) for c in result["cut_off"]] == [
        ("ent.auto.hongrui", "p.auto.al_casting", 1),
        ("ent.auto.hengyuan", "p.auto.gearbox_housing", 2),
    ]
    assert result["cut_off_in_district"] == 2
    top = weaklinks.risks(seed_store, "auto")["risk_nodes"][0]
    assert top["enterprise_id"] == "ent.auto.xinzhu"
    parts = top["parts"]
    raw = 10 * parts["cut_off_in_district"] + 4 * parts["cut_off_outside"]
    raw += 3 * parts["single_source_inputs"] + 0.1 * parts["recovery_gap_days"]
    assert parts["raw_score"] == round(raw, 3)
    assert top["score"] == round(raw / parts["divisor"], 3)


def test_anchor_firms_and_their_district_suppliers(seed_store: GraphStore) -> None:
    anchors = {
        a["enterprise_id"]: a for chain in CHAINS for a in weaklinks.anchors(seed_store, chain)["anchors"]
    }
    assert {k: v["district_suppliers_by_tier"][0] for k, v in anchors.items()} == ANCHOR_TIER1
    crrc = anchors["ent.crrc_cc"]
    # the documented 3-tier path zhurui -> jinggong -> tiesheng -> crrc_cc
    assert "ent.ha.tiesheng" in crrc["district_suppliers"][0]
    assert "ent.ha.jinggong" in crrc["district_suppliers"][1]
    assert {"ent.beef.fengmu_feed", "ent.beef.jieyuan_silage", "ent.beef.lvhe_feed"} <= set(
        anchors["ent.haoyue"]["district_suppliers"][1]
    )


def test_gap_fillers_are_outside_firms_in_each_break(seed_store: GraphStore) -> None:
    for chain in CHAINS:
        for b in weaklinks.breaks(seed_store, chain):
            if b["kind"] != "break":
                continue
            outside = [f for f in b["firms"] if not f["in_district"]]
            assert len(outside) >= 2, b["segment_id"]


def test_sme_candidates_include_the_small_sole_suppliers(seed_store: GraphStore) -> None:
    results = [weaklinks.sme_candidates(seed_store, chain) for chain in CHAINS]
    candidates = {c["enterprise_id"]: c for r in results for c in r["candidates"]}
    flagged = {f["enterprise_id"] for r in results for f in r["specialised"]}
    assert {"ent.beef.lvhe_feed", "ent.cons.xiangmanyuan"} <= set(candidates)
    assert "唯一供应商" in candidates["ent.beef.lvhe_feed"]["reasons"][0]
    assert "ent.auto.xinzhu" in flagged and "ent.auto.xinzhu" not in candidates
    assert len(flagged) == 5 + 9 + 7 + 3


def test_the_http_endpoints_answer_the_same_on_the_seed(seed_store: GraphStore) -> None:
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.settings import Settings

    with TestClient(create_app(Settings(), store=seed_store)) as client:
        chains = client.get("/chains").json()
        assert chains["count"] == 4
        breaks = {
            (c, b["segment_id"])
            for c in CHAINS
            for b in client.get(f"/chains/{c}/breaks").json()["data"]
            if b["kind"] == "break"
        }
        assert breaks == BREAKS
        single = {
            (r["buyer_id"], r["product_id"], r["supplier_id"])
            for c in CHAINS
            for r in client.get(f"/chains/{c}/risks").json()["single_source_inputs"]
        }
        assert single == SINGLE_SOURCES
        anchors = {
            a["enterprise_id"]: a["district_suppliers_by_tier"][0]
            for c in CHAINS
            for a in client.get(f"/chains/{c}/anchors").json()["anchors"]
        }
        assert anchors == ANCHOR_TIER1
        impact = client.get("/enterprises/ent.auto.xinzhu/impact").json()
        assert [c["enterprise_id"] for c in impact["cut_off"]] == ["ent.auto.hongrui", "ent.auto.hengyuan"]
