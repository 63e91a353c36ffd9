"""The recruitment dossier in real headless Chromium: it renders offline from a file with no request
leaving the page, shows the what-if before and after, and prints to an A4 PDF. Screenshots and the PDF
go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import recruitment
from service.storage.port import GraphStore
from tests.browser.conftest import ARTIFACTS

# one documented gap filler per chain (seed/README.md section 8)
TARGETS = [
    ("beef", "ent.beef.breed_qg"),
    ("auto", "ent.auto.dianqu_sz"),
    ("ha", "ent.crrc_tec"),
    ("cons", "ent.cons.ski_cl"),
]


@pytest.mark.parametrize(("chain", "enterprise"), TARGETS)
def test_dossier_page_renders_offline_and_prints(
    seed_store: GraphStore, browser: object, tmp_path: Path, chain: str, enterprise: str
) -> None:
    d = recruitment.dossier(seed_store, enterprise, chain)
    path = tmp_path / "dossier.html"
    path.write_text(recruitment.dossier_page(seed_store, enterprise, chain), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1400})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url))
    page.goto(path.as_uri())
    assert page.locator("#title").inner_text() == f"招商对象档案：{d['enterprise']['name']}"
    assert page.locator("#score").inner_text() == f"{d['score']:.2f}"
    # the what-if table: one row per figure, before and after as computed
    rows = page.locator("#whatif tr").all_inner_texts()[1:]
    before, after = d["what_if"]["before"], d["what_if"]["after"]
    assert rows[0].split("\t")[1:] == [str(before["breaks"]), str(after["breaks"])]
    assert rows[2].split("\t")[1:] == [
        str(before["single_source_inputs"]),
        str(after["single_source_inputs"]),
    ]
    assert after["breaks"] < before["breaks"]  # each of these fills its chain's break
    assert page.locator("#whatif td.better").count() >= 1
    assert page.locator("#demand tr").count() == 1 + len(d["demand"]["buyers"])
    assert page.locator("#parks tr").count() == 1 + len(d["hosts"]["parks"])
    # the page is laid out in the font the machine has for Chinese, not in boxes
    width = page.evaluate("document.getElementById('title').getBoundingClientRect().width")
    assert width > 200
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dossier-{chain}.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (ARTIFACTS / f"dossier-{chain}.pdf").write_bytes(pdf)
    page.close()
    assert outside == []
