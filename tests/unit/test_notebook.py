"""The exploration notebook runs top to bottom, so it cannot rot; it is kept without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "explore_chains.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_notebook_runs_and_shows_the_beef_breaks() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # run from the repository root, where the packages import without installing; it writes to a temp dir
    where = {"metadata": {"path": str(NOTEBOOK.parent.parent)}}
    NotebookClient(nb, timeout=300, kernel_name="python3", resources=where).execute()
    printed = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    assert "beef break 「良种繁育」环节区内没有企业" in printed
    assert "11-08 ['auto.s08']" in printed and "11-09 []" in printed  # the two dates compared
    assert "消除的风险" in printed and "只有一家供应商" in printed
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "data" in o]
    assert any("<iframe srcdoc=" in o["data"].get("text/html", "") for o in shown)  # the map, inline
