"""JSON answers as DataFrames: the rows of one part of an answer, nested objects flattened into columns.

A part is a dotted path into the answer (``"risk_nodes"``, ``"what_if.before"``); a list of objects
gives one row each, an object one row, a list of plain values one row per value (column ``值``), and a
tuple of parts stacks their rows under a first column ``部分``. An object nested in a row becomes columns
``外层·内层`` (an object that carries its own ``label`` names them with it); a list stays one cell, as it
is. Nothing is dropped or rounded: ``attrs["raw"]`` holds the whole answer, ``attrs["fields"]`` the
field path of each column and ``attrs["sources"]`` the part and index each row came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from service.explore.errors import ExploreError
from service.explore.labels import label

FieldPath = tuple[str, ...]
Part = str | tuple[str, ...] | None
SECTION = "部分"


class Answer(dict[str, Any]):
    """A JSON answer kept on a frame's ``attrs``: pandas copies ``attrs`` deeply along every operation,
    and an answer can be large, so copies share it (treat it as read-only)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Answer:
        return self


def at(answer: Mapping[str, Any], part: str) -> Any:
    """The value at a dotted path of the answer; an unknown path is an error naming the fields there."""
    value: Any = answer
    for field in part.split("."):
        if not isinstance(value, Mapping) or field not in value:
            have = "、".join(value) if isinstance(value, Mapping) else type(value).__name__
            raise ExploreError(f"答复中没有 {part!r}（{field} 不存在；可选：{have}）", code="unknown_part")
        value = value[field]
    return value


def rows_of(value: Any) -> list[Mapping[str, Any]]:
    """The rows a part holds: each object of a list, the object itself, or each plain value."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [v if isinstance(v, Mapping) else {"value": v} for v in value]
    return [{"value": value}]


def flatten(row: Mapping[str, Any], prefix: FieldPath = ()) -> dict[FieldPath, Any]:
    """Every leaf of ``row`` by its field path; a non-empty nested object is walked, anything else
    (a list, an empty object, a plain value) is a leaf."""
    out: dict[FieldPath, Any] = {}
    for field, value in row.items():
        path = (*prefix, str(field))
        if isinstance(value, Mapping) and value:
            out.update(flatten(value, path))
        else:
            out[path] = value
    return out


def _header(path: FieldPath, rows: Sequence[Mapping[str, Any]]) -> str:
    """The Chinese header of a field path, named from the first row that has it."""
    parts = []
    for depth, field in enumerate(path):
        parent: Any = None
        for row in rows:
            node: Any = row
            for step in path[:depth]:
                node = node.get(step) if isinstance(node, Mapping) else None
            if isinstance(node, Mapping) and field in node:
                parent = node
                break
        siblings = frozenset(parent) if isinstance(parent, Mapping) else frozenset()
        child = parent.get(field) if isinstance(parent, Mapping) else None
        own = child.get("label") if isinstance(child, Mapping) else None
        parts.append(own if isinstance(own, str) and depth < len(path) - 1 else label(field, siblings))
    return "·".join(parts)


def _part_label(part: str) -> str:
    return "·".join(label(field) for field in part.split("."))


def frame(answer: Mapping[str, Any], part: Part) -> pd.DataFrame:
    """The rows of ``part`` of ``answer`` as a DataFrame with Chinese headers (see the module)."""
    parts: tuple[str, ...] = part if isinstance(part, tuple) else (part,) if part else ()
    sources: list[tuple[str | None, int]] = []
    rows: list[Mapping[str, Any]] = []
    if part is None:
        rows, sources = [answer], [(None, 0)]
    for name in parts:
        found = rows_of(at(answer, name))
        rows += found
        sources += [(name, i) for i in range(len(found))]
    flats = [flatten(r) for r in rows]
    paths: dict[FieldPath, None] = {}
    for flat in flats:
        paths.update(dict.fromkeys(flat))
    headers: list[str] = []
    fields: dict[str, str | None] = {}
    if isinstance(part, tuple):
        headers.append(SECTION)
        fields[SECTION] = None
    for path in paths:
        header = _header(path, rows)
        unique = f"{header}（{'.'.join(path)}）" if header in fields else header
        headers.append(unique)
        fields[unique] = ".".join(path)
    records = []
    for (source, _), flat in zip(sources, flats, strict=True):
        cells = [flat.get(p) for p in paths]
        records.append([_part_label(source or ""), *cells] if isinstance(part, tuple) else cells)
    df = pd.DataFrame(records, columns=headers) if records else pd.DataFrame(columns=headers)
    df.attrs["raw"] = answer if isinstance(answer, Answer) else Answer(answer)
    df.attrs["part"] = part
    df.attrs["fields"] = fields
    df.attrs["sources"] = sources
    return df
