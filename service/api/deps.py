"""Typed dependencies: the store, and path ids that are validated in one place."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator

from service import catalog, history
from service.errors import InvalidInput
from service.storage.port import GraphStore

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` text (or a date): pydantic alone would also take ``0`` as a Unix time."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("日期应形如 YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]  # a date parameter, as its schema says

YEARS = range(2000, 2101)  # the years reports and assessments cover
_WEEK53 = "|".join(str(y) for y in YEARS if dt.date(y, 12, 28).isocalendar().week == 53)
# A report period that exists: a week (only long ISO years have a 53rd), month, quarter, half or year.
PERIOD_PATTERN = (
    rf"^(20[0-9]{{2}}|2100)(-W(0[1-9]|[1-4][0-9]|5[0-2])|-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$"
    rf"|^({_WEEK53})-W53$"
)


def get_store(
    request: Request,
    as_of: Annotated[
        IsoDate | None, Query(description="按某日结束时的图谱作答（YYYY-MM-DD）；不给则为当前图谱")
    ] = None,
) -> GraphStore:
    """The graph, or as it stood at the end of ``as_of`` (read requests only)."""
    store: GraphStore = request.app.state.store
    if as_of is None:
        return store
    if request.method != "GET":
        raise InvalidInput("as_of 只能用于查询，不能用于写入")
    return history.as_of(store, as_of)


StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_chain(store: StoreDep, chain_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The chain named in the path, or 404."""
    return catalog.get_chain(store, chain_id)


ChainDep = Annotated[dict[str, Any], Depends(get_chain)]
