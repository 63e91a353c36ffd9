"""Intake: firm lists exported from registry and statistics services (企业名录) turned into a ledger
and a review workbook. Nothing here writes to the graph: the ledger goes in through the ordinary import
once a person has reviewed it.

The steps are small modules: :mod:`headers` (the column alias table), :mod:`source` (bounded reading of
CSV and XLSX, the header found on any of the first rows), :mod:`normalise` (credit code, status, capital,
dates), :mod:`place` (address → region code), :mod:`industry` (text or code → GB/T 4754-2017 class),
:mod:`match` (the graph's firms), :mod:`suggest` (segments and products), :mod:`pipeline` (one row through
all of them), :mod:`write` (the two workbooks) and :mod:`xlsxwrite` (a small streaming XLSX writer)."""

from __future__ import annotations

import datetime as dt

from service.intake.graph import snapshot
from service.intake.pipeline import IntakeResult, run
from service.intake.source import Table, read_bytes, read_path
from service.intake.suggest import THRESHOLD
from service.storage.port import GraphStore

__all__ = ["IntakeResult", "intake", "read_bytes", "read_path"]


def intake(
    store: GraphStore,
    table: Table,
    chain: str | None = None,
    day: dt.date | None = None,
    threshold: float = THRESHOLD,
) -> IntakeResult:
    """A firm list read into ledger rows and review rows against the graph in ``store`` (read only)."""
    from service.errors import InvalidInput

    if table.header_row is None:
        raise InvalidInput(f"无法读取企业名录{table.source}", problems=[p.as_dict() for p in table.problems])
    return run(table, snapshot(store, chain), chain, day, threshold)
