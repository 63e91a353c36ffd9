"""The whole-graph projection, every firm's single-stop cascade and the ranked recruitment list are built
with Python's cyclic collector held off, and it runs again once they are done."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from service import recruitment, weaklinks
from service.analysis import recruitment as rec
from service.storage.port import GraphStore


def test_the_big_builds_hold_the_collector_off(
    mini_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, list[bool]] = {"projection": [], "cascades": [], "recruitment": []}

    def spy(name: str, fn: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            seen[name].append(gc.isenabled())
            return fn(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(
        weaklinks.SupplyNetwork, "from_rows", spy("projection", weaklinks.SupplyNetwork.from_rows)
    )
    monkeypatch.setattr(weaklinks, "single_stops", spy("cascades", weaklinks.single_stops))
    monkeypatch.setattr(rec, "rank", spy("recruitment", rec.rank))
    assert gc.isenabled()
    weaklinks.risks(mini_store, "c1")
    recruitment.targets(mini_store, "c1")
    # each build ran, and never with the collector on (the ranked list also builds a supply network)
    assert all(seen.values()), seen
    assert not any(any(held) for held in seen.values()), seen
    assert gc.isenabled()
