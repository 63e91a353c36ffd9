"""Recruitment's pure parts: the what-if graph, the incremental cascades and the score arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis import recruitment as rec
from service.analysis.risks import FirmFacts
from service.analysis.supply import Link, SupplyNetwork, single_stops
from tests.unit.link_strategies import customers
from tests.unit.test_cascade import FIRMS, PRODUCTS, links_strategy


def _branch(customers: dict[str, tuple[str, ...]]) -> rec.Branch:
    return rec.Branch("whatif.x", "新设", tuple(sorted(customers)), (), customers)


customers_strategy = customers(FIRMS, PRODUCTS)


@settings(max_examples=300, deadline=None)
@given(links=links_strategy, customers=customers_strategy)
def test_incremental_cascades_match_a_full_recomputation(
    links: list[Link], customers: dict[str, tuple[str, ...]]
) -> None:
    network = SupplyNetwork.build(links)
    branch = _branch(customers)
    facts = {f: FirmFacts(f, f, True, "220106") for f in FIRMS}
    after, _, _ = rec.with_branch(network, facts, {}, branch)
    incremental = rec.single_stops_after(single_stops(network), after, branch)
    full = single_stops(after)
    assert {k: dict(v) for k, v in incremental.items()} == full


def test_the_what_if_graph_adds_the_branch_as_one_more_supplier() -> None:
    network = SupplyNetwork.build(
        [Link("a", "b", "p", share=0.6, value=100.0), Link("c", "b", "p", share=0.2, value=50.0)]
    )
    after, facts, makers = rec.with_branch(network, {}, {"p": {"a", "c"}}, _branch({"p": ("b",)}))
    links = after.suppliers_of("b", "p")
    assert [link.supplier for link in links] == ["a", "c", "whatif.x"]
    assert links[-1].share == pytest.approx(0.4) and links[-1].value == pytest.approx(75.0)
    assert facts["whatif.x"].in_district and makers["p"] == {"a", "c", "whatif.x"}
    assert len(network.suppliers_of("b", "p")) == 2  # the graph as it is stays untouched


def test_score_parts_add_up_and_follow_the_weights() -> None:
    gap = rec.Gap("segment:s1", ("break",), "s1", ("p",), (), "断点")
    cand = rec.Candidate(
        "o1", "外地企业", "220402", "medium", True, frozenset({"p"}), frozenset({"s1"}), 2, ("t1",)
    )
    demand = {"p": rec.Demand({"b1": 500.0, "b2": None}, {"b1"})}
    weights = rec.Weights()
    scored = rec.score(cand, gap, demand, weights)
    parts = rec.parts(scored, weights)
    assert sum(p["points"] for p in parts.values()) == pytest.approx(scored.score, abs=1e-9)
    assert parts["district_demand"]["value"] == 2 and parts["anchor_demand"]["value"] == 1
    assert parts["demand_value"]["value"] == 500.0 and parts["distance"]["value"] == "province"
    only_distance = rec.Weights.parse({name: 0 for name in rec.PARTS} | {"distance": 10})
    assert rec.score(cand, gap, demand, only_distance).score == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"size": 1}, "未知的评分项"),
        ({"gap": -1}, "非负"),
        ({"gap": "x"}, "不是数字"),
        ({"gap": float("nan")}, "非负"),
    ],
)
def test_bad_weights_are_refused_by_name(values: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rec.Weights.parse(values)


def test_default_weights_sum_to_one_hundred() -> None:
    assert sum(rec.Weights().as_dict().values()) == 100


@st.composite
def candidate_strategy(draw: st.DrawFn) -> rec.Candidate:
    products = draw(st.frozensets(st.sampled_from(["p1", "p2", "p3"]), max_size=3))
    return rec.Candidate(
        id=draw(st.sampled_from(["o1", "o2", "o3", "o4", "o5"])),
        name="外地企业",
        region_code=draw(st.sampled_from([None, "22", "2201", "220104", "220402", "35", "110105"])),
        scale=draw(st.sampled_from([None, "large", "medium", "small", "micro"])),
        is_specialised=draw(st.sampled_from([None, False, True])),
        products=products,
        segments=draw(st.frozensets(st.sampled_from(["s1", "s2"]), max_size=2)),
        district_customers=draw(st.integers(0, 12)),
        technologies=draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), max_size=3, unique=True).map(tuple)),
        minor=draw(st.frozensets(st.sampled_from(sorted(products)), max_size=3)) if products else frozenset(),
        similar=draw(st.frozensets(st.sampled_from(["p1", "p2", "p3"]), max_size=3)) - products,
    )


gap_strategy = st.builds(
    rec.Gap,
    id=st.sampled_from(["g1", "g2", "g3", "g4"]),
    kinds=st.lists(st.sampled_from(sorted(rec.GAP_KINDS)), min_size=1, max_size=2, unique=True).map(tuple),
    segment_id=st.sampled_from([None, "s1", "s2"]),
    products=st.lists(st.sampled_from(["p1", "p2", "p3"]), max_size=3, unique=True).map(tuple),
    buyers=st.just(()),
    reason=st.just(""),
)
demand_strategy = st.dictionaries(
    st.sampled_from(["p1", "p2", "p3"]),
    st.builds(
        rec.Demand,
        value=st.dictionaries(
            st.sampled_from(["b1", "b2", "b3"]), st.none() | st.floats(0, 5000, allow_nan=False)
        ),
        anchors=st.sets(st.sampled_from(["b1", "b2"])),
    ),
)


@settings(max_examples=200, deadline=None)
@given(
    candidates=st.lists(candidate_strategy(), unique_by=lambda c: c.id),
    gaps=st.lists(gap_strategy, unique_by=lambda g: g.id),
    demand=demand_strategy,
    weights=st.sampled_from([rec.Weights(), rec.Weights.parse({"distance": 20, "gap": 0})]),
)
def test_ranking_scores_every_pair_exactly_as_score_does(
    candidates: list[rec.Candidate], gaps: list[rec.Gap], demand: dict[str, rec.Demand], weights: rec.Weights
) -> None:
    # rank() computes each part once per gap, per products made and per firm; the totals must be the
    # very floats score() gives, parts and anchors included
    per_gap, _ = rec.rank(gaps, {c.id: c for c in candidates}, demand, weights)
    by_id = {c.id: c for c in candidates}
    for gap in gaps:
        for cid, scored in per_gap[gap.id]:
            assert scored == rec.score(by_id[cid], gap, demand, weights)
