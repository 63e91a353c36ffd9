"""Child process of tests/contract/test_kill_during_import.py: import a ledger, reporting each step on
stdout, so the parent can SIGKILL it in the middle of the write.

    python -m tests.kill_child ladybug|neo4j PATH_OR_URI LEDGER_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.backends import open_store


def main() -> None:
    engine, where, ledger = sys.argv[1:4]
    if engine == "ladybug":
        settings = Settings(backend="embedded", embedded_path=Path(where))
    else:
        password = os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD", "")
        settings = Settings(backend="neo4j", neo4j_uri=where, neo4j_password=password)
    store = open_store(settings)
    raw = read_ledger(Path(ledger))

    def report(stage: str, done: int, total: int) -> None:
        print(f"{stage} {done}/{total}", flush=True)

    import_ledger(store, raw, report)
    print("DONE", flush=True)
    store.close()


if __name__ == "__main__":
    main()
