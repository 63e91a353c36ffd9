"""Which projects count as gap-filling in the yearly assessment (pure logic, no store)."""

from __future__ import annotations

import datetime as dt

from service.assessment import gap_check_days, gap_filling, grown

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
            project("未到", "s.gap", "竣工", start="2025-01-01", end="2026-12-31"),  # end day still ahead
            project("逾期", "s.gap", "在建", start="2025-01-01", end="2026-08-31"),  # stage says not done
            project("仅签约", "s.gap", "签约", start="2026-04-01"),  # a start date without construction
            project("去年", "s.gap", "竣工", start="2024-01-01", end="2025-12-31"),
        ],
        GAPS,
        START,
        UNTIL,
    )
    assert filling == [] and other == []


def test_gaps_are_looked_for_on_the_eve_of_the_year_on_every_update_day_and_at_the_close() -> None:
    updated = [dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 12, 5)]
    assert gap_check_days(updated, START, UNTIL) == [
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 1),
        UNTIL,
    ]


def test_a_chain_first_recorded_during_the_year_is_looked_at_from_that_day() -> None:
    updated = [dt.date(2026, 5, 4), dt.date(2026, 6, 1)]
    assert gap_check_days(updated, START, UNTIL) == [dt.date(2026, 5, 4), dt.date(2026, 6, 1), UNTIL]
    assert gap_check_days([], START, UNTIL) == [UNTIL]


def test_a_fact_learnt_is_not_growth() -> None:
    """专精特新 recorded 未知 at the start and 是 at the end was found out, not cultivated; 否 → 是 and a new
    firm marked 是 are growth."""
    start = [
        {"id": "known", "is_specialised": "是"},
        {"id": "learnt", "is_specialised": "未知"},
        {"id": "blank"},
        {"id": "grew", "is_specialised": "否"},
    ]
    end = [{"id": i, "is_specialised": "是"} for i in ("known", "learnt", "blank", "grew", "newcomer")]
    was, now, new, confirmed = grown(start, end, "is_specialised")
    assert was == {"known"} and len(now) == 5
    assert new == ["grew", "newcomer"]
    assert confirmed == ["blank", "learnt"]
