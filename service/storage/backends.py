"""Backend registry: a name in settings picks an adapter, imported only when chosen."""

from __future__ import annotations

from collections.abc import Callable

from service.errors import BackendUnavailable, ConfigurationError
from service.settings import Settings
from service.storage.port import GraphStore


def _embedded(settings: Settings) -> GraphStore:
    from service.storage.ladybug_store import LadybugStore

    return LadybugStore(settings.embedded_path)


def _neo4j(settings: Settings) -> GraphStore:
    import neo4j

    from service.storage.neo4j_store import Neo4jStore

    password = settings.neo4j_password.get_secret_value()
    auth = (settings.neo4j_user, password) if password else None
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.neo4j_uri,
            auth=auth,
            connection_timeout=settings.neo4j_timeout_s,
            connection_acquisition_timeout=settings.neo4j_timeout_s,
            max_transaction_retry_time=settings.neo4j_timeout_s,
            # the server's hints (e.g. "property key does not exist" on an empty graph) are not errors
            notifications_min_severity="OFF",
        )
    except ValueError as e:  # a malformed URI
        raise ConfigurationError(f"CHAINLENS_NEO4J_URI: {e}") from e
    return Neo4jStore(driver, settings.neo4j_database)


BACKENDS: dict[str, Callable[[Settings], GraphStore]] = {"embedded": _embedded, "neo4j": _neo4j}


def open_store(settings: Settings, *, apply_schema: bool = True) -> GraphStore:
    """Open the configured store and make sure its schema exists."""
    try:
        factory = BACKENDS[settings.backend]
    except KeyError:
        raise ConfigurationError(f"unknown backend {settings.backend!r}") from None
    store = factory(settings)
    if apply_schema:
        try:
            store.apply_schema()
        except BackendUnavailable:
            store.close()
            raise
    return store
