"""The alias table: the header names registry and statistics exports use for each field intake reads.

A header is compared after :func:`header_key`: full-width characters made half-width (NFKC), spaces and
a trailing colon or asterisk removed, and a bracketed part taken off (``注册资本(万元)`` is
``注册资本``, its unit ``万元`` kept as a hint). Columns no alias names are listed, not refused."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# field -> the names exports give it, the preferred name first (the README prints this table).
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "公司名称", "单位名称", "市场主体名称", "企业(机构)名称", "纳税人名称", "名称"),
    "credit_code": (
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "统一代码",
        "统一社会信用代码/注册号",
        "纳税人识别号",
    ),
    "status": ("登记状态", "经营状态", "企业状态", "存续状态", "状态"),
    "legal_rep": ("法定代表人", "法人代表", "法定代表人/负责人", "负责人", "法人"),
    "capital": ("注册资本", "注册资金", "注册资本金", "认缴资本"),
    "founded": ("成立日期", "成立时间", "注册日期", "注册时间", "开业日期", "设立日期"),
    "industry": (
        "所属行业",
        "国民经济行业",
        "国民经济行业分类",
        "行业分类",
        "国标行业",
        "行业",
        "行业代码",
        "所属行业代码",
        "国民经济行业代码",
    ),
    "address": (
        "注册地址",
        "住所",
        "登记住所",
        "企业地址",
        "地址",
        "经营地址",
        "经营场所",
        "通信地址",
        "办公地址",
    ),
    "scope": ("经营范围", "业务范围", "主营业务", "主营产品"),
    "kind": ("企业类型", "公司类型", "市场主体类型", "企业(机构)类型", "类型"),
    "insured": ("参保人数", "社保人数", "从业人数", "职工人数"),
    "phone": ("联系电话", "电话", "企业电话"),
}
# Fields that may come from several columns (an export with 注册地址 and 通信地址): read in this order.
MULTI = ("address", "industry")

_BRACKET = re.compile(r"[(\[【（](.*?)[)\]】）]")
_NAMES: dict[str, str] = {}


def header_key(text: str) -> tuple[str, str | None]:
    """A header as compared with the alias table, and the unit a bracket carried.

    >>> header_key("注册资本（万元）"), header_key(" 企业 名称： "), header_key("统一社会信用代码*")
    (('注册资本', '万元'), ('企业名称', None), ('统一社会信用代码', None))
    """
    flat = unicodedata.normalize("NFKC", text)
    flat = re.sub(r"\s+", "", flat).rstrip(":*")
    unit = None
    found = _BRACKET.search(flat)
    if found and found.start() > 0:
        if found.end() == len(flat):  # a bracket at the end gives the unit: 注册资本(万元)
            unit = found.group(1) or None
        flat = (flat[: found.start()] + flat[found.end() :]).strip()
    return flat, unit


def _names() -> dict[str, str]:
    if not _NAMES:
        for field, names in ALIASES.items():
            for name in names:
                _NAMES.setdefault(header_key(name)[0], field)
                _NAMES.setdefault(unicodedata.normalize("NFKC", name), field)
    return _NAMES


@dataclass(frozen=True)
class HeaderColumn:
    index: int  # 0-based position in the row
    header: str  # as written
    field: str | None  # None: a column intake does not read
    unit: str | None  # from a bracket: 注册资本(万元)


def field_of(text: str) -> tuple[str | None, str | None]:
    """The field a header names (None when no alias matches) and its bracketed unit."""
    key, unit = header_key(text)
    names = _names()
    if key in names:
        return names[key], unit
    whole = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return names.get(whole), unit


def read_header(cells: list[object]) -> list[HeaderColumn]:
    """The columns of a header row."""
    out = []
    for i, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        field, unit = field_of(text)
        out.append(HeaderColumn(i, text, field, unit))
    return out


def header_score(cells: list[object]) -> int:
    """How much a row looks like the header: the distinct fields it names (0 without a firm name)."""
    fields = {c.field for c in read_header(cells) if c.field}
    return len(fields) if "name" in fields else 0
