"""Embedded adapter: LadybugDB (the maintained Kùzu fork), an on-disk Cypher engine in this process."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from graph_schema import MODEL, PropertyType, ladybug_ddl
from service.errors import BackendUnavailable, ChainlensError, Conflict, QueryFailed
from service.storage.port import (
    GraphStore,
    OpenTransaction,
    Params,
    Progress,
    Statement,
    lock_statement,
    prepared,
    read_query,
)
from service.storage.queries import QueryRegistry
from service.storage.rows import Rows

_ARROW = {
    PropertyType.STRING: pa.string(),
    PropertyType.INT: pa.int64(),
    PropertyType.FLOAT: pa.float64(),
    PropertyType.BOOL: pa.bool_(),
    PropertyType.DATE: pa.string(),
}


_ARROW_FROM_ROWS = 1000


def _arrow(rows: Rows) -> pa.Table:
    columns = list(zip(*rows.data, strict=True)) if rows.data else [()] * len(rows.columns)
    return pa.table(
        {
            name: pa.array(list(values), type=_ARROW[kind])
            for (name, kind), values in zip(rows.columns, columns, strict=True)
        }
    )


def _native(params: Params) -> dict[str, Any]:
    return {k: _arrow(v) if isinstance(v, Rows) else v for k, v in params.items()}


def _translate(error: Exception, what: str) -> ChainlensError:
    message = str(error)
    if "duplicated primary key" in message:
        return Conflict(f"{what}: {message}")
    return QueryFailed(f"{what}: {message}")


class _Transaction(OpenTransaction):
    """The store as seen inside one open write transaction (see ``GraphStore.transaction``); used by
    the thread that opened it."""

    engine = "ladybug"
    backend = "embedded"

    def __init__(self, store: LadybugStore, conn: ladybug.Connection) -> None:
        self._store = store
        self._conn = conn
        self.queries = store.queries

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        q, params = read_query(self.queries, query, params)
        return self._store._run(self._conn, q.text, params, q.name)

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        checked = prepared(self.queries, statements)
        for done, (q, params) in enumerate(checked, start=1):
            self._store._run(self._conn, q.text, params, q.name)
            if progress:
                progress(done, len(checked))

    def server_version(self) -> str:
        return self._store.server_version()


class LadybugStore:
    """One read-write database per path per process; a connection per thread, one writer at a time."""

    engine = "ladybug"
    backend = "embedded"

    def __init__(self, path: Path, queries: QueryRegistry | None = None) -> None:
        self.path = Path(path)
        self.queries = queries or QueryRegistry(self.engine)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(str(self.path))
        except RuntimeError as e:
            raise BackendUnavailable(f"cannot open embedded graph at {self.path}: {e}") from e
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[ladybug.Connection] = []

    def _conn(self) -> ladybug.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = ladybug.Connection(self._db)
            self._local.conn = conn
            self._connections.append(conn)
        return conn

    @staticmethod
    def _result(conn: ladybug.Connection, text: str, params: Params, what: str) -> ladybug.QueryResult:
        try:
            result = conn.execute(text, _native(params))
        except RuntimeError as e:
            raise _translate(e, what) from e
        if isinstance(result, list):  # several statements: never produced by the registry
            raise QueryFailed(f"{what}: more than one statement")
        return result

    def _read_result(self, query: str, params: Params | None) -> ladybug.QueryResult:
        """A registered read query's result on this thread's connection, its parameters checked."""
        q, params = read_query(self.queries, query, params)
        return self._result(self._conn(), q.text, params, q.name)

    def _run(self, conn: ladybug.Connection, text: str, params: Params, what: str) -> list[dict[str, Any]]:
        result = self._result(conn, text, params, what)
        names = result.get_column_names()
        if not names:
            return []
        if result.get_num_tuples() < _ARROW_FROM_ROWS:
            return [dict(zip(names, row, strict=True)) for row in result.get_all()]
        # Arrow is the engine's fast way out for big results: about three times faster than get_all()
        # on 500k rows, but a millisecond slower on a one-row answer.
        rows: list[dict[str, Any]] = result.get_as_arrow().to_pylist()
        return rows

    def read(
        self, query: str, params: Params | None = None, *, primary: bool = False
    ) -> list[dict[str, Any]]:
        q, params = read_query(self.queries, query, params)
        return self._run(self._conn(), q.text, params, q.name)

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        result = self._read_result(query, params)
        names = result.get_column_names()
        if result.get_num_tuples() == 0:
            return {name: [] for name in names}
        columns: dict[str, list[Any]] = result.get_as_arrow().to_pydict()
        return columns

    def read_in_background(self) -> None:
        """Run this thread's queries on one core: the engine otherwise spreads each query over every
        core, and a background thread's (the warm-up's) would take them from the requests."""
        self._conn().set_max_threads_for_exec(1)

    def read_arrow(self, query: str, params: Params | None = None) -> pa.Table | None:
        """:meth:`read_columns` as the engine's own Arrow table (no Python object per value), for the
        projection of the whole graph; None when there are no rows."""
        result = self._read_result(query, params)
        if result.get_num_tuples() == 0:
            return None
        table: pa.Table = result.get_as_arrow()
        return table

    @contextlib.contextmanager
    def transaction(self) -> Iterator[GraphStore]:
        joined: _Transaction | None = getattr(self._local, "tx", None)
        if joined is not None:  # this thread's transaction is open: write in it
            yield joined
            return
        with self._write_lock:  # one writer at a time: the store has one read-write process, this one
            conn = self._conn()
            opened = _Transaction(self, conn)
            try:
                conn.execute("BEGIN TRANSACTION")
                self._local.tx = opened
                name, params = lock_statement()  # as on every engine (here the lock above already holds)
                self._run(conn, self.queries.get(name).text, params, name)
                yield opened
                conn.execute("COMMIT")
            except BaseException as e:
                # A failed statement has usually rolled the transaction back already.
                with contextlib.suppress(RuntimeError):
                    conn.execute("ROLLBACK")
                if isinstance(e, RuntimeError):
                    raise _translate(e, "write") from e
                raise
            finally:
                self._local.tx = None

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        with self.transaction() as tx:
            tx.write(statements, progress)

    def apply_schema(self) -> None:
        with self._write_lock:
            conn = self._conn()
            for ddl in ladybug_ddl(MODEL):
                try:
                    conn.execute(ddl)
                except RuntimeError as e:
                    raise QueryFailed(f"schema: {e}") from e

    def server_version(self) -> str:
        return f"LadybugDB {ladybug.__version__}"

    def close(self) -> None:
        for conn in self._connections:
            conn.close()
        self._connections.clear()
        self._local = threading.local()
        self._db.close()
