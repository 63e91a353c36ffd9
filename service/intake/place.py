"""Where a firm is: an address turned into the finest region code it names, offline, from the reference
divisions (NBS 2023: every province, city and county of China, and Changchun's townships, streets and
development zones).

The address is read from its start, one division at a time: at each place the longest name of a division
inside the one already found (and deeper than it) is taken, so ``吉林省长春市绿园区西新镇``,
``长春市绿园区西新镇``, ``绿园区西新镇`` and ``长春绿园西新镇`` give the same township. Short names (``吉林``,
``长春``, ``绿园``) count too, a county's short name only after its city and not when a road follows
(``长春市朝阳路`` is a road, not 朝阳区). Development zones are known by their usual names (``汽开区``,
``净月区``, ``绿园经济开发区``). When the start stops short, the rest of the address is searched for a
township of the county (``绿园区皓月大路888号（西新镇）``). A name several divisions share (朝阳区) is taken
in the home city first (Changchun), then the home province; otherwise the address is placed only as deep
as the candidates agree. An address naming nothing is unresolved."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from seed.reference import regions

HOME_CITY = "2201"  # names several divisions share are taken here first
HOME_PROVINCE = "22"
DISTRICT = "220106"  # 绿园区: 区内企业 follows from it
LEVELS = {2: "省", 4: "市", 6: "区县", 9: "乡镇街道"}
LEVEL_KEYS = {2: "province", 4: "city", 6: "county", 9: "township"}

# Usual names of development zones and parks (a name the reference list spells differently).
ZONE_ALIASES: dict[str, tuple[str, ...]] = {
    "220171": ("长春经开区", "经开区", "经济技术开发区", "长春经济开发区"),
    "220172": ("净月区", "净月开发区", "净月高新区", "净月高新技术产业开发区", "净月经济开发区"),
    "220173": ("长春高新区", "高新区", "高新开发区", "高新技术产业开发区"),
    "220174": ("汽开区", "长春汽开区", "汽车经济技术开发区", "汽车产业开发区", "汽车开发区"),
    "220106400": ("绿园开发区", "绿园经开区", "绿园区经济开发区"),
    "220106401": ("皓月园区", "皓月工业园区", "皓月产业园"),
    "220184407": ("范家屯开发区",),
}
_PLACEHOLDER_CITIES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_ROAD_AFTER = set("路街道巷村号桥弄胡里")  # after a county's short name: a road, not the county
_SEPARATORS = set(",，、-—·/|;；:：()（）")
_PREFIXES = ("中华人民共和国", "中国")


@dataclass(frozen=True)
class Placement:
    code: str | None  # the finest region code found, None when nothing was
    matched: tuple[str, ...]  # the words of the address that placed it
    note: str  # why it stopped short, for the reviewer ("" when it reached a township)

    @property
    def level(self) -> str | None:
        return LEVEL_KEYS.get(len(self.code)) if self.code else None

    @property
    def level_label(self) -> str:
        return LEVELS.get(len(self.code), "") if self.code else "未识别"

    @property
    def in_district(self) -> bool | None:
        """Inside the district (是/否), or None when the code is too coarse to tell."""
        if self.code is None:
            return None
        if self.code.startswith(DISTRICT):
            return True
        if DISTRICT.startswith(self.code):
            return None
        return False


@dataclass(frozen=True)
class _Entry:
    code: str
    short: bool  # a short name (长春, 绿园): taken with more care


class Gazetteer:
    """The reference divisions indexed by every name they go by."""

    def __init__(self) -> None:
        self.names: dict[str, list[_Entry]] = defaultdict(list)
        self.full: dict[str, str] = {}
        for code, ref in regions().items():
            self.full[code] = ref.name
            if ref.level == "city" and ref.name in _PLACEHOLDER_CITIES:
                continue
            self._add(ref.name, code, False)
            for short in _shorts(ref.name, ref.level):
                self._add(short, code, True)
        for code, names in ZONE_ALIASES.items():
            for name in names:
                self._add(name, code, False)
        self.longest = max(len(n) for n in self.names)

    def _add(self, name: str, code: str, short: bool) -> None:
        entries = self.names[name]
        if not any(e.code == code for e in entries):
            entries.append(_Entry(code, short))

    def path(self, code: str) -> str:
        """The division's name with its parents' (``吉林省长春市绿园区``)."""
        parts = []
        for n in (2, 4, 6, 9):
            if len(code) >= n and code[:n] in self.full:
                name = self.full[code[:n]]
                if name not in _PLACEHOLDER_CITIES:
                    parts.append(name)
        return "".join(parts)

    def place(self, address: str) -> Placement:
        """The finest division ``address`` names."""
        text = _clean(address)
        if not text:
            return Placement(None, (), "地址为空")
        current = ""
        matched: list[str] = []
        pos = 0
        while len(current) < 9:  # each round goes deeper, so at most four rounds
            pos, current = self._parse(text, pos, current, matched)
            if len(current) == 9 or not (current.startswith(HOME_CITY) or not current):
                break
            found = self._search(text, pos, current)
            if found is None:
                break
            name, code, pos = found
            matched.append(name)
            current = code
        if not current:
            return Placement(None, (), "地址中找不到省、市、区县或乡镇街道的名称")
        note = "" if len(current) == 9 else _short_of(current)
        return Placement(current, tuple(matched), note)

    def _parse(self, text: str, pos: int, current: str, matched: list[str]) -> tuple[int, str]:
        """Read divisions from ``pos`` on while each names one inside the last: where it stopped and the
        code reached."""
        while pos < len(text) and len(current) < 9:
            if text[pos] in _SEPARATORS:
                pos += 1
                continue
            found = self._longest(text, pos, current)
            if found is None:
                break
            name, code = found
            matched.append(name)
            current = code
            pos += len(name)
        return pos, current

    def _candidates(self, name: str, current: str, anywhere: bool) -> list[str]:
        codes = []
        for entry in self.names.get(name, ()):
            code = entry.code
            if not code.startswith(current) or len(code) <= len(current):
                continue
            if entry.short and (anywhere or (len(code) >= 6 and len(current) < 4)):
                continue  # a county's short name only after its city; no short name mid-address
            codes.append(code)
        return codes

    def _longest(self, text: str, pos: int, current: str) -> tuple[str, str] | None:
        for length in range(min(self.longest, len(text) - pos), 1, -1):
            name = text[pos : pos + length]
            codes = self._candidates(name, current, anywhere=False)
            if not codes:
                continue
            if any(e.short for e in self.names[name] if e.code in codes) and len(codes[0]) >= 6:
                after = text[pos + length : pos + length + 1]
                if after in _ROAD_AFTER:
                    continue
            code = _choose(codes)
            if code is not None:
                return name, code
        return None

    def _search(self, text: str, start: int, current: str) -> tuple[str, str, int] | None:
        """The first full name of a division inside ``current`` anywhere after ``start`` (townships and
        zones of the home city, or a county when nothing was found from the start)."""
        for pos in range(start, len(text) - 1):
            for length in range(min(self.longest, len(text) - pos), 2, -1):
                name = text[pos : pos + length]
                codes = self._candidates(name, current, anywhere=True)
                if not current:  # nothing from the start: a county or finer, not a word like 吉林
                    codes = [c for c in codes if len(c) >= 6]
                code = _choose(codes) if codes else None
                if code is not None:
                    return name, code, pos + length
        return None


def _choose(codes: list[str]) -> str | None:
    """One code of several that share a name: the home city's, the home province's, else the division
    all candidates lie in (None when they do not even share a province).

    >>> _choose(["22", "2202"]), _choose(["110105", "220104"]), _choose(["220106001", "220182002"])
    ('22', '220104', '2201')
    """
    if len(codes) == 1:
        return codes[0]
    for home in (HOME_CITY, HOME_PROVINCE):
        near = [c for c in codes if c.startswith(home)]
        if len(near) == 1:
            return near[0]
        if near:
            codes = near
    for n in (9, 6, 4, 2):
        if len({c[:n] for c in codes}) == 1 and all(len(c) >= n for c in codes):
            return codes[0][:n]
    return None


def _shorts(name: str, level: str) -> list[str]:
    if level == "province":
        for suffix in _PROVINCE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
        return []
    if level == "city":
        stem = re.sub(r"((?:[\u4e00-\u9fff]{1,3}族)+)?自治州$", "", name)
        if stem != name and len(stem) >= 2:
            return [stem]
        for suffix in ("地区", "市", "盟"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
        return []
    if level == "county":
        for suffix in ("区", "县", "市", "旗"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2 and "自治" not in name:
                return [name[: -len(suffix)]]
    return []


def _short_of(code: str) -> str:
    if len(code) == 6:
        return "只识别到区县，乡镇街道未知"
    if len(code) == 4:
        return "只识别到市，区县未知"
    return "只识别到省，市和区县未知"


def _clean(address: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", address or ""))
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


@lru_cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once."""
    return Gazetteer()
