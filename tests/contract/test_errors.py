"""Engine errors come back as the project's own exceptions, and a failed batch writes nothing."""

from __future__ import annotations

import pytest

from graph_schema import MODEL
from graph_schema.ingest_cypher import node_query
from service.errors import Conflict
from service.storage.port import GraphStore
from service.storage.queries import Q
from service.storage.rows import Rows


def _chain_rows(*ids: str) -> Rows:
    node = MODEL.node("Chain")
    columns = [(p.name, p.type) for p in node.properties]
    return Rows.from_dicts(
        columns,
        [{"id": i, "name": "链", "provenance": "illustrative", "confirmed_on": "2026-11-28"} for i in ids],
    )


def test_duplicate_key_is_a_conflict_and_the_batch_is_rolled_back(empty_store: GraphStore) -> None:
    create = node_query("create", "Chain")
    empty_store.write([(create, {"rows": _chain_rows("a")})])
    with pytest.raises(Conflict):
        empty_store.write([(create, {"rows": _chain_rows("b")}), (create, {"rows": _chain_rows("a")})])
    assert [r["id"] for r in empty_store.read(Q.LIST_CHAINS)] == ["a"]


def test_schema_application_is_idempotent(empty_store: GraphStore) -> None:
    empty_store.apply_schema()
    empty_store.apply_schema()
    create = node_query("create", "Chain")
    empty_store.write([(create, {"rows": _chain_rows("a")})])
    with pytest.raises(Conflict):  # the uniqueness rule survives re-applying the schema
        empty_store.write([(create, {"rows": _chain_rows("a")})])
