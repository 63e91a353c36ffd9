"""Browser sign-in: a page that trades an API key for a session cookie, and sign-out. API clients keep
sending the key in a header and never need these."""

from __future__ import annotations

import logging
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from service.access import SESSION_HOURS, Keys, Sessions
from service.api.access import MAX_NEXT, PUBLIC, SESSION_COOKIE, Allow
from service.api.security import SignInLimiter
from service.errors import Forbidden
from service.render.login import login_html

router = APIRouter(tags=["session"], dependencies=[Depends(Allow(PUBLIC))])
audit = logging.getLogger("chainlens.audit")

NextPath = Annotated[str, Query(max_length=MAX_NEXT, description="登录后回到的页面（本服务内的路径）")]
HTML_401: dict[int | str, dict[str, Any]] = {
    401: {"description": "密钥无效或已吊销（重新显示登录页）", "content": {"text/html": {}}},
    429: {
        "description": "该客户端失败的登录过多：Retry-After 秒后再试（重新显示登录页）",
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "可再试前的秒数"}},
        "content": {"text/html": {}},
    },
}


def safe_next(value: str) -> str:
    """Only a path on this service: never another site (``//host``, ``/\\host`` or a scheme)."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        return "/"
    return value


def _same_host(origin: str, host: str | None) -> bool:
    """Whether an ``Origin`` names the host the request was sent to, case and default ports aside. A Host
    without a port matches an origin on either default port (a TLS proxy may forward https as http)."""
    try:
        sent = urlsplit(origin)
        to = urlsplit("//" + (host or ""))
        origin_port = sent.port or {"http": 80, "https": 443}.get(sent.scheme)
        same_name = sent.hostname is not None and sent.hostname == to.hostname
        return same_name and (to.port == origin_port if to.port else origin_port in (80, 443))
    except ValueError:  # a malformed port
        return False


def same_origin(request: Request) -> None:
    """Refuse a sign-in or sign-out form posted by another site (login CSRF: signing a browser in as
    someone else, or out). A browser names the sender in ``Sec-Fetch-Site``, which no page can forge;
    browsers too old to send it are judged by ``Origin`` against the Host header. Clients that send
    neither (curl, scripts) are let through."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None:
        allowed = site in ("same-origin", "none")
    else:
        allowed = origin is None or _same_host(origin, request.headers.get("host"))
    if not allowed:
        raise Forbidden("只接受本站页面提交的登录、退出表单")


SameOrigin = Depends(same_origin)


@router.get("/login", response_class=HTMLResponse)
def login_page(next: NextPath = "/") -> HTMLResponse:
    """The sign-in page."""
    return HTMLResponse(login_html(safe_next(next), SESSION_HOURS))


@router.post(
    "/login",
    response_class=RedirectResponse,
    status_code=303,
    responses=HTML_401,
    response_model=None,
    dependencies=[SameOrigin],
)
def sign_in(
    request: Request,
    key: Annotated[str, Form(min_length=1, max_length=200, description="API密钥")],
    next: Annotated[str, Form(max_length=MAX_NEXT)] = "/",
) -> HTMLResponse | RedirectResponse:
    """Check the key; on success set the session cookie and go to ``next``. After five failures within a
    minute a client is refused (429, with Retry-After) until the first of them is a minute old."""
    target = safe_next(next)
    keys: Keys = request.app.state.keys
    if not keys.any_active():  # the service runs open: nothing to sign in to
        return RedirectResponse(target, status_code=303)
    client = request.client.host if request.client else "-"
    limiter: SignInLimiter = request.app.state.sign_ins
    if wait := limiter.retry_after(client):  # checked before the key, so guessing on gets nowhere
        audit.warning("sign-in from %s held back: too many failures, %d s to wait", client, wait)
        message = f"失败的登录过多，请{wait}秒后再试"
        page = login_html(target, SESSION_HOURS, message)
        return HTMLResponse(page, status_code=429, headers={"Retry-After": str(wait)})
    found = keys.verify(key.strip())
    if found is None:
        limiter.failed(client)
        audit.warning("sign-in refused from %s", client)
        return HTMLResponse(login_html(target, SESSION_HOURS, "密钥无效或已吊销"), status_code=401)
    limiter.succeeded(client)
    sessions: Sessions = request.app.state.sessions
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        sessions.issue(found),
        max_age=SESSION_HOURS * 3600,
        path="/",
        httponly=True,  # page scripts never see it
        samesite="lax",  # sent on links followed from elsewhere, never on another site's POST
        secure=request.app.state.settings.secure_cookies or request.url.scheme == "https",
    )
    audit.info("sign-in %s (%s) from %s", found.owner, found.key_id, client)
    return response


@router.post("/logout", response_class=RedirectResponse, status_code=303, dependencies=[SameOrigin])
def sign_out() -> RedirectResponse:
    """End the browser session."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
