"""Neo4j stopped while the service runs: requests answer 503 `backend_unavailable` within the driver
timeout, /health says so, and once the real server is back the service answers again by itself, with
the data it had. Runs its own Neo4j (scripts/neo4j-dev on a free port, run and data directories of its
own, removed afterwards) so it can stop it."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from tests.conftest import FIXTURES, DevNeo4j

pytestmark = pytest.mark.neo4j

TIMEOUT_S = 3.0


@pytest.fixture
def server() -> Iterator[DevNeo4j]:
    if shutil.which("java") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs Java to run its own Neo4j for the outage test")
        pytest.skip("no Java for scripts/neo4j-dev")
    dev = DevNeo4j()
    try:
        dev.start()
        yield dev
    finally:
        dev.close()


def test_service_answers_503_while_neo4j_is_down_and_recovers(server: DevNeo4j, tmp_path: Path) -> None:
    settings = Settings(
        backend="neo4j",
        neo4j_uri=server.uri,
        neo4j_timeout_s=TIMEOUT_S,
        keys_file=tmp_path / "keys.json",
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(FIXTURES.glob("mini/*.csv"))]
        assert client.post("/imports", files=files).status_code == 200
        chains = client.get("/chains").json()
        assert [c["id"] for c in chains["data"]] == ["c1"]

        server.stop()
        for path in ("/chains", "/chains/c1/breaks", "/health"):
            start = time.monotonic()
            response = client.get(path)
            elapsed = time.monotonic() - start
            assert response.status_code == 503, (path, response.status_code, response.text)
            assert response.json()["code"] == "backend_unavailable"
            assert elapsed < 3 * TIMEOUT_S + 5, (path, elapsed)

        server.start()
        deadline = time.monotonic() + 60
        while True:
            response = client.get("/chains")
            if response.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert response.status_code == 200 and response.json() == chains  # same data, no restart of ours
        assert client.get("/health").json()["status"] == "ok"
        assert client.get("/chains/c1/breaks").status_code == 200
