"""The district's four-chain seed dataset, the reference code lists, and the ledger importer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

DATASET = "lvyuan"


@contextmanager
def dataset_path(name: str = DATASET) -> Iterator[Path]:
    """The folder of ledger CSVs of a bundled dataset, as a real path (also from an installed wheel)."""
    with resources.as_file(resources.files(__package__).joinpath("data", name)) as path:
        yield path
