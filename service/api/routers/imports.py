from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from service import history
from service.access import ApiKey
from service.api.access import ADMIN, EDITOR, Allow
from service.api.contract import CONFLICT
from service.api.deps import ChainDep, IsoDate, StoreDep
from service.api.models import ImportResult
from service.errors import TooLarge
from service.ledger.read import RawLedger, read_upload
from service.settings import Settings
from service.storage.port import GraphStore

router = APIRouter(tags=["imports"])
audit = logging.getLogger("chainlens.audit")
NoteForm = Annotated[str | None, Form(max_length=500, description="本次更新的说明")]
AtForm = Annotated[IsoDate | None, Form(description="更新日期（默认今天）")]


def _read(files: list[UploadFile], settings: Settings) -> RawLedger:
    """The uploaded files as one ledger, refused with 413 past the size, row or sheet limits."""
    limit = settings.max_upload_bytes
    ledger = RawLedger()
    total = 0
    for upload in files:
        content = upload.file.read(limit + 1)
        total += len(content)
        if total > limit:
            raise TooLarge(f"上传文件超过{limit / (1024 * 1024):g}MB")
        part = read_upload(upload.filename or "upload", content)
        ledger.sheets.extend(part.sheets)
        ledger.problems.extend(part.problems)
        if len(ledger.sheets) > settings.max_upload_sheets:
            raise TooLarge(f"上传的台账超过{settings.max_upload_sheets}张表")
        if ledger.row_count > settings.max_upload_rows:
            raise TooLarge(f"上传的台账超过{settings.max_upload_rows}行")
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
        "import %s by %s (key %s, %s): %d rows, created %s, updated %s, deleted %s",
        where,
        key.owner,
        key.key_id,
        key.role,
        report.rows,
        dict(report.created),
        dict(report.updated),
        dict(report.deleted),
    )
    return ImportResult.model_validate({**report.as_dict(), "author": key.owner, "update": update.public()})


@router.post("/imports", response_model=ImportResult, responses=CONFLICT)
def post_import(
    request: Request,
    store: StoreDep,
    files: Annotated[list[UploadFile], File()],
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    note: NoteForm = None,
    at: AtForm = None,
) -> ImportResult:
    """Import ledger files (one XLSX, or CSVs named after their lists) for any chains, in one
    transaction, recorded as one update (author: the key's owner). Needs an admin key."""
    return _run(store, _read(files, request.app.state.settings), key, None, "all chains", note, at)


@router.post("/chains/{chain_id}/imports", response_model=ImportResult, responses=CONFLICT)
def post_chain_import(
    request: Request,
    key: Annotated[ApiKey, Depends(Allow(EDITOR))],
    store: StoreDep,
    chain: ChainDep,
    files: Annotated[list[UploadFile], File()],
    note: NoteForm = None,
    at: AtForm = None,
) -> ImportResult:
    """Import ledger files for one chain, in one transaction recorded as one update: every row must
    belong to the chain (403 names the rows that do not). Needs an editor key for the chain, or admin."""
    return _run(store, _read(files, request.app.state.settings), key, {chain["id"]}, chain["id"], note, at)
