"""What every write through the API and the command line is checked for before anything is written,
judged by the graph before and after it: the date it is recorded under (never later than today plus a
few days, or it would refuse every later update), and how much it changes. An undo that changes more
rows than the threshold, or an import that deletes more, must be confirmed: a dry run says what would
change, and only a call naming that count goes through. (Which chains a row touches is judged inside the
import itself, see ``service.ledger.scope``.)"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from service import history
from service.errors import Conflict, Forbidden, InvalidInput
from service.ledger.format import OP_DELETE, OP_KEY, SHEETS
from service.ledger.load import read_state, region_sheet
from service.ledger.read import RawLedger
from service.ledger.scope import CHANGE, CREATE, DELETE, out_of_scope, read_links, touched
from service.ledger.validate import check
from service.storage.port import GraphStore

ACTIONS = (CREATE, CHANGE, DELETE)
_PAST = {CREATE: "created", CHANGE: "changed", DELETE: "deleted"}
EXAMPLES = 10  # row keys shown per sheet and action
_TITLES = {s.key: s.title for s in SHEETS}


class NeedsConfirmation(Conflict):
    """A write above the confirmation threshold, called without naming the count it would change."""

    code = "confirmation_required"

    def __init__(self, message: str, preview: dict[str, Any]) -> None:
        super().__init__(message)
        self.preview = preview


@dataclass
class Preview:
    """What a write would change, per sheet: rows created, changed (overwritten) and deleted, and the
    count a confirmed call must name (an undo: every row it changes; an import: the rows it deletes)."""

    kind: str  # import | undo
    threshold: int
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: dict.fromkeys(ACTIONS, 0))
    )
    examples: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, sheet: str, action: str, key: tuple[str, ...]) -> None:
        self.counts[sheet][action] += 1
        shown = self.examples.setdefault(sheet, {a: [] for a in ACTIONS})[action]
        if len(shown) < EXAMPLES:
            shown.append("/".join(key))

    def total(self, action: str) -> int:
        return sum(c[action] for c in self.counts.values())

    @property
    def count(self) -> int:
        if self.kind == "undo":
            return sum(self.total(a) for a in ACTIONS)
        return self.total(DELETE)

    @property
    def needs_confirmation(self) -> bool:
        return self.count > self.threshold

    def describe(self) -> str:
        parts = []
        for action, word in ((CREATE, "新增"), (CHANGE, "修改"), (DELETE, "删除")):
            sheets = [f"{_TITLES.get(s, s)} {c[action]}" for s, c in sorted(self.counts.items()) if c[action]]
            if sheets:
                parts.append(f"{word}：{'、'.join(sheets)}")
        return "；".join(parts) or "不改动任何行"

    def public(self) -> dict[str, Any]:
        sheets = []
        for sheet, c in sorted(self.counts.items()):
            shown = self.examples.get(sheet, {})
            sheets.append(
                {"sheet": sheet, "title": _TITLES.get(sheet, sheet)}
                | {_PAST[a]: c[a] for a in ACTIONS}
                | {"examples": {_PAST[a]: shown.get(a, []) for a in ACTIONS}}
            )
        return {
            "kind": self.kind,
            "sheets": sheets,
            **{_PAST[a]: self.total(a) for a in ACTIONS},
            "count": self.count,
            "threshold": self.threshold,
            "needs_confirmation": self.needs_confirmation,
            "summary": self.describe(),
        }


def check_day(day: dt.date | None, allowance: int) -> None:
    """Refuse (422) an update date later than today plus ``allowance`` days."""
    if day is not None:
        history.refuse_future(day, allowance)


def deletes(raw: RawLedger) -> bool:
    """Whether any row of the ledger deletes."""
    return any(str(r.cells.get(OP_KEY, "")).strip().lower() in OP_DELETE for s in raw.sheets for r in s.rows)


def preview_import(store: GraphStore, raw: RawLedger, chains: set[str] | None, threshold: int) -> Preview:
    """What importing ``raw`` would change, checked like the import itself (422 for a bad ledger, 403
    for rows outside ``chains``), without writing anything. A deleted node also removes its supply
    links and roadmap steps and changes the rows that name it: those count too."""
    state = read_state(store)
    regions = region_sheet(state)
    if regions is not None:
        raw = RawLedger([regions, *raw.sheets], list(raw.problems))
    checked = check(raw, state.ids())
    if checked.problems:
        raise InvalidInput(
            f"台账有{len(checked.problems)}处错误，未导入任何数据", [p.as_dict() for p in checked.problems]
        )
    links = read_links(store, checked)
    if chains is not None:
        outside = out_of_scope(checked, state, chains, links)
        if outside:
            raise Forbidden(
                f"台账有{len(outside)}行超出此密钥的编辑权限，未导入任何数据", [p.as_dict() for p in outside]
            )
    preview = Preview("import", threshold)
    for t in touched(checked, state, links):
        preview.add(t.sheet.key, t.action, t.key)
    return preview


def preview_undo(
    store: GraphStore, update_id: str, threshold: int, chains: set[str] | None = None
) -> Preview:
    """What undoing ``update_id`` would change: each row it changed goes back to how it was (409 when a
    later update changed the same rows; with ``chains``, 403 for rows outside them, as the undo would)."""
    _, changes = history.undo_rows(store, update_id)
    if chains is not None:
        rows = [(sheet, key, before) for sheet, key, before, _ in changes]
        preview_import(store, history.as_ledger(rows, f"undo-{update_id}"), chains, threshold)
    preview = Preview("undo", threshold)
    for sheet, key, before, after in changes:
        action = CREATE if after is None else DELETE if before is None else CHANGE
        preview.add(sheet, action, key)
    return preview


def confirm(preview: Preview, confirmed: int | None) -> None:
    """Refuse (409) a write above the threshold unless ``confirmed`` names its count."""
    if not preview.needs_confirmation or confirmed == preview.count:
        return
    what = "撤销将改动" if preview.kind == "undo" else "导入将删除"
    told = "" if confirmed is None else f"（所给确认数 {confirmed} 与之不符）"
    raise NeedsConfirmation(
        f"此次{what} {preview.count} 行，超过无需确认的 {preview.threshold} 行{told}：{preview.describe()}。"
        f"核对无误后请带 confirm={preview.count} 再次提交；dry_run=true 只预览、不写入",
        preview.public(),
    )


def guard_import(
    store: GraphStore,
    raw: RawLedger,
    chains: set[str] | None,
    *,
    at: dt.date | None,
    allowance: int,
    threshold: int,
    dry_run: bool = False,
    confirmed: int | None = None,
) -> Preview | None:
    """Check an import before it runs: its date, and, when it deletes, the confirmation. Returns the
    preview for a dry run (nothing is written then), else None when the import may go ahead."""
    check_day(at, allowance)
    if not dry_run and not deletes(raw):
        return None
    preview = preview_import(store, raw, chains, threshold)
    if dry_run:
        return preview
    confirm(preview, confirmed)
    return None


def guard_undo(
    store: GraphStore,
    update_id: str,
    chains: set[str] | None,
    *,
    threshold: int,
    dry_run: bool = False,
    confirmed: int | None = None,
) -> Preview | None:
    """Check an undo before it runs. Returns the preview for a dry run, else None when it may go ahead."""
    preview = preview_undo(store, update_id, threshold, chains)
    if dry_run:
        return preview
    confirm(preview, confirmed)
    return None
