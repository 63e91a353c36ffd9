"""Where a firm is, seen from the district: region codes are national statistical division codes, so
distance classes are code prefixes."""

from __future__ import annotations

DISTRICT_CODE = "220106"  # 绿园区
CITY_PREFIX = "2201"  # 长春市
PROVINCE_PREFIX = "22"  # 吉林省

DISTANCE_LABELS = {
    "district": "区内",
    "city": "同市（长春）",
    "province": "同省（吉林）",
    "country": "省外",
    "unknown": "地区不明",
}
PARK_SUFFIXES = ("开发区", "园区", "产业园")
# Statistical division codes name their level by their length.
LEVELS = {2: "province", 4: "city", 6: "county", 9: "township"}
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇级"}


def region_level(region_code: str | None) -> str | None:
    """The level a region code is known to: ``province``, ``city``, ``county``, ``township`` or None.

    >>> [region_level(c) for c in ("22", "2201", "220106", "220106400", None)]
    ['province', 'city', 'county', 'township', None]
    """
    return LEVELS.get(len(region_code or ""))


def distance_note(region_code: str | None) -> str:
    """How the distance class was read from a code known only to some level: what is known and what
    is not (empty where the code settles the class).

    >>> distance_note("22")
    '地区仅知到省级（吉林省）：按同省计，是否在长春市内不明'
    >>> distance_note("2201"), distance_note("220402"), distance_note(None)
    ('地区仅知到市级（长春市），区县不明', '', '地区不明：按0计')
    """
    where = distance_class(region_code)
    level = region_level(region_code)
    if where == "unknown":
        return "地区不明：按0计"
    if where == "province" and level == "province":
        return "地区仅知到省级（吉林省）：按同省计，是否在长春市内不明"
    if where == "city" and level == "city":
        return "地区仅知到市级（长春市），区县不明"
    if where == "country" and level == "province":
        return "地区仅知到省级：省外"
    return ""


def distance_class(region_code: str | None) -> str:
    """``district``, ``city``, ``province``, ``country`` (elsewhere in China) or ``unknown``.

    >>> [distance_class(c) for c in ("220106400", "220104", "220402", "350902", None)]
    ['district', 'city', 'province', 'country', 'unknown']
    """
    code = region_code or ""
    if not code:
        return "unknown"
    if code.startswith(DISTRICT_CODE):
        return "district"
    if code.startswith(CITY_PREFIX):
        return "city"
    if code.startswith(PROVINCE_PREFIX):
        return "province"
    return "country"


def is_park(name: str) -> bool:
    """Whether a township-level unit is a development zone or industrial park (by its official name)."""
    return name.endswith(PARK_SUFFIXES)
