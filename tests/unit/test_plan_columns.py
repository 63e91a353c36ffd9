"""The import planner gives exactly the statements it gave before it built new nodes and links a row at a
time in one step (kept as ``tests.unit.load_reference``): over the seed ledger into an empty graph, into
a graph that holds part of it, and as partial ledgers (a few columns, deletions) of rows the graph holds."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from graph_schema import MODEL
from seed import dataset_path
from service.ledger import load as current
from service.ledger.format import OP_HEADER, OP_KEY
from service.ledger.read import RawLedger, read_ledger
from service.ledger.validate import _key_columns, check
from tests.unit import load_reference as reference


@pytest.fixture(scope="module")
def seed_ledger() -> RawLedger:
    with dataset_path() as path:
        raw = read_ledger(path)
    state = current.GraphState()
    regions = current.region_sheet(state)
    assert regions is not None
    return RawLedger([regions, *raw.sheets], list(raw.problems))


def _holding(raw: RawLedger, rng: random.Random, share: float) -> current.GraphState:
    """A graph state holding about ``share`` of the ledger's rows, with the values the ledger gives."""
    checked = check(raw, current.GraphState().ids())
    assert not checked.problems
    state = current.GraphState()
    for cs in checked.sheets:
        for row in cs.rows:
            if rng.random() >= share:
                continue
            if cs.sheet.node is not None:
                props = {p: row.values.get(p) for p in cs.sheet.node.property_names}
                state.nodes.setdefault(cs.sheet.node.label, {})[row.values["id"]] = props
            else:
                assert cs.sheet.rel is not None
                rel = cs.sheet.rel
                a, b = row.key(cs.sheet)[:2]
                props = {"from_id": a, "to_id": b, **{p: row.values.get(p) for p in rel.property_names}}
                state.rels.setdefault(rel.type, {})[row.key(cs.sheet)] = props
    for rel in MODEL.relationships:
        if rel.sheet:
            state.rels.setdefault(rel.type, {})
    return state


def _partial(raw: RawLedger, rng: random.Random) -> RawLedger:
    """Some sheets cut to their key and a few columns, some rows marked 删除."""
    raw = copy.deepcopy(raw)
    for rs in raw.sheets[1:]:
        if rng.random() < 0.5:
            rs.present = _key_columns(rs.sheet) | set(
                rng.sample(sorted(rs.present), k=min(2, len(rs.present)))
            )
        for r in rs.rows:
            if rng.random() < 0.1:
                r.cells[OP_KEY] = "删除"
                r.headers = {**r.headers, OP_KEY: OP_HEADER}
    return raw


def _plans(raw: RawLedger, state: current.GraphState) -> tuple[Any, Any]:
    checked = check(raw, state.ids())
    if checked.problems:
        return None, None
    return reference.plan(copy.deepcopy(checked), state), current.plan(checked, state)


def test_plans_as_before(seed_ledger: RawLedger, monkeypatch: pytest.MonkeyPatch) -> None:
    # every creation in bulk, as the old planner wrote them (a few rows are now ``add``ed: see
    # tests/contract/test_journaled_creates.py)
    monkeypatch.setattr(current, "COPY_FROM_ROWS", 0)
    compared = 0
    for n in range(12):
        rng = random.Random(n)
        state = _holding(seed_ledger, rng, (0.0, 0.5, 1.0)[n % 3])
        for raw in (seed_ledger, _partial(seed_ledger, rng)):
            before, after = _plans(raw, state)
            assert after == before, n
            compared += before is not None
    assert compared >= 12  # most partial ledgers are valid, so most comparisons happen
