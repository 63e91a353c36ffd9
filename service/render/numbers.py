"""Numbers as people read them: 万元 to one decimal, scores and factors to two, whole numbers as they are.
HTML, XLSX and CSV round for display only; the JSON answers keep full precision."""

from __future__ import annotations

from typing import Any

WAN = "万元"


def wan(value: float | None) -> str:
    """An amount in 万元, to one decimal; — where unknown.

    >>> wan(1047.3000000000002), wan(None), wan(45)
    ('1047.3', '—', '45.0')
    """
    return "—" if value is None else f"{float(value):.1f}"


def score(value: float | None) -> str:
    """A score, factor or share of 0–1, to two decimals; — where unknown.

    >>> score(10.867), score(0.5915)
    ('10.87', '0.59')
    """
    return "—" if value is None else f"{float(value):.2f}"


def weight(value: float) -> str:
    """A weight as set: 15.0 reads 15.

    >>> weight(15.0), weight(12.5)
    ('15', '12.5')
    """
    return f"{float(value):g}"


def rounded(value: Any, header: str = "") -> Any:
    """A table cell for display: a float rounded to one decimal under a 万元 header, else to two; other
    values unchanged (a whole float stays a number, ints and text pass through).

    >>> rounded(237.29999999999998, "总投资(万元)"), rounded(10.8666, "总分"), rounded("甲"), rounded(3)
    (237.3, 10.87, '甲', 3)
    """
    if isinstance(value, float) and not isinstance(value, bool):
        return round(value, 1 if WAN in header else 2)
    return value
