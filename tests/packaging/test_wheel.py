"""The package works installed as a wheel: query files, seed data and reference lists travel with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_its_data_and_seeds_a_store(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(dist.glob("chainlens-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cypher/catalog/get_chain.cypher" in names
    assert "cypher/ingest/create_enterprise.ladybug.cypher" in names
    assert "seed/data/lvyuan/supply_links.csv" in names
    assert "seed/reference/areas.csv" in names
    assert "service/render/templates/chain_map.html" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "CHAINLENS_BACKEND": "embedded",
        "CHAINLENS_EMBEDDED_PATH": str(tmp_path / "graph.lbdb"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import service, cypher, seed; print(service.__file__, seed.__file__)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert all(part.startswith(str(target)) for part in where.split()), where
    subprocess.run(
        [sys.executable, "-m", "service.cli", "seed"], env=env, cwd=tmp_path, check=True, capture_output=True
    )
    health = subprocess.run(
        [sys.executable, "-m", "service.cli", "health"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    counts = json.loads(health)
    assert counts["backend"] == "embedded" and counts["nodes"] > 4000 and counts["relationships"] > 6000
