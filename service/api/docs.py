"""The API documentation pages, /docs (Swagger UI) and /redoc, served with their scripts, styles and icon
from this service (the files ship in the fastapi-offline package), so they work with no internet: FastAPI's
own pages load them from a CDN."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from importlib.resources import files
from os import PathLike
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

ASSETS = "/docs/assets"  # swagger-ui-bundle.js, swagger-ui.css, redoc.standalone.js, favicon.png
TITLE = "chainlens"


def assets_dir() -> Path:
    return Path(str(files("fastapi_offline").joinpath("static")))


class _Assets(StaticFiles):
    """The packaged files, which change only with the package: browsers may keep them for a day."""

    def file_response(
        self,
        full_path: PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response


def pages(openapi_url: str) -> dict[str, str]:
    """The two pages' HTML. Every address in them is relative to the page (/docs and /redoc sit at the
    root of the service), so they hold behind a proxy that mounts the service under a prefix, and their
    inline script never changes: the page policy can name it by hash (api/security.py)."""
    spec = openapi_url.lstrip("/")
    assets = ASSETS.lstrip("/")
    swagger = get_swagger_ui_html(
        openapi_url=spec,
        title=f"{TITLE} · API",
        swagger_js_url=f"{assets}/swagger-ui-bundle.js",
        swagger_css_url=f"{assets}/swagger-ui.css",
        swagger_favicon_url=f"{assets}/favicon.png",
        # no badge from the public validator service (it would send the document off the machine)
        swagger_ui_parameters={"validatorUrl": None},
    )
    redoc = get_redoc_html(
        openapi_url=spec,
        title=f"{TITLE} · API",
        redoc_js_url=f"{assets}/redoc.standalone.js",
        redoc_favicon_url=f"{assets}/favicon.png",
        with_google_fonts=False,
    )
    return {"/docs": bytes(swagger.body).decode(), "/redoc": bytes(redoc.body).decode()}


def _serve(html: str) -> Callable[[Request], Awaitable[HTMLResponse]]:
    async def page(_: Request) -> HTMLResponse:
        return HTMLResponse(html)

    return page


def install(app: FastAPI) -> None:
    """Add /docs, /redoc and their assets to ``app`` (built with ``docs_url=None, redoc_url=None``)."""
    for path, html in pages(app.openapi_url or "/openapi.json").items():
        app.add_route(path, _serve(html), include_in_schema=False)
    app.mount(ASSETS, _Assets(directory=assets_dir()), name="docs-assets")
