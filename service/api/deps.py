"""Typed dependencies: the store, path ids and dates that are validated in one place."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request

from service import catalog, history
from service.errors import InvalidInput
from service.storage.port import GraphStore

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` and nothing else (not a number of seconds, not another layout), or
    None when not given; else 422 naming the parameter."""
    if value is None:
        return None
    if not _DAY.match(value):
        raise InvalidInput(f"{name} 应为 YYYY-MM-DD 格式的日期（如 2026-11-29），收到 {value[:40]!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} 不是有效的日期：{value}") from None


def get_store(
    request: Request,
    as_of: Annotated[
        str | None,
        Query(description="按某日结束时的图谱作答（YYYY-MM-DD）；不给则为当前图谱"),
    ] = None,
) -> GraphStore:
    """The graph, or as it stood at the end of ``as_of`` (read requests only; 422 for a date that is not
    YYYY-MM-DD or is before the first recorded update)."""
    store: GraphStore = request.app.state.store
    day = parse_day(as_of, "as_of")
    if day is None:
        return store
    if request.method != "GET":
        raise InvalidInput("as_of 只能用于查询，不能用于写入")
    log = history.updates(store)
    if log and day.isoformat() < log[0].at:
        raise InvalidInput(f"as_of {day} 早于第一次记录的更新（{log[0].at}）：那时图谱还没有记录，无从作答")
    return history.as_of(store, day)


StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_chain(store: StoreDep, chain_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The chain named in the path, or 404."""
    return catalog.get_chain(store, chain_id)


ChainDep = Annotated[dict[str, Any], Depends(get_chain)]
