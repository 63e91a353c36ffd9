"""A gap that opens and is refilled inside one year still makes a project in its segment gap-filling
(embedded engine; the past states are replayed into embedded stores on either engine)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seed import dataset_path
from seed.ledger.read import read_ledger
from service import history
from service.assessment import _gap_segments
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
