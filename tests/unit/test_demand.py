"""The what-if on both sides agrees with an independent brute force on generated graphs: firms cut off
(supply side) and suppliers losing sales (demand side), with and without following the demand-hit firms
as stopped."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis import anchors, breaks, demand, supply, wording
from service.analysis.demand import disrupt, lost_share
from service.analysis.risks import FirmFacts, impact
from service.analysis.supply import Link, SupplyNetwork, cascade
from tests.unit.link_strategies import links, whole_values

FIRMS = [f"f{i}" for i in range(8)]
PRODUCTS = ["p", "q", "r"]


def _first_links(links: list[Link]) -> list[Link]:
    """One link per (supplier, buyer, product), the first, as a supply network keeps them."""
    seen: dict[tuple[str, str, str], Link] = {}
    for x in links:
        seen.setdefault((x.supplier, x.buyer, x.product), x)
    return list(seen.values())


def brute_share(links: list[Link], firm: str, down: set[str]) -> float | None:
    """The definition, read literally: the firm's links to down firms over all its links, by value;
    certain (1) when all of them are lost, open (None) when a value is missing."""
    mine = [x for x in links if x.supplier == firm]
    lost = [x for x in mine if x.buyer in down]
    if not lost:
        return 0.0
    if len(lost) == len(mine):
        return 1.0
    if any(x.value is None for x in mine):
        return None
    total = sum(x.value or 0.0 for x in mine)
    return None if total <= 0 else sum(x.value or 0.0 for x in lost) / total


def brute_force(
    links: list[Link], stopped: set[str], threshold: float, follow: bool
) -> tuple[dict[str, int], dict[str, int], set[str]]:
    """Round after round over every firm and product, without the indexes the implementation uses:
    (cut firm -> round, demand-hit firm -> round, firms down at the end)."""
    links = _first_links(links)
    down = set(stopped)
    cut: dict[str, int] = {}
    hit: dict[str, int] = {}
    round_no = 0
    while True:
        round_no += 1
        before = set(down)
        for firm in FIRMS:
            if firm in before:
                continue
            for product in PRODUCTS:
                suppliers = {x.supplier for x in links if x.buyer == firm and x.product == product}
                if suppliers and suppliers <= before:
                    cut[firm] = round_no
                    down.add(firm)
                    break
        for firm in FIRMS:
            if firm in before or firm in cut or firm in hit:
                continue
            share = brute_share(links, firm, before)
            if share is not None and share >= threshold:
                hit[firm] = round_no
                if follow:
                    down.add(firm)
        if down == before:  # shares depend on the down firms only: nothing more can change
            return cut, hit, down


links_strategy = links(FIRMS, PRODUCTS, value=whole_values(), max_size=30, self_links=False)


@settings(max_examples=400, deadline=None)
@given(
    links=links_strategy,
    stopped=st.sets(st.sampled_from(FIRMS), min_size=1, max_size=3),
    threshold=st.sampled_from([0.2, 0.5, 0.75, 1.0]),
    follow=st.booleans(),
)
def test_both_sides_match_brute_force(
    links: list[Link], stopped: set[str], threshold: float, follow: bool
) -> None:
    found = disrupt(SupplyNetwork.build(links), stopped, threshold, follow)
    cut, hit, down = brute_force(links, stopped, threshold, follow)
    assert {k: c.round for k, c in found.cut.items()} == cut
    kept = _first_links(links)
    sellers = {x.supplier for x in kept if x.buyer in down} - set(stopped) - set(cut)
    assert set(found.demand) == sellers
    for firm, loss in found.demand.items():
        assert loss.lost_share == pytest.approx(brute_share(kept, firm, down))
        assert set(loss.lost_buyers) == {x.buyer for x in kept if x.supplier == firm and x.buyer in down}
        assert (loss.hit, loss.round) == (firm in hit, hit.get(firm))
    if not follow:  # without following, the supply side is the plain cascade
        assert found.cut == cascade(SupplyNetwork.build(links), stopped)


def test_a_stopped_anchor_hits_the_supplier_that_sells_it_everything() -> None:
    """Stopping the buyer cuts off nobody, yet its sole customer's supplier loses all it records."""
    net = SupplyNetwork.build(
        [
            Link("hongrui", "hengyuan", "housing", value=5200.0),
            Link("xinzhu", "hongrui", "casting", value=3000.0),
            Link("seat", "hengyuan", "seat", value=40.0),
            Link("seat", "other", "seat", value=60.0),
        ]
    )
    facts = {k: FirmFacts(k, k, True, "220106400") for k in ("hongrui", "hengyuan", "xinzhu", "seat")}
    today = impact(net, ["hengyuan"], facts)
    assert today["cut_off"] == [] and today["lost_value"] is None
    assert today["demand_hit"] == ["hongrui"] and today["demand_lost_value"] == 5240.0
    rows = {r["enterprise_id"]: r for r in today["demand_losses"]}
    assert rows["hongrui"]["lost_share"] == 1.0 and rows["hongrui"]["round"] == 1
    assert rows["seat"]["lost_share"] == 0.4 and rows["seat"]["demand_hit"] is False
    followed = impact(net, ["hengyuan"], facts, follow_demand=True)
    assert followed["demand_hit"] == ["hongrui", "xinzhu"]  # hongrui stops, so xinzhu loses its buyer
    assert [r["round"] for r in followed["demand_losses"] if r["demand_hit"]] == [1, 2]
    assert impact(net, ["hengyuan"], facts, demand_threshold=0.3)["demand_hit"] == ["hongrui", "seat"]


def test_a_missing_value_leaves_the_share_unknown_unless_every_sale_is_lost() -> None:
    sales = [Link("s", "a", "p", value=10.0), Link("s", "b", "p")]
    assert lost_share(sales, {"a"}) is None
    assert lost_share(sales, {"a", "b"}) == 1.0
    assert lost_share(sales, set()) == 0.0
    net = SupplyNetwork.build([*sales, Link("s", "c", "q", value=1.0)])
    loss = disrupt(net, ["a"], threshold=0.01).demand["s"]
    assert loss.lost_share is None and not loss.hit and loss.unvalued_links == 1


@pytest.mark.parametrize("module", [anchors, breaks, demand, supply, wording])
def test_the_runnable_examples_run(module: object) -> None:
    failed, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert tried > 0 and failed == 0
