"""Intake of the labelled export (tests/intake/export.py, 360 rows) on the seed graph, on every engine:
how well regions and segments are found, that both engines give the same rows, and that the ledger passes
the import's own checks (for all chains, and for one chain with that chain's scope) without a write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.intake import scores
from service import write_guard
from service.intake import intake, read_path
from service.intake.pipeline import NEW
from service.intake.write import LEDGER_NAME, ledger_bytes
from service.ledger.load import read_state
from service.ledger.read import read_upload
from service.ledger.scope import CREATE
from service.storage.port import GraphStore
from tests.intake.export import build, write_xlsx

DAY = dt.date(2026, 11, 20)
_ROWS: dict[str, list[dict[str, str]]] = {}


def test_labelled_export_is_placed_well(seed_store: GraphStore, tmp_path: Path, engine_name: str) -> None:
    rows, labels = build(360)
    result = intake(seed_store, read_path(write_xlsx(tmp_path / "名录.xlsx", rows)), day=DAY)
    measured = scores(result, labels)
    assert measured["region_county"]["precision"] >= 0.98 and measured["region_county"]["recall"] >= 0.97
    assert measured["region_township"]["precision"] >= 0.98 and measured["region_township"]["recall"] >= 0.95
    assert measured["top_segment"]["precision"] >= 0.9 and measured["top_segment"]["recall"] >= 0.5
    # the wrong credit codes (label code_ok False with a code written) are all flagged, none written
    flagged = {o.number for o in result.outcomes if any("信用代码不可信" in n for n in o.needs)}
    written = {r["credit_code"] for r in result.ledger_rows}
    for i, (row, label) in enumerate(zip(rows, labels, strict=True)):
        if row[1] and not label.code_ok:
            assert i + 2 in flagged and row[1] not in written
    _ROWS[engine_name] = result.ledger_rows
    if len(_ROWS) == 2:  # both engines have run: the same ledger
        assert _ROWS["ladybug"] == _ROWS["neo4j"]

    before = read_state(seed_store)
    raw = read_upload(LEDGER_NAME, ledger_bytes(result))
    preview = write_guard.preview_import(seed_store, raw, None, 10**6)
    assert preview.count == 0  # nothing deleted
    new = sum(o.destination == NEW for o in result.outcomes)
    assert new > 100 and preview.counts["enterprises"][CREATE] == new
    beef = intake(seed_store, read_path(tmp_path / "名录.xlsx"), chain="beef", day=DAY)
    assert beef.ledger_rows and all("beef." in r["segments"] for r in beef.ledger_rows)
    write_guard.preview_import(seed_store, read_upload(LEDGER_NAME, ledger_bytes(beef)), {"beef"}, 10**6)
    assert read_state(seed_store) == before


@pytest.fixture
def engine_name(seed_store: GraphStore) -> str:
    return "neo4j" if "neo4j" in type(seed_store).__name__.lower() else "ladybug"
