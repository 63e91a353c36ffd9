from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse, Response

from service import assessment, changes, history, register, reports
from service.access import ApiKey
from service.api.access import ADMIN, EDITOR, VIEWER, Allow
from service.api.contract import CONFLICT
from service.api.deps import PERIOD_PATTERN, ChainDep, IsoDate, StoreDep
from service.api.models import ImportResult, UpdatesPublic
from service.api.models_history import (
    AssessmentPublic,
    ChangesPublic,
    RegisterPublic,
    ReportPublic,
    RiskStatusChange,
)
from service.render.lists import to_xlsx
from service.render.reports import assessment_sheets, report_html, report_sheets

router = APIRouter(tags=["history"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Viewer = Depends(Allow(VIEWER))


def _download(content: bytes, filename: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})


class ReportFormat(StrEnum):
    json = "json"
    html = "html"
    xlsx = "xlsx"


class TableFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"


@router.get("/updates", response_model=UpdatesPublic, dependencies=[Viewer])
def list_updates(store: StoreDep) -> UpdatesPublic:
    """Every update of the graph, oldest first: date, author, note, and rows changed per sheet."""
    rows = [u.public() for u in history.updates(store)]
    return UpdatesPublic.model_validate({"data": rows, "count": len(rows)})


@router.post("/updates/{update_id}/undo", response_model=ImportResult, responses=CONFLICT)
def undo_update(
    store: StoreDep,
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    update_id: Annotated[str, Path(pattern=r"^u[0-9]{6}$")],
) -> ImportResult:
    """Undo an update with a new update that restores the rows it changed (409 when a later update
    changed the same rows). Needs an admin key."""
    report, update = history.undo(store, update_id, author=key.owner)
    return ImportResult.model_validate({**report.as_dict(), "author": key.owner, "update": update.public()})


@router.get("/chains/{chain_id}/changes", response_model=ChangesPublic, dependencies=[Viewer])
def chain_changes(
    store: StoreDep,
    chain: ChainDep,
    start: Annotated[IsoDate, Query(alias="from", description="从该日结束时起（YYYY-MM-DD）")],
    end: Annotated[IsoDate, Query(alias="to", description="到该日结束时止（YYYY-MM-DD）")],
) -> Any:
    """Firms, links, projects and policies added, changed and removed between two dates, and the breaks
    and risks that opened and closed."""
    return ChangesPublic.model_validate(changes.chain_changes(store, chain["id"], start, end))


@router.get("/chains/{chain_id}/risk-register", response_model=RegisterPublic, dependencies=[Viewer])
def risk_register(store: StoreDep, chain: ChainDep) -> Any:
    """The chain's risk register with its statuses, the computed risks still to record, and the
    recorded ones the analyses no longer find (proposed as resolved)."""
    return RegisterPublic.model_validate(register.register(store, chain["id"]))


@router.post("/chains/{chain_id}/risk-register", response_model=RegisterPublic, responses=CONFLICT)
def record_risk(
    key: Annotated[ApiKey, Depends(Allow(EDITOR))],
    store: StoreDep,
    chain: ChainDep,
    change: RiskStatusChange,
) -> Any:
    """Record a risk, or a change of its status, owner or measures: one update, authored by the key's
    owner. Needs an editor key for the chain."""
    register.record(
        store,
        chain["id"],
        change.risk_id,
        author=key.owner,
        status=change.status,
        owner=change.owner,
        measures=change.measures,
        name=change.name,
        note=change.note,
    )
    return RegisterPublic.model_validate(register.register(store, chain["id"]))


@router.get(
    "/chains/{chain_id}/reports/{period}",
    response_model=ReportPublic,
    dependencies=[Viewer],
    responses={200: {"content": {"text/html": {}, XLSX: {}}}},
)
def chain_report(
    store: StoreDep,
    chain: ChainDep,
    period: Annotated[str, Path(pattern=PERIOD_PATTERN)],
    format: Annotated[ReportFormat, Query()] = ReportFormat.json,
) -> Any:
    """The chain's report for a week (2026-W48), month (2026-11), quarter (2026-Q4), half year (2026-H2)
    or year (2026): changes, the five lists as the period ended, breaks and risks opened and closed,
    project progress, policies issued, key figures against the previous period."""
    result = reports.report(store, chain["id"], period)
    if format is ReportFormat.html:
        return HTMLResponse(report_html(result))
    if format is ReportFormat.xlsx:
        return _download(to_xlsx(report_sheets(result)), f"{result['title']}.xlsx")
    return ReportPublic.model_validate(result)


@router.get(
    "/chains/{chain_id}/assessment/{year}",
    response_model=AssessmentPublic,
    dependencies=[Viewer],
    responses={200: {"content": {XLSX: {}}}},
)
def chain_assessment(
    store: StoreDep,
    chain: ChainDep,
    year: Annotated[int, Path(ge=2000, le=2100)],
    format: Annotated[TableFormat, Query()] = TableFormat.json,
) -> Any:
    """The yearly assessment (全年考核): the eight duties, each scored 0–1 with its evidence."""
    result = assessment.assessment(store, chain["id"], year)
    if format is TableFormat.xlsx:
        return _download(to_xlsx(assessment_sheets(result)), f"{result['chain_name']}{year}年度考核.xlsx")
    return AssessmentPublic.model_validate(result)
