"""The test session never reuses, and so never empties, a Neo4j it did not start. A developer's
``scripts/neo4j-dev`` server answers on the port, and in the run directory, that the session is told to
use: the session refuses the port, fails clearly, and the developer's data is still there afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

from tests import conftest
from tests.conftest import NEO4J_DEV, free_port

pytestmark = pytest.mark.neo4j


@dataclass
class Developer:
    port: int
    run_dir: Path

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


@pytest.fixture
def developer(tmp_path: Path) -> Iterator[Developer]:
    """A running server with data of someone's own, as ``scripts/neo4j-dev start`` leaves it."""
    if shutil.which("java") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs Java to run a second Neo4j for this test")
        pytest.skip("no Java for scripts/neo4j-dev")
    dev = Developer(free_port(), tmp_path / "run")
    env = {
        **os.environ,
        "CHAINLENS_NEO4J_BOLT_PORT": str(dev.port),
        "CHAINLENS_NEO4J_HTTP_PORT": "off",
        "CHAINLENS_NEO4J_RUN_DIR": str(dev.run_dir),
        "CHAINLENS_NEO4J_DATA_DIR": str(tmp_path / "data"),
        "CHAINLENS_NEO4J_HEAP_INITIAL": "256m",
        "CHAINLENS_NEO4J_HEAP_MAX": "512m",
        "CHAINLENS_NEO4J_PAGECACHE": "32m",
    }

    def neo4j_dev(command: str) -> None:
        proc = subprocess.run([str(NEO4J_DEV), command], env=env, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    try:
        neo4j_dev("start")
        with neo4j.GraphDatabase.driver(dev.uri, auth=None) as driver:
            driver.execute_query("CREATE (:Keep {name: '开发者自己的数据'})")
        yield dev
    finally:
        neo4j_dev("stop")
        shutil.rmtree(tmp_path / "data", ignore_errors=True)


def test_a_server_already_on_the_port_is_refused_and_keeps_its_data(
    developer: Developer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CHAINLENS_NEO4J_URI", "NEO4J_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHAINLENS_NEO4J_BOLT_PORT", str(developer.port))
    monkeypatch.setenv("CHAINLENS_NEO4J_RUN_DIR", str(developer.run_dir))
    monkeypatch.setattr(conftest, "_docker_answers", lambda: False)  # the scripts/neo4j-dev path

    session = conftest._Neo4jServer()
    session.start()
    try:
        if session.uri is not None:  # what the Neo4j tests then do to the session's server
            with neo4j.GraphDatabase.driver(session.uri, auth=None) as driver:
                driver.execute_query("MATCH (n) DETACH DELETE n")
    finally:
        session.stop()

    assert session.uri is None, f"the session took {session.uri}, the developer's server"
    assert session.misconfigured
    assert f"CHAINLENS_NEO4J_BOLT_PORT={developer.port} is taken" in (session.error or "")
    with neo4j.GraphDatabase.driver(developer.uri, auth=None) as driver:
        records = driver.execute_query("MATCH (n:Keep) RETURN n.name AS name").records
    assert [r["name"] for r in records] == ["开发者自己的数据"]
