from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from service import maps
from service.api.access import VIEWER, Allow
from service.api.deps import ChainDep, StoreDep

router = APIRouter(tags=["maps"], dependencies=[Depends(Allow(VIEWER))])


class MapName(StrEnum):
    chain = "chain"
    technology = "technology"
    application = "application"
    region = "region"


@router.get("/chains/{chain_id}/maps/{map_name}.html", response_class=HTMLResponse)
def chain_map(store: StoreDep, chain: ChainDep, map_name: MapName) -> HTMLResponse:
    """One of the four maps of a chain (chain, technology, application, region) as one self-contained HTML
    page that works offline."""
    return HTMLResponse(maps.MAPS[map_name.value](store, chain["id"]))
