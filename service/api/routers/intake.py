"""Intake of a firm list exported from a registry or statistics service: answers the ledger to review and
import, and the review workbook (a zip of both, or one of them). Nothing is written to the graph."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response

from service.access import ApiKey
from service.api.access import ADMIN, EDITOR, Allow
from service.api.deps import ChainDep, StoreDep
from service.errors import TooLarge
from service.intake import intake, read_bytes
from service.intake.suggest import THRESHOLD
from service.intake.write import LEDGER_NAME, REVIEW_NAME, ledger_bytes, review_bytes, zip_bytes
from service.ledger.limits import Limits, size
from service.settings import Settings
from service.storage.port import GraphStore

router = APIRouter(tags=["intake"])
audit = logging.getLogger("chainlens.audit")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERS: dict[int | str, dict[str, Any]] = {200: {"content": {"application/zip": {}, XLSX: {}}}}


class Format(StrEnum):
    zip = "zip"
    ledger = "ledger"
    review = "review"


FORMAT_TEXT = "zip（台账和审核表），ledger（只要台账），review（只要审核表）"
FormatQuery = Annotated[Format, Query(description=FORMAT_TEXT)]
ThresholdQuery = Annotated[float, Query(ge=0, le=1, description="建议环节写入台账所需的最低分数")]
FileForm = Annotated[UploadFile, File(description="企业名录：CSV（UTF-8或GBK）或XLSX")]


def _answer(
    request: Request,
    store: GraphStore,
    upload: UploadFile,
    chain: str | None,
    key: ApiKey,
    format: Format,
    threshold: float,
) -> Response:
    settings: Settings = request.app.state.settings
    limit = settings.max_upload_bytes
    content = upload.file.read(limit + 1)
    if len(content) > limit:
        raise TooLarge(f"上传文件超过{size(limit)}")
    table = read_bytes(upload.filename or "upload.csv", content, Limits.from_settings(settings))
    result = intake(store, table, chain, threshold=threshold)
    audit.info("intake of %s rows for %s by %s", len(result.outcomes), chain or "all chains", key.owner)
    if format is Format.ledger:
        body, media, name = ledger_bytes(result), XLSX, LEDGER_NAME
    elif format is Format.review:
        body, media, name = review_bytes(result), XLSX, REVIEW_NAME
    else:
        body, media, name = zip_bytes(result), "application/zip", "企业名录导入.zip"
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.post("/intake", response_class=Response, responses=ANSWERS)
def post_intake(
    request: Request,
    store: StoreDep,
    file: FileForm,
    key: Annotated[ApiKey, Depends(Allow(ADMIN))],
    format: FormatQuery = Format.zip,
    threshold: ThresholdQuery = THRESHOLD,
) -> Response:
    """Read a firm list against every chain: the ledger to review and import, and the review workbook.
    Writes nothing. Needs an admin key (a chain office uses /chains/{id}/intake)."""
    return _answer(request, store, file, None, key, format, threshold)


@router.post("/chains/{chain_id}/intake", response_class=Response, responses=ANSWERS)
def post_chain_intake(
    request: Request,
    key: Annotated[ApiKey, Depends(Allow(EDITOR))],
    store: StoreDep,
    chain: ChainDep,
    file: FileForm,
    format: FormatQuery = Format.zip,
    threshold: ThresholdQuery = THRESHOLD,
) -> Response:
    """Read a firm list against one chain's segments and products: the ledger (its firms only, for
    POST /chains/{id}/imports) and the review workbook. Writes nothing. Needs an editor key for the chain."""
    return _answer(request, store, file, chain["id"], key, format, threshold)
