"""The storage port: the one small interface domain logic uses to reach a graph engine."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from service.storage.queries import Q, QueryRegistry

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


class GraphStore(Protocol):
    """A graph engine behind named queries. Adapters connect, execute, return plain dicts, translate
    errors; nothing else."""

    engine: str  # the engine: "ladybug" or "neo4j"
    backend: str  # the setting that chose it: "embedded" or "neo4j"
    queries: QueryRegistry

    def read(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run one read-only query by name and return its rows."""
        ...

    def read_columns(self, query: str, params: Params | None = None) -> dict[str, list[Any]]:
        """Run one read-only query by name and return its rows as columns (name -> values, in row
        order): for the big projections, where a dict per row costs more than the query."""
        ...

    def write(self, statements: Sequence[Statement], progress: Progress | None = None) -> None:
        """Run the statements in one transaction: all of them take effect, or none.

        ``progress(done, total)`` is called after each statement."""
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
