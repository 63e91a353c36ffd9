"""Every query in cypher/ runs on both engines, on the same fixture data, with the same rows."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from service import history
from service.access import GraphKeyStore, Sessions
from service.ledger import load
from service.ledger.read import read_ledger
from service.storage.port import GraphStore, Params, Progress, Statement, versioned
from service.storage.queries import Q, QueryRegistry
from tests.conftest import FIXTURES, close_store, make_store

# Parameters for each hand-written read query, chosen to hit rows in the mini graph.
READ_PARAMS: dict[str, dict[str, Any]] = {
    Q.COUNT_NODES: {},
    Q.COUNT_RELATIONSHIPS: {},
    Q.LIST_CHAINS: {},
    Q.GET_CHAIN: {"chain_id": "c1"},
    Q.LIST_CHAIN_SEGMENTS: {"chain_id": "c1"},
    Q.GET_ENTERPRISE: {"enterprise_id": "e3"},
    Q.LIST_ENTERPRISE_SEGMENTS: {"enterprise_id": "e2"},
    Q.LIST_ENTERPRISE_PRODUCTS: {"enterprise_id": "e3"},
    Q.LIST_ENTERPRISE_SUPPLIERS: {"enterprise_id": "e3"},
    Q.LIST_ENTERPRISE_CUSTOMERS: {"enterprise_id": "e2"},
    Q.SEARCH_NODES: {"q": "部件", "limit": 10},
    Q.CHAIN_FIRMS: {"chain_id": "c1"},
    Q.CHAIN_FEEDS: {"chain_id": "c1"},
    Q.CHAIN_DISTRICT_INPUTS: {"chain_id": "c1"},
    Q.INPUTS_OF_BUYERS: {"buyer_ids": ["e2", "e3"]},
    Q.SUPPLY_LINKS: {},
    Q.ENTERPRISE_FACTS: {},
    Q.MAKERS: {},
    Q.PRODUCT_NAMES: {},
    Q.CHAIN_TECHNOLOGY_HOLDERS: {"chain_id": "c1"},
    Q.LIST_CHAIN_ENTERPRISES: {"chain_id": "c1"},
    Q.LIST_CHAIN_PROJECTS: {"chain_id": "c1"},
    Q.LIST_CHAIN_POLICIES: {"chain_id": "c1"},
    Q.LIST_CHAIN_SEGMENT_POLICIES: {"chain_id": "c1"},
    Q.MAP_TECHNOLOGIES: {"chain_id": "c1"},
    Q.MAP_TECHNOLOGY_PATHS: {"chain_id": "c1"},
    Q.MAP_TECHNOLOGY_PROJECTS: {"chain_id": "c1"},
    Q.MAP_PRODUCT_DOMAINS: {"chain_id": "c1"},
    Q.MAP_FIRM_PRODUCTS: {"chain_id": "c1"},
    Q.CHAIN_SEGMENT_PRODUCTS: {"chain_id": "c1"},
    Q.OUTSIDE_MAKERS: {"product_ids": ["p1", "p2"]},
    Q.SIMILAR_MAKERS: {"product_ids": ["p1", "p2"]},
    Q.DISTRICT_DEMAND: {"product_ids": ["p1", "p2"]},
    Q.DISTRICT_CUSTOMER_COUNTS: {"enterprise_ids": ["e1", "e2", "e4", "e5", "nope"]},
    Q.DISTRICT_TOWNSHIPS: {"district_code": "220106"},
    Q.ANY_REGION: {},
}
# The ids the generated ``ingest/find_*`` queries are asked about: some of every label, one unknown.
FIND_IDS = {
    "ids": ["c1", "s2", "s3", "e2", "e3", "p2", "p3", "t1", "t2", "d1", "220106", "pr1", "po1", "o2", "nope"]
}
# Queries without ORDER BY: compared as multisets.
UNORDERED = {Q.SUPPLY_LINKS, Q.ENTERPRISE_FACTS, Q.MAKERS}
WRITE_ONLY = {Q.CLEAR_GRAPH}


class Recording:
    """A store wrapper that remembers which queries ran."""

    def __init__(self, store: GraphStore, seen: set[str]) -> None:
        self._store = store
        self.engine = store.engine
        self.backend = store.backend
        self.queries = store.queries
        self.seen = seen

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        self.seen.add(query)
        return self._store.read(query, params, primary=primary)

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        self.seen.update(name for name, _ in versioned(statements))
        self._store.write(statements, progress)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[GraphStore]:
        with self._store.transaction() as tx:
            self.seen.add(Q.LOCK_WRITES)  # the first statement of every write transaction
            yield Recording(tx, self.seen)

    def apply_schema(self) -> None:
        self._store.apply_schema()

    def server_version(self) -> str:
        return self._store.server_version()

    def close(self) -> None:
        self._store.close()


def _snapshot(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """Rows of every read query: the hand-written ones and every generated list query."""
    out = {name: store.read(name, params) for name, params in READ_PARAMS.items()}
    for name in UNORDERED:
        out[name].sort(key=repr)
    # The version token is random per write: both engines must have one, its value differs.
    out[Q.GET_VERSION] = [sorted(r) for r in store.read(Q.GET_VERSION)]
    for name in sorted(store.queries.names()):
        if name.startswith("ingest/list_"):
            out[name] = store.read(name)
        elif name.startswith("ingest/find_"):
            out[name] = store.read(name, FIND_IDS)
    return out


def _differences(a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [f"{name}:\n  ladybug={a[name]!r}\n  neo4j  ={b[name]!r}" for name in a if a[name] != b[name]]


@pytest.mark.neo4j
def test_every_query_runs_on_both_engines_with_equal_rows(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    stores = {e: make_store(e, request, tmp_path / e) for e in ("ladybug", "neo4j")}
    recorded = {e: Recording(s, seen[e]) for e, s in stores.items()}
    try:
        steps = [
            ("mini", "import the fixture ledger"),
            ("mini", "import it again: updates, re-links, no change"),
            ("mini_unknowns", "unknown scale, 专精特新 and region level; product weights and 产品大类"),
            ("mini_change", "a partial ledger: rename, new firm, deleted link, new segment list"),
            ("mini_delete", "delete every node and link the ledger made"),
        ]
        for day, (folder, what) in enumerate(steps, start=1):
            snapshots = {}
            for engine, store in recorded.items():  # each import an update of the history
                history.import_update(
                    store, read_ledger(FIXTURES / folder), author="契约测试", at=dt.date(2026, 11, day)
                )
                snapshots[engine] = _snapshot(store)
            diff = _differences(snapshots["ladybug"], snapshots["neo4j"])
            assert not diff, f"after '{what}' the engines disagree:\n" + "\n".join(diff)
        for store in recorded.values():  # an admin corrects the date of the last update
            history.redate(store, "u000004", dt.date(2026, 11, 3), author="契约测试")
        logs = {  # the same history on both engines, down to the rows each update changed
            e: [
                ({**u.public(), "recorded_at": None}, history.changes_of(s, u.id)) for u in history.updates(s)
            ]
            for e, s in recorded.items()
        }
        assert logs["ladybug"] == logs["neo4j"] and len(logs["neo4j"]) == 5
        for store in recorded.values():  # keys in the graph, as the Neo4j backend keeps them
            keys, version = GraphKeyStore(store), store.read(Q.GET_VERSION)
            key, token = keys.create("契约测试", "editor", ("c1",))
            sessions = Sessions(keys)
            cookie = sessions.issue(key)
            assert keys.verify(token) == key and sessions.verify(cookie) == key and keys.any_active()
            assert keys.listed() == [key] and keys.revoke(key.key_id).revoked_at
            assert keys.verify(token) is None and sessions.verify(cookie) is None and not keys.any_active()
            assert store.read(Q.GET_VERSION) == version  # keys change no answer about the chains
        for store in recorded.values():
            store.write([(Q.CLEAR_GRAPH, {})])
            assert store.read(Q.COUNT_NODES) == [{"nodes": 1}]  # only the version node the write left
        # the imports above create their few rows by ingest/add_*; a big import creates by ingest/create_*
        monkeypatch.setattr(load, "COPY_FROM_ROWS", 0)
        snapshots = {}
        for engine, store in recorded.items():
            for folder in ("mini", "mini_unknowns", "mini_change"):
                load.import_ledger(store, read_ledger(FIXTURES / folder))
            snapshots[engine] = _snapshot(store)
        diff = _differences(snapshots["ladybug"], snapshots["neo4j"])
        assert not diff, "after the bulk imports the engines disagree:\n" + "\n".join(diff)
        for engine in recorded:
            missing = QueryRegistry(engine).names() - seen[engine]
            assert not missing, f"{engine}: queries never run in the contract tests: {sorted(missing)}"
    finally:
        for store in stores.values():
            close_store(store)


def test_mini_graph_answers_what_its_readme_says(mini_store: GraphStore) -> None:
    segments = mini_store.read(Q.LIST_CHAIN_SEGMENTS, {"chain_id": "c1"})
    assert [(s["id"], s["enterprise_count"], s["district_enterprise_count"]) for s in segments] == [
        ("s1", 1, 0),
        ("s2", 2, 1),
        ("s3", 1, 1),
        ("s4", 1, 0),
    ]
    links = mini_store.read("ingest/list_supplies_enterprise_enterprise")
    assert {(r["from_id"], r["to_id"], r["product_id"]) for r in links} == {
        ("e1", "e2", "p1"),
        ("e2", "e3", "p2"),
        ("e5", "e3", "p2"),
        ("e3", "e4", "p3"),
    }
    suppliers = mini_store.read(Q.LIST_ENTERPRISE_SUPPLIERS, {"enterprise_id": "e3"})
    assert [(r["enterprise_id"], r["share"]) for r in suppliers] == [("e2", 0.7), ("e5", 0.3)]
