"""Which projects count as gap-filling in the yearly assessment (pure logic, no store)."""

from __future__ import annotations

import datetime as dt

from service.assessment import gap_filling

START, UNTIL = dt.date(2026, 1, 1), dt.date(2026, 11, 28)
GAPS = {"s.gap": "断点", "s.choke": "堵点"}


def project(name: str, segment: str, stage: str, start: str = "", end: str = "") -> dict[str, str]:
    return {"name": name, "segment": segment, "stage": stage, "start_date": start, "end_date": end}


def test_a_project_counts_when_it_moved_this_year_in_a_gap_segment() -> None:
    filling, other = gap_filling(
        [
            project("甲", "s.gap", "在建", start="2026-03-01"),
            project("乙", "s.choke", "投产", start="2024-01-01", end="2026-06-30"),
            project("丙", "s.other", "在建", start="2026-05-01"),
        ],
        GAPS,
        START,
        UNTIL,
    )
    assert filling == ["甲（开工），补断点", "乙（竣工），补堵点"]
    assert other == ["丙（开工），所属环节不是断点或堵点，不计分"]


def test_planned_dates_and_other_years_do_not_count() -> None:
    filling, other = gap_filling(
        [
            project("未到", "s.gap", "在建", start="2025-01-01", end="2026-12-31"),  # completion not yet due
            project("逾期", "s.gap", "在建", start="2025-01-01", end="2026-08-31"),  # stage says not done
            project("仅签约", "s.gap", "签约", start="2026-04-01"),  # a start date without construction
            project("去年", "s.gap", "竣工", start="2024-01-01", end="2025-12-31"),
        ],
        GAPS,
        START,
        UNTIL,
    )
    assert filling == [] and other == []
