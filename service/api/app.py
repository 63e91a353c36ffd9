"""The FastAPI application factory; the store opens in the lifespan, never at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from service import __version__
from service.access import KeyStore, Sessions, keys_for
from service.api import contract, docs, errors
from service.api.contract import ERROR_RESPONSES
from service.api.routers import (
    analysis,
    chains,
    enterprises,
    health,
    history,
    imports,
    intake,
    lists,
    maps,
    pages,
    recruitment,
    search,
    session,
)
from service.api.security import SecurityHeaders, SignInLimiter, inline_scripts, template_scripts
from service.api.warm import WarmAfterWrites
from service.errors import BackendUnavailable
from service.settings import Settings, get_settings
from service.storage.backends import open_store
from service.storage.port import GraphStore
from service.warmup import Warmer, preload_in_background, weights

log = logging.getLogger("chainlens.api")
GZIP_MIN_BYTES = 1024  # smaller answers gain less than the work of compressing them


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the API for ``settings`` (default: from the environment), or around an open ``store``."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings, apply_schema=False)
        if settings.backend == "neo4j":  # keys and the session secret are in the graph, shared by replicas
            app.state.keys = keys_for(settings, app.state.store)
            app.state.sessions = Sessions(app.state.keys)
        available = True
        try:
            app.state.store.apply_schema()
        except BackendUnavailable as e:  # serve anyway: /health reports it, requests answer 503
            log.warning("backend unavailable at start-up: %s", e)
            available = False
        app.state.warmer = Warmer(app.state.store, weights(settings)) if settings.warm_up else None
        if app.state.warmer is not None:
            preload_in_background()
            if owned and available:  # a service starting: its first users need not wait for cold answers
                app.state.warmer.schedule()
        try:
            yield
        finally:
            if app.state.warmer is not None:
                app.state.warmer.close()  # before the store closes under it
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="chainlens",
        version=__version__,
        description="产业链知识图谱：断点、堵点、风险与链主影响力",
        lifespan=lifespan,
        docs_url=None,  # docs.install serves them with their scripts from this service
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.keys = KeyStore(settings.keys_file)  # on the Neo4j backend: the graph's, from the lifespan on
    app.state.sessions = Sessions(app.state.keys)
    app.state.sessions.check()  # a damaged session secret stops the start, not a later sign-in
    app.state.sign_ins = SignInLimiter()
    if settings.cors_origins:  # closed unless configured
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    docs_pages = docs.pages(app.openapi_url or "/openapi.json").values()
    scripts = template_scripts() + [s for html in docs_pages for s in inline_scripts(html)]
    app.add_middleware(SecurityHeaders, scripts=scripts)
    app.add_middleware(WarmAfterWrites)
    # outermost, so it compresses the final body; level 6 packs a map page within 0.5 % of level 9's size
    # in half the time
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    errors.install(app)
    docs.install(app)
    for module in (
        pages,
        session,
        health,
        chains,
        enterprises,
        search,
        imports,
        intake,
        analysis,
        lists,
        maps,
        recruitment,
        history,
    ):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    contract.install(app)
    return app
