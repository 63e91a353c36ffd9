from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from service import catalog, dashboard, lists, weaklinks
from service.api.access import VIEWER, Allow, signed_in
from service.api.deps import StoreDep
from service.render.maps import index_html

router = APIRouter(tags=["pages"], dependencies=[Depends(Allow(VIEWER))])

MAP_TITLES = [
    ("chain", "产业链图"),
    ("technology", "技术路线图"),
    ("application", "应用领域图"),
    ("region", "区域分布图"),
]
TOP_RISKS = 5


@router.get("/", response_class=HTMLResponse)
def front_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The front page: the chains, their four maps, five lists and working documents, breaks and top
    risks."""
    found = catalog.list_chains(store)
    ids = [c["id"] for c in found]
    register = dashboard.open_register_items(store, ids)
    trend = dashboard.register_trend(store, ids)
    chains = []
    for c in found:
        chains.append(
            {
                **c,
                "figures": dashboard.chain_figures(store, c["id"]),
                "register": register[c["id"]],
                "trend_points": [
                    {
                        "at": p["at"],
                        "author": p["author"],
                        "breaks": p["counts"][c["id"]][0],
                        "items": p["counts"][c["id"]][1],
                    }
                    for p in trend
                ],
                "breaks": weaklinks.breaks(store, c["id"]),
                "risks": weaklinks.risks(store, c["id"])["risk_nodes"][:TOP_RISKS],
            }
        )
    list_titles = [(key, lists.LIST_TITLES[key]) for key in lists.LISTS]
    today = dt.date.today()
    work = [  # the office's working documents for the current month and year
        ("recruitment?format=xlsx", "招商目标（XLSX）"),
        (f"reports/{today.year}-{today.month:02d}?format=html", f"{today.month}月月报"),
        (f"assessment/{today.year}?format=xlsx", f"{today.year}年度考核（XLSX）"),
    ]
    last = dashboard.last_update(store)
    latest = None if last is None else {"at": last.at, "author": last.author, "note": last.note}
    return HTMLResponse(index_html(chains, MAP_TITLES, list_titles, latest, work, signed_in(request)))
