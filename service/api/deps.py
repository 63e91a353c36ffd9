"""Typed dependencies: the store, and path ids that are validated in one place."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request

from service import catalog, history
from service.errors import InvalidInput
from service.storage.port import GraphStore

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"


def get_store(
    request: Request,
    as_of: Annotated[
        dt.date | None, Query(description="按某日结束时的图谱作答（YYYY-MM-DD）；不给则为当前图谱")
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
