"""Weak links of a chain: fetch the projections with Cypher, run the algorithms in service.analysis, and
cache the answers per graph version. The API and the CLI call these functions."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from service import catalog
from service.analysis import anchors as anchor_analysis
from service.analysis import breaks as break_analysis
from service.analysis import risks as risk_analysis
from service.analysis.demand import DEMAND_THRESHOLD
from service.analysis.risks import FirmFacts
from service.analysis.supply import Cut, SupplyNetwork, single_stops
from service.cache import cache_for, collector_paused
from service.courtesy import step_aside
from service.errors import InvalidInput, NotFound
from service.storage.port import GraphStore
from service.storage.queries import Q

P = ParamSpec("P")
R = TypeVar("R")


def _one_version(fn: Callable[Concatenate[GraphStore, P], R]) -> Callable[Concatenate[GraphStore, P], R]:
    """Answer from one graph version, read once, however many cached parts the answer is built from."""

    @functools.wraps(fn)
    def wrapper(store: GraphStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with cache_for(store).pinned(store):
            return fn(store, *args, **kwargs)

    return wrapper


DEFAULT_HHI_THRESHOLD = 0.5
DEFAULT_DEMAND_THRESHOLD = DEMAND_THRESHOLD
MAX_SCENARIO_FIRMS = 100


@dataclass(frozen=True)
class Projection:
    """The whole supply graph as the algorithms need it."""

    network: SupplyNetwork
    facts: dict[str, FirmFacts]
    scales: dict[str, str | None]  # None where the ledger says 未知
    specialised: dict[str, bool | None]  # None where the ledger says 未知
    anchors: set[str]
    makers: dict[str, set[str]]
    product_names: dict[str, str]


def projection(store: GraphStore) -> Projection:
    @collector_paused()  # millions of small objects, all kept: see collector_paused
    def build() -> Projection:
        # read as columns: a dict per row would cost more than the queries themselves
        firms = store.read_columns(Q.ENTERPRISE_FACTS)
        ids = firms["id"]
        facts = {
            i: FirmFacts(i, name, bool(inside), code, status)
            for i, name, inside, code, status in zip(
                ids, firms["name"], firms["in_district"], firms["region_code"], firms["status"], strict=True
            )
        }
        step_aside()  # a background warm-up lets a request go first (service.courtesy)
        makers: dict[str, set[str]] = defaultdict(set)
        made = store.read_columns(Q.MAKERS)
        for product, firm in zip(made["product_id"], made["enterprise_id"], strict=True):
            makers[product].add(firm)
        step_aside()
        return Projection(
            SupplyNetwork.from_columns(_supply_links(store), ids),
            facts,
            dict(zip(ids, firms["scale"], strict=True)),
            dict(zip(ids, firms["is_specialised"], strict=True)),
            {i for i, anchor in zip(ids, firms["is_anchor"], strict=True) if anchor},
            dict(makers),
            product_names(store),
        )

    return cache_for(store).get(store, "projection", build)


def _supply_links(store: GraphStore) -> Mapping[str, Any]:
    """Every supply link as columns: the engine's own Arrow columns where it hands them (LadybugDB's
    ``read_arrow``: no Python object per value before the network needs one), else lists."""
    read_arrow = getattr(store, "read_arrow", None)
    table = read_arrow(Q.SUPPLY_LINKS) if read_arrow is not None else None
    if table is None:
        return store.read_columns(Q.SUPPLY_LINKS)
    return {name: table.column(name) for name in table.column_names}


def single_stop_cascades(store: GraphStore) -> Mapping[str, Mapping[str, Cut]]:
    """What each firm's stop alone would cut off, for the whole graph (chain-independent)."""

    @collector_paused()
    def build() -> Mapping[str, Mapping[str, Cut]]:
        return single_stops(projection(store).network)

    return cache_for(store).get(store, "single_stop_cascades", build)


def product_names(store: GraphStore) -> dict[str, str]:
    return cache_for(store).get(
        store, "product_names", lambda: {r["id"]: r["name"] for r in store.read(Q.PRODUCT_NAMES)}
    )


@dataclass(frozen=True)
class ChainView:
    segments: list[break_analysis.Segment]
    feeds: list[tuple[str, str]]
    firms: set[str]
    firm_rows: dict[str, dict[str, Any]]  # one row of analysis/list_chain_firms per firm: its facts


def chain_view(store: GraphStore, chain_id: str) -> ChainView:
    def build() -> ChainView:
        catalog.require_chain(store, chain_id)  # 404 for an unknown chain (a cached view's chain exists)
        rows = store.read(Q.CHAIN_FIRMS, {"chain_id": chain_id})
        step_aside()
        segments = break_analysis.segments_from_rows(rows)
        feeds = [(r["from_id"], r["to_id"]) for r in store.read(Q.CHAIN_FEEDS, {"chain_id": chain_id})]
        firm_rows = {r["enterprise_id"]: r for r in rows if r["enterprise_id"] is not None}
        return ChainView(segments, feeds, set(firm_rows), firm_rows)

    return cache_for(store).get(store, ("chain", chain_id), build)


@dataclass(frozen=True)
class DistrictInputs:
    """Every supply link into the chain's district firms, and each supplier's name, whether it is in
    the district and its region code."""

    network: SupplyNetwork
    suppliers: dict[str, tuple[str, bool, str | None]]


def district_inputs(store: GraphStore, chain_id: str) -> DistrictInputs:
    def build() -> DistrictInputs:
        rows = store.read(Q.CHAIN_DISTRICT_INPUTS, {"chain_id": chain_id})
        network = break_analysis.inputs_network(rows)
        suppliers = {
            r["supplier_id"]: (r["supplier_name"], bool(r["supplier_in_district"]), r["supplier_region_code"])
            for r in rows
        }
        return DistrictInputs(network, suppliers)

    return cache_for(store).get(store, ("district_inputs", chain_id), build)


# Past this many district firms read a few at a time, a chain's breaks read all its district inputs at
# once (one query for the chain is cheaper than many small ones by then).
BREAK_INPUTS_BY_FIRM = 256


def _break_inputs(
    store: GraphStore, chain_id: str, view: ChainView
) -> tuple[SupplyNetwork, dict[str, bool], dict[str, str]]:
    """What a chain's breaks need of its district firms' inputs without the projection: the inputs of
    just the firms the common-supplier check reads (``breaks.needed_inputs``), or all of them."""

    def inputs_of(ids: list[str]) -> list[dict[str, Any]]:
        return store.read(Q.INPUTS_OF_BUYERS, {"buyer_ids": ids})

    rows = break_analysis.needed_inputs(view.segments, inputs_of, BREAK_INPUTS_BY_FIRM)
    if rows is None:
        inputs = district_inputs(store, chain_id)
        found = inputs.suppliers
        return inputs.network, {k: v[1] for k, v in found.items()}, {k: v[0] for k, v in found.items()}
    network = break_analysis.inputs_network(rows)
    in_district = {r["supplier_id"]: bool(r["supplier_in_district"]) for r in rows}
    names = {r["supplier_id"]: r["supplier_name"] for r in rows}
    return network, in_district, names


@_one_version
def breaks(store: GraphStore, chain_id: str) -> list[dict[str, Any]]:
    """Breaks and choke points of a chain, upstream first."""
    view = chain_view(store, chain_id)

    def build() -> list[dict[str, Any]]:
        # Only what the chain's district firms buy is needed: read from the projection of the whole
        # graph where it is at hand (the same links, in the same order), else fetched for the chain alone.
        # The check reads the inputs of the few firms it needs and looks their suppliers up in the
        # projection's facts: listing every district firm's suppliers first would make every input of
        # the lazy projection (about 0.75 s at province scale).
        p: Projection | None = cache_for(store).peek(store, "projection")
        if p is not None:
            network = p.network
            in_district = {s: f.in_district for s, f in p.facts.items()}
            names = {s: f.name for s, f in p.facts.items()}
        else:
            network, in_district, names = _break_inputs(store, chain_id, view)
        return break_analysis.find_breaks(
            view.segments, view.feeds, network, in_district, names, product_names(store)
        )

    return cache_for(store).get(store, ("breaks", chain_id), build)


@_one_version
def risks(
    store: GraphStore, chain_id: str, hhi_threshold: float = DEFAULT_HHI_THRESHOLD, limit: int = 50
) -> dict[str, Any]:
    """The chain's risk nodes ranked, with single-source, concentrated and outside-dependent inputs and
    the links whose recovery outlasts stock."""
    view = chain_view(store, chain_id)

    def build() -> dict[str, Any]:
        p = projection(store)
        figures = risk_analysis.chain_risks(
            p.network, view.firms, p.facts, p.makers, single_stop_cascades(store), hhi_threshold, limit
        )
        figures = risk_analysis.with_names(figures, p.facts, p.product_names)
        return {"chain_id": chain_id, "hhi_threshold": hhi_threshold, "limit": limit, **figures}

    return cache_for(store).get(store, ("risks", chain_id, hhi_threshold, limit), build)


@_one_version
def disruption(
    store: GraphStore,
    enterprise_ids: list[str],
    demand_threshold: float = DEFAULT_DEMAND_THRESHOLD,
    follow_demand: bool = False,
) -> dict[str, Any]:
    """What-if: the firms cut off, in cascade, when the given firms stop (supply side), and the
    suppliers that lose sales, demand-hit from ``demand_threshold`` of their recorded sales and, with
    ``follow_demand``, stopping in turn (demand side)."""
    ids = sorted(set(enterprise_ids))
    if not ids:
        raise InvalidInput("至少需要一家停产企业")
    if len(ids) > MAX_SCENARIO_FIRMS:
        raise InvalidInput(f"一次最多模拟{MAX_SCENARIO_FIRMS}家企业停产")
    p = projection(store)
    unknown = [i for i in ids if i not in p.facts]
    if unknown:
        raise NotFound(f"企业不存在：{'、'.join(unknown)}")

    def build() -> dict[str, Any]:
        result = risk_analysis.impact(
            p.network, ids, p.facts, p.product_names, demand_threshold, follow_demand
        )
        supplied = {
            firm: sorted({link.product for link in p.network.customers.get(firm, ())}) for firm in ids
        }
        result["substitutes"] = {
            firm: risk_analysis.named_substitutes(
                risk_analysis.substitutes(firm, products, p.makers, p.facts), p.facts
            )
            for firm, products in supplied.items()
        }
        return result

    key = ("disruption", tuple(ids), demand_threshold, follow_demand)
    return cache_for(store).get(store, key, build)


@_one_version
def anchors(
    store: GraphStore, chain_id: str, demand_threshold: float = DEFAULT_DEMAND_THRESHOLD
) -> dict[str, Any]:
    """Influence of the chain's anchor firms, and the district firms that could grow into anchors; what
    each one's stop would do is measured on both sides, demand-hit from ``demand_threshold``."""
    view = chain_view(store, chain_id)

    def build() -> dict[str, Any]:
        p = projection(store)
        step_aside()
        chain_anchors = [f for f in view.firms if f in p.anchors]
        report = anchor_analysis.anchor_report(
            p.network, view.firms, chain_anchors, p.facts, demand_threshold=demand_threshold
        )
        return {"chain_id": chain_id, **report}

    return cache_for(store).get(store, ("anchors", chain_id, demand_threshold), build)


@_one_version
def sme_candidates(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """The chain's specialised SMEs and the small firms worth cultivating, with reasons."""
    view = chain_view(store, chain_id)

    def build() -> dict[str, Any]:
        p = projection(store)
        holders: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in store.read(Q.CHAIN_TECHNOLOGY_HOLDERS, {"chain_id": chain_id}):
            holders[r["enterprise_id"]].append(r)
        return {
            "chain_id": chain_id,
            **anchor_analysis.sme_candidates(
                p.network, view.firms, p.scales, p.specialised, p.facts, holders, p.product_names
            ),
        }

    return cache_for(store).get(store, ("sme", chain_id), build)
