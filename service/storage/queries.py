"""The query registry: every statement is a ``.cypher`` file under ``cypher/``, loaded once per store.

A file ``cypher/<area>/<verb>_<object>.cypher`` is registered as ``<area>/<verb>_<object>``. A file
``<name>.ladybug.cypher`` or ``<name>.neo4j.cypher`` beside it replaces it on that engine only. Each file
starts with a header::

    // What the query answers, in one or more lines.
    // params: chain_id, limit
    // returns: id, name, position

and holds exactly one statement. Values are always ``$parameters``. A header line ``// bulk: yes`` marks a
query that returns hundreds of thousands of rows (the projections the graph algorithms run on); adapters
may fetch those in a way suited to their engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from service.errors import QueryFailed

ENGINES = ("ladybug", "neo4j")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class Q(StrEnum):
    """Names of the hand-written queries. Ingestion queries are generated from graph_schema."""

    COUNT_NODES = "meta/count_nodes"
    COUNT_RELATIONSHIPS = "meta/count_relationships"
    CLEAR_GRAPH = "meta/delete_all"
    GET_VERSION = "meta/get_version"
    SET_VERSION = "meta/set_version"
    LIST_CHAINS = "catalog/list_chains"
    GET_CHAIN = "catalog/get_chain"
    LIST_CHAIN_SEGMENTS = "catalog/list_chain_segments"
    GET_ENTERPRISE = "catalog/get_enterprise"
    LIST_ENTERPRISE_SEGMENTS = "catalog/list_enterprise_segments"
    LIST_ENTERPRISE_PRODUCTS = "catalog/list_enterprise_products"
    LIST_ENTERPRISE_SUPPLIERS = "catalog/list_enterprise_suppliers"
    LIST_ENTERPRISE_CUSTOMERS = "catalog/list_enterprise_customers"
    SEARCH_NODES = "catalog/search_nodes"
    CHAIN_FIRMS = "analysis/list_chain_firms"
    CHAIN_FEEDS = "analysis/list_chain_feeds"
    CHAIN_DISTRICT_INPUTS = "analysis/list_chain_district_inputs"
    INPUTS_OF_BUYERS = "analysis/list_inputs_of_buyers"
    SUPPLY_LINKS = "analysis/list_supply_links"
    ENTERPRISE_FACTS = "analysis/list_enterprise_facts"
    MAKERS = "analysis/list_makers"
    PRODUCT_NAMES = "analysis/list_product_names"
    CHAIN_TECHNOLOGY_HOLDERS = "analysis/list_chain_technology_holders"
    LIST_CHAIN_ENTERPRISES = "lists/list_chain_enterprises"
    LIST_CHAIN_PROJECTS = "lists/list_chain_projects"
    LIST_CHAIN_POLICIES = "lists/list_chain_policies"
    LIST_CHAIN_SEGMENT_POLICIES = "lists/list_chain_segment_policies"
    MAP_TECHNOLOGIES = "maps/list_chain_technologies"
    MAP_TECHNOLOGY_PATHS = "maps/list_chain_technology_paths"
    MAP_TECHNOLOGY_PROJECTS = "maps/list_chain_technology_projects"
    MAP_PRODUCT_DOMAINS = "maps/list_chain_product_domains"
    MAP_FIRM_PRODUCTS = "maps/list_chain_firm_products"
    CHAIN_SEGMENT_PRODUCTS = "recruitment/list_chain_segment_products"
    OUTSIDE_MAKERS = "recruitment/list_outside_makers"
    SIMILAR_MAKERS = "recruitment/list_similar_makers"
    DISTRICT_DEMAND = "recruitment/list_district_demand"
    DISTRICT_CUSTOMER_COUNTS = "recruitment/count_district_customers"
    DISTRICT_TOWNSHIPS = "recruitment/list_district_townships"
    CREATE_UPDATE = "history/create_update"
    CREATE_UPDATE_CHUNK = "history/create_update_chunk"
    LIST_UPDATES = "history/list_updates"
    LIST_UPDATE_CHUNKS = "history/list_update_chunks"
    REDATE_UPDATE = "history/redate_update"
    LOCK_WRITES = "meta/lock_writes"
    ANY_REGION = "ledger/any_region"
    LIST_API_KEYS = "access/list_api_keys"
    GET_API_KEY = "access/get_api_key"
    COUNT_ACTIVE_API_KEYS = "access/count_active_api_keys"
    CREATE_API_KEY = "access/create_api_key"
    REVOKE_API_KEY = "access/revoke_api_key"
    GET_SESSION_SECRET = "access/get_session_secret"
    CREATE_SESSION_SECRET = "access/create_session_secret"


@dataclass(frozen=True)
class Query:
    """One statement as it runs on one engine."""

    name: str
    text: str
    summary: str
    params: frozenset[str]
    returns: tuple[str, ...]
    source: str  # file name it came from, for error messages
    bulk: bool = False

    def check_params(self, params: Mapping[str, Any]) -> None:
        given = set(params)
        if given != self.params:
            raise QueryFailed(
                f"query {self.name}: declared params {sorted(self.params)}, got {sorted(given)}"
            )


def parse_query(name: str, source: str, content: str) -> Query:
    """Split a ``.cypher`` file into its header and statement and check they agree."""
    summary: list[str] = []
    params: list[str] | None = None
    returns: list[str] | None = None
    bulk = False
    body: list[str] = []
    for line in content.splitlines():
        stripped = line.strip()
        if not body and stripped.startswith("//"):
            text = stripped[2:].strip()
            if text.startswith("params:"):
                params = _names(text.removeprefix("params:"))
            elif text.startswith("returns:"):
                returns = _names(text.removeprefix("returns:"))
            elif text.startswith("bulk:"):
                bulk = text.removeprefix("bulk:").strip() == "yes"
            elif text:
                summary.append(text)
        elif stripped or body:
            body.append(line)
    statement = "\n".join(body).strip()
    if not summary or params is None or returns is None:
        raise ValueError(f"{source}: header needs a summary, '// params:' and '// returns:' lines")
    if not statement:
        raise ValueError(f"{source}: no statement")
    if statement.rstrip(";").count(";"):
        raise ValueError(f"{source}: one statement per file")
    used = set(_PARAM.findall(statement))
    if used != set(params):
        raise ValueError(f"{source}: declared params {sorted(params)} but uses {sorted(used)}")
    for branch in _UNION.split(statement):
        aliases = _returned(branch)
        if aliases != returns:
            raise ValueError(f"{source}: declared returns {returns} but the statement returns {aliases}")
    return Query(
        name, statement.rstrip(";"), " ".join(summary), frozenset(params), tuple(returns), source, bulk
    )


_UNION = re.compile(r"\bUNION(?:\s+ALL)?\b")
_RETURN = re.compile(r"\bRETURN\b")
_END_OF_RETURN = re.compile(r"\b(?:ORDER\s+BY|SKIP|LIMIT)\b")
_ALIAS = re.compile(r"\bAS\s+([A-Za-z_][A-Za-z0-9_]*)")


def _returned(statement: str) -> list[str]:
    """The column aliases of a statement's final RETURN (every column must be named with AS)."""
    parts = _RETURN.split(statement)
    if len(parts) < 2:
        return []
    clause = _END_OF_RETURN.split(parts[-1])[0]
    return _ALIAS.findall(clause)


def _names(text: str) -> list[str]:
    text = text.strip()
    if text in ("", "-", "(none)"):
        return []
    return [t.strip() for t in text.split(",") if t.strip()]


def _walk(root: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for entry in root.iterdir():
        if entry.is_dir():
            files.update(_walk(entry, f"{prefix}{entry.name}/"))
        elif entry.name.endswith(".cypher"):
            files[prefix + entry.name] = entry.read_text(encoding="utf-8")
    return files


def query_files(root: Traversable | None = None) -> dict[str, str]:
    """All ``.cypher`` files under the package ``cypher`` (or ``root``), by relative path."""
    return _walk(root or resources.files("cypher"))


def split_name(path: str) -> tuple[str, str | None]:
    """``a/b.ladybug.cypher`` -> (``a/b``, ``ladybug``); ``a/b.cypher`` -> (``a/b``, None)."""
    stem = path.removesuffix(".cypher")
    base, _, engine = stem.rpartition(".")
    if base and engine in ENGINES:
        return base, engine
    return stem, None


class QueryRegistry:
    """Every query for one engine, parsed once."""

    def __init__(self, engine: str, root: Traversable | None = None) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self.engine = engine
        chosen: dict[str, tuple[str, str]] = {}
        for path, content in sorted(query_files(root).items()):
            name, only = split_name(path)
            if (only is None and name not in chosen) or only == engine:
                chosen[name] = (path, content)
        self._queries = {n: parse_query(n, p, c) for n, (p, c) in chosen.items()}

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryFailed(f"no query {name!r} for engine {self.engine}") from None

    def names(self) -> frozenset[str]:
        return frozenset(self._queries)
