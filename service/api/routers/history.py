from __future__ import annotations

import logging
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from service import assessment, changes, history, register, reports, write_guard
from service.access import ApiKey
from service.api.access import ADMIN, EDITOR, VIEWER, Allow
from service.api.contract import CONFLICT
from service.api.deps import PERIOD_PATTERN, ChainDep, IsoDate, StoreDep
from service.api.models import ImportResult, UpdatePublic, UpdatesPublic
from service.api.models_guard import WritePreview
from service.api.models_history import (
    AssessmentPublic,
    ChangesPublic,
    RegisterPublic,
    ReportPublic,
    RiskStatusChange,
    UpdateDetail,
)
from service.render.lists import to_xlsx
from service.render.reports import assessment_sheets, report_html, report_sheets
from service.settings import Settings
from service.storage.port import GraphStore

router = APIRouter(tags=["history"])
audit = logging.getLogger("chainlens.audit")
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


class RedateRequest(BaseModel):
    at: IsoDate = Field(description="更新的正确日期（YYYY-MM-DD）")


@router.get("/updates", response_model=UpdatesPublic, dependencies=[Viewer])
def list_updates(store: StoreDep) -> UpdatesPublic:
    """Every update of the graph, oldest first: date, author, note, and rows changed per sheet."""
    rows = [u.public() for u in history.updates(store)]
    return UpdatesPublic.model_validate({"data": rows, "count": len(rows)})


@router.get("/updates/{update_id}", response_model=UpdateDetail, dependencies=[Viewer])
def get_update(
    store: StoreDep,
    update_id: Annotated[str, Path(pattern=r"^u[0-9]{6}$")],
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> Any:
    """One update: date, author, note; rows created, changed (with the columns) and deleted per type;
    and the warnings its import raised (file, row, column, reason), ``limit`` of them from ``offset``."""
    detail = history.update_detail(store, update_id)
    detail["warnings"] = detail["warnings"][offset : offset + limit]
    return UpdateDetail.model_validate(detail)


UpdateId = Annotated[str, Path(pattern=r"^u[0-9]{6}$")]
DryRun = Annotated[bool, Query(description="只预览撤销将改动哪些行，不写入")]
Confirm = Annotated[int | None, Query(ge=0, description="改动行数超过阈值时，填预览给出的行数以确认")]


def _undo(
    request: Request,
    store: GraphStore,
    key: ApiKey,
    update_id: str,
    chains: set[str] | None,
    dry_run: bool,
    confirm: int | None,
) -> ImportResult | WritePreview:
    settings: Settings = request.app.state.settings
    preview = write_guard.guard_undo(
        store, update_id, chains, threshold=settings.confirm_rows, dry_run=dry_run, confirmed=confirm
    )
    if preview is not None:
        return WritePreview.model_validate(preview.public())
    report, update = history.undo(store, update_id, author=key.owner, chains=chains)
    audit.info(
        "undo %s by %s (key %s, %s, chains %s): update %s, %d rows",
        update_id,
        key.owner,
        key.key_id,
        key.role,
        sorted(chains) if chains is not None else "all",
        update.id,
        update.changes,
    )
    return ImportResult.model_validate({**report.as_dict(), "author": key.owner, "update": update.public()})


@router.post("/updates/{update_id}/undo", response_model=ImportResult | WritePreview, responses=CONFLICT)
def undo_update(
    request: Request,
    store: StoreDep,
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    update_id: UpdateId,
    dry_run: DryRun = False,
    confirm: Confirm = None,
) -> ImportResult | WritePreview:
    """Undo an update with a new update that restores the rows it changed (409 when a later update
    changed the same rows; above the threshold, 409 with the preview unless confirm=<rows>). Needs an
    admin key."""
    return _undo(request, store, key, update_id, None, dry_run, confirm)


@router.post(
    "/chains/{chain_id}/updates/{update_id}/undo",
    response_model=ImportResult | WritePreview,
    responses=CONFLICT,
)
def undo_chain_update(
    request: Request,
    key: Annotated[ApiKey, Depends(Allow(EDITOR))],
    store: StoreDep,
    chain: ChainDep,
    update_id: UpdateId,
    dry_run: DryRun = False,
    confirm: Confirm = None,
) -> ImportResult | WritePreview:
    """Undo an update as the chain's editor: every row the undo changes must belong to the chain now
    and after (403 names the rows that do not); otherwise as the undo above."""
    return _undo(request, store, key, update_id, {chain["id"]}, dry_run, confirm)


@router.post("/updates/{update_id}/redate", response_model=UpdatePublic)
def redate_update(
    request: Request,
    store: StoreDep,
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    update_id: UpdateId,
    body: RedateRequest,
) -> UpdatePublic:
    """Correct the date of a recorded update (a date in the future refuses every update dated before
    it): the rows it changed stay; the new date keeps the log in order and is not after today plus the
    allowance; the note keeps the old date. Needs an admin key."""
    settings: Settings = request.app.state.settings
    day = body.at
    before = history.get_update(store, update_id)
    update = history.redate(store, update_id, day, author=key.owner, allowance=settings.future_days)
    audit.warning(
        "redate %s from %s to %s by %s (key %s, %s)",
        update_id,
        before.at,
        update.at,
        key.owner,
        key.key_id,
        key.role,
    )
    return UpdatePublic.model_validate(update.public())


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
