"""A few new nodes and links are created by the journaled ``ingest/add_*`` queries, many by the bulk
``ingest/create_*`` ones (LadybugDB's COPY, after which the whole store is checkpointed at commit): the
graph is the same either way, on both engines, and the planner picks by ``COPY_FROM_ROWS``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seed import dataset_path
from service import history
from service.ledger import load
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import close_store, make_store


def _imported(store: GraphStore, limit: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, set[str]]:
    """The seed ledger imported with ``COPY_FROM_ROWS = limit``: the graph's ledger and the creating
    queries the plan used."""
    used: set[str] = set()
    plan = load.plan

    def spied(*args: Any, **kwargs: Any) -> Any:
        statements = plan(*args, **kwargs)
        used.update(name for name, _ in statements if "/add_" in name or "/create_" in name)
        return statements

    monkeypatch.setattr(load, "COPY_FROM_ROWS", limit)
    monkeypatch.setattr(load, "plan", spied)
    with dataset_path() as path:
        load.import_ledger(store, read_ledger(path))
    counts = (store.read(Q.COUNT_NODES), store.read(Q.COUNT_RELATIONSHIPS))
    return (history.current_state(store), counts), used


def test_a_few_rows_at_a_time_make_the_same_graph_as_bulk(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = []
    for limit in (0, 10**9):
        store = make_store(engine, request, tmp_path / str(limit))
        try:
            graph, used = _imported(store, limit, monkeypatch)
        finally:
            close_store(store)
        kind = "/create_" if limit == 0 else "/add_"
        assert used and all(kind in name for name in used), (limit, sorted(used))
        graphs.append(graph)
    assert graphs[0] == graphs[1]


def test_the_planner_adds_a_few_and_creates_many() -> None:
    assert load._creation(range(load.COPY_FROM_ROWS)) == "add"
    assert load._creation(range(load.COPY_FROM_ROWS + 1)) == "create"
