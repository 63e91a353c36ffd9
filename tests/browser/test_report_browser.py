"""A period report in real headless Chromium: it renders offline with no request leaving the page and
prints to an A4 PDF. Screenshot and PDF in test-artifacts/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from seed import dataset_path
from service import history, reports
from service.ledger.read import read_ledger
from service.render.reports import report_html
from service.storage.ladybug_store import LadybugStore
from tests.browser.conftest import ARTIFACTS
from tests.conftest import FIXTURES


def test_weekly_report_renders_offline_and_prints(browser: object, tmp_path: Path) -> None:
    store = LadybugStore(tmp_path / "graph.lbdb")
    store.apply_schema()
    try:
        with dataset_path() as path:
            history.import_update(store, read_ledger(path), author="链办", at=dt.date(2026, 11, 2))
        w46 = read_ledger(FIXTURES / "history" / "w46")
        history.import_update(store, w46, author="汽车链专班", note="新电池企业投产", at=dt.date(2026, 11, 9))
        result = reports.report(store, "auto", "2026-W46")
    finally:
        store.close()
    page_file = tmp_path / "report.html"
    page_file.write_text(report_html(result), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1400})  # type: ignore[attr-defined]
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url))
    page.goto(page_file.as_uri())
    assert page.locator("#title").inner_text() == result["title"]
    figures = page.locator("#figures tr").all_inner_texts()
    assert len(figures) == 1 + len(result["figures"])
    breaks = next(r for r in figures if r.startswith("断点"))
    assert breaks.split("\t")[1:] == ["0", "1", "-1"]  # the new battery firm closed auto.s08
    assert page.locator("#events tr.closed").count() >= 2  # the break and the single source
    assert "长春新源电池系统有限公司" in page.locator("#changes").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-auto-2026-W46.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "report-auto-2026-W46.pdf").write_bytes(pdf)
    page.close()
    assert outside == []
