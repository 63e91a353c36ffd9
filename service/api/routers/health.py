from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from service import __version__, catalog
from service.api.access import PUBLIC, Allow
from service.api.deps import StoreDep
from service.api.models import Health
from service.errors import BackendUnavailable

router = APIRouter(tags=["health"], dependencies=[Depends(Allow(PUBLIC))])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(store: StoreDep, request: Request) -> Health | JSONResponse:
    """Backend, versions and graph size; 503 when the backend cannot be reached."""
    try:
        counts = catalog.graph_counts(store)
        engine = store.server_version()
    except BackendUnavailable as e:
        body = Health(status="unavailable", backend=store.backend, engine=store.engine, version=__version__)
        return JSONResponse({**body.model_dump(), "detail": str(e), "code": e.code}, status_code=503)
    return Health(
        status="ok",
        backend=store.backend,
        engine=store.engine,
        engine_version=engine,
        version=__version__,
        nodes=counts["nodes"],
        relationships=counts["relationships"],
        warm_up=warmer.state if (warmer := getattr(request.app.state, "warmer", None)) is not None else None,
    )
