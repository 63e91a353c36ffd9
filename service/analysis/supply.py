"""A firm's supply as production works: it needs every distinct input it buys, and for each input any one
of its suppliers will do. Pure functions over a projection of supply links; no storage, no HTTP."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Link(NamedTuple):
    """One supply link: ``supplier`` sells ``product`` to ``buyer``. A named tuple, not a dataclass:
    half a million of them are built per projection at province scale."""

    supplier: str
    buyer: str
    product: str
    share: float | None = None
    value: float | None = None  # annual value, 万元
    recovery_days: int | None = None  # days needed to replace this supplier
    stock_days: int | None = None  # days the buyer can run on stock


# A supplier with at least this share of one buyer's input is its main supplier.
MAIN_SUPPLIER_SHARE = 0.5


@dataclass(frozen=True)
class Cut:
    """A firm cut off in a disruption: the input it lost all suppliers of, and in which round."""

    firm: str
    product: str
    round: int
    lost_suppliers: tuple[str, ...]
    lost_value: float | None


@dataclass
class SupplyNetwork:
    """Supply links indexed both ways."""

    inputs: dict[str, dict[str, list[Link]]] = field(default_factory=dict)  # buyer -> product -> links
    customers: dict[str, list[Link]] = field(default_factory=dict)  # supplier -> links

    @classmethod
    def build(cls, links: Iterable[Link]) -> SupplyNetwork:
        """Index the links; a repeated (supplier, buyer, product) keeps its first link only, so a list of
        links per input holds each supplier once (the graph itself never has such twins)."""
        inputs: dict[str, dict[str, list[Link]]] = defaultdict(lambda: defaultdict(list))
        customers: dict[str, list[Link]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for link in links:
            key = (link.supplier, link.buyer, link.product)
            if key in seen:
                continue
            seen.add(key)
            inputs[link.buyer][link.product].append(link)
            customers[link.supplier].append(link)
        return cls({b: dict(p) for b, p in inputs.items()}, dict(customers))

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> SupplyNetwork:
        """From rows of ``analysis/list_supply_links``, in a fixed order whatever order the engine
        returned them in, so every answer (down to float sums) is the same on every engine."""
        links = [
            Link(
                r["supplier_id"],
                r["buyer_id"],
                r["product_id"],
                r["share"],
                r["annual_value"],
                r["recovery_days"],
                r["stock_days"],
            )
            for r in rows
        ]
        links.sort(key=lambda link: link[:3])  # (supplier, buyer, product) is unique per link
        return cls.build(links)

    def suppliers_of(self, buyer: str, product: str) -> list[Link]:
        return self.inputs.get(buyer, {}).get(product, [])

    def links(self) -> Iterable[Link]:
        for links in self.customers.values():
            yield from links


def cascade(network: SupplyNetwork, stopped: Iterable[str]) -> dict[str, Cut]:
    """Firms cut off when ``stopped`` stop, followed to a fixed point.

    A firm is cut off when, for some input it buys, every supplier of that input has stopped or been cut
    off. The stopped firms themselves are not reported.

    Examples
    --------
    >>> net = SupplyNetwork.build([Link("x", "y", "p"), Link("y", "z", "q"), Link("w", "z", "q")])
    >>> sorted(cascade(net, ["x"]))
    ['y']
    >>> sorted(cascade(net, ["x", "w"]))
    ['y', 'z']
    """
    down = set(stopped)
    cut: dict[str, Cut] = {}
    _propagate(network, down, sorted(down), cut, 0)
    return cut


def _propagate(
    network: SupplyNetwork, down: set[str], frontier: list[str], cut: dict[str, Cut], round_no: int
) -> None:
    """Follow a disruption from ``frontier`` (already down) round by round, recording cut firms."""
    while frontier:
        round_no += 1
        candidates: set[tuple[str, str]] = set()
        for supplier in frontier:
            for link in network.customers.get(supplier, ()):
                if link.buyer not in down:
                    candidates.add((link.buyer, link.product))
        before = frozenset(down)  # a round sees only what was down when it began: rounds are tiers
        frontier = cut_off(network, candidates, before, round_no, down, cut)


def cut_off(
    network: SupplyNetwork,
    candidates: Iterable[tuple[str, str]],
    before: frozenset[str],
    round_no: int,
    down: set[str],
    cut: dict[str, Cut],
) -> list[str]:
    """Of the (buyer, input) ``candidates``, the buyers every supplier of that input of which was down
    when the round began (``before``): each is recorded in ``cut`` and ``down``; the newly cut, in order."""
    newly: list[str] = []
    for buyer, product in sorted(candidates):
        if buyer in down:
            continue
        links = network.suppliers_of(buyer, product)
        if not links or len(links) > len(before):  # more suppliers than are down: not cut
            continue
        if all(link.supplier in before for link in links):
            values = [link.value for link in links if link.value is not None]
            cut[buyer] = Cut(
                buyer,
                product,
                round_no,
                tuple(sorted(link.supplier for link in links)),
                sum(values) if values else None,
            )
            down.add(buyer)
            newly.append(buyer)
    return newly


def single_stops(network: SupplyNetwork) -> dict[str, dict[str, Cut]]:
    """``cascade(network, [x])`` for every firm ``x`` whose stop alone cuts someone off, computed
    together: round one is read straight off the single-source links, and only firms that round cuts
    are followed further.

    Examples
    --------
    >>> net = SupplyNetwork.build([Link("x", "y", "p"), Link("y", "z", "q"), Link("w", "z", "r")])
    >>> {k: sorted(v) for k, v in single_stops(net).items()}
    {'w': ['z'], 'x': ['y', 'z'], 'y': ['z']}
    """
    # supplier -> buyer -> the buyer's first input (by product id) that this supplier alone provides
    first: dict[str, dict[str, tuple[str, list[Link]]]] = defaultdict(dict)
    for buyer, inputs in network.inputs.items():
        for product in sorted(inputs):
            links = inputs[product]
            sole = links[0].supplier
            if sole != buyer and all(link.supplier == sole for link in links) and buyer not in first[sole]:
                first[sole][buyer] = (product, links)
    out: dict[str, dict[str, Cut]] = {}
    for firm in sorted(first):
        cut = {}
        for buyer, (product, links) in sorted(first[firm].items()):
            values = [link.value for link in links if link.value is not None]
            cut[buyer] = Cut(buyer, product, 1, (firm,) * len(links), sum(values) if values else None)
        _propagate(network, {firm, *cut}, sorted(cut), cut, 1)
        out[firm] = cut
    return out


def shares(links: list[Link]) -> list[float]:
    """Each supplier's share of one (buyer, input): the recorded shares, normalised; where any share is
    missing, annual values; where those are missing too, equal parts."""
    if links and all(link.share is not None for link in links):
        known = [float(link.share or 0.0) for link in links]
    elif links and all(link.value is not None for link in links):
        known = [float(link.value or 0.0) for link in links]
    else:
        known = [1.0] * len(links)
    total = sum(known)
    if total <= 0:
        return [1.0 / len(links)] * len(links) if links else []
    return [k / total for k in known]


def herfindahl(links: list[Link]) -> float:
    """Herfindahl-Hirschman index of the suppliers of one (buyer, input), from 1/n (even) to 1 (one)."""
    return sum(s * s for s in shares(links))
