"""What a firm does, as a GB/T 4754-2017 small class (the shared reference list): from a code (``3670``,
``C3670``, ``汽车零部件及配件制造(3670)``) or from the class's name written out, alone or after its
section and division (``制造业-汽车制造业-汽车零部件及配件制造``). The source cut a few long names short
(3716 ends in 配件制), so a class name that begins a written name counts too. A code of a coarser level
(a division 36, a group 367) is not a class: it is reported, not widened."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from seed.reference import industry_codes

_CODE = re.compile(r"(?<![0-9])[A-T]?(\d{2,4})(?![0-9])")
TEXT_CHARS = 100  # of a cell read: the longest path of names is about 40
_SPLIT = re.compile(r"[-—>/|、，,;；\s()（）]+")


@dataclass(frozen=True)
class Industry:
    code: str | None
    name: str
    note: str  # how it was read, or why not


@lru_cache
def _names() -> dict[str, str]:
    return {unicodedata.normalize("NFKC", name): code for code, name in industry_codes().items()}


def classify(value: object) -> Industry:
    """The class an 所属行业 cell names.

    >>> classify("C3670").code, classify("制造业-汽车制造业-汽车零部件及配件制造").code, classify("367").note
    ('3670', '3670', '只有行业大类或中类367，未到小类')
    """
    if value is None or str(value).strip() == "":
        return Industry(None, "", "未给出所属行业")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _classify(unicodedata.normalize("NFKC", str(value)).strip()[:TEXT_CHARS])


@lru_cache(maxsize=4096)
def _classify(text: str) -> Industry:
    classes = industry_codes()
    coarse = None
    for found in _CODE.finditer(text):
        digits = found.group(1)
        padded = "0" + digits if len(digits) == 3 and text.isdigit() else digits  # 0311 read as 311
        if len(padded) == 4 and padded in classes:
            return Industry(padded, classes[padded], "按行业代码")
        coarse = coarse or digits
    names = _names()
    parts = [p for p in _SPLIT.split(text) if p]
    for part in reversed(parts):  # the most specific name is written last
        if part in names:
            return Industry(names[part], classes[names[part]], "按行业名称")
    for part in reversed(parts):
        prefixed = [code for name, code in names.items() if len(name) >= 4 and part.startswith(name)]
        if len(prefixed) == 1:
            return Industry(prefixed[0], classes[prefixed[0]], "按行业名称（参考表中名称被截短）")
    if coarse and len(coarse) < 4:
        return Industry(None, "", f"只有行业大类或中类{coarse}，未到小类")
    return Industry(None, "", "无法对应到GB/T 4754-2017小类")
