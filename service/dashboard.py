"""The front page's figures per chain (the chain office's dashboard): key counts, district and outside
firms per segment, and the risk register's open items over the last recorded updates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from service import history, weaklinks
from service.analysis.risks import ACTIVE
from service.cache import cache_for
from service.storage.port import GraphStore

TREND_UPDATES = 12
REGISTER = "risk_register"
# The register as the ledger writes it may carry a code or its Chinese label.
BREAK_KINDS = {"break", "choke", "断点", "堵点"}
RESOLVED = {"resolved", "已化解"}


def _open(cells: dict[str, str]) -> bool:
    return cells.get("status", "") not in RESOLVED


def register_counts(rows: Iterable[dict[str, str]], chain_id: str) -> tuple[int, int]:
    """Open (not 已化解) items of a chain's risk register: (breaks and choke points, all items)."""
    mine = [r for r in rows if r.get("chain_id") == chain_id and _open(r)]
    return sum(1 for r in mine if r.get("kind") in BREAK_KINDS), len(mine)


def chain_figures(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """Key figures of one chain: active firms inside and outside the district, anchors, 专精特新, breaks
    and choke points found by the analysis, single-source inputs, and per segment the active district and
    outside firms (a firm in two segments counts in each, once in the totals)."""
    view = weaklinks.chain_view(store, chain_id)
    p = weaklinks.projection(store)
    firms = {f.id: f for s in view.segments for f in s.firms}
    active = [f for f in firms.values() if f.status == ACTIVE]
    found = weaklinks.breaks(store, chain_id)
    return {
        "district": sum(1 for f in active if f.in_district),
        "outside": sum(1 for f in active if not f.in_district),
        "anchors": sum(1 for f in firms if f in p.anchors),
        "specialised": sum(1 for f in firms if p.specialised.get(f) is True),
        "breaks": sum(1 for b in found if b["kind"] == "break"),
        "chokes": sum(1 for b in found if b["kind"] != "break"),
        "single_source": weaklinks.risks(store, chain_id)["totals"]["single_source_inputs"],
        "segments": [
            {
                "name": s.name,
                "district": sum(1 for f in s.firms if f.in_district and f.status == ACTIVE),
                "outside": sum(1 for f in s.firms if not f.in_district and f.status == ACTIVE),
            }
            for s in view.segments
        ],
    }


def open_register_items(store: GraphStore, chain_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Open register items per chain in the current graph: (breaks and choke points, all)."""
    state = history.current_state(store, {REGISTER})
    rows = [cells for (sheet, _), cells in state.items() if sheet == REGISTER]
    return {c: register_counts(rows, c) for c in chain_ids}


def register_trend(
    store: GraphStore, chain_ids: list[str], last: int = TREND_UPDATES
) -> list[dict[str, Any]]:
    """The open register items of each chain after each of the ``last`` recorded updates, oldest first
    (one replay of the log, cached per graph version so the front page does not replay it per request):
    ``at``, ``author`` and per chain (breaks and choke points, all items)."""

    def replay() -> list[dict[str, Any]]:
        points: list[dict[str, Any]] = []
        log = history.updates(store)
        first = len(log) - last
        for i, (update, _, state) in enumerate(history.each_update(store, log)):
            if i < first:
                continue
            rows = [cells for (sheet, _), cells in state.items() if sheet == REGISTER]
            counts = {c: register_counts(rows, c) for c in chain_ids}
            points.append({"id": update.id, "at": update.at, "author": update.author, "counts": counts})
        return points

    return cache_for(store).get(store, ("register_trend", tuple(chain_ids), last), replay)


def last_update(store: GraphStore) -> history.Update | None:
    log = history.updates(store)
    return log[-1] if log else None
