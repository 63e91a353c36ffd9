"""The inputs of a set of buyers as one table, for the risk lists: every (buyer, input) in (buyer, product)
order with its links, and the per-link figures behind the lists (shares, Herfindahl indexes, sums of
shares) as NumPy arrays. At province scale a chain buys tens of thousands of inputs; a few array
operations over all of them replace a Python loop per input (and a call of
:func:`service.analysis.supply.shares` per input).

The floats are those of the per-input loops to the last bit: every sum adds the same numbers in the same
order (see :func:`ordered_sums`), every share divides the same two numbers. A property test checks the
table against :func:`service.analysis.supply.shares` and :func:`service.analysis.supply.herfindahl`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from operator import is_, itemgetter
from typing import Any

import numpy as np

from service.analysis.supply import Link, SupplyNetwork

# Link's fields by number (see InputTable.fields)
_SHARE, _VALUE = Link._fields.index("share"), Link._fields.index("value")
RECOVERY, STOCK = Link._fields.index("recovery_days"), Link._fields.index("stock_days")


@dataclass(frozen=True, eq=False)  # compared by identity: it holds arrays
class InputTable:
    """Input ``i`` is ``buyers[i]`` buying ``products[i]`` from ``links[i]`` (the network's own list, in
    its order); its links are ``flat[start[i]:start[i] + size[i]]``. Per-link arrays follow ``flat``;
    the figures are worked out when first read and kept."""

    buyers: list[str]
    products: list[str]
    links: list[list[Link]]
    flat: list[Link] = field(repr=False)
    start: np.ndarray = field(repr=False)
    size: np.ndarray = field(repr=False)

    @classmethod
    def of(cls, network: SupplyNetwork, buyers: Iterable[str]) -> InputTable:
        """The inputs ``buyers`` buy, buyer by buyer and product by product in sorted order (the order
        of every list of inputs the analyses give)."""
        buyer_ids: list[str] = []
        product_ids: list[str] = []
        groups: list[list[Link]] = []
        for buyer in sorted(set(buyers)):
            for product, links in sorted(network.inputs.get(buyer, {}).items(), key=itemgetter(0)):
                buyer_ids.append(buyer)
                product_ids.append(product)
                groups.append(links)
        size = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
        start = np.zeros(len(groups), dtype=np.int64)
        np.cumsum(size[:-1], out=start[1:])
        return cls(buyer_ids, product_ids, groups, list(chain.from_iterable(groups)), start, size)

    def __len__(self) -> int:
        return len(self.links)

    @cached_property
    def fields(self) -> tuple[tuple[Any, ...], ...]:
        """Each of Link's fields, in order, as its values link by link: the links read in one pass (at
        province scale a chain's links are a hundred thousand objects all over memory; each pass over
        them costs tens of milliseconds)."""
        if not self.flat:
            return tuple(() for _ in Link._fields)
        return tuple(zip(*self.flat, strict=True))

    @property
    def suppliers(self) -> tuple[str, ...]:
        """Link -> its supplier."""
        return self.fields[0]

    def days(self, which: int) -> np.ndarray:
        """Link -> a field of whole days (``RECOVERY`` or ``STOCK``) as floats, NaN where unknown."""
        return np.array(self.fields[which], dtype=np.float64)

    @cached_property
    def owner(self) -> np.ndarray:
        """Link -> its input."""
        return np.repeat(np.arange(len(self.links), dtype=np.int64), self.size)

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Per input, its links' ``values`` added in link order (:func:`ordered_sums`)."""
        return ordered_sums(values, self.start, self.size)

    @cached_property
    def shares(self) -> np.ndarray:
        """Link -> its supplier's share of the input, as :func:`service.analysis.supply.shares` gives
        it: the recorded shares normalised where the input has every share, else annual values where it
        has every value, else equal parts; equal parts too where the total is not above zero."""
        owner = self.owner
        share, share_missing = _column(self.fields[_SHARE])
        value, value_missing = _column(self.fields[_VALUE])
        n = len(self.links)
        all_shares = np.bincount(owner[share_missing], minlength=n) == 0
        all_values = np.bincount(owner[value_missing], minlength=n) == 0
        known = np.where(all_shares[owner], share, np.where(all_values[owner], value, 1.0))
        total = self.sums(known)[owner]
        with np.errstate(divide="ignore", invalid="ignore"):  # the other branch where total is 0
            shares: np.ndarray = np.where(total <= 0, 1.0 / self.size[owner], known / total)
        return shares

    @cached_property
    def hhi(self) -> np.ndarray:
        """Input -> the Herfindahl index of its suppliers (:func:`service.analysis.supply.herfindahl`)."""
        s = self.shares
        return self.sums(s * s)

    def shares_of(self, i: int) -> list[float]:
        """Input ``i``'s shares, in the order of its links."""
        at = int(self.start[i])
        shares: list[float] = self.shares[at : at + int(self.size[i])].tolist()
        return shares


def ordered_sums(values: np.ndarray, start: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Per group, ``values[start:start + size]`` added one after another from zero, exactly as
    ``sum()`` adds floats on Python 3.11 (the project's Python; 3.12's ``sum`` compensates, and NumPy's
    own sums add pairwise: both can differ in the last bits). Done column by column across the groups:
    the j-th addition of every group long enough at once, so the loop runs as many times as the longest
    group has values (a handful: one input's suppliers).

    Examples
    --------
    >>> ordered_sums(np.array([0.1, 0.2, 0.3, 1.0]), np.array([0, 3]), np.array([3, 1])).tolist()
    [0.6000000000000001, 1.0]
    """
    total = np.zeros(len(size), dtype=np.float64)
    for j in range(int(size.max(initial=0))):
        rows = np.flatnonzero(size > j)
        total[rows] += values[start[rows] + j]
    return total


def _column(raw: Sequence[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """One float field of the links (None read as 0.0) and where it is None (told apart from a NaN)."""
    missing = np.fromiter(map(is_, raw, repeat(None)), dtype=bool, count=len(raw))
    values = np.array(raw, dtype=np.float64)  # None becomes NaN here, and 0.0 below
    values[missing] = 0.0
    return values, missing
