"""Notebook explorers: the same questions as DataFrames, over a local store or the shared service.

>>> from service import explore
>>> ex = explore.open_local()                  # the bundled seed, in a temporary store
>>> ex = explore.connect(url, key)             # the district's service, with an API key
>>> ex.risks("auto").head()                    # a DataFrame with Chinese headers
>>> ex.risks("auto").attrs["raw"]              # the API's JSON answer it came from

Charts are in :mod:`service.explore.charts` (matplotlib, needs the ``notebook`` extra).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from service.explore.errors import ExploreError
from service.explore.explorer import BEFORE_AFTER, CHANGE_PARTS, PAGES, QUESTIONS, Explorer
from service.explore.local import LocalExplorer, open_local, open_neo4j
from service.explore.pages import Page

if TYPE_CHECKING:
    from service.explore.remote import RemoteExplorer

__all__ = [
    "BEFORE_AFTER",
    "CHANGE_PARTS",
    "PAGES",
    "QUESTIONS",
    "ExploreError",
    "Explorer",
    "LocalExplorer",
    "Page",
    "connect",
    "from_env",
    "open_local",
    "open_neo4j",
]


def connect(url: str, key: str | None = None, *, timeout: float = 120.0) -> RemoteExplorer:
    """An explorer over the chainlens service at ``url`` with an API key (see :mod:`.remote`)."""
    from service.explore.remote import connect as _connect

    return _connect(url, key, timeout=timeout)


def from_env() -> Explorer:
    """The explorer the environment names, so one notebook runs against any of them:
    ``CHAINLENS_URL`` (and ``CHAINLENS_KEY``) → :func:`connect`; else ``CHAINLENS_BACKEND=neo4j`` →
    :func:`open_neo4j` on ``CHAINLENS_NEO4J_URI``; else ``CHAINLENS_EXPLORE_STORE`` → :func:`open_local`
    on that embedded store; else the bundled seed in a temporary store."""
    url = os.environ.get("CHAINLENS_URL")
    if url:
        return connect(url, os.environ.get("CHAINLENS_KEY") or None)
    if os.environ.get("CHAINLENS_BACKEND") == "neo4j":
        return open_neo4j(os.environ.get("CHAINLENS_NEO4J_URI", "bolt://127.0.0.1:7687"))
    return open_local(os.environ.get("CHAINLENS_EXPLORE_STORE") or None)
