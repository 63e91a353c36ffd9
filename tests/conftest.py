"""Shared fixtures: a store per engine, a real Neo4j resolved once per session.

The Neo4j tests empty the database they are given, so they are only ever given one of two servers:

- the one named by ``CHAINLENS_NEO4J_URI`` (or ``NEO4J_URI``): set it only to a server whose data may go;
- one this session starts itself and stops at its end: a testcontainers ``neo4j:5.26-community`` container
  when a Docker engine answers, else ``scripts/neo4j-dev`` (a real Neo4j Community server from Maven
  Central) on a free Bolt port, HTTP off, with run and data directories in a temporary directory of the
  session's own that is removed at the end (:class:`DevNeo4j`); ``CHAINLENS_NEO4J_RUN_DIR`` and
  ``CHAINLENS_NEO4J_DATA_DIR`` do not apply to it.

A server that already answers, such as a developer's ``scripts/neo4j-dev start``, is never reused. An
explicit ``CHAINLENS_NEO4J_BOLT_PORT`` is honoured for the session's own server; if that port is taken,
the Neo4j tests fail and say so. With ``CI=true`` a Neo4j test that cannot reach Neo4j fails; it never
skips. The Neo4j variants carry the ``neo4j`` mark from collection on (:data:`ENGINES`), so
``pytest -m "not neo4j"`` runs the embedded suite alone and starts no Neo4j.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from service.storage.queries import Q

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NEO4J_DEV = ROOT / "scripts" / "neo4j-dev"
# Each engine as a test parameter; the Neo4j one carries the neo4j mark when collected, not at run time.
ENGINES = (pytest.param("ladybug", id="ladybug"), pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is bound to now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_answers(port: int) -> bool:
    """Whether something accepts TCP connections on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class DevNeo4jError(RuntimeError):
    """``scripts/neo4j-dev`` could not start or stop the server; the message carries its output."""


class DevNeo4j:
    """A ``scripts/neo4j-dev`` server of the caller's own, never one that was already running.

    It listens on ``port`` (a free one unless given), HTTP off, with its run and data directories in a
    private temporary directory: a fresh run directory holds no pid file, so ``start`` can only start a new
    server, and refuses when the port is taken. The data survives ``stop`` and ``start``; ``close`` stops
    the server and removes the directory.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="chainlens-test-neo4j-"))
        self.env = {
            **os.environ,
            "CHAINLENS_NEO4J_BOLT_PORT": str(self.port),
            "CHAINLENS_NEO4J_HTTP_PORT": "off",
            "CHAINLENS_NEO4J_RUN_DIR": str(self.dir / "run"),
            "CHAINLENS_NEO4J_DATA_DIR": str(self.dir / "data"),
        }

    def _run(self, command: str) -> None:
        proc = subprocess.run(
            [str(NEO4J_DEV), command], env=self.env, capture_output=True, text=True, timeout=900
        )
        if proc.returncode != 0:
            raise DevNeo4jError(
                f"scripts/neo4j-dev {command} failed (port {self.port}, run dir {self.dir}):"
                f"\n{proc.stdout}{proc.stderr}"
            )

    def start(self) -> str:
        """Start the server and wait until Bolt answers a query; its URI."""
        self._run("start")
        return self.uri

    def stop(self) -> None:
        """Stop the server, keeping its data for a later ``start``."""
        self._run("stop")

    def close(self) -> None:
        """Stop the server if it runs and remove its directories (kept if it would not stop)."""
        self._run("stop")
        shutil.rmtree(self.dir, ignore_errors=True)


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
        self.misconfigured = False  # a setting to fix, not a missing server: fails the tests, even without CI
        self._dev: DevNeo4j | None = None
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
        asked = os.environ.get("CHAINLENS_NEO4J_BOLT_PORT", "")
        port = int(asked) if asked.isdigit() and 0 < int(asked) < 65536 else None
        if asked and port is None:
            self.error, self.misconfigured = f"CHAINLENS_NEO4J_BOLT_PORT={asked!r} is not a port", True
            return
        if port is not None and port_answers(port):
            self.misconfigured = True
            self.error = (
                f"CHAINLENS_NEO4J_BOLT_PORT={port} is taken: something already answers there, and the tests "
                "never reuse (and empty) a server they did not start. Unset it to let the session pick a "
                "free port, or name a server whose data may go with CHAINLENS_NEO4J_URI."
            )
            return
        dev = DevNeo4j(port)
        try:
            self.uri = dev.start()
        except (DevNeo4jError, subprocess.TimeoutExpired) as e:
            self.error = str(e)
            dev.close()  # a failed start stops what it began; this removes the directories
            return
        self._dev = dev

    def stop(self) -> None:
        if self._container is not None:
            self._container.stop()  # type: ignore[attr-defined]
        if self._dev is not None:
            self._dev.close()


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
        if server.misconfigured:
            pytest.fail(message)
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
