from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from service import history, write_guard
from service.access import ApiKey
from service.api.access import ADMIN, EDITOR, Allow
from service.api.contract import CONFLICT
from service.api.deps import ChainDep, IsoDate, StoreDep
from service.api.models import ImportResult
from service.api.models_guard import WritePreview
from service.errors import TooLarge
from service.ledger.limits import Limits, size
from service.ledger.read import RawLedger, read_upload
from service.settings import Settings
from service.storage.port import GraphStore

router = APIRouter(tags=["imports"])
audit = logging.getLogger("chainlens.audit")
NoteForm = Annotated[str | None, Form(max_length=500, description="本次更新的说明")]
AtForm = Annotated[
    IsoDate | None, Form(description="更新日期 YYYY-MM-DD（默认今天；不能晚于今天加允许的天数）")
]
DryRunForm = Annotated[bool, Form(description="只预览将新增、修改、删除哪些行，不写入")]
ConfirmForm = Annotated[int | None, Form(ge=0, description="删除行数超过阈值时，填预览给出的删除行数以确认")]


def _read(files: list[UploadFile], settings: Settings) -> RawLedger:
    """The uploaded files as one ledger, refused with 413 past the size limit, or (while they are read,
    before they cost memory) past the row, sheet or workbook limits."""
    limit = settings.max_upload_bytes
    limits = Limits.from_settings(settings)
    ledger = RawLedger()
    total = 0
    for upload in files:
        content = upload.file.read(limit + 1 - total)
        total += len(content)
        if total > limit:
            raise TooLarge(f"上传文件超过{size(limit)}")
        read_upload(upload.filename or "upload", content, limits, into=ledger)
    return ledger


def _run(
    store: GraphStore,
    ledger: RawLedger,
    key: ApiKey,
    chains: set[str] | None,
    where: str,
    note: str | None,
    at: dt.date | None,
) -> ImportResult:
    report, update = history.import_update(store, ledger, author=key.owner, note=note, at=at, chains=chains)
    audit.info(
        "import %s by %s (key %s, %s): %d rows, created %s, changed %s, deleted %s",
        where,
        key.owner,
        key.key_id,
        key.role,
        report.rows,
        *(report.as_dict()[k] for k in ("created", "changed", "deleted")),
    )
    return ImportResult.model_validate({**report.as_dict(), "author": key.owner, "update": update.public()})


def _guarded(
    request: Request,
    store: GraphStore,
    files: list[UploadFile],
    key: ApiKey,
    chains: set[str] | None,
    where: str,
    note: str | None,
    at: dt.date | None,
    dry_run: bool,
    confirm: int | None,
) -> ImportResult | WritePreview:
    """The import after its checks: a date not after today plus the allowance, and, when it deletes
    more rows than the threshold, the confirmation (a dry run only previews)."""
    settings: Settings = request.app.state.settings
    day = at
    write_guard.check_day(day, settings.future_days)
    ledger = _read(files, settings)
    preview = write_guard.guard_import(
        store,
        ledger,
        chains,
        at=day,
        allowance=settings.future_days,
        threshold=settings.confirm_rows,
        dry_run=dry_run,
        confirmed=confirm,
    )
    if preview is not None:
        return WritePreview.model_validate(preview.public())
    return _run(store, ledger, key, chains, where, note, day)


@router.post("/imports", response_model=ImportResult | WritePreview, responses=CONFLICT)
def post_import(
    request: Request,
    store: StoreDep,
    files: Annotated[list[UploadFile], File()],
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    note: NoteForm = None,
    at: AtForm = None,
    dry_run: DryRunForm = False,
    confirm: ConfirmForm = None,
) -> ImportResult | WritePreview:
    """Import ledger files (one XLSX, or CSVs named after their lists) for any chains, in one
    transaction, recorded as one update (author: the key's owner). An import deleting more rows than the
    threshold needs confirm=<count> (409 with the preview otherwise). Needs an admin key."""
    return _guarded(request, store, files, key, None, "all chains", note, at, dry_run, confirm)


@router.post("/chains/{chain_id}/imports", response_model=ImportResult | WritePreview, responses=CONFLICT)
def post_chain_import(
    request: Request,
    key: Annotated[ApiKey, Depends(Allow(EDITOR))],
    store: StoreDep,
    chain: ChainDep,
    files: Annotated[list[UploadFile], File()],
    note: NoteForm = None,
    at: AtForm = None,
    dry_run: DryRunForm = False,
    confirm: ConfirmForm = None,
) -> ImportResult | WritePreview:
    """Import ledger files for one chain, in one transaction recorded as one update: every row must
    belong to the chain before and after the import (403 names the rows that do not). Needs an editor
    key for the chain, or admin."""
    return _guarded(request, store, files, key, {chain["id"]}, chain["id"], note, at, dry_run, confirm)
