"""The dossier's what-if scores again only the risk nodes its branch changes
(``recruitment.risk_firms_changed``) and keeps every other firm's score from the graph as it is: the
ranking must be exactly the one scoring every firm of the graph with the branch, rows and order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis import recruitment as rec
from service.analysis.risks import FirmFacts, rank_risks, risk_scores
from service.analysis.supply import Link, SupplyNetwork, single_stops
from tests.unit.link_strategies import customers, floats, links
from tests.unit.test_cascade import FIRMS, PRODUCTS

links_strategy = links(
    FIRMS, PRODUCTS, share=floats(1), value=floats(1000), days=st.none() | st.integers(0, 60)
)
customers_strategy = customers(FIRMS, PRODUCTS)


@settings(max_examples=300, deadline=None)
@given(
    links=links_strategy,
    customers=customers_strategy,
    chain=st.sets(st.sampled_from(FIRMS)),
    inside=st.sets(st.sampled_from(FIRMS)),
    idle=st.sets(st.sampled_from(FIRMS)),
    makers=st.dictionaries(st.sampled_from(PRODUCTS), st.sets(st.sampled_from(FIRMS))),
)
def test_rescoring_the_changed_firms_ranks_as_scoring_every_firm(
    links: list[Link],
    customers: dict[str, tuple[str, ...]],
    chain: set[str],
    inside: set[str],
    idle: set[str],
    makers: dict[str, set[str]],
) -> None:
    network = SupplyNetwork.build(links)
    facts = {
        f: FirmFacts(f, f"名{f}", f in inside, "220106", "stopped" if f in idle else "active") for f in FIRMS
    }
    branch = rec.Branch("whatif.x", "新设", tuple(sorted(customers)), (), customers)
    before = single_stops(network)
    scores = risk_scores(network, chain, facts, makers, before)
    after, facts_after, makers_after = rec.with_branch(network, facts, makers, branch)
    cascades = rec.single_stops_after(before, after, branch)
    firms_after = chain | {branch.id}
    rescore = rec.risk_firms_changed(before, network, branch, ((f, r.supplied) for f, r in scores.items()))
    kept = {f: r for f, r in scores.items() if f not in rescore}
    kept.update(risk_scores(after, firms_after, facts_after, makers_after, cascades, rescore))
    full = risk_scores(after, firms_after, facts_after, makers_after, single_stops(after))
    assert kept == full
    assert rank_risks(after, firms_after, facts_after, makers_after, 1000, cascades, kept) == rank_risks(
        after, firms_after, facts_after, makers_after, 1000
    )
