"""Web hygiene around every answer: security headers, a Content-Security-Policy that lets a page run only
the service's own script files and the inline scripts its templates write (known by their SHA-256 before
any request), ``Cache-Control: no-store``, and a limit on failed sign-ins per client (in memory, per
process)."""

from __future__ import annotations

import base64
import hashlib
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# On every answer. ``frame-ancestors 'none'`` (and X-Frame-Options for older browsers): no page of the
# service can be framed by another site (clickjacking).
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Answers that are not pages (JSON, spreadsheets, errors) load nothing at all.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Pages (maps, the front page, reports, dossiers, the sign-in page, /docs and /redoc) load nothing from
# another origin. Scripts: files of this service and the templates' inline scripts by hash, so a script
# that data smuggled into a page would not run, nor would an event-handler attribute. Styles may be
# inline (the pages and Redoc write style elements); images and fonts may be data URLs;
# Redoc's search runs in a worker made from a blob.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
OPEN, CLOSE = "<script>", "</script>"  # the templates write their inline scripts as a bare <script>


def inline_scripts(html: str) -> list[str]:
    """The text of each bare ``<script>`` element of ``html`` (JSON data blocks carry a type: they never
    run, so a policy need not name them)."""
    found, at = [], html.find(OPEN)
    while at >= 0:
        end = html.find(CLOSE, at + len(OPEN))
        if end < 0:
            break
        found.append(html[at + len(OPEN) : end])
        at = html.find(OPEN, end + len(CLOSE))
    return found


def template_scripts() -> list[str]:
    """The inline scripts the map templates write (each map's own); no other template
    has one (tests/api/test_web_hygiene.py fails when one does)."""
    from service.render.maps import chain_map_html, graph_map_html

    return inline_scripts(chain_map_html("", {})) + inline_scripts(graph_map_html("", "", {}))


def page_csp(scripts: Iterable[str]) -> str:
    """The page policy allowing exactly ``scripts`` inline, by their SHA-256."""
    digests = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    return PAGE_CSP.format(hashes="".join(f" 'sha256-{d}'" for d in sorted(digests)))


class SecurityHeaders:
    """ASGI middleware: BASE_HEADERS and a CSP on every answer (PAGE_CSP for HTML, allowing ``scripts``
    inline; DATA_CSP otherwise), and ``Cache-Control: no-store`` unless the answer set its own, so
    neither a browser nor a proxy keeps what a signed-in person saw."""

    def __init__(self, app: ASGIApp, scripts: Iterable[str] = ()) -> None:
        self.app = app
        self.page_csp = page_csp(scripts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                csp = self.page_csp if content_type.startswith(b"text/html") else DATA_CSP
                extra = {**BASE_HEADERS, "Content-Security-Policy": csp, "Cache-Control": "no-store"}
                for name, value in extra.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, wrapped)


class SignInLimiter:
    """Failed sign-ins per client: after ``limit`` failures within ``window`` seconds the client is
    refused (even with a right key) until the oldest of them is ``window`` old. Tracks at most
    ``max_clients`` clients, forgetting the longest quiet first, so memory stays bounded."""

    def __init__(
        self,
        limit: int = 5,
        window: float = 60.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.max_clients, self.clock = limit, window, max_clients, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.get(client, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        return failures

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may now."""
        failures = self._recent(client)
        if len(failures) < self.limit:
            return 0
        return max(1, math.ceil(failures[-self.limit] + self.window - self.clock()))

    def failed(self, client: str) -> None:
        failures = self._recent(client)
        failures.append(self.clock())
        while len(failures) > self.limit:
            failures.popleft()
        self._failures[client] = failures
        self._failures.move_to_end(client)
        while len(self._failures) > self.max_clients:
            self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)

    def __len__(self) -> int:
        return len(self._failures)
