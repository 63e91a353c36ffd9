"""Response models: what the API promises, per resource."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from service.api.deps import ID_PATTERN


class ErrorBody(BaseModel):
    detail: str
    code: str


class Health(BaseModel):
    status: str
    backend: str
    engine: str
    engine_version: str | None = None
    version: str
    nodes: int | None = None
    relationships: int | None = None
    # the background warm-up (service.warmup): running, or how the last run ended (done, superseded,
    # failed, closed; idle before any); None when it is turned off
    warm_up: str | None = None


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
    district_enterprise_count: int  # inside the district and in operation (在营)
    district_inactive_count: int = 0  # inside the district, not in operation


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
    parent_id: str | None = None  # 产品大类
    parent_name: str | None = None
    revenue_share: float | None = None  # 营收占比 0–1; null where unknown
    main_line: bool | None = None  # 是否主营; null where unknown


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
    region_level: str | None = None  # the finest level known: province, city, county or township
    in_district: bool
    scale: str | None = None  # null where the ledger says 未知
    is_anchor: bool
    is_specialised: bool | None = None  # null where the ledger says 未知
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
    """What an import did, per node label or relationship type, as the update's log records it."""

    rows: int = Field(description="台账行数")
    created: dict[str, int] = Field(description="新增的行，按类型")
    changed: dict[str, int] = Field(description="修改的行，按类型")
    unchanged: dict[str, int] = Field(description="台账列出但没有变化的行，按类型")
    deleted: dict[str, int] = Field(description="删除的行，按类型")
    columns: dict[str, dict[str, int]] = Field(description="修改的列（英文列名）及其修改的行数，按类型")
    links: dict[str, dict[str, int]] = Field(
        description="行所拥有的关系（所属环节、主要产品等）的增删，按关系类型"
    )
    reference: dict[str, int] = Field(description="参考数据（地区）的行数；不计入历史")
    warnings: list[ImportProblem] = Field(description="不阻止导入、但值得核实的行（最多列出1000条）")
    warnings_total: int
    author: str
    update: UpdatePublic


class UpdatePublic(BaseModel):
    id: str
    seq: int
    at: str
    recorded_at: str
    author: str
    note: str | None = None
    kind: str
    undoes: str | None = None
    changes: int
    summary: dict[str, int]


class UpdatesPublic(BaseModel):
    data: list[UpdatePublic]
    count: int


class SegmentLink(BaseModel):
    id: str
    name: str


class BreakFirm(BaseModel):
    id: str
    name: str
    in_district: bool
    status: str | None = None
    status_label: str = ""
    role: str
    role_label: str = ""


class BreakPublic(BaseModel):
    kind: str
    kind_label: str = ""
    segment_id: str
    segment_name: str
    position: int
    upstream: list[SegmentLink]
    downstream: list[SegmentLink]
    firms: list[BreakFirm]
    product_id: str | None = None
    reason: str


class BreaksPublic(BaseModel):
    chain_id: str
    data: list[BreakPublic]
    count: int


class RiskParts(BaseModel):
    cut_off_in_district: int
    cut_off_outside: int
    single_source_inputs: int
    recovery_gap_days: int
    substitutes_in_district: int
    substitutes_outside: int
    raw_score: float
    divisor: float


class BuyerInput(BaseModel):
    buyer_id: str
    buyer_name: str | None = None
    product_id: str
    product_name: str | None = None


class Substitutes(BaseModel):
    district: list[str]
    outside: list[str]
    district_names: list[str] = []  # the names of ``district``, in the same order
    outside_names: list[str] = []


class RiskNode(BaseModel):
    enterprise_id: str
    enterprise_name: str
    in_district: bool
    score: float
    parts: RiskParts
    single_source_for: list[BuyerInput]
    cut_off: list[str]
    cut_off_names: list[str] = []
    lost_value: float | None = None
    substitutes: Substitutes
    reason: str = ""  # one bounded Chinese sentence


class SingleSource(BaseModel):
    buyer_id: str
    buyer_name: str | None = None
    product_id: str
    product_name: str | None = None
    supplier_id: str
    supplier_name: str | None = None
    annual_value: float | None = None


class SupplierShare(BaseModel):
    supplier_id: str
    supplier_name: str | None = None
    share: float


class ConcentratedInput(BaseModel):
    buyer_id: str
    buyer_name: str | None = None
    product_id: str
    product_name: str | None = None
    hhi: float
    suppliers: list[SupplierShare]


class OutsideDependency(BaseModel):
    buyer_id: str
    buyer_name: str | None = None
    product_id: str
    product_name: str | None = None
    outside_district: float
    outside_province: float
    outside_country: float


class RecoveryGap(BaseModel):
    supplier_id: str
    supplier_name: str | None = None
    buyer_id: str
    buyer_name: str | None = None
    product_id: str
    product_name: str | None = None
    recovery_days: int
    stock_days: int
    gap_days: int


class RiskTotals(BaseModel):
    single_source_inputs: int
    concentrated_inputs: int
    outside_dependency: int
    recovery_gaps: int


class RisksPublic(BaseModel):
    chain_id: str
    hhi_threshold: float
    limit: int
    totals: RiskTotals
    risk_nodes: list[RiskNode]
    single_source_inputs: list[SingleSource]
    concentrated_inputs: list[ConcentratedInput]
    outside_dependency: list[OutsideDependency]
    recovery_gaps: list[RecoveryGap]


class CutOffFirm(BaseModel):
    enterprise_id: str
    enterprise_name: str
    in_district: bool
    failed_input: str
    failed_input_name: str
    lost_suppliers: list[str]
    lost_supplier_names: list[str] = []
    lost_value: float | None = None
    round: int


class ImpactPublic(BaseModel):
    stopped: list[str]
    stopped_names: list[str] = []
    cut_off: list[CutOffFirm]
    cut_off_count: int
    cut_off_in_district: int
    lost_value: float | None = None
    substitutes: dict[str, Substitutes]


EnterpriseId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]


class DisruptionScenario(BaseModel):
    enterprise_ids: list[EnterpriseId] = Field(min_length=1, max_length=100)


class SupplierDependence(BaseModel):
    supplier_id: str
    supplier_name: str | None = None
    share_of_sales: float | None = None


class Influence(BaseModel):
    enterprise_id: str
    enterprise_name: str
    district_suppliers_by_tier: list[int]
    district_suppliers: list[list[str]]
    district_supplier_names: list[list[str]] = []
    supplier_dependence: list[SupplierDependence]
    mean_supplier_dependence: float | None = None
    local_sourcing_ratio: float | None = None
    disruption_cut_off: int
    disruption_cut_off_in_district: int
    centrality: float


class AnchorsPublic(BaseModel):
    chain_id: str
    anchors: list[Influence]
    candidates: list[Influence]


class FirmRef(BaseModel):
    enterprise_id: str
    enterprise_name: str


class SmeCandidate(BaseModel):
    enterprise_id: str
    enterprise_name: str
    in_district: bool
    scale: str | None = None
    scale_label: str = ""
    is_specialised: bool | None = None
    reasons: list[str]


class SmePublic(BaseModel):
    chain_id: str
    specialised: list[FirmRef]
    candidates: list[SmeCandidate]
    unknown_scale: list[SmeCandidate] = []  # same reasons, scale unknown: to be checked


class ListColumn(BaseModel):
    key: str
    header: str


class ChainListPublic(BaseModel):
    chain_id: str
    name: str
    title: str
    columns: list[ListColumn]
    data: list[dict[str, str | int | float | None]]
    count: int
