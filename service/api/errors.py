"""Map the project's exceptions to HTTP once, with one body shape: ``{"detail": …, "code": …}``."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from service.api.access import MAX_NEXT
from service.api.security import BASE_HEADERS, DATA_CSP
from service.errors import (
    MAX_PROBLEMS,
    BackendUnavailable,
    ChainlensError,
    ConfigurationError,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    QueryFailed,
    TooLarge,
    Unauthorized,
)

log = logging.getLogger("chainlens.api")

STATUS = {
    Unauthorized: 401,
    Forbidden: 403,
    TooLarge: 413,
    NotFound: 404,
    InvalidInput: 422,
    Conflict: 409,
    BackendUnavailable: 503,
    QueryFailed: 500,
    ConfigurationError: 500,
}


def status_for(error: ChainlensError) -> int:
    for kind, status in STATUS.items():
        if isinstance(error, kind):
            return status
    return 500


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this path, for ``Allow``. Starlette names only the first route
    whose path matched, so a path served by a GET and a POST route would advertise one of them."""
    routes = request.app.router.routes
    allowed = [
        m for m in METHODS if any(r.matches({**request.scope, "method": m})[0] is Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


def _browser_page(request: Request) -> bool:
    """A browser navigating to a page (it asks for HTML first), not an API client."""
    accept = request.headers.get("accept", "")
    return request.method in ("GET", "HEAD") and accept.startswith("text/html")


def install(app: FastAPI) -> None:
    @app.exception_handler(ChainlensError)
    async def _chainlens(request: Request, error: ChainlensError) -> Response:
        status = status_for(error)
        if status == 401 and _browser_page(request):  # a person following a link: to the sign-in page
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if len(target) > MAX_NEXT:  # too long to carry through the sign-in form: start at the front page
                target = "/"
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        if status >= 500:
            log.error("%s: %s", error.code, error)
        body: dict[str, object] = {"detail": str(error), "code": error.code}
        if isinstance(error, InvalidInput) and error.problems:
            body["problems"] = error.problems
            body["problem_count"] = error.problem_count
        preview = getattr(error, "preview", None)  # a write that needs confirming: what it would change
        if preview is not None:
            body["preview"] = preview
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        # answered outside the middleware stack (Starlette's ServerErrorMiddleware): headers set here
        headers = {**BASE_HEADERS, "Content-Security-Policy": DATA_CSP, "Cache-Control": "no-store"}
        return JSONResponse(
            {"detail": "服务器内部错误", "code": "internal_error"}, status_code=500, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "location": ".".join(str(p) for p in e.get("loc", ())),
                # pydantic prefixes the message of a validator's own ValueError
                "message": str(e.get("msg", "")).removeprefix("Value error, ")[:500],
            }
            for e in error.errors()[:MAX_PROBLEMS]
        ]
        # name the parameters in the sentence a person reads: "请求参数无效：query.as_of（…）"
        named = "；".join(f"{p['location']}（{p['message']}）" for p in problems[:3])
        return JSONResponse(
            {
                "detail": f"请求参数无效：{named}" if named else "请求参数无效",
                "code": "invalid_input",
                "problems": problems,
                "problem_count": len(error.errors()),
            },
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {400: "invalid_input", 404: "not_found", 405: "method_not_allowed"}.get(
            error.status_code, "http_error"
        )
        headers = dict(getattr(error, "headers", None) or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return JSONResponse(
            {"detail": str(error.detail), "code": code}, status_code=error.status_code, headers=headers
        )
