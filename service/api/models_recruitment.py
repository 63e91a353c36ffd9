"""Response models of the recruitment endpoints."""

from __future__ import annotations

from pydantic import BaseModel

from service.api.models import BreakPublic, ConcentratedInput, EnterprisePublic, SingleSource


class NamedRef(BaseModel):
    id: str
    name: str


class ScorePart(BaseModel):
    label: str
    value: str | int | float | bool | None = None
    factor: float
    weight: float
    points: float
    reason: str = ""  # how the factor was read where the value alone does not say (unknowns included)
    value_label: str | None = None  # the value in Chinese where it is a code (scale, specialised, distance)


class GapCandidate(BaseModel):
    enterprise_id: str
    enterprise_name: str
    score: float


class GapBase(BaseModel):
    gap_id: str
    kinds: list[str]
    kind_labels: list[str]
    severity: float
    segment_id: str | None = None
    segment_name: str | None = None
    products: list[NamedRef]
    buyers: list[str]
    buyer_names: list[str]
    reason: str
    candidate_count: int
    factor: float  # the ``gap`` factor: severity × (base + (1 − base) × dependence)
    dependence: float  # what depends on the gap, 0–1
    held_firm_count: int
    held_firms: list[NamedRef]  # district firms in operation buying its products or downstream of it
    held_anchors: list[NamedRef]
    held_value: float | None = None  # their recorded yearly purchases, 万元
    held_segments: list[NamedRef]  # the segments downstream of it


class GapPublic(GapBase):
    candidates: list[GapCandidate]


class GapScore(BaseModel):
    gap_id: str
    score: float


class TargetPublic(BaseModel):
    rank: int
    enterprise_id: str
    enterprise_name: str
    region_code: str | None = None
    distance: str
    distance_label: str
    distance_note: str = ""
    scale: str | None = None
    scale_label: str = ""
    is_specialised: bool | None = None
    specialised_label: str = ""
    district_customers: int
    technologies: list[str]
    score: float
    gap_id: str
    parts: dict[str, ScorePart]
    demand_anchors: list[str]
    demand_anchor_names: list[str] = []
    also_fills: list[GapScore]


class RecruitmentTotals(BaseModel):
    gaps: int
    targets: int


class RecruitmentPublic(BaseModel):
    chain_id: str
    weights: dict[str, float]
    part_labels: dict[str, str]
    limit: int
    totals: RecruitmentTotals
    gaps: list[GapPublic]
    targets: list[TargetPublic]


class DossierEnterprise(EnterprisePublic):
    distance: str
    distance_label: str
    distance_note: str = ""
    scale_label: str = ""
    status_label: str = ""
    specialised_label: str = ""
    provenance_label: str = ""
    roadmap_technologies: list[NamedRef]


class DossierGap(GapBase):
    score: float
    parts: dict[str, ScorePart]
    demand_anchors: list[str]
    demand_anchor_names: list[str] = []
    position: int


class DemandBuyer(BaseModel):
    buyer_id: str
    buyer_name: str
    is_anchor: bool
    product_id: str
    product_name: str
    buys_from_outside: bool
    outside_value: float | None = None


class DemandPublic(BaseModel):
    buyers: list[DemandBuyer]
    buyer_count: int
    anchor_count: int
    outside_value: float | None = None


class RiskNodeBrief(BaseModel):
    enterprise_id: str
    enterprise_name: str
    score: float


class ChainFigures(BaseModel):
    breaks: int
    choke_points: int
    single_source_inputs: int
    concentrated_inputs: int
    outside_dependency: int
    recovery_gaps: int
    risk_nodes: list[RiskNodeBrief]


class BranchPublic(BaseModel):
    id: str
    name: str
    products: list[str]
    segments: list[str]
    customers: dict[str, list[str]]


class ShareChange(BaseModel):
    buyer_id: str
    product_id: str
    before: float
    after: float | None = None


class NewChokePoint(BreakPublic):
    note: str


class WhatIfPublic(BaseModel):
    branch: BranchPublic
    before: ChainFigures
    after: ChainFigures
    closed_breaks: list[BreakPublic]
    new_choke_points: list[NewChokePoint] = []  # segments where the filler becomes the single firm
    removed_single_sources: list[SingleSource]
    removed_concentrated_inputs: list[ConcentratedInput]
    outside_share_changes: list[ShareChange]


class PolicyRef(BaseModel):
    id: str
    name: str
    issuer: str
    level: str
    level_label: str = ""
    issued_on: str
    doc_number: str | None = None
    summary: str | None = None
    provenance: str
    segment_id: str | None = None  # no longer set: a policy is listed once, see segment_ids and scopes
    segment_name: str | None = None
    segment_ids: list[str] = []  # the branch's segments it supports
    scopes: list[str] = []  # 全链 and/or those segments' names
    scope: str  # the scopes joined with 、


class ProjectRef(BaseModel):
    id: str
    name: str
    segment_id: str
    segment_name: str
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    region_code: str | None = None
    region_name: str | None = None
    investment: float | None = None
    stage: str
    stage_label: str = ""
    start_date: str | None = None
    end_date: str | None = None
    description: str | None = None
    provenance: str
    confirmed_on: str


class ParkPublic(BaseModel):
    id: str
    name: str
    customers_located: int


class HostsPublic(BaseModel):
    projects: list[ProjectRef]
    parks: list[ParkPublic]


class OtherChain(BaseModel):
    chain_id: str
    chain_name: str = ""
    score: float
    rank: int


class DossierProduct(NamedRef):
    similar: bool = False  # it makes only a product of the same 产品大类; the what-if assumes it would


class DossierPublic(BaseModel):
    enterprise: DossierEnterprise
    chain_id: str
    chain_name: str
    rank: int
    score: float
    weights: dict[str, float]
    other_chains: list[OtherChain]
    gaps: list[DossierGap]
    products: list[DossierProduct]
    demand: DemandPublic
    what_if: WhatIfPublic
    policies: list[PolicyRef]
    hosts: HostsPublic
