"""Text cells that spreadsheet programs must not run: Excel treats a CSV cell starting with = + - @ (or
a tab or carriage return) as a formula, so exported text cells that start so get a leading apostrophe,
which Excel shows as text; the ledger reader takes it off again, so export and import round-trip."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell Excel will not evaluate.

    >>> csv_safe('=HYPERLINK("http://x","y")'), csv_safe("正常文本")
    ('\\'=HYPERLINK("http://x","y")', '正常文本')
    """
    return GUARD + text if text.startswith(TRIGGERS) else text


def unguard(text: str) -> str:
    """Undo :func:`csv_safe`.

    >>> unguard("'=1+1"), unguard("'引号")
    ('=1+1', "'引号")
    """
    return text[1:] if text.startswith(GUARD) and text[1:].startswith(TRIGGERS) else text
