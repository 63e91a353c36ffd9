from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from service import maps
from service.api.deps import ChainDep, StoreDep
from service.api.models import ErrorBody

router = APIRouter(tags=["maps"], responses={404: {"model": ErrorBody}})


class MapName(StrEnum):
    chain = "chain"


@router.get("/chains/{chain_id}/maps/{map_name}.html", response_class=HTMLResponse)
def chain_map(store: StoreDep, chain: ChainDep, map_name: MapName) -> HTMLResponse:
    """A chain map as one self-contained HTML page that works offline (so far the industrial-chain map)."""
    return HTMLResponse(maps.chain_map(store, chain["id"]))
