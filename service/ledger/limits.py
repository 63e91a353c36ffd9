"""How much one ledger may hold, and how much of a user's value an error quotes back.

The limits are checked while a ledger is read, so that a hostile file is refused before it costs memory
or time: a workbook's zip directory before any part is decompressed, rows as they are read (and, for a
CSV, counted cheaply before any row is kept), cells as their rows are taken."""

from __future__ import annotations

from dataclasses import dataclass

from service.settings import Settings, get_settings

MIB = 1024 * 1024
# Characters of a user's value an error quotes, and of a file, sheet or column name; longer ones are cut.
QUOTE_CHARS = 200
NAME_CHARS = 100
# Characters of an error message: messages are built from ids and names, which are bounded elsewhere.
MESSAGE_CHARS = 500
# Room for the marker ``…（共N字）`` a cut value ends with, so cutting a cut value changes nothing.
_MARKER_ROOM = 24


@dataclass(frozen=True)
class Limits:
    """The bounds one read enforces; ``Limits.from_settings`` takes them from the service's settings."""

    rows: int  # rows after each header, blank ones too, over every list of one upload or import
    sheets: int  # lists (CSV files or worksheets named after a list) in one upload or import
    cell_chars: int  # characters in one cell
    xlsx_bytes: int  # a workbook's parts together, once decompressed
    xlsx_part_bytes: int  # one part other than a worksheet, once decompressed
    zip_ratio: int  # decompressed over compressed size of one workbook part (past 1 MiB)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        s = settings or get_settings()
        return cls(
            rows=s.max_upload_rows,
            sheets=s.max_upload_sheets,
            cell_chars=s.max_cell_chars,
            xlsx_bytes=s.max_xlsx_uncompressed_bytes,
            xlsx_part_bytes=s.max_xlsx_part_bytes,
            zip_ratio=s.max_zip_ratio,
        )


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with a marker giving its length, when it is much longer.

    >>> clip("x" * 1000, 5)
    'xxxxx…（共1000字）'
    >>> clip(clip("x" * 1000, 5), 5) == clip("x" * 1000, 5)
    True
    """
    if len(text) <= limit + _MARKER_ROOM:
        return text
    return f"{text[:limit]}…（共{len(text)}字）"


def size(n: int) -> str:
    """A byte count as people read it: ``50MB``, ``1GB``."""
    if n >= 1024 * MIB and n % (1024 * MIB) == 0:
        return f"{n // (1024 * MIB)}GB"
    return f"{n / MIB:g}MB"
