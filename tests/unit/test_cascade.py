"""The disruption cascade agrees with an independent brute-force fixed point on generated graphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis.risks import FirmFacts, impact, recovery_gaps
from service.analysis.supply import Link, SupplyNetwork, cascade, herfindahl, single_stops
from tests.unit.link_strategies import links, whole_values

FIRMS = [f"f{i}" for i in range(8)]
PRODUCTS = ["p", "q", "r"]


def brute_force(links: list[Link], stopped: set[str]) -> set[str]:
    """Round after round, mark every firm that lacks all suppliers of some input; stop when nothing
    changes. Written without the indexes the real implementation uses."""
    down = set(stopped)
    while True:
        changed = False
        for firm in FIRMS:
            if firm in down:
                continue
            for product in PRODUCTS:
                suppliers = {x.supplier for x in links if x.buyer == firm and x.product == product}
                if suppliers and suppliers <= down:
                    down.add(firm)
                    changed = True
                    break
        if not changed:
            return down - set(stopped)


links_strategy = links(FIRMS, PRODUCTS, value=whole_values(), max_size=30, self_links=False)


@settings(max_examples=300, deadline=None)
@given(links=links_strategy, stopped=st.sets(st.sampled_from(FIRMS), min_size=1, max_size=3))
def test_cascade_matches_brute_force(links: list[Link], stopped: set[str]) -> None:
    assert set(cascade(SupplyNetwork.build(links), stopped)) == brute_force(links, stopped)


def test_cascade_reports_the_failed_input_and_round() -> None:
    net = SupplyNetwork.build(
        [Link("x", "y", "p", value=10.0), Link("y", "z", "q", value=5.0), Link("w", "z", "r")]
    )
    cut = cascade(net, ["x"])
    assert {(c.firm, c.product, c.round, c.lost_value) for c in cut.values()} == {
        ("y", "p", 1, 10.0),
        ("z", "q", 2, 5.0),
    }
    facts = {k: FirmFacts(k, k.upper(), k != "z", "220106400") for k in "xyzw"}
    result = impact(net, ["x"], facts)
    assert result["cut_off_count"] == 2 and result["cut_off_in_district"] == 1
    assert result["lost_value"] == 15.0


def test_a_second_supplier_stops_the_cascade() -> None:
    net = SupplyNetwork.build([Link("x", "y", "p"), Link("v", "y", "p")])
    assert cascade(net, ["x"]) == {}


def test_herfindahl_uses_shares_then_values_then_equal_parts() -> None:
    assert herfindahl([Link("a", "b", "p", share=0.8), Link("c", "b", "p", share=0.2)]) == 0.8**2 + 0.2**2
    assert herfindahl([Link("a", "b", "p", value=3.0), Link("c", "b", "p", value=1.0)]) == 0.75**2 + 0.25**2
    assert herfindahl([Link("a", "b", "p"), Link("c", "b", "p", share=0.9)]) == 0.5


def test_recovery_longer_than_stock_is_flagged_with_the_gap() -> None:
    net = SupplyNetwork.build(
        [
            Link("a", "b", "p", recovery_days=60, stock_days=10),
            Link("c", "b", "q", recovery_days=5, stock_days=10),
            Link("d", "b", "r", recovery_days=60),
        ]
    )
    assert [(g["supplier_id"], g["gap_days"]) for g in recovery_gaps(net)] == [("a", 50)]


@settings(max_examples=300, deadline=None)
@given(links=links_strategy)
def test_single_stops_equal_one_cascade_per_firm(links: list[Link]) -> None:
    net = SupplyNetwork.build(links)
    expected = {firm: cascade(net, [firm]) for firm in FIRMS}
    assert single_stops(net) == {firm: cut for firm, cut in expected.items() if cut}
