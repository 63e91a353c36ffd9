from __future__ import annotations

import re
from dataclasses import fields
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import WithJsonSchema

from service import recruitment
from service.analysis.recruitment import Weights
from service.api.access import VIEWER, Allow
from service.api.deps import ID_PATTERN, ChainDep, StoreDep
from service.api.models_recruitment import DossierPublic, RecruitmentPublic
from service.errors import InvalidInput
from service.render.lists import to_xlsx

router = APIRouter(
    tags=["recruitment"],
    dependencies=[Depends(Allow(VIEWER))],
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER = r"[0-9]{1,6}(\.[0-9]{1,6})?"
WEIGHT_PATTERN = rf"^({'|'.join(f.name for f in fields(Weights))}):{NUMBER}$"
# The schema states the pattern; get_weights enforces it, naming the part or the number it refuses.
Weight = Annotated[str, WithJsonSchema({"type": "string", "pattern": WEIGHT_PATTERN})]


def get_weights(
    request: Request,
    weight: Annotated[
        list[Weight] | None,
        Query(
            description="评分权重，形如 distance:20，可重复；未给出的评分项用服务配置或默认值",
            max_length=20,
        ),
    ] = None,
) -> Weights:
    values: dict[str, Any] = dict(request.app.state.settings.recruitment_weights)
    for item in weight or []:
        name, sep, value = item.partition(":")
        if not sep:
            raise InvalidInput(f"权重参数应形如 名称:数值，收到 {item!r}")
        recruitment.parse_weights({name: 0})  # an unknown part is refused by name
        if not re.fullmatch(NUMBER, value):
            raise InvalidInput(f"评分项 {name} 的权重应为不带符号的数，如 20 或 12.5，收到 {value!r}")
        values[name] = value
    return recruitment.parse_weights(values)


WeightsDep = Annotated[Weights, Depends(get_weights)]


class ListFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"


class PageFormat(StrEnum):
    json = "json"
    html = "html"


@router.get(
    "/chains/{chain_id}/recruitment",
    response_model=RecruitmentPublic,
    responses={200: {"content": {XLSX: {}}}},
)
def chain_recruitment(
    store: StoreDep,
    chain: ChainDep,
    weights: WeightsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = recruitment.DEFAULT_LIMIT,
    format: Annotated[ListFormat, Query()] = ListFormat.json,
) -> Any:
    """The chain's gaps and the outside firms worth inviting to fill them, best first, each with the
    parts of its score (weight × factor, adding up to the score) and the gap it fills."""
    result = recruitment.targets(store, chain["id"], weights, limit)
    if format is ListFormat.xlsx:
        disposition = f"attachment; filename*=UTF-8''{quote(chain['name'] + '招商目标.xlsx')}"
        return Response(
            to_xlsx(recruitment.sheets(result)), media_type=XLSX, headers={"Content-Disposition": disposition}
        )
    return RecruitmentPublic.model_validate(result)


@router.get(
    "/recruitment/{enterprise_id}",
    response_model=DossierPublic,
    responses={200: {"content": {"text/html": {}}}},
)
def recruitment_dossier(
    store: StoreDep,
    weights: WeightsDep,
    enterprise_id: Annotated[str, Path(pattern=ID_PATTERN)],
    chain_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    format: Annotated[PageFormat, Query()] = PageFormat.json,
) -> Any:
    """One target's dossier: what it makes, which district firms would buy from it and for how much, the
    gaps it fills, the chain's breaks and risks before and after it opens in the district, the policies
    that apply and the parks and projects that could host it. ``format=html`` gives a printable page."""
    if format is PageFormat.html:
        return HTMLResponse(recruitment.dossier_page(store, enterprise_id, chain_id, weights))
    return DossierPublic.model_validate(recruitment.dossier(store, enterprise_id, chain_id, weights))
