"""Period reports of a chain (周报、月报、季报、半年报、年报) from the data: what changed, the five lists as
the period ended, breaks and risks opened and closed, project progress, policies issued, and the key
figures against the previous period."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from service import catalog, changes, history, lists
from service.errors import InvalidInput
from service.storage.port import GraphStore

KIND_TITLES = {"week": "周报", "month": "月报", "quarter": "季度报告", "half": "半年报告", "year": "年度报告"}


@dataclass(frozen=True)
class Period:
    key: str  # 2026-W48, 2026-11, 2026-Q4, 2026-H2, 2026
    kind: str
    start: dt.date
    end: dt.date

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]

    def previous(self) -> Period:
        return parse_period(_key(self.kind, self.start - dt.timedelta(days=1)))


def _key(kind: str, day: dt.date) -> str:
    if kind == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return str(day.year)


def parse_period(text: str) -> Period:
    """``2026-W48`` (ISO week), ``2026-11``, ``2026-Q4``, ``2026-H2`` or ``2026``.

    >>> p = parse_period("2026-W48"); (p.start.isoformat(), p.end.isoformat())
    ('2026-11-23', '2026-11-29')
    >>> parse_period("2026-Q4").previous().key
    '2026-Q3'
    """
    text = text.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", text):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(text, "week", start, start + dt.timedelta(days=6))
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            start = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return Period(text, "month", start, nxt - dt.timedelta(days=1))
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            q = int(m[2])
            start = dt.date(int(m[1]), 3 * q - 2, 1)
            end = dt.date(int(m[1]) + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return Period(text, "quarter", start, end)
        if m := re.fullmatch(r"(\d{4})-H([12])", text):
            y, h = int(m[1]), int(m[2])
            return Period(
                text,
                "half",
                dt.date(y, 1 if h == 1 else 7, 1),
                dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31),
            )
        if re.fullmatch(r"\d{4}", text):
            y = int(text)
            return Period(text, "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    except ValueError:
        pass
    raise InvalidInput(f"报告期应形如 2026-W48、2026-11、2026-Q4、2026-H2 或 2026，收到 {text!r}")


def _figures(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """The key figures of a chain on a store (a past state or the current graph)."""
    try:
        catalog.get_chain(store, chain_id)
    except Exception:
        return {}
    firms = lists.chain_list(store, chain_id, "key-enterprises").rows
    view_rows = lists.chain_list(store, chain_id, "core-suppliers").rows
    projects = lists.chain_list(store, chain_id, "projects").rows
    policies = lists.chain_list(store, chain_id, "policies").rows
    from service import weaklinks

    view = weaklinks.chain_view(store, chain_id)
    district = [r for r in view.firm_rows.values() if r["in_district"]]
    breaks = weaklinks.breaks(store, chain_id)
    risks = weaklinks.risks(store, chain_id, limit=1)
    return {
        "district_firms": len(district),
        "active_district_firms": sum(1 for r in district if r["status"] == "active"),
        "anchor_firms": sum(1 for r in district if r["is_anchor"]),
        "specialised_firms": sum(1 for r in district if r["is_specialised"]),
        "key_enterprises": len(firms),
        "core_suppliers": len(view_rows),
        "breaks": sum(1 for b in breaks if b["kind"] == "break"),
        "choke_points": sum(1 for b in breaks if b["kind"] != "break"),
        **{f"{k}": v for k, v in risks["totals"].items()},
        "projects": len(projects),
        "project_investment": round(sum(float(p.get("investment") or 0) for p in projects), 2),
        "policies": len(policies),
    }


FIGURE_LABELS = {
    "district_firms": "区内企业",
    "active_district_firms": "区内在营企业",
    "anchor_firms": "链主企业",
    "specialised_firms": "专精特新企业",
    "key_enterprises": "重点生产企业",
    "core_suppliers": "核心配套企业",
    "breaks": "断点",
    "choke_points": "堵点",
    "single_source_inputs": "单一来源投入",
    "concentrated_inputs": "供应集中的投入",
    "outside_dependency": "部分依赖区外的投入",
    "recovery_gaps": "替换时间超过库存的供应关系",
    "projects": "重点项目",
    "project_investment": "项目总投资（万元）",
    "policies": "政策",
}


PROGRESS_FIELDS = ("stage", "investment", "start_date", "end_date")


def _project_progress(store: GraphStore, chain_id: str, period: Period) -> list[dict[str, Any]]:
    """Each change of a project's stage, investment or dates made by an update in the period, with its
    date (a project created and advanced inside the period shows its advance too)."""
    log = history.updates(store)
    final = history.replay(store, period.end, log)
    out = []
    for u, changed, _ in history.each_update(store, log, period.end):
        if u.at < period.start.isoformat():
            continue
        for sheet, key, before, after in changed:
            if sheet != "projects" or before is None or after is None:
                continue
            if chain_id not in changes.chains_of(sheet, key, after, final):
                continue
            fields = {
                f: {"before": before.get(f), "after": after.get(f)}
                for f in PROGRESS_FIELDS
                if before.get(f) != after.get(f)
            }
            if fields:
                out.append({"id": key[0], "name": after.get("name"), "at": u.at, **fields})
    return out


def report(store: GraphStore, chain_id: str, period_key: str) -> dict[str, Any]:
    """The report of one chain for one period, as data (rendered to HTML and XLSX elsewhere)."""
    period = parse_period(period_key)
    chain = catalog.get_chain(store, chain_id)
    before = period.start - dt.timedelta(days=1)
    diff = changes.chain_changes(store, chain_id, before, period.end)
    at_end = history.as_of(store, period.end)
    previous = period.previous()
    figures = _figures(at_end, chain_id)
    figures_previous = _figures(history.as_of(store, previous.end), chain_id)
    five: dict[str, dict[str, Any]] = {}
    try:
        catalog.get_chain(at_end, chain_id)
        for name in lists.LISTS:
            result = lists.chain_list(at_end, chain_id, name)
            five[name] = {
                "title": result.title,
                "columns": [{"key": c.key, "header": c.header} for c in result.columns],
                "rows": result.rows,
            }
    except Exception:  # the chain did not exist yet at the end of the period
        five = {}
    progress = _project_progress(store, chain_id, period)
    issued = [
        p
        for p in five.get("policies", {}).get("rows", [])
        if p.get("issued_on") and period.start.isoformat() <= str(p["issued_on"]) <= period.end.isoformat()
    ]
    return {
        "chain_id": chain_id,
        "chain_name": chain["name"],
        "period": period.key,
        "kind": period.kind,
        "kind_label": period.title,
        "title": f"{chain['name']}{period.key}{period.title}",
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "previous_period": previous.key,
        "changes": diff,
        "lists": five,
        "project_progress": progress,
        "new_projects": diff["projects"]["added"],
        "policies_issued": issued,
        "figures": [
            {
                "key": k,
                "label": FIGURE_LABELS[k],
                "value": figures.get(k),
                "previous": figures_previous.get(k),
                "change": None
                if figures.get(k) is None or figures_previous.get(k) is None
                else round(figures[k] - figures_previous[k], 2),
            }
            for k in FIGURE_LABELS
        ],
    }
