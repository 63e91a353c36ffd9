"""The data behind the chain maps, from the graph and the analyses; rendering is in service.render.maps."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from service import catalog, weaklinks
from service.lists import SCALE
from service.render.maps import chain_map_html
from service.storage.port import GraphStore
from service.storage.queries import Q

CARD_ROWS = 20


def chain_map_data(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """Segments with their state and firms, segment feeds, firm cards, and the supply links inside the
    chain."""
    view = weaklinks.chain_view(store, chain_id)
    p = weaklinks.projection(store)
    names = weaklinks.product_names(store)
    breaks: dict[str, dict[str, Any]] = {}
    for b in weaklinks.breaks(store, chain_id):
        breaks.setdefault(b["segment_id"], b)
    risky = {r["enterprise_id"]: r for r in weaklinks.risks(store, chain_id)["risk_nodes"]}
    regions = {
        r["id"]: r["region_name"] for r in store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": chain_id})
    }
    products: dict[str, list[str]] = defaultdict(list)
    for product, makers in p.makers.items():
        for firm in makers:
            if firm in view.firms:
                products[firm].append(names.get(product, product))

    def partner_rows(firm: str, incoming: bool) -> list[list[str]]:
        links = (
            [link for links in p.network.inputs.get(firm, {}).values() for link in links]
            if incoming
            else p.network.customers.get(firm, [])
        )
        rows = []
        for link in sorted(links)[:CARD_ROWS]:
            other = link.supplier if incoming else link.buyer
            rows.append(
                [p.facts[other].name if other in p.facts else other, names.get(link.product, link.product)]
            )
        return rows

    firms = {}
    for firm in sorted(view.firms):
        f = p.facts[firm]
        risk = risky.get(firm)
        firms[firm] = {
            "id": firm,
            "name": f.name,
            "district": f.in_district,
            "anchor": firm in p.anchors,
            "specialised": p.specialised.get(firm, False),
            "scale": SCALE.get(p.scales.get(firm) or "", p.scales.get(firm)),
            "region": regions.get(firm) or f.region_code,
            "products": sorted(products[firm]),
            "suppliers": partner_rows(firm, True),
            "customers": partner_rows(firm, False),
            "risk": (
                f"断供风险评分{risk['score']}：停产将使链上{risk['parts']['cut_off_in_district']}家区内企业断供，"
                f"是{risk['parts']['single_source_inputs']}项投入品的唯一供应商"
                if risk
                else None
            ),
        }
    segments = []
    for s in view.segments:
        found = breaks.get(s.id)
        state = "ok" if found is None else ("break" if found["kind"] == "break" else "choke")
        segments.append(
            {
                "id": s.id,
                "name": s.name,
                "state": state,
                "reason": found["reason"] if found else None,
                "district": sum(1 for f in s.firms if f.in_district),
                "outside": sum(1 for f in s.firms if not f.in_district),
                "firms": [f.id for f in s.firms],
            }
        )
    links = [
        {"from": link.supplier, "to": link.buyer, "product": names.get(link.product, link.product)}
        for link in sorted(p.network.links())
        if link.supplier in view.firms and link.buyer in view.firms
    ]
    return {"segments": segments, "feeds": [list(f) for f in view.feeds], "firms": firms, "links": links}


def chain_map(store: GraphStore, chain_id: str) -> str:
    """The chain map of one chain as a self-contained HTML page."""
    chain = catalog.get_chain(store, chain_id)
    return chain_map_html(f"{chain['name']} · 产业链图", chain_map_data(store, chain_id))
