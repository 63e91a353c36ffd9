"""Server adapter: Neo4j 5 over Bolt (a single server, a cluster or Aura, by URI scheme)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import neo4j
from neo4j import exceptions as nx

from graph_schema import MODEL, neo4j_schema
from service.errors import BackendUnavailable, ChainlensError, Conflict, QueryFailed
from service.storage.port import (
    GraphStore,
    OpenTransaction,
    Params,
    Progress,
    Statement,
    columns_of,
    lock_statement,
    prepared,
    read_query,
)
from service.storage.queries import Query, QueryRegistry
from service.storage.rows import Rows

# Bulk parameters are sent in slices: one huge list would make a single Bolt message of hundreds of MB.
_CHUNK = 20_000


def _translate(error: Exception, what: str) -> ChainlensError:
    if isinstance(error, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return BackendUnavailable(f"Neo4j unreachable: {error}")
    if isinstance(error, nx.TransientError):  # a deadlock or leader switch: the caller may retry
        return BackendUnavailable(f"{what}: Neo4j asked to retry: {error.message or error}")
    if isinstance(error, nx.ConstraintError):
        return Conflict(f"{what}: {error.message or error}")
    if isinstance(error, nx.Neo4jError):
        return QueryFailed(f"{what}: {error.message or error}")
    return QueryFailed(f"{what}: {error}")


def _slices(params: Params) -> Iterator[dict[str, Any]]:
    """Yield the params, cutting the one ``Rows`` parameter (if any) into driver-friendly slices."""
    bulk = [k for k, v in params.items() if isinstance(v, Rows)]
    if not bulk:
        yield dict(params)
        return
    if len(bulk) > 1:
        raise QueryFailed("at most one bulk parameter per statement")
    key = bulk[0]
    rows: Rows = params[key]
    for chunk in rows.chunks(_CHUNK):
        yield {**params, key: list(chunk.dicts())}


def _text(q: Query) -> str:
    if q.bulk:
        # One record holding every row as a list: about three times faster over Bolt than one record
        # per row when there are hundreds of thousands of them.
        return f"CALL {{\n{q.text}\n}}\nRETURN collect([{', '.join(q.returns)}]) AS rows"
    return q.text


def _rows(q: Query, records: Sequence[neo4j.Record], keys: Sequence[str]) -> list[dict[str, Any]]:
    if q.bulk:
        return [dict(zip(q.returns, row, strict=True)) for row in records[0]["rows"]]
    return [dict(zip(keys, r.values(), strict=True)) for r in records]


class _Transaction(OpenTransaction):
    """The store as seen inside one open write transaction (see ``GraphStore.transaction``)."""

    engine = "neo4j"
    backend = "neo4j"

    def __init__(self, store: Neo4jStore, tx: neo4j.Transaction) -> None:
        self._store = store
        self._tx = tx
        self.queries = store.queries

    def _run(self, q: Query, params: Params) -> tuple[list[neo4j.Record], list[str]]:
        try:
            result = self._tx.run(_text(q), dict(params))
            records = list(result)
            return records, list(result.keys())
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, q.name) from e

    def lock(self) -> None:
        name, params = lock_statement()
        self._run(self.queries.get(name), params)

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        q, params = read_query(self.queries, query, params)
        return _rows(q, *self._run(q, params))

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        checked = prepared(self.queries, statements)
        for done, (q, params) in enumerate(checked, start=1):
            for sliced in _slices(params):
                self._run(q, sliced)
            if progress:
                progress(done, len(checked))

    def server_version(self) -> str:
        return self._store.server_version()


class Neo4jStore:
    """Runs named queries through a driver it is handed (it never builds its own)."""

    engine = "neo4j"
    backend = "neo4j"

    def __init__(
        self, driver: neo4j.Driver, database: str | None = None, queries: QueryRegistry | None = None
    ) -> None:
        self.driver = driver
        self.database = database
        self.queries = queries or QueryRegistry(self.engine)
        self._local = threading.local()  # the transaction this thread has open, if any

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        q, params = read_query(self.queries, query, params)
        try:
            records, _, keys = self.driver.execute_query(
                neo4j.Query(_text(q)),
                dict(params),
                database_=self.database,
                routing_=neo4j.RoutingControl.WRITE if primary else neo4j.RoutingControl.READ,
            )
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, q.name) from e
        return _rows(q, records, keys)

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        return columns_of(self.read(query, params), self.queries.get(query))  # Bolt has no column form

    @contextlib.contextmanager
    def transaction(self) -> Iterator[GraphStore]:
        joined: _Transaction | None = getattr(self._local, "tx", None)
        if joined is not None:  # this thread's transaction is open: write in it (a second would wait on it)
            yield joined
            return
        try:
            with (
                # share execute_query's bookmarks, so a read routed to another cluster member sees
                # this write
                self.driver.session(
                    database=self.database,
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session,
                session.begin_transaction() as tx,
            ):
                opened = _Transaction(self, tx)
                self._local.tx = opened
                try:
                    opened.lock()  # every writer of every process queues here first
                    yield opened
                finally:
                    self._local.tx = None
                tx.commit()
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, "commit") from e

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        with self.transaction() as tx:
            tx.write(statements, progress)

    def apply_schema(self) -> None:
        try:
            with self.driver.session(database=self.database) as session:
                for statement in neo4j_schema(MODEL):
                    session.run(neo4j.Query(statement)).consume()
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, "schema") from e

    def server_version(self) -> str:
        try:
            info = self.driver.get_server_info()
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, "server info") from e
        return str(info.agent)

    def close(self) -> None:
        self.driver.close()
