"""Typed dependencies: the store, and path ids that are validated in one place."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Request

from service import catalog
from service.storage.port import GraphStore

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_chain(store: StoreDep, chain_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The chain named in the path, or 404."""
    return catalog.get_chain(store, chain_id)


ChainDep = Annotated[dict[str, Any], Depends(get_chain)]
