"""A typed table of rows, the one bulk parameter shape adapters know how to pass to their engine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph_schema import PropertyType


@dataclass(frozen=True)
class Rows:
    """Rows with declared column types.

    Neo4j receives them as a list of maps (``UNWIND $rows AS r``); LadybugDB as an Arrow table
    (``LOAD FROM $rows`` / ``COPY … FROM $rows``), which is typed even when a column is all null and is
    orders of magnitude faster than a list of maps there.
    """

    columns: tuple[tuple[str, PropertyType], ...]
    data: tuple[tuple[Any, ...], ...]

    @classmethod
    def from_dicts(
        cls, columns: Sequence[tuple[str, PropertyType]], records: Sequence[Mapping[str, Any]]
    ) -> Rows:
        names = [c for c, _ in columns]
        return cls(tuple(columns), tuple(tuple(r.get(n) for n in names) for r in records))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)

    def dicts(self) -> Iterator[dict[str, Any]]:
        names = self.names
        for row in self.data:
            yield dict(zip(names, row, strict=True))

    def __len__(self) -> int:
        return len(self.data)

    def chunks(self, size: int) -> Iterator[Rows]:
        for start in range(0, len(self.data), size):
            yield Rows(self.columns, self.data[start : start + size])
