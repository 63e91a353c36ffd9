"""A firm's supply as production works: it needs every distinct input it buys, and for each input any one
of its suppliers will do. Pure functions over a projection of supply links; no storage, no HTTP."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
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


_LINK_KEY = itemgetter(0, 1, 2)
# the columns of analysis/list_supply_links, in the order of Link's fields
_LINK_COLUMNS = (
    *("supplier_id", "buyer_id", "product_id", "share"),
    *("annual_value", "recovery_days", "stock_days"),
)

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
        return cls.from_links(links)

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence[Any]]) -> SupplyNetwork:
        """:meth:`from_rows` of ``analysis/list_supply_links`` read as columns (no dict per row)."""
        names = (
            "supplier_id",
            "buyer_id",
            "product_id",
            "share",
            "annual_value",
            "recovery_days",
            "stock_days",
        )
        rows = zip(*(columns[n] for n in names), strict=True)
        return cls.from_links(list(map(Link._make, rows)))

    @classmethod
    def from_links(cls, links: list[Link]) -> SupplyNetwork:
        """:meth:`build` of ``links`` in (supplier, buyer, product) order (sorted here, in place): every
        network from the graph is indexed in this one order, whatever order the engine gave."""
        links.sort(key=_LINK_KEY)  # (supplier, buyer, product) is unique per link
        inputs: dict[str, dict[str, list[Link]]] = {}
        customers: dict[str, list[Link]] = {}
        last: tuple[str, str, str] | None = None
        sold: list[Link] = []
        for link in links:
            key = link[:3]
            if key == last:  # a twin keeps its first link only, as build() does
                continue
            if last is None or key[0] != last[0]:
                sold = customers[key[0]] = []
            last = key
            sold.append(link)
            bought = inputs.get(key[1])
            if bought is None:
                inputs[key[1]] = {key[2]: [link]}
            else:
                same = bought.get(key[2])
                if same is None:
                    bought[key[2]] = [link]
                else:
                    same.append(link)
        return cls(inputs, customers)

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
    """``cascade(network, [x])`` for every firm ``x`` whose stop alone cuts someone off, keyed in firm
    order, each cascade's firms in the order :func:`cascade` finds them.

    Computed over the network's inputs numbered in (buyer, product) order: each input keeps a count of
    its links whose supplier is down, so an input is cut off the moment its count reaches its number of
    links, and a firm's stop costs one pass over the links of the firms it brings down (no set of firms
    down is copied per round, no input's suppliers are looked at again). Only firms that are the sole
    supplier of some input of another firm are followed: no other stop cuts anyone off.

    Examples
    --------
    >>> net = SupplyNetwork.build([Link("x", "y", "p"), Link("y", "z", "q"), Link("w", "z", "r")])
    >>> {k: sorted(v) for k, v in single_stops(net).items()}
    {'w': ['z'], 'x': ['y', 'z'], 'y': ['z']}
    """
    index = _InputIndex(network)
    out: dict[str, dict[str, Cut]] = {}
    for firm in index.sole_suppliers():
        cut = index.cascade(firm)
        if cut:
            out[index.firms[firm]] = cut
    return out


class _InputIndex:
    """The network's inputs as integers: input ``i`` is the i-th (buyer, product) in sorted order, so
    sorting input numbers sorts (buyer, product) pairs; firm ``f`` is the f-th firm in sorted order."""

    def __init__(self, network: SupplyNetwork) -> None:
        self.network = network
        firms = sorted(set(network.inputs) | set(network.customers))
        self.firms = firms
        number = {f: i for i, f in enumerate(firms)}
        self.buyer: list[int] = []  # input -> its buyer
        self.size: list[int] = []  # input -> its number of links
        self.pair: list[tuple[str, str]] = []  # input -> (buyer, product)
        # firm -> the inputs it supplies, once a link: those with one link, and those with more
        self.feeds: list[list[int]] = [[] for _ in firms]
        self.shared: list[list[int]] = [[] for _ in firms]
        sole: set[int] = set()  # firms that are every link of some input of another firm
        buyer_of, size_of, pair_of = self.buyer.append, self.size.append, self.pair.append
        feeds, shared = self.feeds, self.shared
        for buyer in sorted(network.inputs):
            b = number[buyer]
            inputs = network.inputs[buyer]
            for product in sorted(inputs):
                links = inputs[product]
                i = len(self.buyer)
                buyer_of(b)
                size_of(len(links))
                pair_of((buyer, product))
                if len(links) == 1:
                    feeds[number[links[0].supplier]].append(i)
                else:
                    for link in links:
                        shared[number[link.supplier]].append(i)
                first = links[0].supplier
                if first != buyer and all(link.supplier == first for link in links):
                    sole.add(number[first])
        self.sole = sorted(sole)
        self._made: dict[int, Cut] = {}  # (round, input) -> its Cut: equal cuts are one object

    def sole_suppliers(self) -> list[int]:
        """Firms, in order, that are every link of some input of another firm."""
        return self.sole

    def _cut(self, round_no: int, i: int) -> Cut:
        buyer, product = self.pair[i]
        links = self.network.inputs[buyer][product]
        values = [link.value for link in links if link.value is not None]
        suppliers = tuple(sorted(link.supplier for link in links))
        return Cut(buyer, product, round_no, suppliers, sum(values) if values else None)

    def cascade(self, firm: int) -> dict[str, Cut]:
        """:func:`cascade` of one stopped firm, round by round: an input is cut off in the round after
        its last supplier went down; a buyer is cut off through its first such input, in order."""
        buyer, size, feeds, shared, made = self.buyer, self.size, self.feeds, self.shared, self._made
        stride = len(buyer)
        down = {firm}
        count: dict[int, int] = {}  # input -> its links whose supplier is down
        cut: dict[str, Cut] = {}
        frontier = [firm]
        round_no = 0
        while frontier:
            round_no += 1
            full: list[int] = []
            for f in frontier:
                for i in feeds[f]:
                    if buyer[i] not in down:
                        full.append(i)
                for i in shared[f]:
                    c = count.get(i, 0) + 1
                    count[i] = c
                    if c == size[i] and buyer[i] not in down:
                        full.append(i)
            full.sort()
            frontier = []
            for i in full:
                b = buyer[i]
                if b in down:
                    continue
                down.add(b)
                frontier.append(b)
                key = round_no * stride + i
                one = made.get(key)
                if one is None:
                    one = made[key] = self._cut(round_no, i)
                cut[one.firm] = one
        return cut


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
