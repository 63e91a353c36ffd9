"""Read the chains, their segments and enterprises: the catalogue every other feature starts from."""

from __future__ import annotations

from typing import Any

from service.errors import NotFound
from service.storage.port import GraphStore
from service.storage.queries import Q

SEARCH_LIMIT = 50


def graph_counts(store: GraphStore) -> dict[str, int]:
    """Node and relationship totals."""
    nodes = store.read(Q.COUNT_NODES)[0]["nodes"]
    rels = store.read(Q.COUNT_RELATIONSHIPS)[0]["relationships"]
    return {"nodes": int(nodes), "relationships": int(rels)}


def list_chains(store: GraphStore) -> list[dict[str, Any]]:
    return store.read(Q.LIST_CHAINS)


def require_chain(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """The chain's own row (without its segments); NotFound for an unknown chain."""
    rows = store.read(Q.GET_CHAIN, {"chain_id": chain_id})
    if not rows:
        raise NotFound(f"产业链 {chain_id} 不存在")
    return dict(rows[0])


def get_chain(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """A chain with its segments in upstream-to-downstream order and their enterprise counts."""
    chain = require_chain(store, chain_id)
    chain["segments"] = store.read(Q.LIST_CHAIN_SEGMENTS, {"chain_id": chain_id})
    return chain


def get_enterprise(store: GraphStore, enterprise_id: str) -> dict[str, Any]:
    """An enterprise's card: its facts, segments, products, suppliers and customers."""
    params = {"enterprise_id": enterprise_id}
    rows = store.read(Q.GET_ENTERPRISE, params)
    if not rows:
        raise NotFound(f"企业 {enterprise_id} 不存在")
    card = dict(rows[0])
    card["segments"] = store.read(Q.LIST_ENTERPRISE_SEGMENTS, params)
    card["products"] = store.read(Q.LIST_ENTERPRISE_PRODUCTS, params)
    card["suppliers"] = store.read(Q.LIST_ENTERPRISE_SUPPLIERS, params)
    card["customers"] = store.read(Q.LIST_ENTERPRISE_CUSTOMERS, params)
    return card


def search(store: GraphStore, text: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Nodes whose name or id contains ``text``; exact id matches first, then by kind and id."""
    rows = store.read(Q.SEARCH_NODES, {"q": text, "limit": limit})
    rows.sort(key=lambda r: (r["id"] != text, r["kind"], r["id"]))
    return rows[:limit]
