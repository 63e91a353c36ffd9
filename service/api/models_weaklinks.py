"""Response models of the what-if on both sides (supply-side cut-offs, demand-side hits), of anchor
influence with both, and of the SME lists with where each specialised firm is. They extend the weak-link
models of ``service.api.models``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.api.models import (
    AnchorsPublic,
    DisruptionScenario,
    FirmRef,
    ImpactPublic,
    Influence,
    SmePublic,
)
from service.weaklinks import DEFAULT_DEMAND_THRESHOLD


class DemandLossPublic(BaseModel):
    """A supplier that loses sales because firms it sells to went down."""

    enterprise_id: str
    enterprise_name: str
    in_district: bool
    lost_buyers: list[str]
    lost_buyer_names: list[str] = []
    lost_links: int
    links: int
    unvalued_links: int  # its supply links without an annual value
    lost_value: float | None = None  # 万元; the lost links' recorded values
    sales_value: float | None = None  # 万元; all its links' recorded values
    lost_share: float | None = None  # null: unknown (a link lacks its value)
    demand_hit: bool
    round: int | None = None  # the round its lost share reached the threshold


class DisruptionPublic(ImpactPublic):
    """The what-if: firms cut off (supply side, ``cut_off``) and suppliers losing sales (demand side,
    ``demand_losses``, demand-hit from ``demand_threshold``), kept apart."""

    demand_threshold: float
    follow_demand: bool
    demand_hit: list[str]
    demand_hit_names: list[str]
    demand_hit_count: int
    demand_hit_in_district: int
    demand_lost_value: float | None = None
    demand_losses: list[DemandLossPublic]
    summary: str
    notes: list[str]


class DisruptionDemandScenario(DisruptionScenario):
    """Firms stopping at once, and how the demand side is read."""

    demand_threshold: float = Field(DEFAULT_DEMAND_THRESHOLD, gt=0, le=1)
    follow_demand: bool = False


class AnchorInfluence(Influence):
    disruption_demand_hit: int
    disruption_demand_hit_in_district: int
    disruption_demand_hit_ids: list[str]
    disruption_demand_hit_names: list[str]


# A subclass narrows the rows of its base's lists (pydantic validates them as the narrower model); mypy
# holds list invariant, hence the ignores.
class AnchorReportPublic(AnchorsPublic):
    demand_threshold: float
    anchors: list[AnchorInfluence]  # type: ignore[assignment]
    candidates: list[AnchorInfluence]  # type: ignore[assignment]


class SpecialisedFirm(FirmRef):
    in_district: bool
    status: str | None = None
    status_label: str = ""


class SmeReportPublic(SmePublic):
    """The chain's 专精特新 firms (inside and outside the district, told apart), and the district firms in
    operation worth cultivating."""

    specialised: list[SpecialisedFirm]  # type: ignore[assignment]
