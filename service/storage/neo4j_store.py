"""Server adapter: Neo4j 5 over Bolt (a single server, a cluster or Aura, by URI scheme)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import neo4j
from neo4j import exceptions as nx

from graph_schema import MODEL, neo4j_schema
from service.errors import BackendUnavailable, ChainlensError, Conflict, QueryFailed
from service.storage.port import Params, Progress, Statement, versioned
from service.storage.queries import QueryRegistry
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

    def read(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        q = self.queries.get(query)
        params = params or {}
        q.check_params(params)
        text = q.text
        if q.bulk:
            # One record holding every row as a list: about three times faster over Bolt than one record
            # per row when there are hundreds of thousands of them.
            text = f"CALL {{\n{q.text}\n}}\nRETURN collect([{', '.join(q.returns)}]) AS rows"
        try:
            records, _, keys = self.driver.execute_query(
                neo4j.Query(text),
                dict(params),
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, q.name) from e
        if q.bulk:
            return [dict(zip(q.returns, row, strict=True)) for row in records[0]["rows"]]
        return [dict(zip(keys, r.values(), strict=True)) for r in records]

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        rows = self.read(query, params)
        names = self.queries.get(query).returns
        return {name: [r[name] for r in rows] for name in names}

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        prepared = []
        for name, params in versioned(statements):
            q = self.queries.get(name)
            q.check_params(params)
            prepared.append((q, params))
        what = "write"
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
                for done, (q, params) in enumerate(prepared, start=1):
                    what = q.name
                    for sliced in _slices(params):
                        tx.run(q.text, sliced).consume()
                    if progress:
                        progress(done, len(prepared))
                tx.commit()
        except (nx.Neo4jError, nx.DriverError, OSError) as e:
            raise _translate(e, what) from e

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
