"""The ledger template tells people the rules of a weekly update: partial rows, blank cells, what new rows
need, deletions, unknown values and warnings; the importer skips its instructions sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from service.ledger.format import SHEETS
from service.ledger.read import read_ledger
from service.ledger.template import INSTRUCTIONS_TITLE, write_template


def test_the_template_explains_partial_rows_and_blank_cells(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book.sheetnames[0] == INSTRUCTIONS_TITLE
    text = "\n".join(str(c.value) for c in book[INSTRUCTIONS_TITLE]["A"] if c.value)
    for phrase in ("只修改表中带有的列", "保持原值", "清空", "必须带齐所有必填列", "删除", "未知", "提醒"):
        assert phrase in text, phrase
    firms = book[next(s.title for s in SHEETS if s.key == "enterprises")]
    notes = {c.value: c.comment.text for c in firms[1] if c.comment}
    assert "新建时必填" in notes["名称"] and "新建时必填" not in notes["主营业务"]
    assert read_ledger(path).problems == []  # the instructions are not a ledger sheet
