"""Every analysis gives the same answer on both engines: on the seed data and on a generated graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seed import dataset_path
from seed.generate import generate
from service import recruitment, weaklinks
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from tests.conftest import close_store, make_store

pytestmark = pytest.mark.neo4j


def _answers(store: GraphStore, chains: list[str], stop: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for chain in chains:
        out[f"breaks/{chain}"] = weaklinks.breaks(store, chain)
        out[f"risks/{chain}"] = weaklinks.risks(store, chain)
        out[f"anchors/{chain}"] = weaklinks.anchors(store, chain)
        out[f"sme/{chain}"] = weaklinks.sme_candidates(store, chain)
        ranked = recruitment.targets(store, chain, limit=10_000)
        out[f"recruitment/{chain}"] = ranked
        for target in ranked["targets"][:2]:
            out[f"dossier/{chain}/{target['enterprise_id']}"] = recruitment.dossier(
                store, target["enterprise_id"], chain
            )
    out["disruption"] = weaklinks.disruption(store, stop)
    out["disruption/demand"] = weaklinks.disruption(store, stop, 0.3, follow_demand=True)
    return out


def _compare(
    ledger: Path, chains: list[str], stop: list[str], request: pytest.FixtureRequest, tmp: Path
) -> None:
    answers = {}
    for engine in ("ladybug", "neo4j"):
        store = make_store(engine, request, tmp / engine)
        try:
            import_ledger(store, read_ledger(ledger))
            answers[engine] = _answers(store, chains, stop)
        finally:
            close_store(store)
    for key, value in answers["ladybug"].items():
        assert value == answers["neo4j"][key], key


def test_seed_analyses_agree(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    with dataset_path() as path:
        _compare(path, ["beef", "auto", "ha", "cons"], ["ent.auto.xinzhu", "ent.haoyue"], request, tmp_path)


def test_generated_graph_analyses_agree(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    ledger = tmp_path / "generated"
    with dataset_path() as template:
        generate(template, ledger, enterprises=3000, links=12000, seed=11)
    _compare(ledger, ["beef", "auto", "ha", "cons"], ["g0000001", "g0000002", "g0000003"], request, tmp_path)
