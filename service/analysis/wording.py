"""Sentences a person reads: lists of names cut to a few, and firm states in words. The full lists stay
in the answers' fields; only the sentences are bounded."""

from __future__ import annotations

from collections.abc import Sequence

from graph_schema import MODEL

# A sentence names at most this many segments or firms, then says how many there are in all.
NAMED = 5
SEGMENTS = "个环节"
FIRMS = "家企业"

STATUS_LABELS = {c.code: c.label for c in MODEL.node("Enterprise").prop("status").choices}
SCALE_LABELS = {c.code: c.label for c in MODEL.node("Enterprise").prop("scale").choices}
UNKNOWN = "未知"


def label(labels: dict[str, str], code: str | None) -> str:
    """A code's Chinese label; 未知 for a value the ledger left unknown."""
    return UNKNOWN if code is None else labels.get(code, code)


def yes_no_label(value: bool | None) -> str:
    """是, 否, or 未知 (never read as 否)."""
    return UNKNOWN if value is None else ("是" if value else "否")


def some(names: Sequence[str], unit: str, limit: int = NAMED) -> str:
    """``names`` joined with 、, at most ``limit`` of them; when there are more, the first ``limit``
    and then 等N``unit`` (N counts them all).

    Examples
    --------
    >>> some(["整车", "总成"], SEGMENTS)
    '整车、总成'
    >>> some([f"环节{i}" for i in range(1, 8)], SEGMENTS)
    '环节1、环节2、环节3、环节4、环节5等7个环节'
    """
    if len(names) <= limit:
        return "、".join(names)
    return "、".join(names[:limit]) + f"等{len(names)}{unit}"


def firm_count(names: Sequence[str]) -> str:
    """The firms by name with their number: 甲一家企业, 甲、乙2家企业, or the first five 等N家企业.

    Examples
    --------
    >>> firm_count(["甲"]), firm_count(["甲", "乙"])
    ('甲一家企业', '甲、乙2家企业')
    >>> firm_count([f"企业{i}" for i in range(1, 13)])
    '企业1、企业2、企业3、企业4、企业5等12家企业'
    """
    if len(names) == 1:
        return f"{names[0]}一家企业"
    if len(names) <= NAMED:
        return f"{'、'.join(names)}{len(names)}{FIRMS}"
    return some(names, FIRMS)


# How a firm that is not in operation stands, said of one firm and of several firms alike.
_NOT_ACTIVE = {
    "planned": ("尚在筹建", "均在筹建"),
    "inactive": ("已停产", "均已停产"),
    "closed": ("已注销", "均已注销"),
}


def not_active(statuses: Sequence[str | None]) -> str:
    """Why firms that are not in operation give no capacity, by their status (筹建, 停产, 注销) and
    number; an unknown status is said to be unknown.

    Examples
    --------
    >>> not_active(["planned"]), not_active(["inactive", "inactive"])
    ('尚在筹建', '均已停产')
    >>> not_active(["inactive", "planned", "inactive"])
    '均未在营（其中停产2家、筹建1家）'
    >>> not_active([None])
    '经营状态不明'
    """
    kinds = sorted(set(statuses), key=lambda s: (s is None, s or ""))
    if len(kinds) == 1:
        kind = kinds[0]
        if kind in _NOT_ACTIVE:
            return _NOT_ACTIVE[kind][0 if len(statuses) == 1 else 1]
        label = STATUS_LABELS.get(kind or "")
        if label is None:
            return "经营状态不明" if len(statuses) == 1 else "经营状态均不明"
        return f"经营状态为{label}" if len(statuses) == 1 else f"经营状态均为{label}"
    order = list(STATUS_LABELS)  # the schema's order: 在营, 停产, 筹建, 注销
    counted = sorted(kinds, key=lambda s: (order.index(s) if s in order else len(order), s or ""))
    parts = [f"{STATUS_LABELS.get(k or '', '状态不明')}{statuses.count(k)}家" for k in counted]
    return f"均未在营（其中{'、'.join(parts)}）"


ILLUSTRATIVE = "illustrative"
PUBLIC_PREFIX = "public:"


def provenance_label(text: str | None) -> str:
    """Where a fact comes from, in words: ``illustrative`` is 示意数据; ``public: …`` is 公开资料：….

    Examples
    --------
    >>> provenance_label("illustrative"), provenance_label("public: 企业官网")
    ('示意数据（非真实来源）', '公开资料：企业官网')
    """
    if not text:
        return "未记录"
    if text.strip() == ILLUSTRATIVE:
        return "示意数据（非真实来源）"
    if text.startswith(PUBLIC_PREFIX):
        return "公开资料：" + text[len(PUBLIC_PREFIX) :].strip()
    return text
