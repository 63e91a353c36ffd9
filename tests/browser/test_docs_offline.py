"""/docs (Swagger UI) and /redoc in headless Chromium with every request that would leave 127.0.0.1 blocked:
both draw every operation from the service's own copy of their scripts, no request leaves the machine, and
the pages' Content-Security-Policy blocks nothing they need. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from service.api.app import create_app
from service.settings import Settings
from service.storage.ladybug_store import LadybugStore
from tests.browser.conftest import ARTIFACTS, serving

PORT = 8797
CSP_WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    tmp = tmp_path_factory.mktemp("docs")
    app = create_app(Settings(keys_file=tmp / "keys.json"), store=LadybugStore(tmp / "graph.lbdb"))
    operations = [
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method in ("get", "post")
    ]
    with serving(app, PORT) as base:
        yield base, operations


class OfflinePage:
    """A page whose requests reach 127.0.0.1 only: anything else is aborted and remembered."""

    def __init__(self, browser: Any) -> None:
        self.left: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.add_init_script(CSP_WATCH)
        self.page.route("**/*", self._only_local)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _only_local(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.left.append(route.request.url)
            route.abort()

    def finish(self, screenshot: str, expected_violations: tuple[str, ...] = ()) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / screenshot))
        violations = self.page.evaluate("window.__violations")
        self.page.close()
        assert self.left == [], self.left
        assert self.errors == [], self.errors
        assert sorted(set(violations)) == sorted(expected_violations), violations


def test_swagger_ui_draws_every_operation_offline(
    served: tuple[str, list[tuple[str, str]]], browser: object
) -> None:
    base, operations = served
    page = OfflinePage(browser)
    page.page.goto(base + "/docs")
    page.page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    shown = page.page.eval_on_selector_all(
        ".opblock",
        "els => els.map(e => [e.querySelector('.opblock-summary-method').textContent,"
        " e.querySelector('.opblock-summary-path').getAttribute('data-path')])",
    )
    assert sorted(map(tuple, shown)) == sorted(operations)
    assert page.page.locator(".info .title").inner_text().startswith("chainlens")
    page.finish("docs-swagger.png")


def test_redoc_draws_every_operation_offline(
    served: tuple[str, list[tuple[str, str]]], browser: object
) -> None:
    base, operations = served
    page = OfflinePage(browser)
    page.page.goto(base + "/redoc")
    page.page.wait_for_selector("[data-section-id^='operation/']", timeout=20_000)
    sections = page.page.locator("[data-section-id^='operation/']").count()
    assert sections == len(operations)
    assert page.page.locator("h2", has_text="Chain Map").first.is_visible()
    # Redoc 2 always draws the Redocly logo from its CDN: the page's policy (img-src 'self' data: blob:)
    # stops it before any request is made, and Redoc hides the image that failed
    page.finish("docs-redoc.png", expected_violations=("img-src https://cdn.redoc.ly/redoc/logo-mini.svg",))


def test_docs_assets_are_the_packaged_files(served: tuple[str, list[tuple[str, str]]]) -> None:
    """The scripts come from the installed package, not a copy kept in the repository."""
    import httpx

    from service.api.docs import assets_dir

    base, _ = served
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"):
        response = httpx.get(f"{base}/docs/assets/{name}", headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200
        assert response.content == Path(assets_dir(), name).read_bytes()
        assert response.headers["cache-control"] == "public, max-age=86400"
