"""A chain's breaks are read from the projection of the whole graph when it is at hand, else from the
chain's own district inputs: the answers are the same, down to order, on both engines."""

from __future__ import annotations

from service import weaklinks
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
