"""Point-to-point recruitment on the seed data, on both engines: the outside firms seed/README.md names
for each break come out on top for it, scores add up, and the dossier's what-if reruns the analyses on
the graph with the target opened in the district."""

from __future__ import annotations

import pytest

from service import recruitment, weaklinks
from service.analysis import breaks as break_analysis
from service.analysis import recruitment as rec
from service.analysis import risks as risk_analysis
from service.analysis.supply import single_stops
from service.errors import InvalidInput, NotFound
from service.storage.port import GraphStore

# seed/README.md section 8: the outside firms that could fill each break
BREAK_CANDIDATES = {
    ("beef", "beef.s02"): {
        "ent.beef.breed_bc",
        "ent.beef.breed_na",
        "ent.beef.breed_qg",
        "ent.beef.breed_tl",
        "ent.beef.breed_xl",
    },
    ("beef", "beef.s08"): {"ent.beef.bio_cc", "ent.beef.bio_jl", "ent.beef.bio_wf"},
    ("auto", "auto.s08"): {
        "ent.auto.dianqu_jl",
        "ent.auto.xinneng_cc",
        "ent.auto.dianqu_sz",
        "ent.auto.dianqu_wh",
        "ent.catl",
    },
    ("ha", "ha.s04"): {
        "ent.ha.traction_cc",
        "ent.ha.transformer_jl",
        "ent.crrc_tec",
        "ent.crrc_yj",
        "ent.ha.motor_xa",
        "ent.ha.traction_bd",
    },
    ("cons", "cons.s09"): {
        "ent.cons.ski_gear_jl",
        "ent.cons.ski_jl",
        "ent.cons.ski_jy",
        "ent.cons.ski_cl",
        "ent.cons.ski_hb",
    },
}
IN_JILIN = {
    "ent.beef.breed_bc",
    "ent.beef.breed_na",
    "ent.beef.breed_qg",
    "ent.beef.bio_cc",
    "ent.beef.bio_jl",
}


@pytest.mark.parametrize(("chain", "segment"), sorted(BREAK_CANDIDATES))
def test_documented_gap_fillers_come_out_on_top_for_their_break(
    seed_store: GraphStore, chain: str, segment: str
) -> None:
    result = recruitment.targets(seed_store, chain, limit=500)
    gap = next(g for g in result["gaps"] if g["gap_id"] == f"segment:{segment}")
    expected = BREAK_CANDIDATES[(chain, segment)]
    assert gap["kinds"] == ["break"]
    top = [c["enterprise_id"] for c in gap["candidates"][: len(expected)]]
    assert set(top) == expected
    ranked = {t["enterprise_id"]: t for t in result["targets"]}
    for firm in expected:  # each is a target, ranked for this break or for a gap it fills better
        fills = {ranked[firm]["gap_id"], *(g["gap_id"] for g in ranked[firm]["also_fills"])}
        assert f"segment:{segment}" in fills


def test_scores_add_up_and_the_ranking_follows_them(seed_store: GraphStore) -> None:
    for chain in ("beef", "auto", "ha", "cons"):
        result = recruitment.targets(seed_store, chain, limit=500)
        scores = [t["score"] for t in result["targets"]]
        assert scores == sorted(scores, reverse=True)
        assert [t["rank"] for t in result["targets"]] == list(range(1, len(scores) + 1))
        for t in result["targets"]:
            assert sum(p["points"] for p in t["parts"].values()) == pytest.approx(t["score"], abs=1e-9)
            assert t["distance"] != "district"
            for p in t["parts"].values():
                assert 0 <= p["factor"] <= 1 and p["points"] == pytest.approx(p["weight"] * p["factor"])


def test_weights_change_the_ranking(seed_store: GraphStore) -> None:
    only_distance = rec.Weights.parse({name: 0 for name in rec.PARTS} | {"distance": 10})
    result = recruitment.targets(seed_store, "beef", only_distance, limit=500)
    gap = next(g for g in result["gaps"] if g["gap_id"] == "segment:beef.s02")
    top = [c["enterprise_id"] for c in gap["candidates"][:3]]
    assert set(top) == {"ent.beef.breed_bc", "ent.beef.breed_na", "ent.beef.breed_qg"}  # Jilin first
    assert result["weights"]["distance"] == 10 and result["weights"]["gap"] == 0


def test_single_source_gaps_name_the_documented_inputs(seed_store: GraphStore) -> None:
    gaps = {
        g["gap_id"]
        for chain in ("beef", "auto", "ha", "cons")
        for g in recruitment.targets(seed_store, chain)["gaps"]
        if "single_source" in g["kinds"]
    }
    assert gaps == {
        "product:p.auto.al_casting",
        "product:p.auto.gearbox_housing",
        "product:p.auto.battery_pack",
        "product:p.ha.traction_converter",
        "product:p.ha.brake_unit",
        "product:p.beef.semen",
        "product:p.beef.rawhide",
        "product:p.beef.feed",
        "product:p.cons.seasoning",
    }


def test_a_candidate_supplying_a_single_source_input_removes_it_from_the_risk_list(
    seed_store: GraphStore,
) -> None:
    risks = weaklinks.risks(seed_store, "auto", limit=500)
    assert {"buyer_id": "ent.auto.chiyuan", "product_id": "p.auto.battery_pack"}.items() <= next(
        r for r in risks["single_source_inputs"] if r["buyer_id"] == "ent.auto.chiyuan"
    ).items()
    d = recruitment.dossier(seed_store, "ent.auto.dianqu_sz", "auto")
    w = d["what_if"]
    removed = {(r["buyer_id"], r["product_id"]) for r in w["removed_single_sources"]}
    assert ("ent.auto.chiyuan", "p.auto.battery_pack") in removed
    assert w["before"]["single_source_inputs"] == risks["totals"]["single_source_inputs"]
    assert w["after"]["single_source_inputs"] == w["before"]["single_source_inputs"] - len(removed)
    assert [b["segment_id"] for b in w["closed_breaks"]] == ["auto.s08"]  # it also fills the break
    assert w["before"]["breaks"] == 1 and w["after"]["breaks"] == 0
    change = next(c for c in w["outside_share_changes"] if c["product_id"] == "p.auto.battery_pack")
    assert change["before"] == 1.0 and change["after"] < 1.0


def test_a_second_source_next_to_a_district_sole_supplier_is_a_what_if_too(seed_store: GraphStore) -> None:
    d = recruitment.dossier(seed_store, "ent.beef.woye_feed", "beef")
    removed = {(r["buyer_id"], r["product_id"]) for r in d["what_if"]["removed_single_sources"]}
    assert ("ent.beef.farm5", "p.beef.feed") in removed
    assert "ent.beef.farm5" in d["what_if"]["branch"]["customers"]["p.beef.feed"]


def test_the_dossier_what_if_matches_a_full_rerun(seed_store: GraphStore) -> None:
    """The dossier recomputes only what the branch touches; a rerun of everything on the what-if graph
    must give the same figures."""
    for enterprise, chain in (("ent.auto.dianqu_sz", "auto"), ("ent.ha.traction_cc", "ha")):
        d = recruitment.dossier(seed_store, enterprise, chain)
        before = weaklinks.risks(seed_store, chain, limit=10)
        assert d["what_if"]["before"]["risk_nodes"] == [
            {k: r[k] for k in ("enterprise_id", "enterprise_name", "score")} for r in before["risk_nodes"]
        ]
        assert len(weaklinks.breaks(seed_store, chain)) == (
            d["what_if"]["before"]["breaks"] + d["what_if"]["before"]["choke_points"]
        )
        p = weaklinks.projection(seed_store)
        view = weaklinks.chain_view(seed_store, chain)
        b = d["what_if"]["branch"]
        branch = rec.Branch(
            b["id"],
            b["name"],
            tuple(b["products"]),
            tuple(b["segments"]),
            {k: tuple(v) for k, v in b["customers"].items()},
        )
        network, facts, makers = rec.with_branch(p.network, p.facts, p.makers, branch)
        firms = view.firms | {branch.id}
        full = risk_analysis.chain_risks(network, firms, facts, makers, single_stops(network), 0.5, 10)
        after = d["what_if"]["after"]
        assert {k: after[k] for k in full["totals"]} == full["totals"]
        assert after["risk_nodes"] == [
            {k: r[k] for k in ("enterprise_id", "enterprise_name", "score")} for r in full["risk_nodes"]
        ]
        firm = break_analysis.Firm(branch.id, branch.name, True, "active")
        segments = [
            break_analysis.Segment(
                s.id, s.name, s.position, s.firms + ((firm,) if s.id in branch.segments else ())
            )
            for s in view.segments
        ]
        rerun = break_analysis.find_breaks(
            segments,
            view.feeds,
            network,
            {k: f.in_district for k, f in facts.items()},
            {k: f.name for k, f in facts.items()},
            p.product_names,
        )
        assert after["breaks"] + after["choke_points"] == len(rerun)


def test_the_dossier_names_demand_policies_and_parks(seed_store: GraphStore) -> None:
    d = recruitment.dossier(seed_store, "ent.beef.breed_qg")
    assert d["chain_id"] == "beef" and d["enterprise"]["distance"] == "province"
    assert "segment:beef.s02" in {g["gap_id"] for g in d["gaps"]}
    assert d["demand"]["buyer_count"] >= 1 and d["demand"]["outside_value"] > 0
    assert {p["name"] for p in d["hosts"]["parks"]} == {"绿园经济开发区", "皓月产业园区"}
    assert d["policies"] and all(p["scope"] for p in d["policies"])
    for g in d["gaps"]:
        assert sum(p["points"] for p in g["parts"].values()) == pytest.approx(g["score"], abs=1e-9)


def test_no_dossier_for_district_firms_unknown_firms_or_firms_that_fill_nothing(
    seed_store: GraphStore,
) -> None:
    with pytest.raises(NotFound, match="区内"):
        recruitment.dossier(seed_store, "ent.haoyue")
    with pytest.raises(NotFound, match="不存在"):
        recruitment.dossier(seed_store, "ent.nobody")
    with pytest.raises(NotFound, match="不能填补"):
        recruitment.dossier(seed_store, "ent.beef.breed_qg", "auto")
    with pytest.raises(InvalidInput, match="未知的评分项"):
        recruitment.parse_weights({"size": 3})
