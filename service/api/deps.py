"""Typed dependencies: the store, path ids and dates that are validated in one place."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator

from service import catalog, history
from service.errors import InvalidInput, NotFound
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


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` text (or a date): pydantic alone would also take ``0`` as a Unix time."""
    if isinstance(value, str):
        try:
            return parse_day(value, "日期")
        except InvalidInput as e:
            raise ValueError(str(e)) from None
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]  # a date parameter, as its schema says

YEARS = range(2000, 2101)  # the years reports and assessments cover
_WEEK53 = "|".join(str(y) for y in YEARS if dt.date(y, 12, 28).isocalendar().week == 53)
# A report period that exists: a week (only long ISO years have a 53rd), month, quarter, half or year.
PERIOD_PATTERN = (
    rf"^(20[0-9]{{2}}|2100)(-W(0[1-9]|[1-4][0-9]|5[0-2])|-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$"
    rf"|^({_WEEK53})-W53$"
)


AsOf = Annotated[IsoDate | None, Query(description="按某日结束时的图谱作答（YYYY-MM-DD）；不给则为当前图谱")]


def _store_at(store: GraphStore, day: dt.date | None) -> GraphStore:
    """The graph, or as it stood at the end of ``day`` (404 before the first recorded update)."""
    if day is None:
        return store
    log = history.updates(store)
    if log and day.isoformat() < log[0].at:
        # 404: nothing was recorded yet on that day; said so, not as "the chain does not exist"
        raise NotFound(f"as_of {day} 早于第一次记录的更新（{log[0].at}）：那时图谱还没有记录，无从作答")
    return history.as_of(store, day)


def get_store(request: Request, as_of: AsOf = None) -> GraphStore:
    """The graph, or as it stood at the end of ``as_of`` (GET only; 422 for a date that is not
    YYYY-MM-DD; 404 for a date before the first recorded update)."""
    if as_of is not None and request.method != "GET":
        raise InvalidInput("as_of 只能用于查询，不能用于写入")
    return _store_at(request.app.state.store, as_of)


def get_read_store(request: Request, as_of: AsOf = None) -> GraphStore:
    """The store for a question posted with a body that only reads (a what-if): ``as_of`` applies."""
    return _store_at(request.app.state.store, as_of)


# An operation that reads although it is a POST: the OpenAPI keeps its as_of (api/contract.py).
READ_POST = {"x-chainlens-read": True}
ReadStoreDep = Annotated[GraphStore, Depends(get_read_store)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_chain(store: StoreDep, chain_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The chain named in the path, or 404."""
    return catalog.get_chain(store, chain_id)


ChainDep = Annotated[dict[str, Any], Depends(get_chain)]
