"""The page policy in headless Chromium: a chain map served by the service still draws under its
Content-Security-Policy with nothing blocked, while a script that data smuggled into a page (an inline
script, an event-handler attribute) does not run, and no other site can frame a page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.responses import HTMLResponse

from service.api.app import create_app
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.ladybug_store import LadybugStore
from tests.browser.conftest import serving
from tests.conftest import FIXTURES

PORT = 8798
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
"""
SMUGGLED = (
    "<!DOCTYPE html><html><body><p id='name'>x</p>"
    "<script>window.injected = 'inline'</script>"
    "<img src='data:,' onerror=\"window.injected = 'attribute'\">"
    "</body></html>"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("policy")
    store = LadybugStore(tmp / "graph.lbdb")
    store.apply_schema()
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    app = create_app(Settings(keys_file=tmp / "keys.json"), store=store)
    app.add_api_route("/smuggled", lambda: HTMLResponse(SMUGGLED))  # as if data had broken out of escaping
    with serving(app, PORT) as base:
        yield base


def test_a_served_map_draws_under_its_policy(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.add_init_script(WATCH)
    response = page.goto(served + "/chains/c1/maps/chain.html")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_function(
        "window.chainMap !== undefined && document.querySelectorAll('#scene .node').length > 0"
    )
    assert page.evaluate("window.__violations") == []
    page.close()


def test_a_smuggled_script_does_not_run(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.add_init_script(WATCH)
    page.goto(served + "/smuggled")
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.injected") is None
    assert sorted(set(page.evaluate("window.__violations"))) == ["script-src-attr", "script-src-elem"]
    page.close()


def test_another_site_cannot_frame_a_page(served: str, browser: object, tmp_path: Path) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    outer = tmp_path / "outer.html"
    outer.write_text(f"<iframe id='f' src='{served}/login'></iframe>", encoding="utf-8")
    page.goto(outer.as_uri())
    page.wait_for_timeout(1000)
    frame = page.frame_locator("#f")
    assert frame.locator("#key").count() == 0  # refused by frame-ancestors 'none'
    page.close()
