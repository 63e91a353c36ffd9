"""Chain maps as one self-contained HTML file each: the map an SVG laid out here (positions, sizes, text
fitted to boxes), the styles and the small page script inline, so the page opens from a USB stick on a
machine with no network. No storage imports."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from service.render.jinja import environment as _env
from service.render.svg import Node, Scene, Text, curve, fit, place_labels, text_width, wrap


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def graph_map_html(
    title: str, legend: str, data: dict[str, Any], scene: Scene | None = None, hint: str | None = None
) -> str:
    """A map drawn as an SVG ``scene`` with a card per node (``data["cards"]``: node id → ``name`` and
    ``rows``); with ``data["segments"]``, a button per segment shows that segment's flows. The technology,
    application and region maps are drawn with it (one page script for the three)."""
    scene = scene or Scene(1000.0, 60.0)
    template = _env().get_template("graph_map.html")
    return template.render(
        title=title, legend=legend, hint=hint, scene=scene.as_dict(), data_json=_script_json(data)
    )


def index_html(
    chains: list[dict[str, Any]],
    maps: list[tuple[str, str]],
    lists: list[tuple[str, str]],
    last_update: dict[str, Any] | None,
    work: Sequence[tuple[str, str]] = (),
    signed_in: str | None = None,
) -> str:
    """The front page, the chain office's dashboard: per chain its key figures, a bar per segment of
    district and outside firms and the register's trend (both inline SVG), links to its maps, lists (XLSX
    and CSV) and working documents; the date and author of the last update."""
    for c in chains:
        c["bars"] = segment_bars(c["figures"]["segments"])
        c["trend"] = trend_chart(c["trend_points"])
    template = _env().get_template("index.html")
    return template.render(
        chains=chains, maps=maps, lists=lists, last_update=last_update, work=work, signed_in=signed_in
    )


BAR_LABEL = 190.0  # the segment names' column
BAR_WIDTH = 330.0
BAR_ROW = 22.0


def segment_bars(segments: list[dict[str, Any]]) -> dict[str, Any]:
    """A horizontal bar per segment, district firms (green) then outside firms (grey), on one scale."""
    top = max((s["district"] + s["outside"] for s in segments), default=0) or 1
    unit = BAR_WIDTH / top
    rows = []
    for i, s in enumerate(segments):
        y = i * BAR_ROW
        rows.append(
            {
                "y": y,
                "text_y": y + 15,
                "name": fit(s["name"], 13, BAR_LABEL - 8),
                "full": s["name"],
                "district": s["district"],
                "outside": s["outside"],
                "dw": round(s["district"] * unit, 1),
                "ow": round(s["outside"] * unit, 1),
                "ox": round(BAR_LABEL + s["district"] * unit, 1),
                "nx": round(BAR_LABEL + (s["district"] + s["outside"]) * unit + 6, 1),
            }
        )
    return {"rows": rows, "x": BAR_LABEL, "width": BAR_LABEL + BAR_WIDTH + 60, "height": len(rows) * BAR_ROW}


TREND_W, TREND_H, TREND_PAD = 330.0, 120.0, 28.0


def trend_chart(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Two lines over the recorded updates (oldest left): open breaks and choke points, and all open items,
    of the chain's risk register; each update's date below its point."""
    if not points:
        return {"points": [], "width": TREND_W, "height": TREND_H}
    top: int = max(max(int(p["items"]) for p in points), 1)
    step = (TREND_W - 2 * TREND_PAD) / max(len(points) - 1, 1)

    def y(v: int) -> float:
        return round(TREND_H - TREND_PAD - v * (TREND_H - 2 * TREND_PAD) / top, 1)

    drawn = []
    for i, p in enumerate(points):
        x = round(TREND_PAD + i * step, 1)
        drawn.append({**p, "x": x, "by": y(p["breaks"]), "iy": y(p["items"])})
    every = max(1, -(-len(drawn) // 4))  # at most about five dates under the axis, so none overlap
    dated = set(range(0, len(drawn), every))
    if len(drawn) - 1 - max(dated) >= 2:
        dated.add(len(drawn) - 1)
    for i, p in enumerate(drawn):
        p["dated"] = i in dated
    return {
        "points": drawn,
        "breaks": " ".join(f"{p['x']},{p['by']}" for p in drawn),
        "items": " ".join(f"{p['x']},{p['iy']}" for p in drawn),
        "top": top,
        "top_y": y(top),
        "base_y": y(0),
        "width": TREND_W,
        "height": TREND_H,
    }


def chain_map_html(title: str, data: dict[str, Any]) -> str:
    """The industrial-chain map (产业链图): 上游, 中游 and 下游 bands with a box per segment (active firm
    counts, leading district firms, a break or choke point's reason); a click on a segment lists its
    firms, a click on a firm shows its card. ``data`` is :func:`service.maps.chain_map_data`'s."""
    scene = chain_scene(data.get("segments", []), data.get("feeds", []))
    shown = (
        "name",
        "mark",
        "status_label",
        "facts",
        "products",
        "suppliers",
        "customers",
        "risk_line",
        "whatif",
    )
    page = {
        "cards": {},
        "segments": [
            {k: s[k] for k in ("id", "name", "state", "district_firms", "outside_firms")}
            for s in data.get("segments", [])
        ],
        "firms": {f: {k: card[k] for k in shown} for f, card in data.get("firms", {}).items()},
    }
    legend = (
        "方框内为在营企业数与区内主要企业（链主在前，其次按规模）；红框为断点、橙框为堵点，框内写明原因。"
    )
    return svg_map_html("chain_map.html", title, legend, scene, page)


# ---- maps drawn as SVG on the server -------------------------------------------------------------------

PANE = (1020.0, 760.0)  # the map's part of a 1366×768 window (the side panel takes the rest)
MIN_FONT = 13.0  # the smallest text a layout uses, in viewBox units
STAGE_NAMES = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
STATE_STYLE = {  # fill, border, title colour
    "ok": ("#e3f2fd", "#1e88e5", "#0d47a1"),
    "break": ("#fdecea", "#e53935", "#b71c1c"),
    "choke": ("#fff3e0", "#fb8c00", "#e65100"),
}


def pane_scale(width: float, height: float) -> float:
    """The scale at which a ``width`` × ``height`` viewBox is drawn in the map pane of a 1366×768 window."""
    return min(PANE[0] / width, PANE[1] / height)


def _segment_box(seg: dict[str, Any], x: float, y: float, w: float, names: int) -> Node:
    """One segment of the chain map: its name, active firm counts, leading district firms and, for a
    break or choke point, the reason."""
    fill, stroke, ink = STATE_STYLE[seg["state"]]
    pad = 10.0
    inner = w - 2 * pad
    texts = []
    line = 0.0
    for part in wrap(seg["name"], 16, inner, 2):
        line += 22
        texts.append(Text(x + pad, y + line, part, 16, "bold", ink))
    counts = f"区内在营 {seg['district']} 家 · 区外在营 {seg['outside']} 家"
    line += 20
    texts.append(Text(x + pad, y + line, fit(counts, 13, inner), 13, fill="#333"))
    leaders = seg["leaders"][:names]
    for name in leaders or ["区内无在营企业"]:
        line += 18
        texts.append(Text(x + pad, y + line, fit(name, 13, inner), 13, fill="#222" if leaders else "#777"))
    if seg["district_more"] > 0 and len(leaders) == names:
        line += 18
        texts.append(
            Text(x + pad, y + line, f"……共 {seg['district_more'] + names} 家区内在营企业", 13, fill="#555")
        )
    if seg["reason"]:
        tag = "断点" if seg["state"] == "break" else "堵点"
        for part in wrap(f"{tag}：{seg['reason']}", 13, inner, 6):
            line += 18
            texts.append(Text(x + pad, y + line, part, 13, "bold", ink))
    return Node(
        "seg:" + seg["id"],
        x,
        y,
        w,
        line + 12,
        fill,
        stroke,
        texts,
        title=seg["reason"] or seg["name"],
        stroke_width=3 if seg["state"] != "ok" else 1.5,
        kind="segment",
    )


def chain_scene(segments: list[dict[str, Any]], feeds: list[list[str]]) -> Scene:
    """The chain map laid out: 上游, 中游 and 下游 as bands left to right, each segment a box in its band
    (a band of many segments in two or more columns), feeds as curves. The column height is chosen so
    that the whole map is drawn largest in the map pane."""
    bands = [(code, [s for s in segments if s["stage"] == code]) for code in STAGE_NAMES]
    bands = [(code, segs) for code, segs in bands if segs]
    if not bands:
        return Scene(1000.0, 60.0)
    other = [s for s in segments if s["stage"] not in STAGE_NAMES]
    if other:
        bands.append(("other", other))
    best: Scene | None = None
    for rows in range(max((len(s) for _, s in bands), default=1), 0, -1):
        for names in (3, 2):
            scene = _chain_layout(bands, feeds, rows, names)
            if best is None or pane_scale(scene.width, scene.height) > pane_scale(best.width, best.height):
                best = scene
            if pane_scale(scene.width, scene.height) * MIN_FONT >= 12.5:
                break
    assert best is not None
    return best


def _chain_layout(
    bands: list[tuple[str, list[dict[str, Any]]]], feeds: list[list[str]], rows: int, names: int
) -> Scene:
    width, head, gap, band_gap = 1000.0, 40.0, 12.0, 28.0
    columns = [-(-len(segs) // rows) for _, segs in bands]
    column_w = (width - band_gap * (len(bands) - 1) - gap * (sum(columns) - len(bands))) / sum(columns)
    scene = Scene(width, 0)
    x = 0.0
    bottom = head
    spans = []
    for (code, segs), cols in zip(bands, columns, strict=True):
        band_w = cols * column_w + (cols - 1) * gap
        spans.append((x, band_w, code))
        per = -(-len(segs) // cols)  # balanced columns
        for c in range(cols):
            y = head + 8
            for seg in segs[c * per : (c + 1) * per]:
                box = _segment_box(seg, x + c * (column_w + gap), y, column_w, names)
                scene.nodes.append(box)
                y += box.h + gap
            bottom = max(bottom, y)
        x += band_w + band_gap
    scene.height = bottom + 4
    for x0, band_w, code in spans:
        scene.background(x0 - 6, 0, band_w + 12, scene.height, "#f5f7fa")
        scene.labels.append(
            Text(x0 + band_w / 2, 28, STAGE_NAMES.get(code, "其他"), 20, "bold", "#37474f", "middle")
        )
    boxes = {n.id: n for n in scene.nodes}
    for a, b in feeds:
        s, t = boxes.get("seg:" + a), boxes.get("seg:" + b)
        if s is None or t is None:
            continue
        if t.x > s.x + s.w:
            scene.edge(curve(s.x + s.w, s.y + s.h / 2, t.x, t.y + min(t.h / 2, 30)), opacity=0.6)
        elif t.x + t.w < s.x:  # a feed back upstream
            scene.edge(curve(s.x, s.y + s.h / 2, t.x + t.w, t.y + min(t.h / 2, 30)), opacity=0.6, dash=True)
        elif t.y > s.y:  # down the same column
            scene.edge(f"M{s.x + s.w - 16:.1f},{s.y + s.h:.1f} L{t.x + t.w - 16:.1f},{t.y:.1f}", opacity=0.6)
    return scene


def svg_map_html(template_name: str, title: str, legend: str, scene: Scene, data: dict[str, Any]) -> str:
    """A map drawn as one SVG fitted to the window, with a side panel; ``data`` is what the page's
    script shows on a click (``cards``: node id → rows of the node's card; the chain map's template reads
    ``segments`` and ``firms`` too)."""
    template = _env().get_template(template_name)
    return template.render(title=title, legend=legend, scene=scene.as_dict(), data_json=_script_json(data))


TECH_STYLE = {  # status → (name, fill, border)
    "current": ("现有技术", "#e8f5e9", "#43a047"),
    "developing": ("攻关技术", "#fff3e0", "#fb8c00"),
    "target": ("目标技术", "#f3e5f5", "#8e24aa"),
}
NO_LANE = "（未关联环节）"


def _tech_box(t: dict[str, Any], x: float, y: float, w: float, detail: int) -> Node:
    fill, stroke = TECH_STYLE.get(t["status"], ("", "#eceff1", "#607d8b"))[1:]
    pad = 7.0
    inner = w - 2 * pad
    texts = []
    line = 0.0
    for part in wrap(t["name"], 13, inner, 2):
        line += 17
        texts.append(Text(x + pad, y + line, part, 13, "bold"))
    if t["holders"] and detail >= 1:
        line += 17
        holders = f"{t['holders'][0]}" + (f" 等{len(t['holders'])}家" if len(t["holders"]) > 1 else "")
        texts.append(Text(x + pad, y + line, fit(holders, 13, inner), 13, fill="#37474f"))
    if t["projects"] and detail >= 2:
        line += 17
        projects = f"项目：{t['projects'][0]}" + (
            f" 等{len(t['projects'])}项" if len(t["projects"]) > 1 else ""
        )
        texts.append(Text(x + pad, y + line, fit(projects, 13, inner), 13, fill="#37474f"))
    return Node("t:" + t["id"], x, y, w, line + 8, fill, stroke, texts, title=t["name"], rx=4, kind="tech")


def technology_scene(lanes: list[list[str]], techs: list[dict[str, Any]]) -> Scene:
    """The roadmap laid out: a column for current technologies, then one per target year in order; a lane
    per segment that uses any technology (a technology sits in the lane of its first segment, in the
    order of the chain), technologies of one lane and year stacked. Each box names its first holder and
    project where the whole roadmap still fits the pane at full text size, fewer details otherwise."""
    scene = _technology_layout(lanes, techs, 2)
    for detail in (1, 0):
        if pane_scale(scene.width, scene.height) * MIN_FONT >= 12.5:
            break
        scene = _technology_layout(lanes, techs, detail)
    return scene


def _technology_layout(lanes: list[list[str]], techs: list[dict[str, Any]], detail: int) -> Scene:
    order = {sid: i for i, (sid, _) in enumerate(lanes)}
    names = {sid: name for sid, name in lanes}

    def lane_of(t: dict[str, Any]) -> str:
        known = sorted((s for s in t["segments"] if s in order), key=order.__getitem__)
        return known[0] if known else NO_LANE

    years = sorted({t["year"] for t in techs if t["year"]})
    columns = (["现有"] if any(not t["year"] for t in techs) else []) + [f"{y}年" for y in years]

    def column_of(t: dict[str, Any]) -> int:
        return columns.index(f"{t['year']}年" if t["year"] else "现有")

    used = sorted({lane_of(t) for t in techs}, key=lambda s: order.get(s, len(order)))
    label_w, gap, head, width = 118.0, 10.0, 34.0, 1000.0
    col_w = (width - label_w - gap * max(len(columns), 1)) / max(len(columns), 1)
    scene = Scene(width, 0)
    y = head
    for lane in used:
        mine = [t for t in techs if lane_of(t) == lane]
        bottom = y + 30
        for c in range(len(columns)):
            cy = y + 6
            for t in sorted((t for t in mine if column_of(t) == c), key=lambda t: t["id"]):
                box = _tech_box(t, label_w + gap + c * (col_w + gap), cy, col_w, detail)
                scene.nodes.append(box)
                cy += box.h + 6
            bottom = max(bottom, cy)
        scene.background(0, y, width, bottom - y, "#f5f7fa" if len(scene.backgrounds) % 2 == 0 else "#ffffff")
        for i, part in enumerate(wrap(names.get(lane, NO_LANE), 13, label_w - 12, 3)):
            scene.labels.append(Text(6, y + 20 + i * 17, part, 13, "bold", "#37474f"))
        y = bottom + 2
    scene.height = y
    for c, title in enumerate(columns):
        x = label_w + gap + c * (col_w + gap)
        scene.labels.append(Text(x + col_w / 2, 22, title, 15, "bold", "#37474f", "middle"))
    return scene


def technology_map_html(
    title: str, lanes: list[list[str]], techs: list[dict[str, Any]], paths: list[list[str]]
) -> str:
    """The technology roadmap (技术路线图) as a timeline with the roadmap steps as arrows; a click on a
    technology shows its card."""
    scene = technology_scene(lanes, techs)
    boxes = {n.id: n for n in scene.nodes}
    for a, b in paths:
        s, t = boxes["t:" + a], boxes["t:" + b]
        if t.x > s.x:
            scene.edge(curve(s.x + s.w, s.y + 12, t.x, t.y + 12), stroke="#78909c", opacity=0.7)
        else:  # a step within one year: straight down or up
            scene.edge(f"M{s.x + s.w / 2:.1f},{s.y + s.h:.1f} L{t.x + t.w / 2:.1f},{t.y:.1f}", opacity=0.7)
    names = {sid: name for sid, name in lanes}
    tech_names = {t["id"]: t["name"] for t in techs}
    cards = {
        "t:" + t["id"]: {
            "name": t["name"],
            "rows": [
                ["类别", TECH_STYLE.get(t["status"], (t["status"],))[0]],
                ["目标年份", str(t["year"]) if t["year"] else "已掌握"],
                ["所在环节", "、".join(names.get(s, s) for s in t["segments"]) or "无"],
                ["掌握企业", "、".join(t["holders"]) or "无"],
                ["相关项目", "、".join(t["projects"]) or "无"],
                ["前序技术", "、".join(tech_names[a] for a, b in paths if b == t["id"]) or "无"],
                ["后续技术", "、".join(tech_names[b] for a, b in paths if a == t["id"]) or "无"],
            ],
        }
        for t in techs
    }
    legend = (
        "横轴为年份（「现有」为已掌握的技术），每一行为一个产业链环节；绿色为现有技术、橙色为攻关技术、"
        "紫色为目标技术，框内为掌握企业与相关项目，箭头为技术路线。"
    )
    return graph_map_html(title, legend, {"cards": cards}, scene)


NO_DOMAIN = "未记录领域"


def application_scene(products: list[dict[str, Any]], domains: list[list[str]]) -> Scene:
    """Products grouped under the domains they serve: a box per domain (most products first; products
    with no recorded domain in a group of their own, last), each product once, under the first of its
    domains in that order, with a dashed link to each other domain it serves. The groups are packed into
    the number of columns that draws the whole map largest."""
    count = {d: sum(1 for p in products if d in p["domains"]) for d, _ in domains}
    order = sorted((d for d, _ in domains), key=lambda d: (-count[d], d))
    names = dict((d, n) for d, n in domains)
    groups: dict[str, list[dict[str, Any]]] = {d: [] for d in order}
    groups[NO_DOMAIN] = []
    family: dict[str, int] = {}  # the 小类 of one 大类 next to each other, where the first of them stands
    for p in products:
        family.setdefault(p["parent"] or p["name"], len(family))
    for p in sorted(products, key=lambda p: family[p["parent"] or p["name"]]):
        home = next((d for d in order if d in p["domains"]), NO_DOMAIN)
        groups[home].append(p)
    shown = [(d, g) for d, g in groups.items() if g or d != NO_DOMAIN]  # a domain whose products all
    # stand under another domain still has its box, the links point at it
    best: Scene | None = None
    best_key = (0.0, 0)
    for columns in range(1, len(shown) + 1):
        if (1000.0 - 16.0 * (columns - 1)) / columns < 190 and best is not None:
            break  # narrower columns would cut product names short
        scene = _application_layout(shown, names, count, columns)
        # drawn at full size is enough; among those, more columns read better than very wide boxes
        key = (min(pane_scale(scene.width, scene.height), 1.0), columns)
        if best is None or key > best_key:
            best, best_key = scene, key
    assert best is not None or not shown
    scene = best or Scene(1000.0, 60.0)
    heads = {n.id: n for n in scene.nodes if n.kind == "domain"}
    for n in scene.nodes:
        if n.kind != "product":
            continue
        for d in products_by_id(products)[n.id[2:]]["domains"]:
            head = heads["d:" + d]
            if head.y < n.y < head.y + head.h:  # its own group
                continue
            scene.edge(
                curve(n.x + n.w, n.y + n.h / 2, head.x, head.y + 14),
                stroke="#00897b",
                dash=True,
                opacity=0.55,
                width=1.2,
            )
    return scene


def _product_label(p: dict[str, Any]) -> str:
    more = len(p["domains"]) - 1
    return str(p["name"]) + (f"（另服务{more}个领域）" if more > 0 else "")


def products_by_id(products: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in products}


def _application_layout(
    shown: list[tuple[str, list[dict[str, Any]]]], names: dict[str, str], count: dict[str, int], columns: int
) -> Scene:
    width, gap, row, head = 1000.0, 16.0, 24.0, 30.0
    col_w = (width - gap * (columns - 1)) / columns
    heights = [0.0] * columns
    scene = Scene(width, 0)
    for d, members in shown:
        c = heights.index(min(heights))
        x, y = c * (col_w + gap), heights[c]
        h = head + row * len(members) + (8 if members else 0)
        title = names.get(d, NO_DOMAIN)
        group = Node(
            "d:" + d,
            x,
            y,
            col_w,
            h,
            "#e0f2f1" if d != NO_DOMAIN else "#eceff1",
            "#00897b" if d != NO_DOMAIN else "#90a4ae",
            [
                Text(
                    x + 10,
                    y + 21,
                    fit(f"{title}（{count.get(d, len(members))}）", 15, col_w - 20),
                    15,
                    "bold",
                    "#004d40",
                )
            ],
            title=title,
            kind="domain",
        )
        scene.nodes.append(group)
        for i, p in enumerate(members):
            py = y + head + i * row
            scene.nodes.append(
                Node(
                    "p:" + p["id"],
                    x + 10,
                    py,
                    col_w - 20,
                    row - 4,
                    "#ffffff",
                    "#1e88e5",
                    [Text(x + 18, py + 15, fit(_product_label(p), 13, col_w - 36), 13)],
                    title=p["name"],
                    rx=3,
                    stroke_width=1,
                    kind="product",
                )
            )
        heights[c] = y + h + gap
    scene.height = max(heights) - gap
    return scene


def application_map_html(title: str, products: list[dict[str, Any]], domains: list[list[str]]) -> str:
    """The application map (应用领域图): the chain's products grouped under the domains they serve; a click
    on a product or a domain shows its card."""
    scene = application_scene(products, domains)
    names = dict((d, n) for d, n in domains)
    cards = {
        "p:" + p["id"]: {
            "name": p["name"],
            "rows": [
                ["产品大类", p["parent"] or "无"],
                ["所在环节", "、".join(p["segments"]) or "无"],
                ["应用领域", "、".join(names[d] for d in p["domains"]) or "未记录"],
            ],
        }
        for p in products
    }
    for d, name in domains:
        cards["d:" + d] = {
            "name": name,
            "rows": [["服务的产品", "、".join(p["name"] for p in products if d in p["domains"]) or "无"]],
        }
    cards["d:" + NO_DOMAIN] = {
        "name": NO_DOMAIN,
        "rows": [["产品", "、".join(p["name"] for p in products if not p["domains"]) or "无"]],
    }
    legend = (
        "每个绿框为一个应用领域及其服务的本链产品（括号内为产品数），灰框为尚未记录应用领域的产品；"
        "服务多个领域的产品只列一次，虚线连向它服务的其他领域。"
    )
    return graph_map_html(title, legend, {"cards": cards}, scene)


# ---- the region map ------------------------------------------------------------------------------------

# Panels of the region map: (title, x, y, w, h, which places). The district and the province have panels
# of their own, since one projection cannot show a town and a province at once.
REGION_PANELS = (
    ("district", "绿园区：街道、镇与园区（位置为近似）", 0.0, 0.0, 390.0, 345.0, "#43a047"),
    ("jilin", "长春市各区县、吉林省各市", 0.0, 360.0, 390.0, 345.0, "#1e88e5"),
    ("china", "全国各省（区、市）", 405.0, 0.0, 595.0, 705.0, "#546e7a"),
)
HUBS = {"jilin": "220106", "china": "22"}  # where each panel's flows run to: the district, the province
HUB_NAMES = {"jilin": "绿园区（本区）", "china": "吉林省（本省）"}
DISTRICT_CENTRE = "district"  # the district panel's centre: district firms whose township is not known


def panel_of(key: str) -> str:
    """The panel a place is drawn in (the district's own code: in the district panel, its centre)."""
    if len(key) == 9 or key == DISTRICT_CENTRE:
        return "district"
    return "jilin" if key.startswith("22") and key != "22" else "china"


def _panel_members(panel: str, refs: dict[str, tuple[str, float, float]]) -> list[str]:
    """Every reference point a panel draws (faintly where no firm is): its frame."""
    if panel == "district":
        return [k for k in refs if len(k) == 9]
    if panel == "jilin":
        return [k for k in refs if k.startswith("22") and len(k) in (4, 6)]
    return [k for k in refs if len(k) == 2]


def region_scene(
    data: dict[str, Any], refs: dict[str, tuple[str, float, float]], rings: list[list[list[float]]]
) -> Scene:
    """The region map laid out: three panels (the district, Changchun and Jilin, China), each a projection
    of its region centroids fitted to the panel, a dot per place (faint where the chain has no firm), a
    label per place with firms placed where it overlaps nothing, flows from where district firms buy to
    the district (within Jilin) or to Jilin (from other provinces), one set per segment and one for all."""
    scene = Scene(1000.0, 705.0)
    places = {p["key"]: p for p in data["places"]}
    position: dict[str, tuple[float, float]] = {}
    frames = {}
    for panel, title, px, py, pw, ph, _ in REGION_PANELS:
        scene.background(px, py, pw, ph, "#f7f9fb", "#cfd8dc")
        scene.labels.append(Text(px + 10, py + 22, title, 15, "bold", "#37474f"))
        members = _panel_members(panel, refs)
        if panel == "district" and DISTRICT_CENTRE in refs:
            members = [*members, DISTRICT_CENTRE]
        if not members:
            continue
        lons = [refs[k][1] for k in members]
        lats = [refs[k][2] for k in members]
        kx = math.cos(math.radians(sum(lats) / len(lats)))
        x0, x1 = min(lons) * kx, max(lons) * kx
        y0, y1 = min(lats), max(lats)
        inner = (px + 20, py + 40, px + pw - 20, py + ph - 20)
        k = min((inner[2] - inner[0]) / max(x1 - x0, 1e-6), (inner[3] - inner[1]) / max(y1 - y0, 1e-6))
        ox = inner[0] + ((inner[2] - inner[0]) - (x1 - x0) * k) / 2
        oy = inner[1] + ((inner[3] - inner[1]) - (y1 - y0) * k) / 2

        def project(
            lon: float,
            lat: float,
            kx: float = kx,
            k: float = k,
            ox: float = ox,
            oy: float = oy,
            x0: float = x0,
            y1: float = y1,
        ) -> tuple[float, float]:
            return ox + (lon * kx - x0) * k, oy + (y1 - lat) * k

        frames[panel] = (px, py + 30, px + pw, py + ph)
        if rings:
            paths = []
            for ring in rings:
                pts = [project(lon, lat) for lon, lat, *_ in ring]
                if any(px <= x <= px + pw and py <= y <= py + ph for x, y in pts):
                    paths.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + " Z")
            scene.insets.append({"x": px, "y": py, "w": pw, "h": ph, "paths": paths})
        for key in members:
            position[key] = project(refs[key][1], refs[key][2])
            scene.dot(*position[key], 2.5, "#b0bec5")
    # flows, beneath the labels: from each source place to its panel's hub
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in data["flows"]:
        groups[f["segment"]].append(f)
    for segment, flows in groups.items():
        top = max((f["size"] for f in flows), default=0) or 1
        for f in flows:
            source = f["from"]
            hub = HUBS["jilin" if source.startswith("22") else "china"]
            if source not in position or hub not in position or source == hub:
                continue
            (x1, y1), (x2, y2) = position[source], position[hub]
            bend = 0.2
            cx, cy = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
            scene.edge(
                f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                stroke="#ef6c00",
                width=1.5 + 7 * f["size"] / top,
                opacity=0.55,
                arrow=False,
                title=f"{places[source]['name'] if source in places else source} → {segment}",
                group=segment,
            )
    # labels: the places with firms, most firms first, where they overlap nothing
    shown = sorted((p for p in data["places"] if p["key"] in position), key=lambda p: (-p["all"], p["key"]))
    texts = [f"{p['name']} {p['active']}家" for p in shown]
    dots = [(x - 4, y - 4, x + 4, y + 4) for x, y in (position[p["key"]] for p in shown)]
    boxes: list[tuple[float, float, float, float]] = []
    for panel, *_ in REGION_PANELS:
        mine = [i for i, p in enumerate(shown) if panel_of(p["key"]) == panel]
        if panel not in frames:
            continue
        hub = HUBS.get(panel, "")
        hub_label = (
            [] if hub not in position else [(*position[hub], text_width(HUB_NAMES[panel], 13) + 4, 18.0)]
        )
        found = place_labels(
            hub_label + [(*position[shown[i]["key"]], text_width(texts[i], 13) + 10, 20.0) for i in mine],
            frames[panel],
            obstacles=[dots[i] for i in mine],
        )
        if hub_label:
            box = found.pop(0)
            scene.labels.append(Text(box[0] + 2, box[1] + 14, HUB_NAMES[panel], 13, "bold", "#c62828"))
        boxes += found
        for i, box in zip(mine, found, strict=True):
            p = shown[i]
            x, y = position[p["key"]]
            colour = dict((c[0], c[6]) for c in REGION_PANELS)[panel]
            cx = min(max(x, box[0]), box[2])
            cy = min(max(y, box[1]), box[3])
            if math.hypot(cx - x, cy - y) > 8:
                scene.edge(f"M{x:.1f},{y:.1f} L{cx:.1f},{cy:.1f}", stroke="#90a4ae", width=1, arrow=False)
            scene.dot(x, y, 5 if p["active"] else 4, colour if p["active"] else "#90a4ae", "#fff")
            scene.nodes.append(
                Node(
                    "r:" + p["key"],
                    box[0],
                    box[1],
                    box[2] - box[0],
                    box[3] - box[1],
                    "#ffffff",
                    colour,
                    [Text(box[0] + 5, box[1] + 15, texts[i], 13)],
                    title=p["name"],
                    stroke_width=1,
                    rx=3,
                    kind="place",
                )
            )
    for hub in HUBS.values():
        if hub in position:
            scene.dot(*position[hub], 7, "#c62828", "#fff")
    return scene


def region_map_html(title: str, data: dict[str, Any], rings: list[list[list[float]]]) -> str:
    """The region map (区域分布图): places, counts of active firms, and flows of purchases per segment; a
    click on a place shows its card, a segment button shows that segment's flows."""
    from seed.reference import centroids

    refs = {k: (c.name, c.lon, c.lat) for k, c in centroids().items()}
    if "220106" in refs:
        refs[DISTRICT_CENTRE] = refs["220106"]
    scene = region_scene(data, refs, rings)
    measure = "年供应额" if data["by_value"] else "供应商数"
    supplied: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in data["flows"]:
        supplied[f["from"]].append(f)
    cards = {}
    for p in data["places"]:
        rows = [["在营企业", f"{p['active']} 家（全部 {p['all']} 家）"]]
        rows += [[name, f"在营 {active} 家 / 全部 {total} 家"] for name, active, total in p["segments"]]
        for f in supplied.get(p["key"], []):
            what = "全部环节" if f["segment"] == "*" else f["segment"]
            rows.append(
                [
                    f"向区内供货：{what}",
                    f"供应商 {f['suppliers']} 家，供货关系 {f['links']} 条，年供应额 {f['value']:g} 万元",
                ]
            )
        cards["r:" + p["key"]] = {"name": p["name"], "rows": rows}
    legend = (
        "圆点按地区代码的中心点坐标（省、市、区县为政府驻地；绿园区的街道、镇与园区为近似位置）放置；"
        f"标签为在营企业数。橙色流线为区内本链企业从区外采购的来源，粗细按{measure}；"
        "吉林省内的流向绿园区，省外的流向吉林省（红点）。"
    )
    page = {"cards": cards, "segments": data["segments"], "measure": measure}
    hint = "点击地区查看各环节企业数与供货情况；点击环节只看该环节的采购来源。"
    return graph_map_html(title, legend, page, scene, hint)
