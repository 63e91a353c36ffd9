"""A gap that opens and is refilled inside one year still makes a project in its segment gap-filling
(embedded engine; the past states are replayed into embedded stores on either engine)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seed import dataset_path
from service import assessment, changes, history
from service.analysis.breaks import BREAK, CHOKE_COMMON_SUPPLIER, CHOKE_SINGLE_FIRM
from service.assessment import NO_GAP_SHEETS, _gap_segments
from service.ledger.format import SHEETS
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger, read_upload
from tests.conftest import FIXTURES, close_store, make_store

HISTORY = FIXTURES / "history"
D = dt.date


def test_a_gap_open_only_mid_year_is_found(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    store = make_store("ladybug", request, tmp_path)
    try:
        with dataset_path() as path:
            history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2025, 12, 1))
        steps = (("w46", D(2025, 12, 15)), ("stop", D(2026, 3, 1)), ("w46", D(2026, 6, 1)))
        for folder, day in steps:  # auto.s08: a break; one firm; none from March; one again in June
            history.import_update(store, read_ledger(HISTORY / folder), author="专班", note=folder, at=day)
        log = history.updates(store)
        start = D(2026, 1, 1)
        # with one firm left, auto.s08 is a choke point at the eve of the year and at its close;
        # the break between March and June is seen only on the update days in between
        asked = {"auto.s08", "auto.s01"}
        assert _gap_segments(store, "auto", log, start, D(2026, 2, 28), asked) == {"auto.s08": "堵点"}
        assert _gap_segments(store, "auto", log, start, D(2026, 11, 28), asked) == {"auto.s08": "断点"}
        assert _gap_segments(store, "auto", log, start, D(2026, 11, 28), set()) == {}
    finally:
        close_store(store)


def test_the_walk_stops_once_every_segment_asked_about_was_a_break(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store("ladybug", request, tmp_path)
    try:
        with dataset_path() as path:
            history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2025, 12, 1))
        for folder, day in (("w46", D(2026, 2, 2)), ("stop", D(2026, 3, 2)), ("w46", D(2026, 4, 6))):
            history.import_update(store, read_ledger(HISTORY / folder), author="专班", note=folder, at=day)
        looked: list[int] = []
        counted = changes.break_items

        def counting(past: object, chain_id: str) -> object:
            looked.append(1)
            return counted(past, chain_id)  # type: ignore[arg-type]

        monkeypatch.setattr(assessment.changes, "break_items", counting)
        log, start, until = history.updates(store), D(2026, 1, 1), D(2026, 11, 28)
        assert _gap_segments(store, "auto", log, start, until, {"auto.s08"}) == {"auto.s08": "断点"}
        assert len(looked) == 1  # a break on the eve of the year: nothing more to look at
        assert _gap_segments(store, "auto", log, start, until, {"auto.s01"}) == {}
        assert len(looked) == 1 + 5  # never a gap: the eve, the three update days and the close
    finally:
        close_store(store)


# a second district parts maker that, like e2, buys its steel only from outside firm e1: a choke point
# that rests on supply links (the mini ledger has breaks and single-firm choke points already)
SECOND_MAKER = (
    "编号,名称,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,来源,核实日期,所属环节,主要产品\n"
    "e6,绿园二号部件公司,220106400,是,小型,否,否,在营,illustrative,2026-11-02,s2,p2\n"
)
ITS_STEEL = "供应企业编号,采购企业编号,供应产品,供应份额,来源,核实日期\ne1,e6,p1,1,illustrative,2026-11-02\n"


def test_the_sheets_said_to_move_no_gap_do_not_change_the_breaks(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Every kind of break stays the same with those sheets, and every column linking to them, removed."""
    full = make_store("ladybug", request, tmp_path / "full")
    part = make_store("ladybug", request, tmp_path / "part")
    try:
        import_ledger(full, read_ledger(FIXTURES / "mini"))
        import_ledger(full, read_upload("enterprises.csv", SECOND_MAKER.encode()))
        import_ledger(full, read_upload("supply_links.csv", ITS_STEEL.encode()))
        breaks = changes.break_items(full, "c1")
        assert {b["kind"] for b in breaks.values()} == {BREAK, CHOKE_SINGLE_FIRM, CHOKE_COMMON_SUPPLIER}
        gone = {s.node.label for s in SHEETS if s.key in NO_GAP_SHEETS and s.node is not None}
        cut = {
            (s.key, c.key) for s in SHEETS for c in s.columns for link in c.links if set(link.targets) <= gone
        }
        kept = (
            (sheet, key, {c: v for c, v in cells.items() if (sheet, c) not in cut})
            for (sheet, key), cells in sorted(history.current_state(full).items())
            if sheet not in NO_GAP_SHEETS
        )
        import_ledger(part, history.as_ledger(kept, "no-gap-sheets"))
        assert changes.break_items(part, "c1") == breaks
    finally:
        close_store(full)
        close_store(part)
