"""Response models of the history endpoints: updates, changes, the risk register, reports and the
yearly assessment. Rows that mirror ledger sheets stay open dictionaries of cell text."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from service.api.models import ImportProblem, UpdatePublic


class UpdateDetail(UpdatePublic):
    """One update: its record, what it did per type, and the warnings its import raised."""

    created: dict[str, int]
    changed: dict[str, int]
    deleted: dict[str, int]
    columns: dict[str, dict[str, int]]
    links: dict[str, dict[str, int]]
    warnings: list[ImportProblem]
    warnings_total: int


class RowChange(BaseModel):
    key: list[str]
    name: str | None = None  # a supply link: 供应商向采购方供应「产品」
    supplier_name: str | None = None  # supply links only
    buyer_name: str | None = None
    product_name: str | None = None
    row: dict[str, str] | None = None
    fields: dict[str, dict[str, str | None]] | None = None  # before, after, label, before_text, after_text


class SectionChanges(BaseModel):
    added: list[RowChange]
    changed: list[RowChange]
    removed: list[RowChange]


class OpenedClosed(BaseModel):
    opened: list[dict[str, Any]]
    closed: list[dict[str, Any]]


class ChangesPublic(BaseModel):
    chain_id: str
    from_: str = Field(alias="from")
    to: str
    updates: list[UpdatePublic]
    firms: SectionChanges
    links: SectionChanges
    projects: SectionChanges
    policies: SectionChanges
    risk_register: SectionChanges
    breaks: OpenedClosed
    risks: OpenedClosed


class RegisterEntry(BaseModel):
    id: str
    name: str
    chain_id: str
    kind: str
    kind_label: str
    subject: str | None = None
    status: str
    status_label: str
    owner: str | None = None
    measures: str | None = None
    identified_on: str | None = None
    status_on: str | None = None
    resolved_on: str | None = None
    recorded: bool
    computed: bool
    still_found: bool | None = None
    proposal: str | None = None


class RegisterPublic(BaseModel):
    chain_id: str
    data: list[RegisterEntry]
    counts: dict[str, int]
    to_record: int
    to_resolve: int


class RiskStatusChange(BaseModel):
    risk_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
    status: str = Field(pattern=r"^(identified|confirmed|handling|resolved)$")
    owner: str | None = Field(default=None, max_length=200)
    measures: str | None = Field(default=None, max_length=2000)
    name: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=500)


class Figure(BaseModel):
    key: str
    label: str
    value: float | None = None
    previous: float | None = None
    change: float | None = None


class ReportPublic(BaseModel):
    chain_id: str
    chain_name: str
    period: str
    kind: str
    kind_label: str = ""
    title: str
    start: str
    end: str
    previous_period: str
    changes: ChangesPublic
    lists: dict[str, dict[str, Any]]
    project_progress: list[dict[str, Any]]
    new_projects: list[RowChange]
    policies_issued: list[dict[str, Any]]
    figures: list[Figure]


class AssessmentItem(BaseModel):
    item: str
    label: str
    score: float
    source: str
    source_label: str = ""
    evidence: list[str]


class AssessmentPublic(BaseModel):
    chain_id: str
    chain_name: str
    year: int
    as_of: str
    items: list[AssessmentItem]
    total: float
    out_of: int
