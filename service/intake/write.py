"""The two workbooks intake writes: the ledger (one 企业 sheet, which ``chainlens import``, ``POST /imports``
and ``POST /chains/{id}/imports`` accept as it is) and the review workbook (逐行审核: one row per input row;
待分配: firms below the threshold with their best three; 未识别地址; 未识别的列; 说明). Every text cell is
written as text, so a value starting with = never becomes a formula."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from service.intake.graph import enterprise_sheet
from service.intake.pipeline import UNASSIGNED, IntakeResult, Outcome
from service.intake.place import gazetteer
from service.intake.suggest import Suggestion
from service.intake.xlsxwrite import Cell, XlsxWriter

LEDGER_NAME = "企业台账.xlsx"
REVIEW_NAME = "审核表.xlsx"
UNASSIGNED_SHOWN = 3
_HEADERS = {c.key: c.header for c in enterprise_sheet().columns}


def ledger_bytes(result: IntakeResult) -> bytes:
    """The ledger workbook: the 企业 sheet with every column, one row per firm that may go in."""
    sheet = enterprise_sheet()
    book = XlsxWriter()
    rows = ([row.get(c.key, "") for c in sheet.columns] for row in result.ledger_rows)
    book.sheet(sheet.title, sheet.headers, rows)
    return book.close()


def _suggestions(items: list[Suggestion], n: int) -> str:
    return "\n".join(s.describe() for s in items[:n])


def _review_row(o: Outcome, read_headers: list[str]) -> list[Any]:
    places = gazetteer()
    code = o.placement.code
    firm = o.match.firm
    match = {
        "new": "新企业",
        "existing": f"已有：{firm.name}（{firm.id}），按{o.match.how}" if firm else "",
        "ambiguous": f"不唯一：{o.match.note}",
    }[o.match.kind]
    segments, products = o.chosen
    return [
        o.number,
        o.destination,
        "；".join(o.needs),
        *(o.read.get(h, "") for h in read_headers),
        o.name,
        o.credit_code or "",
        {"active": "在营", "inactive": "停产", "planned": "筹建", "closed": "注销"}.get(o.status or "", ""),
        str(o.capital) if o.capital else "",
        o.founded.isoformat() if o.founded else "",
        f"{o.industry.code} {o.industry.name}" if o.industry.code else "",
        o.address,
        code or "",
        places.path(code) if code else "",
        o.placement.level_label,
        "、".join(o.placement.matched),
        {True: "是", False: "否", None: "未知"}[o.placement.in_district],
        match,
        _suggestions(o.segments, 3),
        o.segments[0].score if o.segments else "",
        _suggestions(o.products, 3),
        ";".join(segments),
        ";".join(products),
        "、".join(_HEADERS.get(k, k) for k in o.changed),
        "；".join(o.notes),
    ]


REVIEW_HEADER = [
    "名录行号",
    "去向",
    "需要人工处理",
    "企业名称（结果）",
    "统一社会信用代码（结果）",
    "经营状态",
    "注册资本",
    "成立日期",
    "行业代码",
    "采用的地址",
    "地区代码",
    "地区",
    "定位层级",
    "定位依据",
    "区内企业",
    "匹配",
    "建议环节（分数：理由）",
    "最高分",
    "建议产品（分数：理由）",
    "写入台账的环节",
    "写入台账的产品",
    "更新改动的列",
    "读取说明",
]


def review_bytes(result: IntakeResult) -> bytes:
    """The review workbook."""
    table = result.table
    read_headers = [f"原文：{c.header}" for c in table.columns]
    raw_headers = [c.header for c in table.columns]
    book = XlsxWriter()
    header = REVIEW_HEADER[:3] + read_headers + REVIEW_HEADER[3:]
    rows = (_review_row(o, raw_headers) for o in result.outcomes)
    book.sheet("逐行审核", header, rows)
    waiting = [o for o in result.outcomes if o.destination == UNASSIGNED]
    wait_header = ["名录行号", "企业名称", "行业代码", "经营范围"]
    for i in range(1, UNASSIGNED_SHOWN + 1):
        wait_header += [f"建议{i}", f"建议{i}分数", f"建议{i}理由"]
    book.sheet("待分配", wait_header, (_waiting(o, table) for o in waiting))
    unresolved: list[list[Cell]] = [
        [o.number, o.name, o.address, o.placement.note] for o in result.outcomes if o.placement.code is None
    ]
    book.sheet("未识别地址", ["名录行号", "企业名称", "地址", "原因"], unresolved)
    book.sheet(
        "未识别的列", ["列名", "说明"], ([h, "别名表中没有此列，未读取"] for h in table.unknown_columns)
    )
    counts = result.counts()
    about: list[list[Cell]] = [
        ["来源", result.source],
        ["表头所在行", table.header_row or ""],
        ["读取行数", len(result.outcomes)],
        ["产业链", result.chain or "全部"],
        ["写入台账的建议分数阈值", result.threshold],
        ["日期", result.day.isoformat()],
        [
            "说明",
            "台账（企业台账.xlsx）须经人工审核后用 chainlens import 或 POST /imports 导入；导入前不改动图谱",
        ],
    ]
    about[3:3] = [[k, v] for k, v in sorted(counts.items())]
    about += [["读取问题", str(p)] for p in table.problems]
    book.sheet("说明", ["项目", "内容"], about)
    return book.close()


def _waiting(o: Outcome, table: Any) -> list[Cell]:
    scope = next((v for h, v in o.read.items() if h in _scope_headers(table)), "")
    cells: list[Cell] = [o.number, o.name, o.industry.code or "", scope]
    for s in o.segments[:UNASSIGNED_SHOWN]:
        cells += [f"{s.target.name}（{s.target.id}）", s.score, "；".join(s.reasons)]
    return cells


def _scope_headers(table: Any) -> set[str]:
    return {c.header for c in table.columns if c.field == "scope"}


def write_folder(result: IntakeResult, folder: Path) -> list[Path]:
    """Both workbooks into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in ((LEDGER_NAME, ledger_bytes(result)), (REVIEW_NAME, review_bytes(result))):
        path = folder / name
        path.write_bytes(content)
        written.append(path)
    return written


def zip_bytes(result: IntakeResult) -> bytes:
    """Both workbooks in one zip (what ``POST /intake`` answers)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(LEDGER_NAME, ledger_bytes(result))
        archive.writestr(REVIEW_NAME, review_bytes(result))
    return buffer.getvalue()
