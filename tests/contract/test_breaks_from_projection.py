"""A chain's breaks are read from the projection of the whole graph when it is at hand, else from the
inputs of just the district firms the common-supplier check reads, or from all the chain's district
inputs past ``BREAK_INPUTS_BY_FIRM`` firms: the answers are the same, down to order, on both engines."""

from __future__ import annotations

import pytest

from service import weaklinks
from service.analysis import breaks as break_analysis
from service.cache import cache_for
from service.storage.port import GraphStore

CHAINS = ("beef", "auto", "ha", "cons")


def test_breaks_are_the_same_with_and_without_the_projection(seed_store: GraphStore) -> None:
    cache = cache_for(seed_store)
    cache.clear()
    fetched = {chain: weaklinks.breaks(seed_store, chain) for chain in CHAINS}
    assert cache.peek(seed_store, "projection") is None  # read without the whole graph
    cache.clear()
    weaklinks.projection(seed_store)
    from_projection = {chain: weaklinks.breaks(seed_store, chain) for chain in CHAINS}
    assert from_projection == fetched
    assert all(fetched.values())  # every seed chain has breaks or choke points to compare
    cache.clear()


def test_breaks_read_few_firms_give_the_answer_of_all_district_inputs(
    seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = cache_for(seed_store)
    read: list[list[str]] = []
    original = break_analysis.needed_inputs

    def counted(segments, inputs_of, most):  # type: ignore[no-untyped-def]
        return original(segments, lambda ids: read.append(ids) or inputs_of(ids), most)

    monkeypatch.setattr(break_analysis, "needed_inputs", counted)
    cache.clear()
    few = {chain: weaklinks.breaks(seed_store, chain) for chain in CHAINS}
    assert read and max(len(ids) for ids in read) <= 16  # batches of 1, 4, 16 …
    monkeypatch.setattr(weaklinks, "BREAK_INPUTS_BY_FIRM", 0)  # every chain past the bound: all at once
    cache.clear()
    everything = {chain: weaklinks.breaks(seed_store, chain) for chain in CHAINS}
    assert few == everything  # the common-supplier case itself: tests/unit/test_breaks_few_inputs.py
    cache.clear()
