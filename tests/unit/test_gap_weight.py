"""Gap importance reflects what depends on the gap (issue 17.6): a break that holds up district firms,
their purchases and an anchor weighs more than a break nothing depends on, and equal scores follow the
stated tie rules."""

from __future__ import annotations

import pytest

from service.analysis import recruitment as rec
from service.analysis.breaks import Firm, Segment
from service.analysis.supply import Link, SupplyNetwork

# s_core feeds s_mid feeds s_top (an anchor and a supplier work there); s_edge feeds nothing
SEGMENTS = [
    Segment("s_core", "核心件", 1, ()),
    Segment("s_edge", "港口物流", 1, ()),
    Segment("s_mid", "总成", 2, (Firm("m", "总成厂", True, "active"), Firm("x", "停产厂", True, "inactive"))),
    Segment("s_top", "整车", 3, (Firm("anchor", "链主", True, "active"),)),
]
FEEDS = [("s_core", "s_mid"), ("s_mid", "s_top")]
NETWORK = SupplyNetwork.build(
    [
        Link("far", "m", "core", value=800.0),
        Link("m", "anchor", "asm", value=3000.0),
        Link("far2", "x", "core", value=99.0),  # a stopped firm holds nothing up
    ]
)


def _gaps() -> list[rec.Gap]:
    gaps = [
        rec.Gap("segment:s_core", ("break",), "s_core", ("core",), (), "断点"),
        rec.Gap("segment:s_edge", ("break",), "s_edge", ("port",), (), "断点"),
    ]
    return rec.weigh_gaps(gaps, SEGMENTS, FEEDS, {"anchor"}, NETWORK)


def _twin(cid: str, product: str, segment: str) -> rec.Candidate:
    """Candidates alike in everything but the gap they fill."""
    return rec.Candidate(cid, cid, "220402", "medium", False, frozenset({product}), frozenset({segment}))


def test_a_central_break_holds_up_more_than_a_peripheral_one() -> None:
    core, edge = _gaps()
    assert (core.held_firms, core.held_anchors, core.held_segments) == (
        ("anchor", "m"),
        ("anchor",),
        ("s_mid", "s_top"),
    )
    assert core.held_value == 3800.0  # what the two firms held up buy a year (800 + 3000)
    dependence = (2 / rec.HELD_FIRMS_FULL + 3800 / (3800 + rec.HELD_VALUE_HALF) + 1) / 3
    assert core.dependence == pytest.approx(dependence, abs=1e-4)
    assert core.factor == pytest.approx(rec.HELD_BASE + (1 - rec.HELD_BASE) * dependence, abs=1e-4)
    assert (edge.held_firms, edge.held_value, edge.dependence, edge.factor) == ((), None, 0.0, rec.HELD_BASE)


def test_the_peripheral_breaks_filler_ranks_below_the_central_ones() -> None:
    core, edge = _gaps()
    # "a_port" sorts before "b_core" by id: with the gap factor alone deciding, it must come second
    candidates = {"a_port": _twin("a_port", "port", "s_edge"), "b_core": _twin("b_core", "core", "s_core")}
    _, targets = rec.rank([core, edge], candidates, {}, rec.Weights())
    assert [t["enterprise_id"] for t in targets] == ["b_core", "a_port"]
    assert targets[0]["score"] > targets[1]["score"]


def test_equal_scores_follow_the_stated_tie_rules() -> None:
    core, edge = _gaps()
    candidates = {"a_port": _twin("a_port", "port", "s_edge"), "b_core": _twin("b_core", "core", "s_core")}
    # with the gap weighing nothing the scores tie: the gap more depends on still comes first
    _, targets = rec.rank([core, edge], candidates, {}, rec.Weights(gap=0))
    assert targets[0]["score"] == targets[1]["score"]
    assert [t["enterprise_id"] for t in targets] == ["b_core", "a_port"]
    # same gap, same score: the larger outside purchase value, then more district customers, then the id
    one = {c: _twin(c, "core", "s_core") for c in ("c1", "c2")}
    one["c2"] = rec.Candidate(
        "c2", "c2", "220402", "medium", False, frozenset({"core"}), frozenset({"s_core"}), 3
    )
    per_gap, _ = rec.rank([core], one, {}, rec.Weights(supplies_district=0))
    assert [cid for cid, _ in per_gap[core.id]] == ["c2", "c1"]
