"""The rules every write is held to, without a database: how far ahead an update may be dated, which
date strings count as dates, and when a write must be confirmed with its count (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from service.api.deps import parse_day
from service.errors import InvalidInput
from service.history import MAX_FUTURE_DAYS, refuse_future
from service.settings import Settings
from service.write_guard import CHANGE, CREATE, DELETE, NeedsConfirmation, Preview, confirm

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize("allowance", [0, 1, 3, MAX_FUTURE_DAYS])
def test_an_update_may_be_dated_up_to_the_allowance_after_today(allowance: int) -> None:
    refuse_future(TODAY - dt.timedelta(days=400), allowance, today=TODAY)
    refuse_future(TODAY + dt.timedelta(days=allowance), allowance, today=TODAY)
    late = TODAY + dt.timedelta(days=allowance + 1)
    with pytest.raises(InvalidInput) as refused:
        refuse_future(late, allowance, today=TODAY)
    assert late.isoformat() in str(refused.value) and "2026-11-29" in str(refused.value)


def test_the_allowance_is_a_few_days_at_most() -> None:
    assert Settings().future_days == 1
    assert Settings(future_days=MAX_FUTURE_DAYS).future_days == MAX_FUTURE_DAYS
    for wrong in (-1, MAX_FUTURE_DAYS + 1, 365):
        with pytest.raises(ValidationError):
            Settings(future_days=wrong)
    with pytest.raises(ValidationError):
        Settings(confirm_rows=-1)


@pytest.mark.parametrize(
    "text", ["0", "1764374400", "2026-1-5", "2026/11/29", "2026-02-30", "2026-11-29T00:00", " 2026-11-29", ""]
)
def test_only_yyyy_mm_dd_is_a_date(text: str) -> None:
    with pytest.raises(InvalidInput, match="as_of"):
        parse_day(text, "as_of")


def test_a_date_written_yyyy_mm_dd_is_read_as_that_day() -> None:
    assert parse_day("2026-11-29", "as_of") == TODAY
    assert parse_day("2024-02-29", "as_of") == dt.date(2024, 2, 29)
    assert parse_day(None, "as_of") is None


def _preview(kind: str, threshold: int, rows: dict[str, tuple[int, int, int]]) -> Preview:
    preview = Preview(kind, threshold)
    for sheet, counts in rows.items():
        for action, n in zip((CREATE, CHANGE, DELETE), counts, strict=True):
            for i in range(n):
                preview.add(sheet, action, (f"{sheet}.{action}.{i}",))
    return preview


def test_an_import_is_confirmed_by_the_rows_it_deletes_and_an_undo_by_every_row() -> None:
    rows = {"enterprises": (30, 30, 2), "supply_links": (0, 0, 3)}
    imported, undone = _preview("import", 4, rows), _preview("undo", 4, rows)
    assert (imported.count, undone.count) == (5, 65)
    assert imported.needs_confirmation and undone.needs_confirmation
    assert not _preview("import", 5, rows).needs_confirmation  # at the threshold: no question asked
    confirm(imported, 5)
    for wrong in (None, 4, 6, 65):
        with pytest.raises(NeedsConfirmation) as asked:
            confirm(imported, wrong)
        assert "confirm=5" in str(asked.value) and asked.value.preview["deleted"] == 5
    public = imported.public()
    assert public["sheets"][0]["examples"]["deleted"] == ["enterprises.delete.0", "enterprises.delete.1"]
    assert len(public["sheets"][0]["examples"]["created"]) == 10  # a few examples, not every row
    assert "企业 2" in public["summary"] and "供应关系 3" in public["summary"]
