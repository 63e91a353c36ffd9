"""Every firm's single-stop cascade, computed together over numbered inputs, is exactly one cascade per
firm: the same firms, inputs, rounds, lost suppliers and values, in the same order (the risk ranking sums
lost values in that order, so an order change could change a float)."""

from __future__ import annotations

from hypothesis import given, settings

from service.analysis.supply import Link, SupplyNetwork, cascade, single_stops
from tests.unit.link_strategies import floats, links

FIRMS = [f"f{i}" for i in range(10)]
PRODUCTS = ["p", "q", "r"]

links_strategy = links(FIRMS, PRODUCTS, value=floats(1000))


def listed(cuts: dict[str, dict[str, object]]) -> list[tuple[str, list[tuple[str, object]]]]:
    return [(firm, list(cut.items())) for firm, cut in cuts.items()]


@settings(max_examples=400, deadline=None)
@given(links=links_strategy)
def test_single_stops_are_one_cascade_per_firm_in_order(links: list[Link]) -> None:
    net = SupplyNetwork.build(links)
    expected = {firm: cascade(net, [firm]) for firm in sorted(FIRMS)}
    assert listed(single_stops(net)) == listed({f: c for f, c in expected.items() if c})  # type: ignore[arg-type]


def test_a_firm_supplying_itself_is_not_its_own_cascade() -> None:
    net = SupplyNetwork.build([Link("a", "a", "p"), Link("a", "b", "q"), Link("c", "b", "q")])
    assert single_stops(net) == {}


def test_twin_links_of_one_supplier_count_as_one_source() -> None:
    # a network built directly may list one supplier twice for an input (the graph never does): it is
    # still the only source, and both links are lost, as before the inputs were numbered
    twin = [Link("a", "b", "p", value=1.0), Link("a", "b", "p", value=2.0)]
    net = SupplyNetwork({"b": {"p": twin}}, {"a": twin})
    cut = single_stops(net)
    assert list(cut) == ["a"]
    assert cut["a"]["b"].lost_suppliers == ("a", "a") and cut["a"]["b"].lost_value == 3.0
