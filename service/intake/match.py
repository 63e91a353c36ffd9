"""Who a listed firm already is: the graph's firm with the same credit code, else the one with the same
normalised name. A name is normalised by making it half-width, dropping spaces and brackets (keeping
what they hold), dropping leading province and city names (``吉林省长春``), and writing 股份有限公司 and
有限责任公司 as 有限公司. Two graph firms with the key, or a name match whose credit codes differ, is
ambiguous: it goes to a person, never merged."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from seed.reference import regions
from service.intake.graph import Firm

_BRACKETS = re.compile(r"[()（）\[\]【】〔〕<>《》\"'“”‘’]")
_FORMS = (("股份有限公司", "有限公司"), ("有限责任公司", "有限公司"))


@lru_cache
def _place_names() -> tuple[frozenset[str], tuple[int, ...]]:
    """Province and city names, full and short, and their lengths, longest first."""
    names: set[str] = set()
    for ref in regions().values():
        if ref.level not in ("province", "city") or ref.name in ("市辖区", "县"):
            continue
        names.add(ref.name)
        for suffix in (
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "特别行政区",
            "自治区",
            "省",
            "市",
            "地区",
            "盟",
        ):
            if ref.name.endswith(suffix) and len(ref.name) - len(suffix) >= 2:
                names.add(ref.name[: -len(suffix)])
                break
    return frozenset(names), tuple(sorted({len(n) for n in names}, reverse=True))


def name_key(name: str) -> str:
    """A firm's name as compared.

    >>> name_key("吉林省长春皓月清真肉业股份有限公司") == name_key("长春皓月清真肉业有限公司")
    True
    >>> name_key("长春一汽富维（集团） 有限责任公司")
    '一汽富维集团有限公司'
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = _BRACKETS.sub("", re.sub(r"\s+", "", text))
    names, lengths = _place_names()
    changed = True
    while changed:
        changed = False
        for n in lengths:
            if len(text) > n + 2 and text[:n] in names:
                text = text[n:]
                changed = True
                break
    for long, short in _FORMS:
        if text.endswith(long):
            text = text[: -len(long)] + short
    return text


@dataclass(frozen=True)
class Match:
    kind: str  # new | existing | ambiguous
    firm: Firm | None = None
    how: str = ""  # 信用代码 / 名称
    candidates: tuple[Firm, ...] = field(default_factory=tuple)
    note: str = ""


class Matcher:
    def __init__(self, firms: list[Firm]) -> None:
        self.by_code: dict[str, list[Firm]] = defaultdict(list)
        self.by_name: dict[str, list[Firm]] = defaultdict(list)
        for firm in firms:
            if firm.credit_code:
                self.by_code[firm.credit_code.upper()].append(firm)
            self.by_name[name_key(firm.name)].append(firm)

    def match(self, code: str | None, name: str) -> Match:
        """The graph firm a listed firm is (``code`` only when its check character is right)."""
        if code and code in self.by_code:
            found = self.by_code[code]
            if len(found) == 1:
                return Match("existing", found[0], "信用代码")
            return Match("ambiguous", None, "信用代码", tuple(found), "图谱中有多家企业使用此信用代码")
        found = self.by_name.get(name_key(name), [])
        if not found:
            return Match("new")
        if len(found) > 1:
            return Match("ambiguous", None, "名称", tuple(found), "图谱中有多家同名企业")
        firm = found[0]
        if code and firm.credit_code and firm.credit_code.upper() != code:
            note = f"名称相同但信用代码不同（图谱中为{firm.credit_code}）"
            return Match("ambiguous", None, "名称", (firm,), note)
        return Match("existing", firm, "名称")
