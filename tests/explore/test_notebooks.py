"""The three notebooks run top to bottom against each target (a local embedded store, a local Neo4j, the
HTTP service with a viewer key) and show what the graph says, with no missing glyph; each executed
notebook is kept as HTML in test-artifacts/notebooks/. They are stored without outputs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from service.explore.local import LocalExplorer, open_local
from tests.conftest import ROOT, make_store
from tests.explore.conftest import ARTIFACTS, WEEK, WEEK_DAY, Service, build_embedded, record

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("explore_chains", "weekly_review", "recruitment")
TARGETS = (
    pytest.param("ladybug", id="ladybug"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
    pytest.param("remote", id="remote"),
)
OUT = ARTIFACTS / "notebooks"


def test_every_notebook_is_tested_and_stored_without_outputs() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(not c.get("outputs") and c.get("execution_count") is None for c in code)


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalExplorer]:
    """The recorded graph in this process, to say what each notebook must show."""
    ex = open_local(build_embedded(tmp_path_factory.mktemp("expected") / "graph.lbdb"))
    yield ex
    ex.close()


def _target_env(target: str, request: pytest.FixtureRequest, tmp: Path) -> dict[str, str]:
    """The environment naming the notebook's target: a fresh copy of the recorded graph on the engine,
    or the running service and its viewer key."""
    if target == "remote":
        service: Service = request.getfixturevalue("service")
        return {"CHAINLENS_URL": service.url, "CHAINLENS_KEY": service.viewer_key}
    if target == "ladybug":
        return {"CHAINLENS_EXPLORE_STORE": str(build_embedded(tmp / "graph.lbdb"))}
    store = make_store("neo4j", request, tmp)  # empties the session's Neo4j, then records the graph
    record(store)
    env = {"CHAINLENS_BACKEND": "neo4j", "CHAINLENS_NEO4J_URI": request.getfixturevalue("neo4j_uri")}
    password = os.environ.get("CHAINLENS_NEO4J_PASSWORD") or os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD")
    if password:
        env["CHAINLENS_NEO4J_PASSWORD"] = password
    return env


def _outputs(nb: Any) -> tuple[str, list[dict[str, Any]]]:
    """Everything the cells printed or showed as text, and every output with data."""
    text, shown = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text.append(out.get("text", ""))
            data = out.get("data", {})
            text += [data.get("text/plain", ""), data.get("text/html", "")]
            if data:
                shown.append(data)
    return "\n".join(text), shown


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_shows_the_graph(
    name: str,
    target: str,
    expected: LocalExplorer,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key in ("CHAINLENS_URL", "CHAINLENS_KEY", "CHAINLENS_EXPLORE_STORE", "CHAINLENS_BACKEND"):
        monkeypatch.delenv(key, raising=False)
    env = {**_target_env(target, request, tmp_path), "CHAINLENS_CHAIN": "auto", "PYTHONPATH": str(ROOT)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)  # the kernel inherits this process's environment
    monkeypatch.setenv("PYTHONWARNINGS", "always::UserWarning")  # every missing glyph is reported
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    where = {"metadata": {"path": str(ROOT)}}  # the packages import from the checkout without installing
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources=where).execute()
    finally:
        OUT.mkdir(parents=True, exist_ok=True)
        html, _ = HTMLExporter().from_notebook_node(nb)
        page = OUT / f"{name}-{target}.html"
        page.write_text(html, encoding="utf-8")
        print(f"\nexecuted notebook: {page}")
    text, shown = _outputs(nb)
    assert "missing from font" not in text and "Glyph" not in text, "a chart lacks a glyph"
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    pngs = sum("image/png" in d for d in shown)
    frames = sum("<iframe" in d.get("text/html", "") for d in shown)
    CHECKS[name](expected, text, pngs, frames)


def _explore_chains(ex: LocalExplorer, text: str, pngs: int, frames: int) -> None:
    assert pngs == 4 and frames == 1  # segments, risks, anchor suppliers, trend; the chain map
    assert "汽车零部件产业链" in text
    risks = ex.risks("auto")
    assert risks.iloc[0]["企业"] in text  # the riskiest firm, and what its stop cuts off
    cut = ex.impact(risks.iloc[0]["企业编号"])
    assert all(name in text for name in cut["企业"])
    assert ex.anchors("auto").iloc[0]["企业"] in text


def _weekly_review(ex: LocalExplorer, text: str, pngs: int, frames: int) -> None:
    assert pngs == 3  # the trend, and the segments before and after the week
    assert f"本周 {WEEK}：2026-11-09 至 {WEEK_DAY}" in text
    added = ex.changes("auto", "2026-11-08", WEEK_DAY, "firms.added")["名称"].tolist()
    assert added == ["长春示例电池有限公司"] and added[0] in text
    closed = ex.changes("auto", "2026-11-08", WEEK_DAY, "risks.closed")["名称"].tolist()
    assert closed and all(name[:20] in text for name in closed)
    assert "新出现" in text and "已消除" in text and "上期" in text


def _recruitment(ex: LocalExplorer, text: str, pngs: int, frames: int) -> None:
    assert pngs == 1 and frames == 1  # the first target's score parts; its dossier
    targets = ex.recruitment("auto", limit=20)
    assert all(name in text for name in targets["企业"].head(5))
    before_after = ex.dossier(
        targets.iloc[0]["企业编号"], ("what_if.before", "what_if.after"), chain_id="auto"
    )
    assert "引进后测算·之前" in text and "引进后测算·之后" in text
    assert len(before_after) == 2
    assert "区外采购额" in text  # the dossier's demand


CHECKS = {"explore_chains": _explore_chains, "weekly_review": _weekly_review, "recruitment": _recruitment}
