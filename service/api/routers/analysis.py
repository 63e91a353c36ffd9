from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from service import weaklinks
from service.api.access import VIEWER, Allow
from service.api.deps import ID_PATTERN, READ_POST, ChainDep, ReadStoreDep, StoreDep
from service.api.models import BreaksPublic, RisksPublic
from service.api.models_weaklinks import (
    AnchorReportPublic,
    DisruptionDemandScenario,
    DisruptionPublic,
    SmeReportPublic,
)

router = APIRouter(tags=["analysis"], dependencies=[Depends(Allow(VIEWER))])


DemandThreshold = Annotated[
    float, Query(gt=0, le=1, description="供应商损失的已记录销售额占比达到此值即为需求受冲击（0–1）")
]
FollowDemand = Annotated[bool, Query(description="需求受冲击的供应商是否随之停产并继续传导")]


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


@router.get("/chains/{chain_id}/anchors", response_model=AnchorReportPublic)
def chain_anchors(
    store: StoreDep, chain: ChainDep, demand_threshold: DemandThreshold = weaklinks.DEFAULT_DEMAND_THRESHOLD
) -> AnchorReportPublic:
    """Anchor firms' influence, with what each one's stop would cut off and whose sales it would hit,
    and district firms that measure up as candidate anchors."""
    return AnchorReportPublic.model_validate(weaklinks.anchors(store, chain["id"], demand_threshold))


@router.get("/chains/{chain_id}/sme-candidates", response_model=SmeReportPublic)
def chain_sme_candidates(store: StoreDep, chain: ChainDep) -> SmeReportPublic:
    """Specialised SMEs of the chain, and district firms in operation worth cultivating, with reasons."""
    return SmeReportPublic.model_validate(weaklinks.sme_candidates(store, chain["id"]))


@router.get("/enterprises/{enterprise_id}/impact", response_model=DisruptionPublic)
def enterprise_impact(
    store: StoreDep,
    enterprise_id: Annotated[str, Path(pattern=ID_PATTERN)],
    demand_threshold: DemandThreshold = weaklinks.DEFAULT_DEMAND_THRESHOLD,
    follow_demand: FollowDemand = False,
) -> DisruptionPublic:
    """What-if: which firms are cut off, in cascade, and which suppliers lose sales, if this firm stops."""
    result = weaklinks.disruption(store, [enterprise_id], demand_threshold, follow_demand)
    return DisruptionPublic.model_validate(result)


@router.post("/scenarios/disruption", response_model=DisruptionPublic, openapi_extra=READ_POST)
def disruption_scenario(store: ReadStoreDep, scenario: DisruptionDemandScenario) -> DisruptionPublic:
    """What-if for several firms stopping at once (a read: ``as_of`` applies)."""
    result = weaklinks.disruption(
        store, scenario.enterprise_ids, scenario.demand_threshold, scenario.follow_demand
    )
    return DisruptionPublic.model_validate(result)
