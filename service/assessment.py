"""The yearly assessment of a chain's task force (全年考核, the "eight ones"): each duty scored from the
data where the data can tell, and from recorded evidence (the ``assessment_evidence`` sheet) where it
cannot. Every item lists its evidence. Scores are 0–1 per item; the total is their sum out of 8."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph_schema import MODEL
from service import catalog, changes, history
from service.analysis.breaks import BREAK
from service.cache import cache_for
from service.changes import chains_of
from service.errors import InvalidInput
from service.history import State
from service.storage.port import GraphStore

ITEMS = {c.code: c.label for c in MODEL.node("Evidence").prop("item").choices}
SEP = ";"
SOURCE_LABELS = {"data": "数据", "evidence": "佐证", "data+evidence": "数据+佐证"}


def _rows(state: State, sheet: str) -> list[dict[str, str]]:
    return [cells for (s, _), cells in sorted(state.items()) if s == sheet]


def _in_chain(state: State, sheet: str, chain_id: str) -> list[dict[str, str]]:
    return [c for (s, k), c in sorted(state.items()) if s == sheet and chain_id in chains_of(s, k, c, state)]


def _district(firms: list[dict[str, str]]) -> list[dict[str, str]]:
    return [f for f in firms if f.get("in_district") == "是" and f.get("status") == "在营"]


BUILDING, BUILT = ("在建",), ("竣工", "投产")


def _within(day: str | None, start: dt.date, until: dt.date) -> bool:
    return bool(day) and start.isoformat() <= str(day) <= until.isoformat()


def _moved(project: dict[str, str], start: dt.date, until: dt.date) -> str | None:
    """The project's name with what it did between ``start`` and ``until`` (开工, 竣工), or None. A date
    counts once it has passed and the stage confirms it: a planned completion date does not."""
    stage = project.get("stage", "")
    started = _within(project.get("start_date"), start, until) and stage in BUILDING + BUILT
    finished = _within(project.get("end_date"), start, until) and stage in BUILT
    if not (started or finished):
        return None
    return f"{project['name']}（{'开工' if started else ''}{'竣工' if finished else ''}）"


def gap_filling(
    projects: list[dict[str, str]],
    gaps: dict[str, str],
    start: dt.date,
    until: dt.date,
    segment_names: dict[str, str] | None = None,
) -> tuple[list[str], list[str]]:
    """The projects started or completed between ``start`` and ``until`` whose segment is a gap
    (``gaps``: segment -> 断点 or 堵点), and the others that moved; each names its segment."""
    names = segment_names or {}
    filling, other = [], []
    for p in projects:
        moved = _moved(p, start, until)
        if moved is None:
            continue
        segment = p.get("segment", "")
        where = f"「{names[segment]}」" if segment in names else ""
        if segment in gaps:
            filling.append(f"{moved}，补{where}{gaps[segment]}")
        else:
            other.append(f"{moved}，所属环节{where}不是断点或堵点，不计分")
    return filling, other


def gap_check_days(updated_on: list[dt.date], start: dt.date, until: dt.date) -> list[dt.date]:
    """The days on which to look for gaps: the eve of the year (or, for a chain first recorded during
    the year, its first recorded day), every day an update landed in the year, and the close. Gaps
    change only when an update lands, so a gap opened and filled between two of these days is still
    seen."""
    before = [d for d in updated_on if d < start]
    inside = {d for d in updated_on if start <= d <= until}
    opening = {start - dt.timedelta(days=1)} if before else set()
    return sorted(opening | inside | {until})


# ledger sheets the break analysis never reads: an update touching only these opens or closes no gap
NO_GAP_SHEETS = frozenset(
    {
        "technologies",
        "technology_paths",
        "application_domains",
        "projects",
        "policies",
        "organisations",
        "risk_register",
        "assessment_evidence",
    }
)


def _gap_segments(
    store: GraphStore,
    chain_id: str,
    log: list[history.Update],
    start: dt.date,
    until: dt.date,
    segments: set[str],
) -> dict[str, str]:
    """Which of ``segments`` were a break or choke point on any of the ``gap_check_days``, each with the
    kind of gap; a break is kept over a choke point (a break closed by a project still counts). One
    scratch graph walks forward through the days (``history.walk``); only days whose update could move
    a gap are looked at, and the walk stops once every segment asked about is known to have been a
    break."""
    out: dict[str, str] = {}
    if not segments:
        return out
    relevant = [dt.date.fromisoformat(u.at) for u in log if set(u.summary) - NO_GAP_SHEETS]
    with history.walk(store, gap_check_days(relevant, start, until)) as days:
        for _, past in days:
            for b in changes.break_items(past, chain_id).values():
                if b["segment_id"] in segments and out.get(b["segment_id"]) != "断点":
                    out[b["segment_id"]] = "断点" if b["kind"] == BREAK else "堵点"
            if all(out.get(s) == "断点" for s in segments):
                break
    return out


def grown(
    begin: list[dict[str, str]], end: list[dict[str, str]], column: str
) -> tuple[set[str], set[str], list[str], list[str]]:
    """Firms marked 是 in ``column`` at the start and at the end, those that became so (new firms, or
    firms recorded 否 at the start), and those merely confirmed: recorded 未知 (or blank) at the start
    and 是 at the end, which is a fact learnt, not growth.

    >>> start = [{"id": "a", "x": "未知"}, {"id": "b", "x": "否"}]
    >>> was, now, new, confirmed = grown(start, [{"id": "a", "x": "是"}, {"id": "b", "x": "是"}], "x")
    >>> new, confirmed
    (['b'], ['a'])
    """
    was = {f["id"] for f in begin if f.get(column) == "是"}
    unknown = {f["id"] for f in begin if f.get(column) in (None, "", "未知")}
    now = {f["id"] for f in end if f.get(column) == "是"}
    return was, now, sorted(now - was - unknown), sorted(now & unknown)


def growth_baseline(
    store: GraphStore, log: list[history.Update], chain_id: str, start: dt.date, until: dt.date, eve: State
) -> tuple[dt.date | None, State]:
    """The state growth is measured from: the eve of the year when the chain's firms were recorded by
    then (``eve``, the state at its end); else the end of the first day of the year on which an update
    recorded firms of the chain (the data's first import is where the year's record begins, not growth);
    (None, eve) when no firm of the chain is recorded up to ``until``."""
    if _in_chain(eve, "enterprises", chain_id):
        return start - dt.timedelta(days=1), eve
    state = dict(eve)
    days = [u for u in log if start.isoformat() <= u.at <= until.isoformat()]
    for i, u in enumerate(days):
        history.apply(state, history.changes_of(store, u.id))
        last_of_day = i + 1 == len(days) or days[i + 1].at != u.at
        if last_of_day and _in_chain(state, "enterprises", chain_id):
            return dt.date.fromisoformat(u.at), state
    return None, eve


def growth_compared(base: dt.date | None, start: dt.date, until: dt.date, was: int, now: int) -> str:
    """The evidence line saying which two states growth compares.

    >>> import datetime as dt
    >>> y = dt.date(2026, 1, 1), dt.date(2026, 11, 28)
    >>> growth_compared(dt.date(2025, 12, 31), *y, 1, 2)
    '对比上年末（2025-12-31）1家与2026-11-28的2家'
    >>> growth_compared(dt.date(2026, 11, 2), *y, 1, 1)
    '本链数据于2026-11-02首次录入，此前没有记录：对比首次录入时的1家与2026-11-28的1家（首次录入不计为增长）'
    """
    if base is None:
        return f"截至{until}没有本链企业的记录"
    if base < start:
        return f"对比上年末（{base}）{was}家与{until}的{now}家"
    return (
        f"本链数据于{base}首次录入，此前没有记录：对比首次录入时的{was}家与{until}的{now}家"
        "（首次录入不计为增长）"
    )


def assessment(store: GraphStore, chain_id: str, year: int) -> dict[str, Any]:
    chain = catalog.get_chain(store, chain_id)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    today = dt.date.today()
    if start > today:
        raise InvalidInput(f"{year}年尚未开始，不能考核")
    until = min(end, today)
    log = history.updates(store)
    begin = history.replay(store, start - dt.timedelta(days=1), log)
    close = history.replay(store, until, log)
    evidence: dict[str, list[str]] = {k: [] for k in ITEMS}
    for e in _rows(close, "assessment_evidence"):
        if e.get("chain_id") == chain_id and e.get("year") == str(year):
            code = next((k for k, v in ITEMS.items() if v == e.get("item")), None)
            if code:
                text = e.get("name", "") + (f"：{e['description']}" if e.get("description") else "")
                evidence[code].append(text + (f"（{e['document']}）" if e.get("document") else ""))
    items: list[dict[str, Any]] = []

    def item(code: str, score: float, facts: list[str], source: str) -> None:
        recorded = evidence[code]
        if recorded and source == "evidence":
            score = 1.0
        items.append(
            {
                "item": code,
                "label": ITEMS[code],
                "score": round(min(1.0, score), 3),
                "source": (said := source if not recorded or source == "evidence" else f"{source}+evidence"),
                "source_label": SOURCE_LABELS[said],
                "evidence": facts + [f"佐证：{r}" for r in recorded],
            }
        )

    # 1. task force formed and staffed
    forces = [
        o
        for o in _rows(close, "organisations")
        if o.get("kind") == "工作专班"
        and chain_id in (o.get("leads", "") + SEP + o.get("owns", "")).split(SEP)
    ]
    staffed = [o for o in forces if int(float(o.get("members") or 0)) > 0]
    item(
        "task_force",
        1.0 if staffed else 0.5 if forces else 0.0,
        [f"{o['name']}，{o.get('members') or 0}人" for o in forces] or ["数据中没有本链的工作专班"],
        "data",
    )
    # 2. lists and maps kept current: updated in each week of the year so far
    weeks_so_far = {
        (d.isocalendar()[0], d.isocalendar()[1])
        for d in (start + dt.timedelta(days=i) for i in range((until - start).days + 1))
    }
    updated: set[tuple[int, int]] = set()
    for u, changed, state_after in history.each_update(store, log, until):
        day = dt.date.fromisoformat(u.at)
        if day < start:
            continue
        if any(chain_id in chains_of(s, k, a or b, state_after) for s, k, b, a in changed):
            updated.add(day.isocalendar()[:2])
    item(
        "kept_current",
        len(updated & weeks_so_far) / len(weeks_so_far) if weeks_so_far else 0.0,
        [
            f"{len(updated & weeks_so_far)}/{len(weeks_so_far)} 周有本链的更新",
            *[f"{y}年第{w}周" for y, w in sorted(updated)][:60],
        ],
        "data",
    )
    # 3. yearly plan recorded (the data cannot tell)
    item("yearly_plan", 0.0, [] if evidence["yearly_plan"] else ["未录入年度工作计划佐证"], "evidence")
    # 4. chain-specific policies issued in the year
    policies = [
        p
        for p in _in_chain(close, "policies", chain_id)
        if start.isoformat() <= p.get("issued_on", "") <= end.isoformat()
    ]
    item(
        "policies",
        1.0 if policies else 0.0,
        [f"{p['name']}（{p.get('issued_on')}）" for p in policies] or ["本年度没有支持本链的政策"],
        "data",
    )
    # 5. anchor firms grown; 6. specialised SMEs cultivated: the year's end against the chain's first
    # recorded state of the year (its first import is not growth)
    base_day, base = growth_baseline(store, log, chain_id, start, until, begin)
    firms_begin = _district(_in_chain(base, "enterprises", chain_id))
    firms_end = _district(_in_chain(close, "enterprises", chain_id))
    firm_names = {f["id"]: f.get("name") or f["id"] for f in firms_begin + firms_end}

    def firm(i: str) -> str:
        return f"{firm_names.get(i, i)}（{i}）"

    for code, column in (("anchors", "is_anchor"), ("specialised", "is_specialised")):
        was, now, new, confirmed = grown(firms_begin, firms_end, column)
        item(
            code,
            1.0 if new else 0.0,
            [
                growth_compared(base_day, start, until, len(was), len(now)),
                *[f"新增：{firm(i)}" for i in new],
                *[f"核实为是（起点时未知，不计为新增）：{firm(i)}" for i in confirmed],
            ],
            "data",
        )
    # 7. gap-filling projects started or completed in the year: a project fills a gap when its segment
    # was a break or choke point at some point of the year (see gap_check_days)
    projects = _in_chain(close, "projects", chain_id)
    moved = {p.get("segment", "") for p in projects if _moved(p, start, until)}
    gaps = cache_for(store).get(  # the costly part: kept until the graph changes
        store,
        ("assessment_gaps", chain_id, start, until, frozenset(moved)),
        lambda: _gap_segments(store, chain_id, log, start, until, moved),
    )
    segment_names = {c["id"]: c.get("name") or c["id"] for c in _rows(close, "segments")}
    filling, other = gap_filling(projects, gaps, start, until, segment_names)
    item(
        "projects",
        1.0 if filling else 0.0,
        filling + other or ["本年度没有开工或竣工的项目"],
        "data",
    )
    # 8. major problems recorded and resolved: the risk register
    risks = [r for r in _rows(close, "risk_register") if r.get("chain_id") == chain_id]
    this_year = [r for r in risks if start.isoformat() <= r.get("identified_on", "") <= end.isoformat()]
    resolved = [r for r in this_year if r.get("status") == "已化解"]
    item(
        "problems",
        len(resolved) / len(this_year) if this_year else 0.0,
        [
            f"本年度登记{len(this_year)}项，已化解{len(resolved)}项",
            *[f"{r['name']}：{r.get('status')}" for r in this_year][:30],
        ],
        "data",
    )
    total = round(sum(i["score"] for i in items), 3)
    return {
        "chain_id": chain_id,
        "chain_name": chain["name"],
        "year": year,
        "as_of": until.isoformat(),
        "items": items,
        "total": total,
        "out_of": len(items),
    }
