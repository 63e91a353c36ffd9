"""``read_columns`` gives the rows of ``read`` as columns, on every engine (the projection reads this way)."""

from __future__ import annotations

from service.storage.port import GraphStore
from service.storage.queries import Q


def rows_of(columns: dict[str, list[object]]) -> list[tuple[object, ...]]:
    return sorted(zip(*columns.values(), strict=True), key=repr)


def test_columns_hold_the_rows_of_read(mini_store: GraphStore) -> None:
    for query in (Q.SUPPLY_LINKS, Q.ENTERPRISE_FACTS, Q.MAKERS):
        rows = mini_store.read(query)
        columns = mini_store.read_columns(query)
        assert list(columns) == list(mini_store.queries.get(query).returns)
        assert rows and rows_of(columns) == sorted((tuple(r.values()) for r in rows), key=repr)


def test_an_empty_answer_has_its_columns(empty_store: GraphStore) -> None:
    columns = empty_store.read_columns(Q.SUPPLY_LINKS)
    assert list(columns) == list(empty_store.queries.get(Q.SUPPLY_LINKS).returns)
    assert all(values == [] for values in columns.values())
