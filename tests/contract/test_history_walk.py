"""``history.walk`` moves one scratch graph forward through the log: on every day it must hold exactly
the rows the log says stood then, creations, changes and deletions alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from service import history
from service.ledger.read import read_ledger
from tests.conftest import FIXTURES, close_store, make_store

D = dt.date


def test_each_step_of_a_walk_holds_the_rows_of_its_day(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = make_store("ladybug", request, tmp_path)
    try:
        for folder, day in (
            ("mini", D(2026, 3, 2)),
            ("mini_change", D(2026, 3, 9)),
            ("mini_delete", D(2026, 3, 16)),
        ):
            history.import_update(store, read_ledger(FIXTURES / folder), author="t", note=folder, at=day)
        days = [D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 10), D(2026, 3, 16)]
        seen = []
        with history.walk(store, days) as steps:
            for day, past in steps:
                assert history.current_state(past) == history.replay(store, day), day
                seen.append((day, len(history.current_state(past))))
        assert [d for d, _ in seen] == days
        assert seen[0][1] == 0 and seen[1][1] > 0 and seen[-1][1] == 0  # nothing, the ledger, all deleted
    finally:
        close_store(store)
