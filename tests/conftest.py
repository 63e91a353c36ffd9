"""Shared fixtures: a store per engine, a real Neo4j resolved once per session.

Neo4j is found in this order: ``CHAINLENS_NEO4J_URI`` or ``NEO4J_URI``; a testcontainers
``neo4j:5.26-community`` container when a Docker engine answers; else ``scripts/neo4j-dev start``, which
runs a real Neo4j Community server from Maven Central. With ``CI=true`` a Neo4j test that cannot reach
Neo4j fails; it never skips. The tests empty the database they are given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from service.storage.queries import Q

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENGINES = ("ladybug", "neo4j")


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class _Neo4jServer:
    """Where the session's Neo4j is and how to stop it again, if the session started it."""

    def __init__(self) -> None:
        self.uri: str | None = None
        self.error: str | None = None
        self._stop: list[str] | None = None
        self._container: object | None = None

    def start(self) -> None:
        explicit = os.environ.get("CHAINLENS_NEO4J_URI") or os.environ.get("NEO4J_URI")
        if explicit:
            self.uri = explicit
            return
        if _docker_answers():
            from testcontainers.neo4j import Neo4jContainer

            container = Neo4jContainer("neo4j:5.26-community", password="chainlens-test")
            container.start()
            self._container = container
            self.uri = container.get_connection_url()
            os.environ.setdefault("CHAINLENS_TEST_NEO4J_PASSWORD", "chainlens-test")
            return
        script = ROOT / "scripts" / "neo4j-dev"
        already = subprocess.run([str(script), "status"], capture_output=True, timeout=60).returncode == 0
        proc = subprocess.run([str(script), "start"], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            self.error = f"scripts/neo4j-dev start failed:\n{proc.stdout}\n{proc.stderr}"
            return
        self.uri = proc.stdout.strip().splitlines()[-1]
        if not already:  # a server someone started by hand outlives the test session
            self._stop = [str(script), "stop"]

    def stop(self) -> None:
        if self._container is not None:
            self._container.stop()  # type: ignore[attr-defined]
        if self._stop:
            subprocess.run(self._stop, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[_Neo4jServer]:
    server = _Neo4jServer()
    yield server
    server.stop()


def _need_neo4j(server: _Neo4jServer) -> str:
    if server.uri is None and server.error is None:
        server.start()
    if server.uri is None:
        message = server.error or "Neo4j unreachable"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs a real Neo4j: {message}")
        pytest.skip(message)
    return server.uri


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: _Neo4jServer) -> Iterator[object]:
    import neo4j

    uri = _need_neo4j(neo4j_server)
    password = os.environ.get("CHAINLENS_NEO4J_PASSWORD") or os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD")
    auth = (os.environ.get("CHAINLENS_NEO4J_USER", "neo4j"), password) if password else None
    driver = neo4j.GraphDatabase.driver(
        uri, auth=auth, connection_timeout=10, notifications_min_severity="OFF"
    )
    driver.verify_connectivity()
    yield driver
    driver.close()


def make_store(engine: str, request: pytest.FixtureRequest, tmp: Path) -> GraphStore:
    """A new, empty store of ``engine`` with the schema applied."""
    store: GraphStore
    if engine == "ladybug":
        from service.storage.ladybug_store import LadybugStore

        store = LadybugStore(tmp / "graph.lbdb")
    else:
        from service.storage.neo4j_store import Neo4jStore

        store = Neo4jStore(request.getfixturevalue("neo4j_driver"))
        store.write([(Q.CLEAR_GRAPH, {})])
    store.apply_schema()
    return store


def close_store(store: GraphStore) -> None:
    """Close a test store; the session's Neo4j driver outlives each test."""
    if store.engine == "ladybug":
        store.close()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "neo4j":
        request.applymarker(pytest.mark.neo4j)
    return name


@pytest.fixture
def empty_store(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store = make_store(engine, request, tmp_path)
    yield store
    close_store(store)


@pytest.fixture
def mini_store(empty_store: GraphStore) -> GraphStore:
    """The hand-checkable fixture graph (tests/fixtures/mini, documented in its README)."""
    import_ledger(empty_store, read_ledger(FIXTURES / "mini"))
    return empty_store


@pytest.fixture(scope="module", params=ENGINES)
def seed_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The bundled Lüyuan dataset, loaded once per module and engine; tests must not change it."""
    from seed import dataset_path

    if request.param == "neo4j":
        request.applymarker(pytest.mark.neo4j)
    store = make_store(request.param, request, tmp_path_factory.mktemp("seed"))
    with dataset_path() as path:
        import_ledger(store, read_ledger(path))
    yield store
    close_store(store)


@pytest.fixture(autouse=True)
def _no_shared_keys(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the keys file of the checkout they run in: each starts with none (open mode)."""
    from service.settings import get_settings

    monkeypatch.setenv("CHAINLENS_KEYS_FILE", str(tmp_path_factory.mktemp("keys") / "keys.json"))
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server: _Neo4jServer) -> str:
    """The Bolt URI of the session's Neo4j, for tests that start their own processes or servers."""
    return _need_neo4j(neo4j_server)
