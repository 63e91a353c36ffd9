from __future__ import annotations

from fastapi import APIRouter, Depends

from service import catalog
from service.api.access import VIEWER, Allow
from service.api.deps import ChainDep, StoreDep
from service.api.models import ChainPublic, ChainsPublic, ChainSummary

router = APIRouter(prefix="/chains", tags=["chains"], dependencies=[Depends(Allow(VIEWER))])


@router.get("", response_model=ChainsPublic)
def list_chains(store: StoreDep) -> ChainsPublic:
    """The industrial chains with their segment counts."""
    rows = catalog.list_chains(store)
    return ChainsPublic(data=[ChainSummary(**r) for r in rows], count=len(rows))


@router.get("/{chain_id}", response_model=ChainPublic)
def get_chain(chain: ChainDep) -> ChainPublic:
    """One chain with its segments from upstream to downstream and their enterprise counts."""
    return ChainPublic(**chain)
