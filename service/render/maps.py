"""Chain maps as one self-contained HTML file each: vis-network and every style inlined, so the page opens
from a USB stick on a machine with no network. No storage imports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from service.render.jinja import environment as _env
from service.render.svg import Node, Scene, Text, curve, fit, wrap

# pyvis ships vis-network; its own HTML templates link Bootstrap from a CDN, so only the library is used.
VIS_DIR = "templates/lib/vis-9.1.2"


@lru_cache
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis").joinpath(VIS_DIR)
    return (
        lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
        lib.joinpath("vis-network.css").read_text(encoding="utf-8"),
    )


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def graph_map_html(title: str, legend: str, data: dict[str, Any]) -> str:
    """A map of positioned nodes and edges (``data``: ``nodes`` with id, label, x, y, colour, details;
    ``edges`` with from, to, label), each node's details shown on click."""
    js, css = _vis_assets()
    template = _env().get_template("graph_map.html")
    return template.render(title=title, legend=legend, data_json=_script_json(data), vis_js=js, vis_css=css)


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
    page = {**data, "cards": {}}
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
