"""SIGKILL in the middle of an import's write, on both engines: afterwards the graph is exactly as before
the import, never in between, and the same import then runs to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from seed import dataset_path
from seed.generate import generate
from service.ledger.export import export_csv
from service.ledger.load import import_ledger, read_state
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from tests.conftest import ENGINES, FIXTURES, ROOT

WRITE_STAGE = "写入"
KILL_AFTER = 2  # statements of the one write transaction already sent when the child is killed


def _snapshot(store: GraphStore, folder: Path) -> dict[str, bytes]:
    """The whole graph as ledger files (the export is exact: export → import → export is identical)."""
    export_csv(store, read_state(store), folder)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big") / "ledger"
    with dataset_path() as template:
        generate(template, out, enterprises=8_000, links=30_000, seed=5)
    return out


def _open(engine: str, where: str) -> GraphStore:
    from service.settings import Settings
    from service.storage.backends import open_store

    if engine == "ladybug":
        return open_store(Settings(backend="embedded", embedded_path=Path(where)))
    password = os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD", "")
    return open_store(Settings(backend="neo4j", neo4j_uri=where, neo4j_password=password))


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_mid_import_leaves_before_or_after(
    engine: str, big_ledger: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    where = request.getfixturevalue("neo4j_uri") if engine == "neo4j" else str(tmp_path / "graph.lbdb")
    store = _open(engine, where)
    if engine == "neo4j":
        from service.storage.queries import Q

        store.write([(Q.CLEAR_GRAPH, {})])
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    before = _snapshot(store, tmp_path / "before")
    store.close()  # one read-write database per path per process: the child opens it

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.kill_child", engine, where, str(big_ledger)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    writes = 0
    finished = False
    for line in child.stdout:
        if line.startswith(WRITE_STAGE):
            writes += 1
            if writes > KILL_AFTER:
                child.send_signal(signal.SIGKILL)
                break
        if line.startswith("DONE"):
            finished = True
            break
    child.wait(timeout=120)
    # The write is one transaction of many statements and the kill comes after the first few, so
    # the import cannot have finished; were it ever to, this test would need a bigger ledger.
    assert not finished and writes > KILL_AFTER
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""

    store = _open(engine, where)
    try:
        assert _snapshot(store, tmp_path / "after") == before
        # and the store works: the same import, run to the end now, applies all of it
        firms, links = (
            len(store.read(f"ingest/list_{n}")) for n in ("enterprise", "supplies_enterprise_enterprise")
        )
        import_ledger(store, read_ledger(big_ledger))
        assert len(store.read("ingest/list_enterprise")) == firms + 8_000
        assert len(store.read("ingest/list_supplies_enterprise_enterprise")) == links + 30_000
    finally:
        store.close()
