from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service import catalog
from service.api.access import VIEWER, Allow
from service.api.deps import StoreDep
from service.api.models import SearchHit, SearchResults

router = APIRouter(tags=["search"], dependencies=[Depends(Allow(VIEWER))])


@router.get("/search", response_model=SearchResults)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")],
    limit: Annotated[int, Query(ge=1, le=200)] = catalog.SEARCH_LIMIT,
) -> SearchResults:
    """Chains, segments, firms, products and more whose Chinese name or id contains ``q``."""
    hits = catalog.search(store, q, limit)
    return SearchResults(data=[SearchHit(**h) for h in hits], count=len(hits))
