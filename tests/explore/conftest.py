"""The graph the explorer and notebook tests read: the Lüyuan seed recorded on 2026-11-02 and one weekly
update on 2026-11-09 (tests/fixtures/weekly), on each engine in this process, and behind a real
``chainlens serve`` (embedded, keys checked) for the remote explorer. Test artifacts (chart PNGs,
executed notebooks as HTML) go under test-artifacts/ at the repository root."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from seed import dataset_path
from service import history
from service.access import KeyStore
from service.explore.local import LocalExplorer
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.backends import open_store
from service.storage.port import GraphStore
from tests.conftest import ENGINES, FIXTURES, ROOT, close_store, make_store
from tests.serving import served

SEED_DAY, WEEK_DAY = dt.date(2026, 11, 2), dt.date(2026, 11, 9)
WEEK = "2026-W46"  # the ISO week of WEEK_DAY
ARTIFACTS = ROOT / "test-artifacts"


def record(store: GraphStore) -> None:
    """The seed, then the weekly update, each as a dated update of the history."""
    with dataset_path() as ledger:
        history.import_update(store, read_ledger(ledger), author="区产业链办", note="种子数据", at=SEED_DAY)
    weekly = read_ledger(FIXTURES / "weekly")
    history.import_update(store, weekly, author="汽车链办公室", note="新增电池企业", at=WEEK_DAY)


def build_embedded(path: Path) -> Path:
    """An embedded store at ``path`` holding the recorded graph, closed again (for another process)."""
    store = open_store(Settings(backend="embedded", embedded_path=path))
    try:
        record(store)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module", params=ENGINES)
def local(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalExplorer]:
    """A local explorer over the recorded graph on each engine (the store is closed by the test
    session's rules: the Neo4j driver outlives it)."""
    store = make_store(request.param, request, tmp_path_factory.mktemp("explore"))
    record(store)
    yield LocalExplorer(store, request.param)
    close_store(store)


@dataclass(frozen=True)
class Service:
    url: str
    viewer_key: str
    home: Path


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """``chainlens serve`` in its own process over an embedded store of the recorded graph, with one
    admin and one viewer key (so keys are checked, as on the district's server)."""
    home = tmp_path_factory.mktemp("service")
    build_embedded(home / "graph.lbdb")
    keys = KeyStore(home / "keys.json")
    keys.create("区管理员", "admin")
    _, viewer = keys.create("汽车链分析员", "viewer")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CHAINLENS_BACKEND": "embedded",
        "CHAINLENS_EMBEDDED_PATH": str(home / "graph.lbdb"),
        "CHAINLENS_KEYS_FILE": str(home / "keys.json"),
    }
    with served(env, home / "server.log") as (url, _):
        yield Service(url, viewer, home)


MISSING = object()


def leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of a JSON row by its dotted path (a non-empty object is walked; anything else is a
    leaf), written apart from the module under test."""
    for key, inner in value.items():
        path = f"{prefix}{key}"
        if isinstance(inner, Mapping) and inner:
            yield from leaves(inner, f"{path}.")
        else:
            yield path, inner


def _same(cell: Any, expected: Any) -> bool:
    if expected is MISSING or expected is None:
        return cell is None or (isinstance(cell, float) and math.isnan(cell))
    if isinstance(expected, bool) or isinstance(cell, bool):
        return bool(cell) is expected if isinstance(expected, bool) else False
    if isinstance(expected, (int, float)):
        return float(cell) == float(expected)
    return bool(cell == expected)


def assert_frame_is_answer(df: Any) -> None:
    """Each row of the frame is a row of its answer's part, each column a field of it: every leaf of
    the row is in its column, every cell holds its row's leaf (or nothing, where the row lacks it)."""
    raw, fields = df.attrs["raw"], df.attrs["fields"]
    for i, (part, j) in enumerate(df.attrs["sources"]):
        source: Any = raw
        for step in (part or "").split(".") if part else ():
            source = source[step]
        row = source if isinstance(source, Mapping) else source[j]
        row = row if isinstance(row, Mapping) else {"value": row}
        found = dict(leaves(row))
        columns = {f: h for h, f in fields.items() if f is not None}
        assert set(found) <= set(columns), set(found) - set(columns)
        for field, header in columns.items():
            cell = df.iloc[i][header]
            expected = found.get(field, MISSING)
            assert _same(cell, expected), (part, j, field, cell, expected)
    parts = df.attrs["part"] if isinstance(df.attrs["part"], tuple) else (df.attrs["part"],)
    total = 0
    for part in parts:
        value: Any = raw
        for step in part.split(".") if part else ():
            value = value[step]
        total += len(value) if isinstance(value, list) else 1
    assert len(df) == total
