"""A network read as columns carries its links as numbers (``LinkCodes``); the single-stop cascades
computed from those numbers are exactly those of the same network built link by link, order included,
and the network itself is the one :meth:`SupplyNetwork.from_links` indexes (twins dropped, first kept)."""

from __future__ import annotations

from unittest.mock import patch

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis.supply import Link, SupplyNetwork, _Made, single_stops
from tests.unit.link_strategies import customers, floats, links

FIRMS = [f"f{i}" for i in range(8)] + ["企业甲", "Z"]
PRODUCTS = ["p", "q", "r", "产品"]
COLUMNS = ("supplier_id", "buyer_id", "product_id", "share", "annual_value", "recovery_days", "stock_days")

links_strategy = links(
    FIRMS, PRODUCTS, share=floats(1), value=floats(1000), days=st.none() | st.integers(0, 90)
)


def as_columns(links: list[Link]) -> dict[str, list[object]]:
    return {name: [link[k] for link in links] for k, name in enumerate(COLUMNS)}


def listed(cuts: dict[str, object]) -> list[tuple[str, list[tuple[str, object]]]]:
    return [(firm, list(cut.items())) for firm, cut in cuts.items()]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(links=links_strategy, with_facts=st.booleans(), arrow=st.booleans())
def test_cascades_from_numbers_are_those_built_link_by_link(
    links: list[Link], with_facts: bool, arrow: bool
) -> None:
    plain = SupplyNetwork.from_links(list(links))
    columns = as_columns(links)
    given_columns = {k: pa.array(v) for k, v in columns.items()} if arrow and links else columns
    read = SupplyNetwork.from_columns(given_columns, FIRMS if with_facts else None)
    assert plain.codes is None and (read.codes is not None or not links)
    assert list(read.customers.items()) == list(plain.customers.items())
    assert [(b, list(p.items())) for b, p in read.inputs.items()] == [
        (b, list(p.items())) for b, p in plain.inputs.items()
    ]
    assert listed(single_stops(read)) == listed(single_stops(plain))


@settings(max_examples=300, deadline=None)
@given(
    links=links_strategy,
    reads=st.lists(st.sampled_from([*FIRMS, "unknown"]), max_size=12),
    one_by_one=st.sampled_from([1, 2, _Made.ONE_BY_ONE, 10**9]),
)
def test_a_network_read_as_columns_answers_as_the_one_built_link_by_link(
    links: list[Link], reads: list[str], one_by_one: int
) -> None:
    """Its inputs and customers are made as they are read (one by one, then the rest at once): read in
    any order, by any dict operation, they answer as the dicts of :meth:`SupplyNetwork.from_links`, and
    hold one Link object per link."""
    with patch.object(_Made, "ONE_BY_ONE", one_by_one):
        check_read_as_columns(links, reads)


def check_read_as_columns(links: list[Link], reads: list[str]) -> None:
    plain = SupplyNetwork.from_links(list(links))
    read = SupplyNetwork.from_columns(as_columns(links), FIRMS)
    products = [*sorted({link.product for link in links}), "unknown"]
    assert list(read.link_values()) == [link.value for link in plain.links()]  # before any Link is made
    for firm in reads:  # partly read first, in a drawn order
        for product in products:  # one input alone, before or after the buyer's inputs are made
            assert read.suppliers_of(firm, product) == plain.suppliers_of(firm, product)
        assert read.inputs.get(firm) == plain.inputs.get(firm)
        assert read.customers.get(firm, ()) == plain.customers.get(firm, ())
        assert (firm in read.inputs, firm in read.customers) == (
            firm in plain.inputs,
            firm in plain.customers,
        )
        if firm not in plain.inputs:
            with pytest.raises(KeyError):
                read.inputs[firm]
    assert (len(read.inputs), len(read.customers)) == (len(plain.inputs), len(plain.customers))
    assert list(read.inputs) == list(plain.inputs) and list(read.customers) == list(plain.customers)
    assert read == plain and dict(read.inputs) == plain.inputs
    assert list(read.links()) == list(plain.links())
    by_key = {link[:3]: link for link in read.links()}
    assert all(
        by_key[link[:3]] is link for bought in read.inputs.values() for ls in bought.values() for link in ls
    )


def test_a_firm_the_facts_do_not_know_falls_back_to_sorting_rows() -> None:
    links = [Link("x", "y", "p", value=1.0), Link("y", "z", "q")]
    for columns in (as_columns(links), {k: pa.array(v) for k, v in as_columns(links).items()}):
        read = SupplyNetwork.from_columns(columns, ["y", "z"])
        assert read.codes is None
        assert read == SupplyNetwork.from_links(list(links))
        assert listed(single_stops(read)) == listed(single_stops(SupplyNetwork.from_links(links)))


customers_strategy = customers(FIRMS, PRODUCTS)


@settings(max_examples=300, deadline=None)
@given(links=links_strategy, customers=customers_strategy)
def test_the_what_if_graph_is_numbered_as_the_projection_and_cascades_alike(
    links: list[Link], customers: dict[str, tuple[str, ...]]
) -> None:
    from service.analysis import recruitment as rec
    from service.analysis.supply import cascade

    read = SupplyNetwork.from_columns(as_columns(links), FIRMS)
    branch = rec.Branch("whatif.x", "新设", tuple(sorted(customers)), (), customers)
    after, _, _ = rec.with_branch(read, {}, {}, branch)
    plain_after, _, _ = rec.with_branch(SupplyNetwork.from_links(list(links)), {}, {}, branch)
    bought = {link.product for link in links}
    if links and all(p in bought for p, buyers in customers.items() if buyers):
        assert after.codes is not None
    incremental = rec.single_stops_after(single_stops(read), after, branch)
    one_by_one = {f: cascade(plain_after, [f]) for f in sorted({*FIRMS, branch.id})}
    assert sorted(listed(incremental)) == sorted(listed({f: c for f, c in one_by_one.items() if c}))
