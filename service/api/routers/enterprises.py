from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from service import catalog
from service.api.access import VIEWER, Allow
from service.api.deps import ID_PATTERN, StoreDep
from service.api.models import EnterprisePublic

router = APIRouter(prefix="/enterprises", tags=["enterprises"], dependencies=[Depends(Allow(VIEWER))])


@router.get("/{enterprise_id}", response_model=EnterprisePublic)
def get_enterprise(
    store: StoreDep, enterprise_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> EnterprisePublic:
    """An enterprise's card: facts, segments, products, suppliers and customers."""
    return EnterprisePublic(**catalog.get_enterprise(store, enterprise_id))
