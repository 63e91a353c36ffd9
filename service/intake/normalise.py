"""Normalising what a registry export says: the unified social credit code (GB 32100-2015, checked by its
check character), the registration status mapped onto the ledger's statuses, the registered capital with
its unit, and dates in the layouts exports use. Each function returns the value and, when the input
cannot be trusted, the reason in Chinese."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# -- 统一社会信用代码 (GB 32100-2015) ----------------------------------------------------------------

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(CODE_CHARS)}


def check_char(first17: str) -> str:
    """The check character of the first 17 characters of a credit code.

    >>> check_char("91350100M000100Y4")
    '3'
    """
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CODE_CHARS[(31 - total % 31) % 31]


def credit_code(text: object) -> tuple[str | None, str | None]:
    """The code (upper case, half-width), or None with the reason it is not trusted.

    >>> credit_code("91350100m000100y43"), credit_code("91350100M000100Y44")[1]
    (('91350100M000100Y43', None), '校验位错误：应为3，实为4')
    """
    if text is None:
        return None, None
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).upper()
    if code in ("", "-", "—", "无", "未知"):
        return None, None
    if len(code) == 15 and code.isdigit():
        return None, "是15位注册号，不是统一社会信用代码"
    if len(code) != 18:
        return None, f"应为18位，实为{len(code)}位"
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return None, f"含有不允许的字符：{''.join(bad)}"
    expected = check_char(code[:17])
    if code[17] != expected:
        return None, f"校验位错误：应为{expected}，实为{code[17]}"
    return code, None


# -- 登记状态 ------------------------------------------------------------------------------------------

# Status words of exports -> (ledger status code, what a person must check, or ""). Checked in order; the
# first word found in the cell decides, so 吊销未注销 is 吊销 and 存续（在营、开业、在册） is 存续.
STATUS_TABLE: tuple[tuple[str, str, str], ...] = (
    ("吊销", "closed", ""),
    ("注销", "closed", ""),
    ("撤销", "closed", ""),
    ("责令关闭", "closed", ""),
    ("清算", "inactive", "清算中：是否已停止经营请核实"),
    ("停业", "inactive", ""),
    ("歇业", "inactive", ""),
    ("迁出", "active", "已迁出登记机关辖区：企业仍存续，地址和区内企业请核实"),
    ("迁入", "active", ""),
    ("存续", "active", ""),
    ("在业", "active", ""),
    ("在营", "active", ""),
    ("开业", "active", ""),
    ("正常", "active", ""),
    ("登记成立", "active", ""),
    ("设立", "planned", ""),
    ("筹建", "planned", ""),
)
STATUS_LABELS = {"active": "在营", "inactive": "停产", "planned": "筹建", "closed": "注销"}


def status(text: object) -> tuple[str | None, str]:
    """The ledger status code for a status cell, and a note for the reviewer (why not, or what to check).

    >>> status("存续（在营、开业、在册）"), status("吊销，未注销"), status("迁出")[0], status("破产")
    (('active', ''), ('closed', ''), 'active', (None, '无法识别的登记状态'))
    """
    if text is None or str(text).strip() == "":
        return None, "未给出登记状态"
    flat = unicodedata.normalize("NFKC", str(text)).strip()
    for word, code, note in STATUS_TABLE:
        if word in flat:
            return code, note
    return None, "无法识别的登记状态"


# -- 注册资本 ------------------------------------------------------------------------------------------

_CURRENCIES = (
    ("美元", "美元"),
    ("港元", "港元"),
    ("港币", "港元"),
    ("欧元", "欧元"),
    ("日元", "日元"),
    ("英镑", "英镑"),
    ("人民币", "人民币"),
)
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Capital:
    amount: float  # in 万 of the currency
    currency: str

    def __str__(self) -> str:
        return f"{self.amount:g}万{self.currency}"


def capital(value: object, unit: str | None = None) -> tuple[Capital | None, str | None]:
    """Registered capital in 万 of its currency; ``unit`` is the header's bracket (``万元``, ``元``).

    >>> [str(capital(v)[0]) for v in ("1,000万元人民币", "50万美元", "5000000元", "1.2亿元")]
    ['1000万人民币', '50万美元', '500万人民币', '12000万人民币']
    >>> str(capital(300, "万元")[0]), capital(300)[1]
    ('300万人民币', '未注明单位，按万元读')
    """
    if value is None or str(value).strip() in ("", "-", "—", "未知", "不详"):
        return None, None
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "")
    found = _NUMBER.search(text)
    if not found:
        return None, "无法读出注册资本的数额"
    amount = float(found.group())
    rest = text[found.end() :] + (unit or "")
    currency = next((name for word, name in _CURRENCIES if word in text or word in (unit or "")), "人民币")
    if "亿" in rest:
        amount *= 10_000
    elif "万" in rest:
        pass
    elif "千" in rest:
        amount /= 10
    elif "元" in rest or any(word in rest for word, _ in _CURRENCIES):
        amount /= 10_000
    else:  # a bare number: exports without a unit give 万元
        return Capital(amount, currency), "未注明单位，按万元读"
    return Capital(round(amount, 6), currency), None


# -- dates ---------------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def date(value: object) -> tuple[dt.date | None, str | None]:
    """A date from a cell: a datetime, an Excel serial number, or text such as ``2005-3-1``,
    ``2005/03/01``, ``2005年3月1日``, ``2005.03.01``, ``20050301``.

    >>> [str(date(v)[0]) for v in ("2005年3月1日", "2005/3/1", "20050301", 38412, "2005-03-01 00:00:00")]
    ['2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01', '2005-03-01']
    """
    if value is None or str(value).strip() == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        return None, "无法识别的日期"
    text = unicodedata.normalize("NFKC", str(value)).strip()
    found = _DATE.match(text) or _COMPACT.fullmatch(text)
    if found:
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3))), None
        except ValueError:
            pass
    if text.isdigit() and 1 <= int(text) < 100_000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text)), None
    return None, "无法识别的日期"


def text(value: object) -> str:
    """A cell as clean text: half-width, single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value))).strip()
