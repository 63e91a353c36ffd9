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
