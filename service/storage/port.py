"""The storage port: the one small interface domain logic uses to reach a graph engine."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, cast

from service.errors import QueryFailed
from service.storage.queries import Q, Query, QueryRegistry

Params = Mapping[str, Any]
Statement = tuple[str, Params]
Progress = Callable[[int, int], None]


def versioned(statements: Sequence[Statement]) -> list[Statement]:
    """The statements followed by one that gives the graph a new version token.

    Every adapter's ``write`` runs this in the same transaction, so any committed write changes the
    version and no cache keyed by it can serve an answer from before the write. A write that sets the
    version itself (service.history, which records updates and changes no chain data) keeps its own.
    """
    if any(name == Q.SET_VERSION for name, _ in statements):  # the caller sets it (history records)
        return list(statements)
    today = dt.date.today().isoformat()
    return [*statements, (Q.SET_VERSION, {"version": uuid.uuid4().hex, "today": today})]


def prepared(queries: QueryRegistry, statements: Sequence[Statement]) -> list[tuple[Query, Params]]:
    """The statements of a write, version statement included, each checked against its query's params."""
    checked = []
    for name, params in versioned(statements):
        q = queries.get(name)
        q.check_params(params)
        checked.append((q, params))
    return checked


def read_query(queries: QueryRegistry, query: str, params: Params | None) -> tuple[Query, Params]:
    """A read's query and its parameters (none: empty), checked against the query's params."""
    q = queries.get(query)
    checked = params or {}
    q.check_params(checked)
    return q, checked


def columns_of(rows: Sequence[Mapping[str, Any]], query: Query) -> dict[str, list[Any]]:
    """Rows turned into columns in the order of the query's ``// returns:`` header."""
    return {name: [r[name] for r in rows] for name in query.returns}


def lock_statement() -> Statement:
    """The first statement of every write transaction: take the graph's write lock."""
    return (Q.LOCK_WRITES, {"today": dt.date.today().isoformat()})


class GraphStore(Protocol):
    """A graph engine behind named queries. Adapters connect, execute, return plain dicts, translate
    errors; nothing else."""

    engine: str  # the engine: "ladybug" or "neo4j"
    backend: str  # the setting that chose it: "embedded" or "neo4j"
    queries: QueryRegistry

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        """Run one read-only query by name and return its rows. ``primary``: read where writes are made
        (a cluster's leader, which holds every committed write), for answers that must not lag one
        (API keys); otherwise a cluster may route the read to any member."""
        ...

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        """Run one read-only query by name and return its rows as columns (name -> values, in row
        order): for the big projections, where a dict per row costs more than the query."""
        ...

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        """Run the statements in one transaction (a ``transaction()`` of their own, so after the write
        lock): all of them take effect, or none.

        ``progress(done, total)`` is called after each statement."""
        ...

    def transaction(self) -> AbstractContextManager[GraphStore]:
        """A write transaction, serialised against every other writer of the graph, in any process: it
        first takes the graph's write lock (``meta/lock_writes``, an update of one node that a second
        writer waits on until the first commits). Reads and writes on the store it yields run inside it
        and see its own writes; it commits when the block ends and rolls back if the block raises. On
        the yielded store ``transaction()`` yields that same store, and ``write`` adds to the open
        transaction (each ``write`` still gives the graph a new version token)."""
        ...

    def apply_schema(self) -> None:
        """Create constraints/tables from graph_schema; safe to repeat."""
        ...

    def server_version(self) -> str:
        """The engine's own version string."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...


class OpenTransaction:
    """What the store seen inside an open write transaction does alike on every engine: a nested
    ``transaction()`` joins it, schema changes are refused, and closing is the block's business.
    Adapters add ``read``, ``write`` and ``server_version``."""

    queries: QueryRegistry

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        raise NotImplementedError

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        return columns_of(self.read(query, params), self.queries.get(query))  # inside a write: rare

    @contextlib.contextmanager
    def transaction(self) -> Iterator[GraphStore]:
        yield cast("GraphStore", self)  # the adapter's subclass is a whole GraphStore

    def apply_schema(self) -> None:
        raise QueryFailed("schema: not inside a write transaction")

    def close(self) -> None:
        """Nothing to release: the transaction ends with its block."""
