"""The ledger reader's limits, enforced while a ledger is read (issue 15.3), and errors that quote a value
only in part and list at most 1,000 problems with the total (issues 15.4 and 16.4)."""

from __future__ import annotations

import csv
import io
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from service.errors import MAX_PROBLEMS, InvalidInput, TooLarge
from service.ledger.limits import QUOTE_CHARS, Limits, clip
from service.ledger.read import Problem, _scan, read_ledger, read_upload
from service.settings import Settings

LIMITS = Limits.from_settings(Settings())


def _limits(**changes: int) -> Limits:
    return Limits(**{**LIMITS.__dict__, **changes})


def _measured(fn: Callable[[], object]) -> tuple[object, float, float]:
    """What ``fn`` returned or raised, its seconds and its peak of Python allocations in MB."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result: object = fn()
    except Exception as e:
        result = e
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def test_a_csv_of_millions_of_rows_is_refused_before_a_row_is_kept() -> None:
    content = "编号\n".encode() + b"a\n" * 5_200_000
    error, seconds, peak = _measured(lambda: read_upload("enterprises.csv", content, LIMITS))
    assert isinstance(error, TooLarge) and "1000000行" in str(error) and "enterprises.csv" in str(error)
    assert seconds < 2 and peak < 20, (seconds, peak)


def test_a_quoted_csv_is_counted_before_a_row_is_kept() -> None:
    # a quote may hide line breaks inside a field, so the rows are counted (and not kept) first
    content = '编号,名称\n"a","b\nc"\n'.encode() + b'"a",b\n' * 300_000
    error, _, peak = _measured(lambda: read_upload("enterprises.csv", content, _limits(rows=100_000)))
    assert isinstance(error, TooLarge) and "100000行" in str(error)
    assert peak < 20, peak
    quoted_breaks = '编号,名称\n"a","b\nc"\n'.encode() * 1 + b"a,b\n" * 9
    assert read_upload("enterprises.csv", quoted_breaks, _limits(rows=10)).rows_read == 10


def test_the_row_limit_is_exact_counts_blank_rows_and_spans_the_files_of_an_upload() -> None:
    rows = "编号,名称\n" + "x1,甲\n\n" * 5  # 10 rows after the header, 5 of them blank
    at = read_upload("enterprises.csv", rows.encode(), _limits(rows=10))
    assert at.rows_read == 10 and at.row_count == 5
    with pytest.raises(TooLarge, match=re.escape("台账超过9行：enterprises.csv已超出")):
        read_upload("enterprises.csv", rows.encode(), _limits(rows=9))
    ledger = read_upload("enterprises.csv", rows.encode(), _limits(rows=15))
    with pytest.raises(TooLarge, match=re.escape("products.csv")):
        read_upload("products.csv", rows.encode(), _limits(rows=15), into=ledger)
    without_last_break = rows.rstrip("\n").encode()
    assert read_upload("enterprises.csv", without_last_break, _limits(rows=9)).rows_read == 9


@given(st.text(alphabet=["a", ",", "\n", "\r", " ", "中", "é"], max_size=60))
def test_the_byte_scan_counts_the_rows_csv_reads(text: str) -> None:
    for encoding in ("utf-8", "gb18030"):
        data = text.encode(encoding)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        scan = _scan(lambda data=data: io.BytesIO(data))  # type: ignore[misc]
        assert scan.most_rows == max(len(rows) - 1, 0) and not scan.quoted


def test_a_field_past_the_csv_modules_limit_is_a_problem_with_its_line() -> None:
    content = "编号,名称\ne1,甲\ne2,".encode() + b"x" * 200_000 + b"\n"
    ledger = read_upload("enterprises.csv", content, LIMITS)
    assert [(p.row, p.message) for p in ledger.problems] == [(3, "单元格超过32767个字符")]


def test_a_long_cell_is_a_problem_naming_its_column_and_quoting_the_start() -> None:
    content = "编号,名称\ne1,".encode() + b"y" * 40_000 + b"\n"
    (problem,) = read_upload("enterprises.csv", content, LIMITS).problems
    assert (problem.source, problem.row, problem.column) == ("enterprises.csv", 2, "名称")
    assert problem.message == "单元格超过32767个字符"
    assert problem.value == "y" * QUOTE_CHARS + "…（共40000字）"


def _xlsx(rows: list[list[object]], title: str = "企业") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_keeps_to_the_row_and_sheet_limits() -> None:
    content = _xlsx([["编号", "名称"], *[[f"e{i}", "甲"] for i in range(20)]])
    assert read_upload("l.xlsx", content, _limits(rows=20)).row_count == 20
    with pytest.raises(TooLarge, match=re.escape("台账超过19行：l.xlsx:企业第21行已超出")):
        read_upload("l.xlsx", content, _limits(rows=19))
    with pytest.raises(TooLarge, match="台账超过0张表"):
        read_upload("l.xlsx", content, _limits(sheets=0))


def test_a_row_far_down_a_sheet_counts_every_row_before_it() -> None:
    book = Workbook()
    ws = book.active
    ws.title = "企业"
    ws.append(["编号"])
    ws["A1048576"] = "e1"
    buffer = io.BytesIO()
    book.save(buffer)
    error, seconds, _ = _measured(lambda: read_upload("l.xlsx", buffer.getvalue(), LIMITS))
    assert isinstance(error, TooLarge) and seconds < 1


def test_a_formula_and_a_long_cell_in_a_workbook_are_problems() -> None:
    content = _xlsx([["编号", "名称"], ["e1", "=1+1"]])
    (problem,) = read_upload("l.xlsx", content, LIMITS).problems
    assert (problem.row, problem.column, problem.value) == (2, "B2", "=1+1") and "公式" in problem.message


def test_the_cli_reader_keeps_to_the_same_limits(tmp_path: Path) -> None:
    (tmp_path / "enterprises.csv").write_bytes("编号\n".encode() + b"a\n" * 20)
    assert read_ledger(tmp_path, _limits(rows=20)).rows_read == 20
    with pytest.raises(TooLarge):
        read_ledger(tmp_path, _limits(rows=19))
    (tmp_path / "products.csv").write_bytes("编号\n".encode() + b"a\n")
    with pytest.raises(TooLarge, match="表"):
        read_ledger(tmp_path, _limits(sheets=1))


def test_a_problem_quotes_at_most_about_200_characters_of_anything() -> None:
    huge = "值" * 1_000_000
    problem = Problem("文" * 5000 + ".csv", 2, "列" * 5000, huge, "消息" + huge)
    assert len(problem.value or "") < QUOTE_CHARS + 24 and (problem.value or "").endswith("…（共1000000字）")
    assert len(problem.source) < 130 and len(problem.column or "") < 130 and len(problem.message) < 530
    assert len(str(problem)) < 1000
    again = Problem(**problem.as_dict())  # the CLI rebuilds problems from dicts: quoting twice is a no-op
    assert again == problem and clip(clip(huge)) == clip(huge)


def test_an_error_lists_the_first_1000_problems_and_gives_the_total() -> None:
    problems: list[dict[str, object]] = [{"row": i} for i in range(2500)]
    error = InvalidInput("台账有2500处错误，未导入任何数据", problems)
    assert error.problems == problems[:MAX_PROBLEMS] and error.problem_count == 2500
    assert "共2500处" in str(error) and "前1000处" in str(error)
    few = InvalidInput("台账有2处错误", problems[:2])
    assert few.problems == problems[:2] and few.problem_count == 2 and str(few) == "台账有2处错误"


def test_a_csv_that_stops_being_utf8_midway_is_read_again_as_gbk_and_kept_once() -> None:
    content = b"id,name\n" + b"e1,a\n" * 5000 + "e2,名称".encode("gbk") + b"\n"
    ledger = read_upload("enterprises.csv", content, LIMITS)
    assert ledger.rows_read == 5001 and len(ledger.sheets) == 1 and not ledger.problems
    assert ledger.sheets[0].rows[-1].cells == {"id": "e2", "name": "名称"}
