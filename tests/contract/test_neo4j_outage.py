"""Neo4j stopped while the service runs: requests answer 503 `backend_unavailable` within the driver
timeout, /health says so, and once the real server is back the service answers again by itself, with
the data it had. Runs its own Neo4j (scripts/neo4j-dev on a spare port) so it can stop it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.neo4j

PORT = 7697
TIMEOUT_S = 3.0


class DevServer:
    def __init__(self, data: Path) -> None:
        self.env = {
            **os.environ,
            "CHAINLENS_NEO4J_BOLT_PORT": str(PORT),
            "CHAINLENS_NEO4J_HTTP_PORT": "off",
            "CHAINLENS_NEO4J_DATA_DIR": str(data),
        }

    def run(self, command: str) -> None:
        proc = subprocess.run(
            [str(ROOT / "scripts" / "neo4j-dev"), command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DevServer]:
    if shutil.which("java") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs Java to run its own Neo4j for the outage test")
        pytest.skip("no Java for scripts/neo4j-dev")
    dev = DevServer(tmp_path / "neo4j-data")
    dev.run("start")
    yield dev
    dev.run("stop")


def test_service_answers_503_while_neo4j_is_down_and_recovers(server: DevServer, tmp_path: Path) -> None:
    settings = Settings(
        backend="neo4j",
        neo4j_uri=f"bolt://127.0.0.1:{PORT}",
        neo4j_timeout_s=TIMEOUT_S,
        keys_file=tmp_path / "keys.json",
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(FIXTURES.glob("mini/*.csv"))]
        assert client.post("/imports", files=files).status_code == 200
        chains = client.get("/chains").json()
        assert [c["id"] for c in chains["data"]] == ["c1"]

        server.run("stop")
        for path in ("/chains", "/chains/c1/breaks", "/health"):
            start = time.monotonic()
            response = client.get(path)
            elapsed = time.monotonic() - start
            assert response.status_code == 503, (path, response.status_code, response.text)
            assert response.json()["code"] == "backend_unavailable"
            assert elapsed < 3 * TIMEOUT_S + 5, (path, elapsed)

        server.run("start")
        deadline = time.monotonic() + 60
        while True:
            response = client.get("/chains")
            if response.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert response.status_code == 200 and response.json() == chains  # same data, no restart of ours
        assert client.get("/health").json()["status"] == "ok"
        assert client.get("/chains/c1/breaks").status_code == 200
