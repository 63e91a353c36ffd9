"""The service against its own OpenAPI document, as schemathesis' engine runs it (the same run as `st run`):
every phase (coverage, fuzzing, stateful sequences), every check of the default set, with an admin key so
that imports, undo and the risk register are exercised too, on a throwaway embedded store seeded with the
mini fixture. The only tuning is the repository's schemathesis.toml, which names the four operations whose
422 answers a rule JSON Schema cannot state. Fails with each failure's code, operation and a curl line."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.run import PhaseName

from service.access import ADMIN, KeyStore
from service.api.app import create_app
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.ladybug_store import LadybugStore
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 20  # per operation and phase; the whole run stays under two minutes on this machine
SEED = int(os.environ.get("CHAINLENS_FUZZ_SEED", "20260515"))  # fixed, so a red run can be replayed


def _schema(tmp: Path) -> schemathesis.BaseSchema:
    store = LadybugStore(tmp / "graph.lbdb")
    store.apply_schema()
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    keys = KeyStore(tmp / "keys.json")
    _, token = keys.create("contract", ADMIN)
    app = create_app(Settings(keys_file=tmp / "keys.json"), store=store)
    text = (ROOT / "schemathesis.toml").read_text(encoding="utf-8")
    config = SchemathesisConfig.from_str(f"seed = {SEED}\n{text}", base_dir=str(ROOT))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    schema.config.update(headers={"Authorization": f"Bearer {token}"})
    schema.config.generation.update(max_examples=EXAMPLES)
    return schema


def test_every_operation_keeps_the_contract(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    operations = {result.ok().label for result in schema.get_all_operations()}
    assert len(operations) >= 25 and {"POST /imports", "POST /updates/{update_id}/undo"} <= operations

    failures: list[str] = []
    codes: Counter[str] = Counter()
    fuzzed: set[str] = set()
    phases: dict[PhaseName, Status] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            if event.phase is PhaseName.FUZZING and event.status is not Status.SKIP:
                fuzzed.add(event.recorder.label)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.failure_info is None:
                        continue
                    failure = check.failure_info.failure
                    interaction = event.recorder.interactions.get(case_id)
                    status = interaction.response.status_code if interaction and interaction.response else "-"
                    codes[failure.code] += 1
                    failures.append(
                        f"{failure.code} {event.recorder.label} ({check.name}, {status}): {failure.title}\n"
                        f"    {check.failure_info.code_sample.splitlines()[-1][:400]}"
                    )
        elif isinstance(event, events.NonFatalError):
            failures.append(f"error in {event.label}: {event.info.message}")
        elif isinstance(event, events.FatalError):
            failures.append(f"schemathesis failed: {event.exception!r}")
        elif isinstance(event, events.PhaseFinished):
            phases[event.phase.name] = event.status

    assert not failures, f"seed {SEED}: {dict(codes)}\n" + "\n".join(sorted(set(failures)))
    for phase in (PhaseName.COVERAGE, PhaseName.FUZZING, PhaseName.STATEFUL_TESTING):
        assert phases.get(phase) is Status.SUCCESS, (phase, phases)
    assert fuzzed == operations  # nothing skipped: imports and every write included


@pytest.mark.parametrize("method", ["OPTIONS", "PUT", "DELETE"])
def test_an_unsupported_method_names_every_method_of_the_path(tmp_path: Path, method: str) -> None:
    """Starlette's 405 names only the first route that matched the path: /login has a GET and a POST."""
    from fastapi.testclient import TestClient

    app = create_app(Settings(keys_file=tmp_path / "keys.json"), store=LadybugStore(tmp_path / "g.lbdb"))
    with TestClient(app) as client:
        for path, allowed in (("/login", "GET, POST"), ("/chains/c1/risk-register", "GET, POST")):
            response = client.request(method, path)
            assert response.status_code == 405
            assert response.headers["allow"] == allowed
            assert response.json()["code"] == "method_not_allowed"
