"""Response models: what the API promises, per resource."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorBody(BaseModel):
    detail: str
    code: str


class Health(BaseModel):
    status: str
    backend: str
    engine_version: str | None = None
    version: str
    nodes: int | None = None
    relationships: int | None = None


class ChainSummary(BaseModel):
    id: str
    name: str
    leader: str | None = None
    description: str | None = None
    segment_count: int


class ChainsPublic(BaseModel):
    data: list[ChainSummary]
    count: int


class SegmentPublic(BaseModel):
    id: str
    name: str
    position: int
    stage: str
    industry_code: str | None = None
    enterprise_count: int
    district_enterprise_count: int


class ChainPublic(BaseModel):
    id: str
    name: str
    leader: str | None = None
    description: str | None = None
    provenance: str
    confirmed_on: str
    segments: list[SegmentPublic]


class SegmentRef(BaseModel):
    id: str
    name: str
    chain_id: str
    position: int


class ProductRef(BaseModel):
    id: str
    name: str
    hs_code: str | None = None


class SupplyLinkRef(BaseModel):
    enterprise_id: str
    enterprise_name: str
    in_district: bool
    product_id: str
    share: float | None = None
    annual_value: float | None = None


class EnterprisePublic(BaseModel):
    id: str
    name: str
    credit_code: str | None = None
    region_code: str
    region_name: str | None = None
    in_district: bool
    scale: str
    is_anchor: bool
    is_specialised: bool
    status: str
    industry_code: str | None = None
    description: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    provenance: str
    confirmed_on: str
    segments: list[SegmentRef]
    products: list[ProductRef]
    suppliers: list[SupplyLinkRef]
    customers: list[SupplyLinkRef]


class SearchHit(BaseModel):
    kind: str
    id: str
    name: str


class SearchResults(BaseModel):
    data: list[SearchHit]
    count: int


class ImportProblem(BaseModel):
    source: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    message: str


class ImportResult(BaseModel):
    rows: int
    created: dict[str, int]
    updated: dict[str, int]
    deleted: dict[str, int]
