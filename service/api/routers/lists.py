from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from service import lists
from service.api.access import VIEWER, Allow
from service.api.deps import ChainDep, StoreDep
from service.api.models import ChainListPublic
from service.render.lists import to_csv, to_xlsx

router = APIRouter(tags=["lists"], dependencies=[Depends(Allow(VIEWER))])

ListName = StrEnum("ListName", {k.replace("-", "_"): k for k in lists.LISTS})  # type: ignore[misc]


class Format(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _download(content: bytes, media: str, filename: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


@router.get(
    "/chains/{chain_id}/lists/{list_name}",
    response_model=ChainListPublic,
    responses={
        200: {
            "content": {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            }
        }
    },
)
def chain_list(
    store: StoreDep,
    chain: ChainDep,
    list_name: ListName,
    format: Annotated[Format, Query()] = Format.json,
) -> Any:
    """One of the five lists of a chain, as JSON, CSV (UTF-8 with BOM) or XLSX."""
    result = lists.chain_list(store, chain["id"], str(list_name.value))
    columns = [(c.key, c.header) for c in result.columns]
    filename = f"{chain['name']}{result.title}"
    if format is Format.csv:
        return _download(to_csv(columns, result.rows), "text/csv; charset=utf-8", f"{filename}.csv")
    if format is Format.xlsx:
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(to_xlsx([(result.title, columns, result.rows)]), media, f"{filename}.xlsx")
    return ChainListPublic.model_validate(
        {
            "chain_id": chain["id"],
            "name": result.key,
            "title": result.title,
            "columns": [{"key": k, "header": h} for k, h in columns],
            "data": result.rows,
            "count": len(result.rows),
        }
    )
