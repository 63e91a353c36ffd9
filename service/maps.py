"""The data behind the chain maps, from the graph and the analyses; rendering is in service.render.maps."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from service import catalog, weaklinks
from service.analysis.place import DISTRICT_CODE, region_level
from service.analysis.risks import ACTIVE
from service.lists import STATUS, UNKNOWN, region_text, scale_label, yes_no
from service.render.maps import chain_map_html, graph_map_html
from service.storage.port import GraphStore
from service.storage.queries import Q

CARD_ROWS = 20


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


def what_if_line(cut: dict[str, Any] | None, facts: dict[str, Any]) -> str:
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


TECH_STATUS = {
    "current": ("现有", "#43a047"),
    "developing": ("攻关", "#fb8c00"),
    "target": ("目标", "#8e24aa"),
}
COLUMN = 280
ROW = 90


def technology_map(store: GraphStore, chain_id: str) -> str:
    """技术路线图: technologies left to right by target year (current first), one row per segment, with
    the roadmap steps and the firms and projects working on each."""
    chain = catalog.get_chain(store, chain_id)
    techs: dict[str, dict[str, Any]] = {}
    segments: dict[str, list[str]] = defaultdict(list)
    for r in store.read(Q.MAP_TECHNOLOGIES, {"chain_id": chain_id}):
        techs.setdefault(r["id"], r)
        if r["segment_id"]:
            segments[r["id"]].append(str(r["segment_position"]))
    firms: dict[str, list[str]] = defaultdict(list)
    facts = weaklinks.projection(store).facts
    for r in store.read(Q.CHAIN_TECHNOLOGY_HOLDERS, {"chain_id": chain_id}):
        firms[r["technology_id"]].append(facts[r["enterprise_id"]].name)
    projects: dict[str, list[str]] = defaultdict(list)
    for r in store.read(Q.MAP_TECHNOLOGY_PROJECTS, {"chain_id": chain_id}):
        projects[r["technology_id"]].append(r["project_name"])
    years = sorted({t["target_year"] for t in techs.values() if t["target_year"]})
    nodes = []
    rows_used: dict[int, int] = defaultdict(int)
    for tid, t in sorted(techs.items(), key=lambda kv: (kv[1]["target_year"] or 0, kv[0])):
        column = 0 if not t["target_year"] else 1 + years.index(t["target_year"])
        row = rows_used[column]
        rows_used[column] += 1
        status, colour = TECH_STATUS.get(t["status"], (t["status"], "#607d8b"))
        year = t["target_year"] or "现有"
        nodes.append(
            {
                "id": tid,
                "label": f"{t['name']}\n{status} · {year}",
                "x": column * COLUMN,
                "y": row * ROW,
                "color": colour,
                "details": [
                    ["状态", status],
                    ["目标年份", year],
                    ["所在环节（顺序）", "、".join(segments[tid]) or "—"],
                    ["掌握企业", "、".join(firms[tid]) or "—"],
                    ["相关项目", "、".join(projects[tid]) or "—"],
                ],
            }
        )
    edges = [
        {"from": r["from_id"], "to": r["to_id"], "label": str(r["target_year"] or "")}
        for r in store.read(Q.MAP_TECHNOLOGY_PATHS, {"chain_id": chain_id})
        if r["from_id"] in techs and r["to_id"] in techs
    ]
    legend = "绿色：现有技术；橙色：攻关技术；紫色：目标技术。从左到右按目标年份排列，箭头为技术路线。"
    return graph_map_html(f"{chain['name']} · 技术路线图", legend, {"nodes": nodes, "edges": edges})


def application_map(store: GraphStore, chain_id: str) -> str:
    """应用领域图: the chain's products (upstream at the top, the 产品小类 of one 产品大类 next to each other
    under a node for the 大类) and the application domains they serve."""
    chain = catalog.get_chain(store, chain_id)
    products: dict[str, dict[str, Any]] = {}
    domains: dict[str, str] = {}
    served: dict[str, list[str]] = defaultdict(list)
    edges = []
    for r in store.read(Q.MAP_PRODUCT_DOMAINS, {"chain_id": chain_id}):
        products.setdefault(r["product_id"], r)
        if r["domain_id"]:
            domains[r["domain_id"]] = r["domain_name"]
            served[r["domain_id"]].append(r["product_name"])
            edges.append({"from": "p:" + r["product_id"], "to": "d:" + r["domain_id"]})
    children: dict[str, list[str]] = defaultdict(list)
    for pid, p in products.items():
        if p["parent_id"]:
            children[p["parent_id"]].append(pid)
    order: list[str] = []  # upstream first; a 大类's products together where its first one stands
    for pid, p in products.items():
        if pid not in order:
            order += children[p["parent_id"]] if p["parent_id"] else [pid]
    y = {pid: i * 60 for i, pid in enumerate(order)}

    def domains_of(pid: str) -> list[str]:
        return [domains[e["to"][2:]] for e in edges if e["from"] == "p:" + pid]

    nodes = [
        {
            "id": "p:" + pid,
            "label": products[pid]["product_name"],
            "x": 0,
            "y": y[pid],
            "color": "#1e88e5",
            "details": [
                ["产品编号", pid],
                ["产品大类", products[pid]["parent_name"] or "—"],
                ["所在环节顺序", products[pid]["position"]],
                ["应用领域", "、".join(domains_of(pid)) or "—"],
            ],
        }
        for pid in order
    ]
    for parent, kids in children.items():
        if parent in products:  # the 大类 is itself one of the chain's products: link from its node
            edges += [{"from": "p:" + parent, "to": "p:" + k, "label": "小类", "dashes": True} for k in kids]
            continue
        name = products[kids[0]]["parent_name"]
        nodes.append(
            {
                "id": "g:" + parent,
                "label": name,
                "x": -300,
                "y": sum(y[k] for k in kids) / len(kids),
                "color": "#5c6bc0",
                "details": [
                    ["产品编号", parent],
                    ["本链产品小类", "、".join(products[k]["product_name"] for k in kids)],
                    ["应用领域", "、".join(dict.fromkeys(d for k in kids for d in domains_of(k))) or "—"],
                ],
            }
        )
        edges += [{"from": "g:" + parent, "to": "p:" + k, "label": "小类", "dashes": True} for k in kids]
    step = 60 * max(len(products), 1) / max(len(domains), 1)
    nodes += [
        {
            "id": "d:" + did,
            "label": name,
            "x": 600,
            "y": i * step,
            "color": "#00897b",
            "details": [["服务的产品", "、".join(served[did])]],
        }
        for i, (did, name) in enumerate(sorted(domains.items()))
    ]
    legend = "蓝色：本链产品（自上而下为上游到下游，同一大类的小类相邻）；紫色：产品大类；绿色：应用领域。"
    return graph_map_html(f"{chain['name']} · 应用领域图", legend, {"nodes": nodes, "edges": edges})


def region_map(store: GraphStore, chain_id: str) -> str:
    """区域分布图: where the chain's firms are, township by township inside the district and province by
    province outside it, with counts per segment; edges show which segments depend on which regions."""
    from seed.reference import regions

    chain = catalog.get_chain(store, chain_id)
    refs = regions()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    firms_in: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    inside_keys: set[str] = set()
    for r in store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": chain_id}):
        code = r["region_code"] or ""
        if not r["in_district"]:
            key = code[:2]  # every code names its province
            names[key] = refs[key].name if key in refs else key
        elif region_level(code) == "township":
            key = code
            names[key] = refs[key].name if key in refs else key
        else:  # in the district (the ledger says so), township not known
            key = DISTRICT_CODE
            names[key] = f"{refs[DISTRICT_CODE].name}（乡镇街道未知）"
        if r["in_district"]:
            inside_keys.add(key)
        if (r["id"], r["segment_id"]) in seen:
            continue
        seen.add((r["id"], r["segment_id"]))
        counts[key][r["segment_name"]] += 1
        firms_in[key].add(r["id"])
    inside = sorted(inside_keys)
    outside = sorted((k for k in counts if k not in inside), key=lambda k: (-len(firms_in[k]), k))
    nodes = []
    for column, keys, colour in ((0, inside, "#4caf50"), (1, outside, "#9e9e9e")):
        for i, key in enumerate(keys):
            total = len(firms_in[key])
            nodes.append(
                {
                    "id": "r:" + key,
                    "label": f"{names[key]}\n{total}家",
                    "x": column * 700,
                    "y": i * 70,
                    "color": colour,
                    "details": [
                        [segment, n] for segment, n in sorted(counts[key].items(), key=lambda kv: -kv[1])
                    ],
                }
            )
    segments = chain["segments"]
    firms_of = {s.id: s.firms for s in weaklinks.chain_view(store, chain_id).segments}
    for i, s in enumerate(segments):
        firms = firms_of.get(s["id"], ())
        nodes.append(
            {
                "id": "s:" + s["name"],
                "label": s["name"],
                "x": 350,
                "y": i * 70,
                "color": "#1e88e5",
                "details": [  # capacity: district firms in operation; the others are counted apart
                    ["区内在营企业", sum(1 for f in firms if f.in_district and f.status == ACTIVE)],
                    ["区内未在营企业", sum(1 for f in firms if f.in_district and f.status != ACTIVE)],
                    ["企业总数", s["enterprise_count"]],
                ],
            }
        )
    edges = [
        {"from": "r:" + key, "to": "s:" + segment, "label": str(n), "width": min(8, n)}
        for key in counts
        for segment, n in counts[key].items()
    ]
    legend = (
        "左：区内乡镇街道（地区代码只到区县或更粗的区内企业归入「乡镇街道未知」）；中：产业链环节；"
        "右：区外省份。连线上的数字为该地区在该环节的企业数。"
    )
    return graph_map_html(f"{chain['name']} · 区域分布图", legend, {"nodes": nodes, "edges": edges})


MAPS = {
    "chain": chain_map,
    "technology": technology_map,
    "application": application_map,
    "region": region_map,
}
