"""Response models of the write checks: what a dry run of an import or an undo would change."""

from __future__ import annotations

from pydantic import BaseModel


class SheetPreview(BaseModel):
    sheet: str
    title: str
    created: int
    changed: int
    deleted: int
    examples: dict[str, list[str]]


class WritePreview(BaseModel):
    """What an import or an undo would change; nothing was written. ``count`` is the number a confirmed
    call names (``confirm=<count>``) when ``needs_confirmation``."""

    dry_run: bool = True
    kind: str
    sheets: list[SheetPreview]
    created: int
    changed: int
    deleted: int
    count: int
    threshold: int
    needs_confirmation: bool
    summary: str
