"""Where the API signals a write: after any successful request that may write (a method other than GET,
HEAD or OPTIONS answered below 400), the store's warm-up is scheduled (service.warmup). A request that
turned out to write nothing (a dry run, a what-if posted with a body) costs a warm-up that finds every
answer already cached."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

READS = frozenset({"GET", "HEAD", "OPTIONS"})


class WarmAfterWrites:
    """ASGI middleware: schedule ``app.state.warmer`` (when there is one) after a successful write."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        status = 0

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, watched)
        warmer = getattr(scope["app"].state, "warmer", None)
        if warmer is not None and 200 <= status < 400:
            warmer.schedule()
