"""Property-based fuzzing of the service against its own OpenAPI (schemathesis), a bounded number of
examples per operation, valid and invalid requests: no 5xx, and every response matches the schema it
declares. The graph is the mini fixture on the embedded engine; writes that get through are imports."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from service.api.app import create_app
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.ladybug_store import LadybugStore
from tests.conftest import FIXTURES

EXAMPLES = 25
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    tmp = tmp_path_factory.mktemp("fuzz")
    store = LadybugStore(Path(tmp) / "graph.lbdb")
    store.apply_schema()
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    app = create_app(Settings(keys_file=Path(tmp) / "keys.json"), store=store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_survives_generated_requests(api_schema: schemathesis.BaseSchema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 18
    modes = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
    for operation, mode in ((o, m) for o in operations for m in modes):

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Unsatisfiable:  # nothing in the request can be made invalid (no parameters, no body)
            assert mode is schemathesis.GenerationMode.NEGATIVE, operation.path
        except Exception as e:
            raise AssertionError(f"{operation.method.upper()} {operation.path} ({mode.value}): {e}") from e
