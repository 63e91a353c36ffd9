"""The data behind the chain maps, from the graph and the analyses; rendering is in service.render.maps."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from service import catalog, weaklinks
from service.analysis.place import CITY_PREFIX, DISTRICT_CODE, PROVINCE_PREFIX, region_level
from service.analysis.risks import ACTIVE
from service.errors import InvalidInput
from service.lists import STATUS, UNKNOWN, region_text, scale_label, yes_no
from service.render.maps import (
    application_map_html,
    chain_map_html,
    region_map_html,
    technology_map_html,
)
from service.settings import get_settings
from service.storage.port import GraphStore
from service.storage.queries import Q

CARD_ROWS = 20
DISTRICT_CENTRE = "district"  # the region map's place for district firms whose township is not known


SCALE_ORDER = {"large": 0, "medium": 1, "small": 2, "micro": 3}  # unknown scale after micro
SHOWN_NAMES = 3  # leading district firms named in a segment's box (the layout may show fewer)


def _money(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:g}万元"


def _names(ids: list[str], facts: dict[str, Any], most: int = 3) -> str:
    shown = "、".join(facts[i].name if i in facts else i for i in ids[:most])
    return shown + (f"等{len(ids)}家" if len(ids) > most else "")


def risk_line(risk: dict[str, Any] | None, rank: int | None) -> str:
    """A firm's supply-risk figures in one line (or that it is not among the chain's risk nodes)."""
    if risk is None:
        return "未列为本链断供风险节点"
    parts = risk["parts"]
    return (
        f"断供风险评分 {risk['score']:g}（本链第 {rank} 位）：{parts['single_source_inputs']} 项投入品的唯一"
        f"供应商，恢复期超出库存 {parts['recovery_gap_days']} 天，可替代企业区内 "
        f"{parts['substitutes_in_district']} 家、区外 {parts['substitutes_outside']} 家"
    )


def what_if_line(cut: Mapping[str, Any] | None, facts: dict[str, Any]) -> str:
    """What the firm's stop alone would cut off, in one line (the whole graph, every round)."""
    if not cut:
        return "假如停产：没有企业因此断供（各客户另有供应商，或未记录客户）"
    inside = sorted(f for f in cut if f in facts and facts[f].in_district)
    outside = sorted(f for f in cut if f not in inside)
    values = [c.lost_value for c in cut.values() if c.lost_value is not None]
    text = f"假如停产：{len(cut)} 家企业断供"
    if inside:
        text += f"，其中区内 {len(inside)} 家（{_names(inside, facts)}）"
    if outside:
        text += f"，区外 {len(outside)} 家"
    return text + f"；断供投入品年供应额 {_money(sum(values)) if values else UNKNOWN}"


def chain_map_data(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """Segments with their state, active counts and leading district firms; segment feeds; a card per
    firm (names, products, suppliers, customers, risk and what-if lines)."""
    view = weaklinks.chain_view(store, chain_id)
    chain = catalog.get_chain(store, chain_id)
    stage = {s["id"]: s["stage"] for s in chain["segments"]}
    p = weaklinks.projection(store)
    names = weaklinks.product_names(store)
    breaks: dict[str, dict[str, Any]] = {}
    for b in weaklinks.breaks(store, chain_id):
        breaks.setdefault(b["segment_id"], b)
    ranked = weaklinks.risks(store, chain_id)["risk_nodes"]
    risky = {r["enterprise_id"]: (r, i + 1) for i, r in enumerate(ranked)}
    cascades = weaklinks.single_stop_cascades(store)
    regions = {
        r["id"]: r["region_name"] for r in store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": chain_id})
    }
    products = firm_products(store, chain_id)

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

    def lead(firm: str) -> tuple[int, int, str]:
        """Anchors first, then by scale (large first, unknown last), then by name."""
        return (firm not in p.anchors, SCALE_ORDER.get(p.scales.get(firm) or "", 4), p.facts[firm].name)

    def mark(firm: str) -> str:
        return "★ " if firm in p.anchors else ("◆ " if p.specialised.get(firm) is True else "")

    firms = {}
    for firm in sorted(view.firms):
        f = p.facts[firm]
        risk, rank = risky.get(firm, (None, None))
        status = view.firm_rows[firm]["status"]
        firms[firm] = {
            "id": firm,
            "name": f.name,
            "district": f.in_district,
            "anchor": firm in p.anchors,
            "specialised": p.specialised.get(firm) is True,
            "specialised_label": yes_no(p.specialised.get(firm)),
            "scale": scale_label(p.scales.get(firm)),
            "region": region_text(regions.get(firm) or f.region_code, f.region_code, f.in_district),
            "mark": mark(firm),
            "status_label": None if status == ACTIVE else STATUS.get(status, status or UNKNOWN),
            "facts": [
                ["所在地区", region_text(regions.get(firm) or f.region_code, f.region_code, f.in_district)],
                ["企业规模", scale_label(p.scales.get(firm))],
                ["经营状态", STATUS.get(status, status or UNKNOWN)],
                ["区内企业", "是" if f.in_district else "否"],
                ["链主企业", "是" if firm in p.anchors else "否"],
                ["专精特新", yes_no(p.specialised.get(firm))],
            ],
            "products": products.get(firm, []),
            "suppliers": partner_rows(firm, True),
            "customers": partner_rows(firm, False),
            "risk": risk_line(risk, rank) if risk else None,
            "risk_line": risk_line(risk, rank),
            "whatif": what_if_line(cascades.get(firm), p.facts),
        }
    segments = []
    for s in view.segments:
        found = breaks.get(s.id)
        state = "ok" if found is None else ("break" if found["kind"] == "break" else "choke")
        # capacity counts firms in operation only: a planned or stopped district firm is not counted
        # (it stays among the segment's firms, with its card)
        active_inside = sorted((f.id for f in s.firms if f.in_district and f.status == ACTIVE), key=lead)
        segments.append(
            {
                "id": s.id,
                "name": s.name,
                "stage": stage.get(s.id),
                "state": state,
                "reason": found["reason"] if found else None,
                "district": len(active_inside),
                "outside": sum(1 for f in s.firms if not f.in_district and f.status == ACTIVE),
                "leaders": [mark(f) + p.facts[f].name for f in active_inside[:SHOWN_NAMES]],
                "district_more": max(0, len(active_inside) - SHOWN_NAMES),
                "firms": [f.id for f in s.firms],
                "district_firms": sorted((f.id for f in s.firms if f.in_district), key=lead),
                "outside_firms": sorted((f.id for f in s.firms if not f.in_district), key=lead),
            }
        )
    return {
        "chain": chain["name"],
        "segments": segments,
        "feeds": [list(f) for f in view.feeds],
        "firms": firms,
    }


def share_text(share: float | None) -> str:
    return UNKNOWN if share is None else f"{share:.0%}"


def firm_products(store: GraphStore, chain_id: str) -> dict[str, list[list[str]]]:
    """For each firm of the chain, its products as card rows: 产品, 产品大类, 是否主营, 营收占比 (未知
    where the ledger does not say)."""
    out: dict[str, list[list[str]]] = defaultdict(list)
    for r in store.read(Q.MAP_FIRM_PRODUCTS, {"chain_id": chain_id}):
        out[r["enterprise_id"]].append(
            [
                r["product_name"],
                r["parent_name"] or "—",
                yes_no(r["main_line"]),
                share_text(r["revenue_share"]),
            ]
        )
    return dict(out)


def chain_map(store: GraphStore, chain_id: str) -> str:
    """The chain map of one chain as a self-contained HTML page."""
    data = chain_map_data(store, chain_id)
    return chain_map_html(f"{data['chain']} · 产业链图", data)


def technology_map(store: GraphStore, chain_id: str) -> str:
    """技术路线图: a timeline, years across (current technologies first), one lane per segment, each
    technology with its holders and projects, and the roadmap steps between them."""
    chain = catalog.get_chain(store, chain_id)
    techs: dict[str, dict[str, Any]] = {}
    for r in store.read(Q.MAP_TECHNOLOGIES, {"chain_id": chain_id}):
        t = techs.setdefault(
            r["id"],
            {
                "id": r["id"],
                "name": r["name"],
                "status": r["status"],
                "year": r["target_year"],
                "segments": [],
                "holders": [],
                "projects": [],
            },
        )
        if r["segment_id"]:
            t["segments"].append(r["segment_id"])
    facts = weaklinks.projection(store).facts
    for r in store.read(Q.CHAIN_TECHNOLOGY_HOLDERS, {"chain_id": chain_id}):
        if r["technology_id"] in techs:
            techs[r["technology_id"]]["holders"].append(facts[r["enterprise_id"]].name)
    for r in store.read(Q.MAP_TECHNOLOGY_PROJECTS, {"chain_id": chain_id}):
        if r["technology_id"] in techs:
            techs[r["technology_id"]]["projects"].append(r["project_name"])
    paths = [
        [r["from_id"], r["to_id"]]
        for r in store.read(Q.MAP_TECHNOLOGY_PATHS, {"chain_id": chain_id})
        if r["from_id"] in techs and r["to_id"] in techs
    ]
    lanes = [[s["id"], s["name"]] for s in chain["segments"]]
    return technology_map_html(f"{chain['name']} · 技术路线图", lanes, list(techs.values()), paths)


def application_map(store: GraphStore, chain_id: str) -> str:
    """应用领域图: the chain's products grouped under the application domains they serve."""
    chain = catalog.get_chain(store, chain_id)
    products: dict[str, dict[str, Any]] = {}
    domains: dict[str, str] = {}
    segment_names = {s["position"]: s["name"] for s in chain["segments"]}
    for r in store.read(Q.MAP_PRODUCT_DOMAINS, {"chain_id": chain_id}):
        p = products.setdefault(
            r["product_id"],
            {
                "id": r["product_id"],
                "name": r["product_name"],
                "parent": r["parent_name"],
                "segments": [],
                "domains": [],
            },
        )
        segment = segment_names.get(r["position"], str(r["position"]))
        if segment not in p["segments"]:
            p["segments"].append(segment)
        if r["domain_id"] and r["domain_id"] not in p["domains"]:
            domains[r["domain_id"]] = r["domain_name"]
            p["domains"].append(r["domain_id"])
    return application_map_html(
        f"{chain['name']} · 应用领域图", list(products.values()), [[d, n] for d, n in sorted(domains.items())]
    )


def place_of(code: str | None, in_district: bool) -> str:
    """The place a firm is drawn at on the region map: its township inside the district (the district
    itself where the township is not known), its county in Changchun, its city elsewhere in Jilin, its
    province elsewhere; the coarsest code known when the ledger's code is coarser."""
    from seed.reference import centroids

    code = code or ""
    known = centroids()
    if in_district:
        return code if region_level(code) == "township" and code in known else DISTRICT_CENTRE
    for key in (code[:6], code[:4]) if code.startswith(PROVINCE_PREFIX) else ():
        if len(code) >= len(key) and key in known:
            return key
    return code[:2] if code[:2] in known else code or UNKNOWN


UNKNOWN_BELOW = {CITY_PREFIX: "区县", PROVINCE_PREFIX: "市县"}
MAX_BASEMAP_BYTES = 64 * 1024 * 1024


def basemap_rings(path: Path | None) -> list[list[list[float]]]:
    """The outer and inner rings (lists of [lon, lat]) of every polygon in the GeoJSON file a deployment
    set as CHAINLENS_BASEMAP, drawn beneath the region map; none when unset. A file past 64 MiB, or one
    that is not GeoJSON, is refused with a clear error."""
    if path is None:
        return []
    try:
        if path.stat().st_size > MAX_BASEMAP_BYTES:
            raise InvalidInput(f"底图文件 {path} 超过 {MAX_BASEMAP_BYTES // 1024 // 1024} MiB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidInput(f"底图文件 {path} 无法读取为 GeoJSON：{e}") from e
    features = data.get("features", [data]) if isinstance(data, dict) else []
    rings: list[list[list[float]]] = []
    for f in features:
        geometry = f.get("geometry", f) if isinstance(f, dict) else None
        if not isinstance(geometry, dict):
            continue
        if geometry.get("type") == "Polygon":
            rings += geometry["coordinates"]
        elif geometry.get("type") == "MultiPolygon":
            rings += [ring for polygon in geometry["coordinates"] for ring in polygon]
    return rings


def region_map(store: GraphStore, chain_id: str) -> str:
    """区域分布图: where the chain's firms are (the district's streets, towns and zones; Changchun's
    districts; Jilin's cities; the provinces), placed from region centroids, with the district firms'
    purchases drawn as flows per segment from where they buy."""
    from seed.reference import centroids

    chain = catalog.get_chain(store, chain_id)
    known = centroids()
    places: dict[str, dict[str, Any]] = {}

    def place(key: str) -> dict[str, Any]:
        if key not in places:
            name = known[key].name if key in known else key
            if key == DISTRICT_CENTRE:
                name = f"{known[DISTRICT_CODE].name}（乡镇街道未知）"
            elif key in UNKNOWN_BELOW:  # Changchun and Jilin are drawn finer: a firm coded no finer says so
                name = f"{name}（{UNKNOWN_BELOW[key]}未知）"
            places[key] = {"key": key, "name": name, "active": set(), "all": set(), "segments": {}}
        return places[key]

    firm_segments: dict[str, list[str]] = defaultdict(list)
    for r in store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": chain_id}):
        at = place(place_of(r["region_code"], bool(r["in_district"])))
        at["all"].add(r["id"])
        counts = at["segments"].setdefault(r["segment_name"], [0, 0])
        counts[1] += 1
        if r["status"] == ACTIVE:
            at["active"].add(r["id"])
            counts[0] += 1
        if r["segment_name"] not in firm_segments[r["id"]]:
            firm_segments[r["id"]].append(r["segment_name"])
    inputs = store.read(Q.CHAIN_DISTRICT_INPUTS, {"chain_id": chain_id})
    by_value = bool(inputs) and all(r["annual_value"] is not None for r in inputs)
    flows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in inputs:
        if r["supplier_in_district"]:
            continue
        source = place_of(r["supplier_region_code"], False)
        for segment in ["*", *firm_segments.get(r["buyer_id"], [])]:
            flow = flows.setdefault((source, segment), {"value": 0.0, "suppliers": set(), "links": 0})
            flow["value"] += r["annual_value"] or 0.0
            flow["suppliers"].add(r["supplier_id"])
            flow["links"] += 1
    data = {
        "places": [
            {
                "key": p["key"],
                "name": p["name"],
                "active": len(p["active"]),
                "all": len(p["all"]),
                "segments": [[name, *counts] for name, counts in sorted(p["segments"].items())],
            }
            for p in places.values()
        ],
        "flows": [
            {
                "from": source,
                "segment": segment,
                "size": f["value"] if by_value else len(f["suppliers"]),
                "value": round(f["value"], 2),
                "suppliers": len(f["suppliers"]),
                "links": f["links"],
            }
            for (source, segment), f in sorted(flows.items())
        ],
        "by_value": by_value,
        "segments": [s["name"] for s in chain["segments"]],
    }
    rings = basemap_rings(get_settings().basemap)
    return region_map_html(f"{chain['name']} · 区域分布图", data, rings)


MAPS = {
    "chain": chain_map,
    "technology": technology_map,
    "application": application_map,
    "region": region_map,
}
