from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from seed.ledger.load import import_ledger
from seed.ledger.read import RawLedger, read_upload
from service.api.deps import StoreDep
from service.api.models import ErrorBody, ImportResult
from service.errors import TooLarge

router = APIRouter(tags=["imports"])

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@router.post(
    "/imports",
    response_model=ImportResult,
    responses={422: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)
def post_import(store: StoreDep, files: Annotated[list[UploadFile], File()]) -> ImportResult:
    """Import ledger files (one XLSX, or CSVs named after their lists) in one transaction."""
    ledger = RawLedger()
    total = 0
    for upload in files:
        content = upload.file.read(MAX_UPLOAD_BYTES + 1)
        total += len(content)
        if total > MAX_UPLOAD_BYTES:
            raise TooLarge(f"上传文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB")
        part = read_upload(upload.filename or "upload", content)
        ledger.sheets.extend(part.sheets)
        ledger.problems.extend(part.problems)
    report = import_ledger(store, ledger)
    return ImportResult(**report.as_dict())
