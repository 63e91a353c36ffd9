"""Who may call each endpoint: every route depends on one ``Allow`` (a test fails for a route without
one). A key goes in ``Authorization: Bearer <key>`` or ``X-API-Key``; a browser signed in at ``/login``
sends a session cookie instead, which is honoured for GET and HEAD only, so a page on another site cannot
make a signed-in browser write. With no key configured at all the service runs open, and ``chainlens
serve`` then listens on 127.0.0.1 only."""

from __future__ import annotations

import logging

from fastapi import Request

from service.access import ADMIN, EDITOR, LOCAL_OWNER, PUBLIC, VIEWER, ApiKey, Keys, Sessions
from service.errors import Forbidden, Unauthorized

audit = logging.getLogger("chainlens.audit")

__all__ = ["ADMIN", "EDITOR", "PUBLIC", "SESSION_COOKIE", "VIEWER", "Allow", "principal", "signed_in"]

LOCAL = ApiKey("local", LOCAL_OWNER, ADMIN)
SESSION_COOKIE = "chainlens_session"
SAFE_METHODS = ("GET", "HEAD")
MAX_NEXT = 2000  # longest page address carried through sign-in (``next``)


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("x-api-key")


class Allow:
    """The role an endpoint needs; for ``editor`` the key must also name the path's ``chain_id``."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __repr__(self) -> str:
        return f"Allow({self.role!r})"

    def __call__(self, request: Request) -> ApiKey:
        if self.role == PUBLIC:
            return LOCAL
        keys: Keys = request.app.state.keys
        if not keys.any_active():
            request.state.principal = LOCAL
            return LOCAL
        token = _token(request)
        cookie = request.cookies.get(SESSION_COOKIE) if request.method in SAFE_METHODS else None
        if token:
            key = keys.verify(token)
            if key is None:
                raise Unauthorized("API密钥无效或已吊销")
        elif cookie:
            sessions: Sessions = request.app.state.sessions
            key = sessions.verify(cookie)
            if key is None:
                raise Unauthorized("登录已过期或密钥已吊销，请重新登录")
            request.state.via_session = True
        else:
            raise Unauthorized("需要API密钥：请求头 Authorization: Bearer <密钥>，或在 /login 登录")
        if not key.allows(self.role, request.path_params.get("chain_id")):
            audit.warning("denied %s %s to %s (%s)", request.method, request.url.path, key.owner, key.key_id)
            raise Forbidden("此密钥无权执行该操作")
        request.state.principal = key
        return key


def principal(request: Request) -> ApiKey:
    """The key the request was allowed with (set by ``Allow``)."""
    key: ApiKey = getattr(request.state, "principal", LOCAL)
    return key


def signed_in(request: Request) -> str | None:
    """The owner of a browser session the request came with (for a sign-out button), else None."""
    return principal(request).owner if getattr(request.state, "via_session", False) else None
