from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from service import weaklinks
from service.api.access import VIEWER, Allow
from service.api.deps import ID_PATTERN, ChainDep, StoreDep
from service.api.models import (
    AnchorsPublic,
    BreaksPublic,
    DisruptionScenario,
    ImpactPublic,
    RisksPublic,
    SmePublic,
)

router = APIRouter(tags=["analysis"], dependencies=[Depends(Allow(VIEWER))])


@router.get("/chains/{chain_id}/breaks", response_model=BreaksPublic)
def chain_breaks(store: StoreDep, chain: ChainDep) -> BreaksPublic:
    """Chain breaks and choke points, each with the firms involved, the segments it cuts and the reason."""
    rows = weaklinks.breaks(store, chain["id"])
    return BreaksPublic.model_validate({"chain_id": chain["id"], "data": rows, "count": len(rows)})


@router.get("/chains/{chain_id}/risks", response_model=RisksPublic)
def chain_risks(
    store: StoreDep,
    chain: ChainDep,
    hhi_threshold: Annotated[float, Query(gt=0, le=1)] = weaklinks.DEFAULT_HHI_THRESHOLD,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> RisksPublic:
    """Supply-risk nodes ranked, with the numbers behind each rank and the inputs at risk (each list
    holds its first ``limit`` rows; ``totals`` counts them all; outside dependency lists the inputs
    bought partly outside the district, most dependent first)."""
    return RisksPublic.model_validate(weaklinks.risks(store, chain["id"], hhi_threshold, limit))


@router.get("/chains/{chain_id}/anchors", response_model=AnchorsPublic)
def chain_anchors(store: StoreDep, chain: ChainDep) -> AnchorsPublic:
    """Anchor firms' influence, and district firms that measure up as candidate anchors."""
    return AnchorsPublic.model_validate(weaklinks.anchors(store, chain["id"]))


@router.get("/chains/{chain_id}/sme-candidates", response_model=SmePublic)
def chain_sme_candidates(store: StoreDep, chain: ChainDep) -> SmePublic:
    """Specialised SMEs of the chain, and small firms worth cultivating, with reasons."""
    return SmePublic.model_validate(weaklinks.sme_candidates(store, chain["id"]))


@router.get("/enterprises/{enterprise_id}/impact", response_model=ImpactPublic)
def enterprise_impact(
    store: StoreDep, enterprise_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> ImpactPublic:
    """What-if: which firms are cut off, in cascade, if this firm stops."""
    return ImpactPublic.model_validate(weaklinks.disruption(store, [enterprise_id]))


@router.post("/scenarios/disruption", response_model=ImpactPublic)
def disruption_scenario(store: StoreDep, scenario: DisruptionScenario) -> ImpactPublic:
    """What-if for several firms stopping at once."""
    return ImpactPublic.model_validate(weaklinks.disruption(store, scenario.enterprise_ids))
