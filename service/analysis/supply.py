"""A firm's supply as production works: it needs every distinct input it buys, and for each input any one
of its suppliers will do. Pure functions over a projection of supply links; no storage, no HTTP."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence, ValuesView
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from service.cache import collector_paused
from service.courtesy import EVERY, step_aside


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


@dataclass(frozen=True)
class LinkCodes:
    """A network's links as numbers, in the order of its links (:meth:`SupplyNetwork.links`): firm ``n``
    is ``firms[n]``, product ``n`` is ``products[n]``, both lists sorted, so the numbers sort as the ids
    do. Kept beside a projection so that the single-stop cascades number nothing again."""

    firms: list[str]
    products: list[str]
    supplier: np.ndarray
    buyer: np.ndarray
    product: np.ndarray

    def plus(self, supplier: str, links: Sequence[Link]) -> LinkCodes | None:
        """These codes with ``links`` of a new firm ``supplier`` appended (the firm numbered last: only
        the products are numbered in order, which is all the cascades need); None where a buyer or a
        product is not numbered here."""
        if supplier in self.firms:
            return None
        firm_no = {f: n for n, f in enumerate(self.firms)} if links else {}
        product_no = {p: n for n, p in enumerate(self.products)} if links else {}
        if any(link.buyer not in firm_no or link.product not in product_no for link in links):
            return None
        n = len(links)
        return LinkCodes(
            [*self.firms, supplier],
            self.products,
            np.concatenate([self.supplier, np.full(n, len(self.firms), dtype=np.int64)]),
            np.concatenate([self.buyer, np.array([firm_no[link.buyer] for link in links], dtype=np.int64)]),
            np.concatenate(
                [self.product, np.array([product_no[link.product] for link in links], dtype=np.int64)]
            ),
        )


@dataclass
class SupplyNetwork:
    """Supply links indexed both ways."""

    inputs: Mapping[str, dict[str, list[Link]]] = field(default_factory=dict)  # buyer -> product -> links
    customers: Mapping[str, list[Link]] = field(default_factory=dict)  # supplier -> links
    codes: LinkCodes | None = field(default=None, compare=False, repr=False)

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
    def from_columns(
        cls,
        columns: Mapping[str, Sequence[Any] | pa.Array | pa.ChunkedArray],
        firms: Iterable[str] | None = None,
    ) -> SupplyNetwork:
        """:meth:`from_rows` of ``analysis/list_supply_links`` read as columns (no dict per row), with the
        links' :class:`LinkCodes`. ``firms``, where given, are every firm the links may name (the
        projection's firm facts): each id in the network is then the very object given there, one per
        firm (the engine hands a new string per row; shared ones are found again faster). A column may
        be a list or an Arrow array (as an engine hands it): the same network either way.

        The network's ``inputs`` and ``customers`` are the very mappings :meth:`from_links` builds, keys
        in the same order, but each value (and each :class:`Link` in it) is made when first read: at
        province scale half a million links are read as columns in a few array operations, and a
        what-if reads a few hundred of them."""
        names = ("supplier_id", "buyer_id", "product_id")
        if not len(columns[names[0]]):
            return cls()
        ids = [_strings(columns[n]) for n in names]
        if firms is None:
            firms = pc.unique(pa.concat_arrays([ids[0], ids[1]])).to_pylist()
        known = sorted(dict.fromkeys(firms))  # not a set: ids given in order (the facts') sort at once
        products = sorted(set(pc.unique(ids[2]).to_pylist()))
        numbered = [
            pc.index_in(column, value_set=pa.array(pool, type=pa.string()))
            for column, pool in zip(ids, (known, known, products), strict=True)
        ]
        if any(n.null_count for n in numbered):  # a firm the facts do not know: sort the rows instead
            values = zip(*(_listed(columns[n]) for n in _LINK_COLUMNS), strict=True)
            return cls.from_links(list(map(Link._make, values)))
        s_no, b_no, p_no = (np.asarray(n.to_numpy(), dtype=np.int64) for n in numbered)
        step_aside()  # between the steps of a long build, a background warm-up lets a request go first
        # the (supplier, buyer, product) order of from_links, stably; a twin keeps its first link only
        order = _link_order(s_no, b_no, p_no, len(known), len(products))
        s_no, b_no, p_no = s_no[order], b_no[order], p_no[order]
        keep = np.ones(len(order), dtype=bool)
        keep[1:] = (s_no[1:] != s_no[:-1]) | (b_no[1:] != b_no[:-1]) | (p_no[1:] != p_no[:-1])
        order, s_no, b_no, p_no = order[keep], s_no[keep], b_no[keep], p_no[keep]
        codes = LinkCodes(known, products, s_no, b_no, p_no)
        step_aside()
        rows = _LinkRows(codes, *(_taken(columns[n], order) for n in _LINK_COLUMNS[3:]))
        step_aside()
        return cls(_Inputs(rows, codes), _Customers(rows, codes), codes)

    @classmethod
    def from_links(cls, links: list[Link]) -> SupplyNetwork:
        """:meth:`build` of ``links`` in (supplier, buyer, product) order (sorted here, in place): every
        network from the graph is indexed in this one order, whatever order the engine gave."""
        links.sort(key=_LINK_KEY)  # (supplier, buyer, product) is unique per link
        return cls._indexed(links)

    @classmethod
    def _indexed(cls, links: list[Link]) -> SupplyNetwork:
        """The network of ``links``, already in (supplier, buyer, product) order."""
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
        """The links of one input (empty when ``buyer`` does not buy ``product``); from a projection,
        without making the buyer's other inputs."""
        inputs = self.inputs
        if isinstance(inputs, _Inputs):
            return inputs.links_of(buyer, product)
        return inputs.get(buyer, {}).get(product, [])

    def link_values(self) -> Sequence[float | None]:
        """Each link's annual value, in the order of :meth:`links` (and of the network's codes): from a
        projection's columns, without making a Link."""
        customers = self.customers
        if isinstance(customers, _Customers):
            return customers._rows.columns[_LINK_COLUMNS.index("annual_value")]  # type: ignore[no-any-return]
        return [link.value for link in self.links()]

    def links(self) -> Iterable[Link]:
        for links in self.customers.values():
            yield from links


class _LinkRows:
    """A network's links read as columns, numbered as its :class:`LinkCodes` (link ``k`` is the ``k``-th
    value of each column), each made a :class:`Link` when first read and kept, so that the inputs and
    the customers of a network hold the same Link objects."""

    __slots__ = ("columns", "firms", "made", "number", "whole")

    def __init__(self, codes: LinkCodes, *rest: list[Any]) -> None:
        self.firms = np.array(codes.firms, dtype=object)
        self.number = dict(zip(codes.firms, range(len(codes.firms)), strict=True))  # firm -> its number
        products = np.array(codes.products, dtype=object)
        ids = (self.firms[codes.supplier], self.firms[codes.buyer], products[codes.product])
        self.columns = (*(column.tolist() for column in ids), *rest)  # in the order of Link's fields
        self.made: list[Link | None] = [None] * len(codes.supplier)
        self.whole = False  # every link made

    def take(self, rows: Iterable[int]) -> list[Link]:
        """The links numbered ``rows``, in that order."""
        made = self.made
        supplier, buyer, product, share, value, recovery_days, stock_days = self.columns
        out: list[Link] = []
        for k in rows:
            link = made[k]
            if link is None:
                link = made[k] = Link(
                    supplier[k], buyer[k], product[k], share[k], value[k], recovery_days[k], stock_days[k]
                )
            out.append(link)
        return out

    def every(self) -> list[Link]:
        """Every link, in order: those not made yet are made now, all at once (a tuple each, straight
        from the columns, as Link's own constructor makes it), several times faster than one by one."""
        made = self.made
        if not self.whole:
            fresh = map(tuple.__new__, repeat(Link), zip(*self.columns, strict=True))
            made[:] = [new if old is None else old for old, new in zip(made, fresh, strict=True)]
            self.whole = True
        return made  # type: ignore[return-value]  # no None left


V = TypeVar("V")
_MISSING = object()  # what _Made.get gives for a key it does not hold


class _Made(Mapping[str, V]):
    """firm -> a value made when first read, then kept, for the firms ``owners`` numbers (in the
    mapping's order). The first value kept for a firm is the one every reader gets, whichever thread
    made it.

    Made one by one, values cost more (and keep Python's collector busy, as the analyses run with it
    on): once a reader has made one in ``ONE_BY_ONE`` of them that way, or reads them all (a loop over
    items or values, or a copy: dict() and {**...} read the keys first), the rest are made at once,
    with the collector held off."""

    ONE_BY_ONE = 16

    __slots__ = ("_at", "_keys", "_made", "_one_by_one", "_rows")

    def __init__(self, rows: _LinkRows, owners: np.ndarray) -> None:
        self._rows = rows
        self._keys: list[str] = rows.firms[owners].tolist()
        at = np.full(len(rows.firms), -1, dtype=np.int64)  # firm number -> its place here, or -1
        at[owners] = np.arange(len(owners), dtype=np.int64)
        self._at: list[int] = at.tolist()
        self._made: dict[str, V] = {}
        self._one_by_one = 0  # values made one by one so far

    def _make(self, n: int) -> V:
        """The value of the ``n``-th firm here."""
        raise NotImplementedError

    def _every(self) -> Iterator[V]:
        """Every firm's value, in order, made the fast way for all of them at once."""
        raise NotImplementedError

    def _make_all(self) -> None:
        made = self._made
        if len(made) < len(self._keys):
            # hundreds of thousands of objects, all kept: see collector_paused (measured at province
            # scale: the links of the anchors' value graph take 3.6 s with the collector running)
            with collector_paused():
                for n, (key, value) in enumerate(zip(self._keys, self._every(), strict=True)):
                    if not n % EVERY:
                        step_aside()
                    made.setdefault(key, value)

    def _made_at(self, key: str, n: int) -> V:
        """The value of ``key``, the ``n``-th firm here, made now."""
        self._one_by_one += 1
        if self._one_by_one * self.ONE_BY_ONE > len(self._keys):
            self._make_all()
            return self._made[key]
        return self._made.setdefault(key, self._make(n))

    def keys(self) -> KeysView[str]:
        self._make_all()
        return super().keys()

    def values(self) -> ValuesView[V]:
        self._make_all()
        return super().values()

    def items(self) -> ItemsView[str, V]:
        self._make_all()
        return super().items()

    def _place(self, key: str) -> int:
        number = self._rows.number.get(key)
        return -1 if number is None else self._at[number]

    def __getitem__(self, key: str) -> V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:  # Mapping.get, without raising on a miss
        value = self._made.get(key)
        if value is None:
            n = self._place(key)
            if n < 0:
                return default
            value = self._made_at(key, n)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._place(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class _Customers(_Made[list[Link]]):
    """supplier -> its links, as :meth:`SupplyNetwork.from_links` indexes them: suppliers in order,
    each one's links in link order."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, rows: _LinkRows, codes: LinkCodes) -> None:
        s_no = codes.supplier
        starts = np.flatnonzero(np.r_[True, s_no[1:] != s_no[:-1]])
        super().__init__(rows, s_no[starts])
        self._starts = starts.tolist()
        self._ends = [*self._starts[1:], len(s_no)]

    def _make(self, n: int) -> list[Link]:
        return self._rows.take(range(self._starts[n], self._ends[n]))

    def _every(self) -> Iterator[list[Link]]:
        every = self._rows.every()
        return (every[a:b] for a, b in zip(self._starts, self._ends, strict=True))


class _Inputs(_Made[dict[str, list[Link]]]):
    """buyer -> product -> links, as :meth:`SupplyNetwork.from_links` indexes them: buyers, and each
    buyer's inputs, in the order the links first name them; each input's links in link order."""

    __slots__ = ("_buyer_ptr", "_input_ptr", "_links", "_product")

    def __init__(self, rows: _LinkRows, codes: LinkCodes) -> None:
        n_products = max(len(codes.products), 1)
        # links grouped by input, inputs in (buyer, product) order, each input's links in link order
        key = codes.buyer * n_products + codes.product
        by_input = _stable_order(key)
        grouped = key[by_input]
        starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
        sizes = np.diff(np.r_[starts, len(key)])
        first = by_input[starts]  # input -> its first link
        buyer = grouped[starts] // n_products  # input -> its buyer; a buyer's inputs are adjacent
        buyer_starts = np.flatnonzero(np.r_[True, buyer[1:] != buyer[:-1]])
        buyer_first = np.minimum.reduceat(first, buyer_starts)  # buyer -> its first link
        buyer_sizes = np.diff(np.r_[buyer_starts, len(starts)])
        # inputs as the mapping lists them: buyers as the links first name them, each buyer's inputs
        # likewise (first links are unique, so one key sorts them)
        listed = _stable_order(np.repeat(buyer_first, buyer_sizes) * len(key) + first)
        buyer_order = _stable_order(buyer_first)
        super().__init__(rows, buyer[buyer_starts[buyer_order]])
        self._buyer_ptr = np.r_[0, np.cumsum(buyer_sizes[buyer_order])].tolist()  # buyer -> its inputs
        input_sizes = sizes[listed]
        input_ptr = np.r_[0, np.cumsum(input_sizes)]  # input -> its links
        # each listed input's links, one input after another
        at = np.repeat(starts[listed] - input_ptr[:-1], input_sizes) + np.arange(len(key))
        self._input_ptr = input_ptr.tolist()
        self._links = by_input[at].tolist()
        products = np.array(codes.products, dtype=object)
        self._product = products[(grouped[starts] % n_products)[listed]].tolist()

    def _links_at(self, i: int) -> list[Link]:
        """The links of the ``i``-th input listed."""
        return self._rows.take(self._links[self._input_ptr[i] : self._input_ptr[i + 1]])

    def _make(self, n: int) -> dict[str, list[Link]]:
        product = self._product
        return {product[i]: self._links_at(i) for i in range(self._buyer_ptr[n], self._buyer_ptr[n + 1])}

    def links_of(self, buyer: str, product: str) -> list[Link]:
        """``self[buyer][product]`` (empty where there is none), made alone if the buyer's inputs are
        not made yet: reading one input of thousands of buyers makes no other input, nor all of them."""
        bought = self._made.get(buyer)
        if bought is not None:
            return bought.get(product, [])
        n = self._place(buyer)
        if n >= 0:
            for i in range(self._buyer_ptr[n], self._buyer_ptr[n + 1]):
                if self._product[i] == product:
                    return self._links_at(i)
        return []

    def _every(self) -> Iterator[dict[str, list[Link]]]:
        every = self._rows.every()
        grouped = list(map(every.__getitem__, self._links))
        ptr, product, buyer_ptr = self._input_ptr, self._product, self._buyer_ptr
        for n in range(len(self._keys)):
            yield {product[i]: grouped[ptr[i] : ptr[i + 1]] for i in range(buyer_ptr[n], buyer_ptr[n + 1])}


def _link_order(
    s_no: np.ndarray, b_no: np.ndarray, p_no: np.ndarray, n_firms: int, n_products: int
) -> np.ndarray:
    """The order that sorts links by (supplier, buyer, product) numbers, stably: by one combined key
    where it fits in 63 bits, else by the three."""
    n_products = max(n_products, 1)
    if n_firms * n_firms * n_products < 2**62:
        return _stable_order((s_no * n_firms + b_no) * n_products + p_no)
    return np.lexsort((p_no, b_no, s_no))


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` of non-negative integers, sorted 16 bits at a time from the
    lowest: NumPy sorts 16-bit integers stably by radix, several times faster than its merge sort of
    64-bit ones (for 500,000 keys of 24 bits, 8 ms instead of 39)."""
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    top = int(keys.max()) if len(keys) else 0
    shift = 16
    while top >> shift:
        digit = ((keys[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


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


def stops_of(network: SupplyNetwork, firms: Iterable[str]) -> dict[str, Cascade]:
    """``cascade(network, [x])`` for each of ``firms`` (that cuts someone off), computed together as
    :func:`single_stops` does, keyed in the order given."""
    index = _InputIndex(network)
    number = {f: n for n, f in enumerate(index.firms)}
    roots = [number[f] for f in dict.fromkeys(firms) if f in number]
    return index.all_cascades(roots) if roots else {}


def single_stops(network: SupplyNetwork) -> dict[str, Cascade]:
    """``cascade(network, [x])`` for every firm ``x`` whose stop alone cuts someone off, keyed in firm
    order, each cascade's firms in the order :func:`cascade` finds them.

    Computed for every such firm at once, over NumPy arrays of the network's inputs numbered in (buyer,
    product) order (see ``_InputIndex.all_cascades``): each round is a few array operations over all the
    cascades still growing, instead of a Python loop per firm, per round and per link. Only firms that are
    the sole supplier of some input of another firm are followed: no other stop cuts anyone off. A
    hypothesis test checks the result against one :func:`cascade` per firm, order included.

    Examples
    --------
    >>> net = SupplyNetwork.build([Link("x", "y", "p"), Link("y", "z", "q"), Link("w", "z", "r")])
    >>> {k: sorted(v) for k, v in single_stops(net).items()}
    {'w': ['z'], 'x': ['y', 'z'], 'y': ['z']}
    """
    index = _InputIndex(network)
    return index.all_cascades(index.sole_suppliers())


class Cascade(Mapping[str, Cut]):
    """One firm's single-stop cascade, as :func:`cascade` gives it (firm cut off -> its Cut, in the order
    found), each Cut built from the numbered inputs when first read: at province scale there are
    hundreds of thousands, and most answers only count them. The cascade is the slice ``start:end`` of
    lists shared by every cascade (firm cut off, and the number of its Cut): iterating or counting it
    builds nothing, and a lookup builds its firm -> Cut number dict once."""

    __slots__ = ("_at", "_end", "_index", "_keys", "_names", "_start")

    def __init__(self, index: _InputIndex, names: list[str], keys: list[int], start: int, end: int) -> None:
        self._index, self._names, self._keys, self._start, self._end = index, names, keys, start, end
        self._at: dict[str, int] | None = None

    def _numbers(self) -> dict[str, int]:
        at = self._at
        if at is None:
            s, e = self._start, self._end
            at = self._at = dict(zip(self._names[s:e], self._keys[s:e], strict=True))
        return at

    def __getitem__(self, firm: str) -> Cut:
        return self._index.cut_at(self._numbers()[firm])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names[self._start : self._end])

    def __len__(self) -> int:
        return self._end - self._start

    def __contains__(self, firm: object) -> bool:
        return firm in self._numbers()

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class _InputIndex:
    """The network's inputs as integers: input ``i`` is the i-th (buyer, product) in sorted order, so
    sorting input numbers sorts (buyer, product) pairs; firm ``f`` is the f-th firm in sorted order (a
    what-if branch, which buys nothing, may come last: see :meth:`LinkCodes.plus`). Numbered from the
    network's :class:`LinkCodes` where it has them, else from its links."""

    def __init__(self, network: SupplyNetwork) -> None:
        self.network = network
        codes = network.codes
        if codes is not None:  # numbered already, in link order (the projection's)
            firms, products = codes.firms, codes.products
            s_no, b_no, p_no = codes.supplier, codes.buyer, codes.product
        else:
            inputs = network.inputs
            firms = sorted(set(inputs) | set(network.customers))
            # Every link of every input, flattened; a link under inputs[b][p] is (_, b, p, ...). The
            # numbering and grouping are array operations; the links of one input stay in their order.
            links = list(chain.from_iterable(ls for bought in inputs.values() for ls in bought.values()))
            products = sorted({link[2] for link in links})
            s_no = _numbers([link[0] for link in links], firms)
            b_no = _numbers([link[1] for link in links], firms)
            p_no = _numbers([link[2] for link in links], products)
        self.firms, self.products = firms, products
        n_firms, n_products = len(firms), max(len(products), 1)
        # inputs numbered in (buyer, product) order: firm and product numbers follow their sorted ids
        key = b_no * n_products + p_no
        by_input = _stable_order(key)  # each input's links in their list's order
        grouped = key[by_input]
        new_input = np.r_[True, grouped[1:] != grouped[:-1]] if len(key) else np.zeros(0, dtype=bool)
        keys = grouped[new_input]
        link_input = np.empty(len(key), dtype=np.int64)  # link -> its input
        link_input[by_input] = np.cumsum(new_input) - 1
        n_inputs = len(keys)
        self.buyer = keys // n_products  # input -> its buyer
        self.product = keys % n_products  # input -> its product
        size = np.bincount(link_input, minlength=n_inputs)  # input -> its number of links
        # firm -> the inputs it supplies, once a link, in input order (a twin link twice, as listed):
        # those with one link, and those with more
        s_sorted, i_sorted = s_no[by_input], link_input[by_input]
        alone = size[i_sorted] == 1
        self.single = _grouped(s_sorted[alone], i_sorted[alone], n_firms)
        self.shared = _grouped(s_sorted[~alone], i_sorted[~alone], n_firms)
        # firms that are every link of some input of another firm
        if n_inputs:
            starts = np.zeros(n_inputs, dtype=np.int64)
            np.cumsum(size[:-1], out=starts[1:])
            low = np.minimum.reduceat(s_sorted, starts)
            high = np.maximum.reduceat(s_sorted, starts)
            only = (low == high) & (low != self.buyer)
            self.sole: list[int] = np.unique(low[only]).tolist()
        else:
            self.sole = []
        self._made: dict[int, Cut] = {}  # (round, input) -> its Cut: equal cuts are one object
        self._info: dict[int, tuple[str, str, tuple[str, ...], float | None]] = {}  # input -> its Cut's

    def sole_suppliers(self) -> list[int]:
        """Firms, in order, that are every link of some input of another firm."""
        return self.sole

    def all_cascades(self, roots: list[int]) -> dict[str, Cascade]:
        """:func:`cascade` of each of ``roots`` alone (in order), all of them at once, round by round, over
        arrays: round ``r`` takes every (cascade, firm) that went down in round ``r - 1``, the inputs
        those firms supply, keeps the inputs whose suppliers were all down when the round began and
        whose buyer was not, and cuts off each buyer through its first such input. The cascades with
        someone cut off, keyed by firm."""
        n_firms, n_inputs = len(self.firms), len(self.buyer)
        buyer = self.buyer
        single_ptr, single_idx = self.single
        shared_ptr, shared_idx = self.shared
        # input -> its suppliers (the inputs with more than one link): the shared lists turned round
        lens = np.diff(shared_ptr)
        supplier_of = np.repeat(np.arange(n_firms, dtype=np.int64), lens)
        supplier_idx = supplier_of[_stable_order(shared_idx)]
        supplier_ptr = np.zeros(n_inputs + 1, dtype=np.int64)
        np.cumsum(np.bincount(shared_idx, minlength=n_inputs), out=supplier_ptr[1:])
        # input -> its distinct suppliers (a twin link counts once): an input can be down in a cascade
        # only when the cascade has at least that many firms down, so the others are not looked at
        # (each supplier's inputs are in order, so a twin's second entry follows its first)
        twin = np.zeros(len(shared_idx), dtype=bool)
        twin[1:] = (supplier_of[1:] == supplier_of[:-1]) & (shared_idx[1:] == shared_idx[:-1])
        distinct = np.bincount(shared_idx[~twin], minlength=n_inputs)
        n_down = np.ones(len(roots), dtype=np.int64)  # cascade -> its firms down when the round begins
        cascade_no = np.arange(len(roots), dtype=np.int64)
        frontier = np.asarray(roots, dtype=np.int64)
        down = _KeySet(cascade_no * n_firms + frontier)  # (cascade, firm) pairs down
        found_c, found_r, found_i = [], [], []
        round_no = 0
        while len(frontier):
            step_aside()
            round_no += 1
            c1, i1, _ = _expand(single_ptr, single_idx, cascade_no, frontier)
            c2, i2, _ = _expand(shared_ptr, shared_idx, cascade_no, frontier)
            if len(i2):
                possible = distinct[i2] <= n_down[c2]
                c2, i2 = c2[possible], i2[possible]
            if len(i2):
                pairs = np.sort(c2 * n_inputs + i2)
                pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]  # an input once per cascade
                c2, i2 = pairs // n_inputs, pairs % n_inputs
                cs, ss, which = _expand(supplier_ptr, supplier_idx, c2, i2)
                missing = ~down.holds(cs * n_firms + ss)
                up = np.bincount(which, weights=missing.astype(np.float64), minlength=len(i2))
                full = up == 0
                c2, i2 = c2[full], i2[full]
            c = np.concatenate([c1, c2])
            i = np.concatenate([i1, i2])
            keep = ~down.holds(c * n_firms + buyer[i])
            c, i = c[keep], i[keep]
            if not len(c):
                break
            order = np.argsort(c * n_inputs + i, kind="stable")
            c, i = c[order], i[order]
            # a buyer's inputs are numbered one after another: its first input is where the buyer changes
            b = buyer[i]
            first = np.r_[True, (c[1:] != c[:-1]) | (b[1:] != b[:-1])]
            c, i = c[first], i[first]
            key = c * n_firms + b[first]
            found_c.append(c)
            found_r.append(np.full(len(c), round_no, dtype=np.int64))
            found_i.append(i)
            n_down += np.bincount(c, minlength=len(roots))
            down.add(key)
            cascade_no, frontier = c, buyer[i]
        if not found_c:
            return {}
        c = np.concatenate(found_c)
        r = np.concatenate(found_r)
        i = np.concatenate(found_i)
        order = _stable_order((c * (round_no + 1) + r) * n_inputs + i)  # each cascade's by round, input
        c, r, i = c[order], r[order], i[order]
        # Each cascade keeps, per firm cut off, the number of its (round, input): its Cut is built the
        # first time someone reads it (most are only counted, as the risk ranking does).
        names = np.array(self.firms, dtype=object)[buyer[i]].tolist()
        keys = (r * n_inputs + i).tolist()
        bounds = np.flatnonzero(np.diff(c)) + 1
        starts = [0, *bounds.tolist()]
        ends = [*bounds.tolist(), len(c)]
        roots_cut = np.asarray(roots, dtype=np.int64)[c[starts]].tolist()
        return {
            self.firms[root]: Cascade(self, names, keys, start, end)
            for root, start, end in zip(roots_cut, starts, ends, strict=True)
        }

    def cut_at(self, key: int) -> Cut:
        """The Cut numbered ``round * inputs + input`` (equal cuts are one object)."""
        one = self._made.get(key)
        if one is None:
            round_no, input_no = divmod(key, len(self.buyer))
            one = self._made[key] = self._cut(round_no, input_no)
        return one

    def _cut(self, round_no: int, i: int) -> Cut:
        info = self._info.get(i)
        if info is None:
            buyer, product = self.firms[self.buyer[i]], self.products[self.product[i]]
            links = self.network.inputs[buyer][product]
            values = [link.value for link in links if link.value is not None]
            suppliers = tuple(sorted(link.supplier for link in links))
            info = self._info[i] = (buyer, product, suppliers, sum(values) if values else None)
        buyer, product, suppliers, value = info
        return Cut(buyer, product, round_no, suppliers, value)


def _strings(column: Sequence[Any] | pa.Array | pa.ChunkedArray) -> pa.Array:
    """A column of ids as one Arrow string array."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if isinstance(column, pa.Array):
        return column.cast(pa.string())
    return pa.array(column, type=pa.string())


def _listed(column: Sequence[Any] | pa.Array | pa.ChunkedArray) -> Sequence[Any]:
    """A column as Python values (an Arrow one converted as the engine's own lists are)."""
    if isinstance(column, pa.Array | pa.ChunkedArray):
        values: list[Any] = column.to_pylist()
        return values
    return column


def _taken(column: Sequence[Any] | pa.Array | pa.ChunkedArray, order: np.ndarray) -> list[Any]:
    """A column's values at the rows ``order`` names, as Python values."""
    if isinstance(column, pa.Array | pa.ChunkedArray):
        taken: list[Any] = column.take(pa.array(order)).to_pylist()
        return taken
    listed: list[Any] = np.array(column, dtype=object)[order].tolist()
    return listed


def _numbers(ids: Sequence[str], sorted_ids: list[str]) -> np.ndarray:
    """Each of ``ids`` as its position in ``sorted_ids`` (every id is there)."""
    number = {x: n for n, x in enumerate(sorted_ids)}
    return np.fromiter(map(number.__getitem__, ids), dtype=np.int64, count=len(ids))


def _grouped(owner: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``values`` grouped by ``owner`` as (offsets, values), each group in the order given: group ``k``
    is ``values[offsets[k]:offsets[k + 1]]``."""
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n), out=ptr[1:])
    return ptr, values[_stable_order(owner)]


def _expand(
    ptr: np.ndarray, values: np.ndarray, tag: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each of ``rows``' values, with the row's ``tag`` and the row's position in ``rows``."""
    starts = ptr[rows]
    lens = ptr[rows + 1] - starts
    which = np.repeat(np.arange(len(rows), dtype=np.int64), lens)
    offsets = np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
    return tag[which], values[starts[which] + offsets], which


class _KeySet:
    """A growing set of non-negative integers, each test and each addition made for many keys at once
    in a few array operations: open addressing with linear probing over one NumPy array of slots (-1
    for an empty one), kept at most half full. The single-stop cascades test about 11 million
    (cascade, firm) pairs at province scale: a binary search each over a sorted array cost five times
    as much, and the array had to be rebuilt for every addition."""

    def __init__(self, keys: np.ndarray) -> None:
        self._slots = np.full(_slot_count(len(keys)), -1, dtype=np.int64)
        self._size = 0
        self.add(keys)

    def _home(self, keys: np.ndarray) -> np.ndarray:
        """Each key's first slot: the top bits of key times 2**64 over the golden ratio (Fibonacci
        hashing), which spreads keys that differ in any of their bits."""
        mixed = np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        mixed >>= np.uint64(64 - (len(self._slots).bit_length() - 1))  # (the product is modulo 2**64)
        return mixed.view(np.int64)

    def add(self, keys: np.ndarray) -> None:
        """Add ``keys``: distinct, and none of them in the set yet."""
        if 2 * (self._size + len(keys)) > len(self._slots):  # grow: every key in a new, larger array
            held = self._slots[self._slots >= 0]
            self._slots = np.full(_slot_count(self._size + len(keys)), -1, dtype=np.int64)
            self._place(held)
        self._place(keys)
        self._size += len(keys)

    def _place(self, keys: np.ndarray) -> None:
        slots, last = self._slots, len(self._slots) - 1
        at = self._home(keys)
        while len(keys):
            free = slots[at] < 0
            slots[at[free]] = keys[free]  # where keys want the same free slot, one of them gets it
            placed = np.zeros(len(keys), dtype=bool)
            placed[free] = slots[at[free]] == keys[free]
            keys, at = keys[~placed], (at[~placed] + 1) & last  # the others try the next slot

    def holds(self, keys: np.ndarray) -> np.ndarray:
        """Whether each of ``keys`` is in the set."""
        slots, last = self._slots, len(self._slots) - 1
        at = self._home(keys)
        held = slots[at]
        found: np.ndarray = held == keys
        # a key probed up to an empty slot is not in the set; past a taken one, it may be further on
        todo = np.flatnonzero((held >= 0) & ~found)
        at, wanted = at[todo], keys[todo]
        while len(todo):
            at = (at + 1) & last
            held = slots[at]
            hit = held == wanted
            found[todo[hit]] = True
            on = (held >= 0) & ~hit
            todo, at, wanted = todo[on], at[on], wanted[on]
        return found


def _slot_count(n: int) -> int:
    """A power of two at least twice ``n``, and at least 1024."""
    return 1 << max(10, (2 * n).bit_length())


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
