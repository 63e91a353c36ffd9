"""Charts for notebooks, one call each, drawn with matplotlib from an explorer's answers.

Each function asks the explorer (local or remote alike) and returns a ``matplotlib.figure.Figure``,
which a notebook shows inline (``%matplotlib inline``) and ``fig.savefig(path)`` writes. Chinese text
needs a CJK font: :func:`use_cjk_font` picks an installed one (WenQuanYi Zen Hei from Debian's
``fonts-wqy-zenhei`` first) and raises :class:`MissingFont` when there is none, rather than drawing boxes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from service.analysis.risks import (
    W_CUT_DISTRICT,
    W_CUT_OUTSIDE,
    W_GAP_DAY,
    W_SINGLE_SOURCE,
)
from service.explore.errors import ExploreError
from service.explore.explorer import TREND, Explorer
from service.explore.labels import label

# Families known to cover Chinese, most preferred first; any other installed font that has the sample
# characters also does.
CJK_FAMILIES = (
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
SAMPLE = "产业链断点风险招商"
DISTRICT, OUTSIDE = "#2b6cb0", "#a0aec0"
BREAK, CHOKE = "#c53030", "#dd6b20"


class MissingFont(RuntimeError):
    """No installed font can draw Chinese."""


def _covers(path: str, text: str) -> bool:
    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in text)


def find_cjk_font(fonts: Iterable[font_manager.FontEntry] | None = None) -> str:
    """The family name of an installed font that draws Chinese (``fonts``: the font list to look in,
    matplotlib's own by default); :class:`MissingFont` when none does."""
    entries = list(font_manager.fontManager.ttflist if fonts is None else fonts)
    names = {f.name for f in entries}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for entry in entries:
        if _covers(entry.fname, SAMPLE):
            return str(entry.name)
    raise MissingFont(
        "没有可显示中文的字体，图中的中文会显示为方框：请安装一种中文字体，如 Debian 的 fonts-wqy-zenhei"
        "（apt-get install fonts-wqy-zenhei），再重启内核。No installed font covers Chinese; install "
        "fonts-wqy-zenhei (or Noto Sans CJK) and restart the kernel."
    )


def _weight(value: str | int) -> int:
    return value if isinstance(value, int) else font_manager.weight_dict.get(value, 400)


def use_cjk_font() -> str:
    """Make matplotlib draw text in an installed CJK font (for these charts and any other); its name."""
    family = find_cjk_font()
    weights = {_weight(f.weight) for f in font_manager.fontManager.ttflist if f.name == family}
    if weights and 400 not in weights:
        # a font with one weight only (WenQuanYi Zen Hei is "medium"): ask for the weight it has, so
        # matplotlib does not log a substitution for every text
        nearest = min(weights, key=lambda w: abs(w - 400))
        for key in ("font.weight", "axes.titleweight", "axes.labelweight", "figure.titleweight"):
            matplotlib.rcParams[key] = nearest
    sans = [family, *(f for f in matplotlib.rcParams["font.sans-serif"] if f != family)]
    matplotlib.rcParams["font.sans-serif"] = sans
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


def _figure(width: float, height: float) -> Figure:
    use_cjk_font()
    return Figure(figsize=(width, height), layout="constrained")


def _chain_name(ex: Explorer, chain_id: str) -> str:
    return str(ex.answer("chain", chain_id=chain_id)["name"])


def segments(ex: Explorer, chain_id: str, *, as_of: Any = None) -> Figure:
    """A chain's segments from upstream to downstream: district and outside firms as stacked bars,
    breaks (red) and choke points (orange) marked above the bar."""
    chain = ex.answer("chain", chain_id=chain_id, **({"as_of": as_of} if as_of else {}))
    breaks = ex.answer("breaks", chain_id=chain_id, **({"as_of": as_of} if as_of else {}))["data"]
    rows = chain["segments"]
    names = [s["name"] for s in rows]
    district = [s["district_enterprise_count"] for s in rows]
    # where the answer counts district firms not in operation apart, they are a stack of their own
    idle = [s.get("district_inactive_count", 0) for s in rows]
    outside = [s["enterprise_count"] - d - i for s, d, i in zip(rows, district, idle, strict=True)]
    fig = _figure(max(8.0, 0.9 * len(rows)), 5.2)
    ax = fig.add_subplot()
    x = range(len(rows))
    ax.bar(x, district, color=DISTRICT, label="区内企业")
    if any(idle):
        ax.bar(x, idle, bottom=district, color="#90cdf4", label="区内未在营企业")
    ax.bar(
        x,
        outside,
        bottom=[d + i for d, i in zip(district, idle, strict=True)],
        color=OUTSIDE,
        label="区外企业",
    )
    totals = [s["enterprise_count"] for s in rows]
    top = max(totals, default=1)
    marked: set[str] = set()
    for b in breaks:
        i = next((k for k, s in enumerate(rows) if s["id"] == b["segment_id"]), None)
        if i is None:
            continue
        is_break = b["kind"] == "break"
        text = "断点" if is_break else "堵点"
        color = BREAK if is_break else CHOKE
        y = totals[i] + 0.04 * top * (1 + ("堵点" in marked and not is_break))
        ax.annotate(text, (i, y), ha="center", va="bottom", color=color)
        ax.bar(i, totals[i], fill=False, edgecolor=color, linewidth=2)
        marked.add(text)
    ax.set_xticks(list(x), names, rotation=30, ha="right")
    ax.set_ylabel("企业数")
    ax.set_ylim(0, top * 1.25)
    ax.set_title(f"{chain['name']}：各环节区内与区外企业（红框断点，橙框堵点）")
    ax.legend(loc="upper right")
    return fig


RISK_PARTS = (
    ("cut_off_in_district", W_CUT_DISTRICT, "#c53030"),
    ("cut_off_outside", W_CUT_OUTSIDE, "#ed8936"),
    ("single_source_inputs", W_SINGLE_SOURCE, "#d69e2e"),
    ("recovery_gap_days", W_GAP_DAY, "#805ad5"),
)


def risk_parts(node: dict[str, Any]) -> dict[str, float]:
    """A risk firm's score split into its parts (each weighted count over the substitutes divisor);
    they add up to the score (before its rounding to three places)."""
    parts = node["parts"]
    return {name: weight * parts[name] / parts["divisor"] for name, weight, _ in RISK_PARTS}


def risk_ranking(ex: Explorer, chain_id: str, *, top: int = 10, as_of: Any = None) -> Figure:
    """The chain's risk firms ranked by score, each bar the score's parts stacked."""
    answer = ex.answer("risks", chain_id=chain_id, limit=top, **({"as_of": as_of} if as_of else {}))
    nodes = answer["risk_nodes"][:top]
    fig = _figure(9.0, max(3.0, 0.5 * len(nodes) + 1.8))
    ax = fig.add_subplot()
    y = list(range(len(nodes)))[::-1]
    left = [0.0] * len(nodes)
    for name, weight, color in RISK_PARTS:
        values = [risk_parts(n)[name] for n in nodes]
        ax.barh(y, values, left=left, color=color, label=f"{label(name)}（×{weight:g}）")
        left = [a + b for a, b in zip(left, values, strict=True)]
    for yi, node in zip(y, nodes, strict=True):
        ax.annotate(
            f"{node['score']:g}（÷{node['parts']['divisor']:g}）",
            (node["score"], yi),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
        )
    ax.set_yticks(y, [n["enterprise_name"] for n in nodes])
    ax.set_xlabel("风险得分 =（各项加权和）÷（1 + 替代企业）")
    ax.set_title(f"{_chain_name(ex, chain_id)}：断链断供风险排名（前{len(nodes)}家）")
    ax.set_xlim(0, max((n["score"] for n in nodes), default=1) * 1.3)
    ax.legend(loc="lower right", fontsize="small")
    return fig


def anchor_suppliers(ex: Explorer, chain_id: str, enterprise_id: str | None = None) -> Figure:
    """An anchor firm's district suppliers by tier (1 = sells to it directly), with each tier-1
    supplier's share of sales going to it."""
    answer = ex.answer("anchors", chain_id=chain_id)
    firms = answer["anchors"] + answer["candidates"]
    if not firms:
        raise ExploreError(f"产业链 {chain_id} 没有链主企业", code="not_found")
    anchor = (
        next((a for a in firms if a["enterprise_id"] == enterprise_id), None) if enterprise_id else firms[0]
    )
    if anchor is None:
        raise ExploreError(f"{enterprise_id} 不是产业链 {chain_id} 的链主企业或候选链主", code="not_found")
    tiers = anchor["district_suppliers_by_tier"]
    fig = _figure(11.0, 4.8)
    left, right = fig.subplots(1, 2, width_ratios=[1, 2])
    names = [f"{i + 1}级" for i in range(len(tiers))]
    left.bar(names, tiers, color=[DISTRICT, "#4299e1", "#90cdf4"][: len(tiers)])
    for i, n in enumerate(tiers):
        left.annotate(str(n), (i, n), ha="center", va="bottom")
    left.set_ylabel("区内供应商数")
    left.set_title("各级区内供应商")
    card = ex.answer("enterprise", enterprise_id=anchor["enterprise_id"])
    known = {s["enterprise_id"]: s["enterprise_name"] for s in card["suppliers"]}
    shares = sorted(anchor["supplier_dependence"], key=lambda s: s["share_of_sales"] or 0)
    right.barh(
        [s.get("supplier_name") or known.get(s["supplier_id"], s["supplier_id"]) for s in shares],
        [s["share_of_sales"] or 0 for s in shares],
        color=DISTRICT,
    )
    right.set_xlim(0, 1)
    right.set_xlabel("销售额中卖给该企业的占比")
    right.set_title("一级供应商对它的依赖")
    ratio = anchor["local_sourcing_ratio"]
    fig.suptitle(
        f"{anchor['enterprise_name']}：区内配套"
        + (f"（本地配套率 {ratio:.0%}）" if ratio is not None else "（本地配套率未知）")
    )
    return fig


def trend(ex: Explorer, chain_id: str) -> Figure:
    """Breaks, choke points and risk items of the chain at each recorded update: one small panel per
    count, so equal counts do not hide each other."""
    from matplotlib.ticker import MaxNLocator

    rows = ex.trend(chain_id).attrs["raw"]["data"]
    keys = [k for k in TREND if k != "outside_dependency"]  # dozens of inputs: its own table says it
    fig = _figure(10.0, 5.2)
    panels = fig.subplots(2, 3, sharex=True).flatten()
    days = [r["at"] for r in rows]
    for ax, key, color in zip(
        panels, keys, ("#c53030", "#dd6b20", "#2b6cb0", "#d69e2e", "#805ad5", "#38a169"), strict=True
    ):
        values = [r[key] for r in rows]
        ax.plot(days, values, marker="o", color=color)
        ax.set_title(label(key))
        ax.set_ylim(0, max([*values, 1]) * 1.3)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="x", labelrotation=30)
    fig.suptitle(f"{_chain_name(ex, chain_id)}：断点与风险在每次更新后的个数")
    return fig


def target_parts(
    ex: Explorer, chain_id: str, enterprise_id: str | None = None, *, weights: dict[str, float] | None = None
) -> Figure:
    """A recruitment target's score parts: the points each part earned against its weight."""
    params: dict[str, Any] = {"chain_id": chain_id, "limit": 1000}
    if weights:
        params["weights"] = weights
    targets = ex.answer("recruitment", **params)["targets"]
    target = (
        next((t for t in targets if t["enterprise_id"] == enterprise_id), None)
        if enterprise_id
        else (targets[0] if targets else None)
    )
    if target is None:
        raise ExploreError(
            f"{enterprise_id or '（第一名）'} 不在产业链 {chain_id} 的招商目标中", code="not_found"
        )
    parts = list(target["parts"].values())[::-1]
    fig = _figure(9.0, 0.45 * len(parts) + 1.8)
    ax = fig.add_subplot()
    y = range(len(parts))
    ax.barh(y, [p["weight"] for p in parts], color="#e2e8f0", label="权重（满分）")
    ax.barh(y, [p["points"] for p in parts], color=DISTRICT, height=0.5, label="得分 = 权重 × 系数")
    for yi, p in zip(y, parts, strict=True):
        ax.annotate(
            f"{p['points']:.1f}", (p["weight"], yi), xytext=(4, 0), textcoords="offset points", va="center"
        )
    ax.set_yticks(list(y), [p["label"] for p in parts])
    ax.set_xlabel("分")
    ax.set_xlim(0, max((p["weight"] for p in parts), default=1) * 1.15)
    ax.set_title(f"第{target['rank']}名 {target['enterprise_name']}：{target['score']:.1f} 分")
    ax.legend(loc="lower right", fontsize="small")
    return fig
