"""Disruption on both sides (供需两侧): when firms stop, their customers may lose an input (supply side, the
cascade of :mod:`service.analysis.supply`) and their suppliers lose those sales (demand side). Pure
functions over a :class:`~service.analysis.supply.SupplyNetwork`; no storage, no HTTP.

A supplier's recorded sales are its supply links (each with its annual value, 万元, where recorded). When
firms go down — stopped, cut off, or (when followed) hit on the demand side — every link to them is a
lost sale. The lost share is the lost links' value over the value of all its links; it is unknown when a
link lacks its value, unless the supplier lost every link it has (then the share is 1 whatever the values).
A supplier whose lost share reaches the threshold is *demand-hit*; an unknown share never does."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from service.analysis.supply import Cut, Link, SupplyNetwork, cascade, cut_off

# A supplier that loses at least this share of its recorded sales is demand-hit.
DEMAND_THRESHOLD = 0.5


def lost_share(sales: Sequence[Link], down: Container[str]) -> float | None:
    """The share of a supplier's recorded sales (``sales``: its links) that go to firms in ``down``.

    Values where every link has one; 1 when every link is lost (the values do not matter then); 0 when
    none is; else None (unknown): a link without a value leaves the share open.

    Examples
    --------
    >>> sales = [Link("s", "a", "p", value=30.0), Link("s", "b", "p", value=10.0)]
    >>> lost_share(sales, {"a"})
    0.75
    >>> lost_share([Link("s", "a", "p", value=30.0), Link("s", "b", "p")], {"a"}) is None
    True
    >>> lost_share([Link("s", "a", "p"), Link("s", "b", "p")], {"a", "b"})
    1.0
    """
    lost = [link for link in sales if link.buyer in down]
    if not lost:
        return 0.0
    if len(lost) == len(sales):
        return 1.0
    if any(link.value is None for link in sales):
        return None
    total = sum(float(link.value or 0.0) for link in sales)
    if total <= 0:
        return None
    return sum(float(link.value or 0.0) for link in lost) / total


@dataclass(frozen=True)
class DemandLoss:
    """What one supplier loses when its customers go down.

    ``lost_value`` and ``sales_value`` sum the recorded values (None when no link counted has one);
    ``unvalued_links`` counts its links without a value; ``round`` is the round in which its lost share
    first reached the threshold (None when it never did)."""

    firm: str
    lost_buyers: tuple[str, ...]
    lost_links: int
    links: int
    unvalued_links: int
    lost_value: float | None
    sales_value: float | None
    lost_share: float | None
    hit: bool
    round: int | None


@dataclass(frozen=True)
class Disruption:
    """The answer of :func:`disrupt`: firms cut off (supply side), and suppliers that lost sales
    (demand side; every such firm neither stopped nor cut off, hit or not), keyed by firm."""

    stopped: tuple[str, ...]
    cut: dict[str, Cut]
    demand: dict[str, DemandLoss]
    threshold: float
    follow_demand: bool

    @property
    def demand_hit(self) -> list[str]:
        """The demand-hit firms, by round then id."""
        hit = [d for d in self.demand.values() if d.hit]
        return [d.firm for d in sorted(hit, key=lambda d: (d.round or 0, d.firm))]


def disrupt(
    network: SupplyNetwork,
    stopped: Iterable[str],
    threshold: float = DEMAND_THRESHOLD,
    follow_demand: bool = False,
) -> Disruption:
    """What happens, round by round, when ``stopped`` stop: on the supply side and the demand side.

    Round ``r`` looks at the firms down when it begins (the stopped ones, and those that went down in
    earlier rounds). A firm is *cut off* when every supplier of one of its inputs is down (as in
    :func:`service.analysis.supply.cascade`). A supplier is *demand-hit* when the share of its recorded
    sales going to down firms (:func:`lost_share`) reaches ``threshold``; a firm cut off in the same round
    counts as cut off only. With ``follow_demand`` a demand-hit firm stops too and is down from the next
    round, so it can cut off its customers and hit its own suppliers; without it the supply side is
    exactly :func:`~service.analysis.supply.cascade`, and the demand side is read off it. Rounds go on
    until nothing changes. Firm statuses are not read: links count as recorded.

    Parameters
    ----------
    network : SupplyNetwork
        The supply links.
    stopped : iterable of str
        The firms that stop.
    threshold : float
        The lost share of recorded sales from which a supplier is demand-hit (0–1; default 0.5).
    follow_demand : bool
        Whether demand-hit firms stop in turn.

    Returns
    -------
    Disruption
        ``cut``: the firms cut off with the input each lost and the round; ``demand``: every firm neither
        stopped nor cut off that sold to a firm down at the end, with its loss measured against all the
        firms down at the end, whether it is demand-hit and from which round.

    Examples
    --------
    ``x`` sells all it records to ``a``; ``y`` sells 40 of its 100 to ``x``; ``z`` relies on ``x``:

    >>> net = SupplyNetwork.build([
    ...     Link("x", "a", "p", value=10.0), Link("y", "x", "q", value=40.0),
    ...     Link("y", "b", "q", value=60.0), Link("x", "z", "p", value=5.0), Link("w", "z", "p")])
    >>> d = disrupt(net, ["a"])
    >>> sorted(d.cut), d.demand["x"].lost_share, d.demand["x"].hit, d.demand_hit
    ([], 0.6666666666666666, True, ['x'])
    >>> d = disrupt(net, ["a"], follow_demand=True)
    >>> d.demand_hit, d.demand["y"].lost_share, d.demand["y"].hit
    (['x'], 0.4, False)
    """
    stop = sorted(set(stopped))
    if follow_demand:
        cut, down, hit_round = _followed(network, stop, threshold)
    else:  # the supply side is the plain cascade; the demand side is read off it
        cut = cascade(network, stop)
        down = set(stop) | set(cut)
        went_down = {firm: 0 for firm in stop} | {c.firm: c.round for c in cut.values()}
    excluded = set(stop) | set(cut)
    sellers = {
        link.supplier
        for firm in down
        for links in network.inputs.get(firm, {}).values()
        for link in links
        if link.supplier not in excluded
    }
    losses: dict[str, DemandLoss] = {}
    for seller in sorted(sellers):
        sales = network.customers.get(seller, [])
        loss = _loss(sales, seller, down)
        if follow_demand:
            hit, round_no = seller in hit_round, hit_round.get(seller)
        else:
            hit = loss.lost_share is not None and loss.lost_share >= threshold
            round_no = _first_round(sales, went_down, threshold) if hit else None
        losses[seller] = replace(loss, hit=hit, round=round_no)
    return Disruption(tuple(stop), cut, losses, threshold, follow_demand)


class _Upto:
    """The firms down by the end of a round, read off the round each went down in."""

    def __init__(self, went_down: Mapping[str, int], round_no: int) -> None:
        self.went_down, self.round_no = went_down, round_no

    def __contains__(self, firm: object) -> bool:
        return self.went_down.get(str(firm), self.round_no + 1) <= self.round_no


def _first_round(sales: Sequence[Link], went_down: Mapping[str, int], threshold: float) -> int | None:
    """The round in which a supplier's lost share first reached ``threshold``: one after the round by
    whose end enough of its buyers were down (its share changes only when one of them goes down)."""
    for done in sorted({went_down[link.buyer] for link in sales if link.buyer in went_down}):
        share = lost_share(sales, _Upto(went_down, done))
        if share is not None and share >= threshold:
            return done + 1
    return None


def _followed(
    network: SupplyNetwork, stop: list[str], threshold: float
) -> tuple[dict[str, Cut], set[str], dict[str, int]]:
    """The rounds with demand-hit firms stopping too: (firms cut off, firms down at the end, demand-hit
    firm -> the round it was hit in)."""
    down = set(stop)
    cut: dict[str, Cut] = {}
    hit_round: dict[str, int] = {}
    running = _Running(network)
    frontier = list(stop)
    round_no = 0
    while frontier:
        round_no += 1
        before = frozenset(down)  # a round sees only what was down when it began: rounds are tiers
        sellers = running.lose(frontier)  # the running losses now stand against ``before``
        buyers = {
            (link.buyer, link.product)
            for firm in frontier
            for link in network.customers.get(firm, ())
            if link.buyer not in before
        }
        newly = cut_off(network, buyers, before, round_no, down, cut)
        for seller in sorted(sellers - before):
            if seller in cut or seller in hit_round or not running.may_reach(seller, threshold):
                continue
            share = lost_share(network.customers.get(seller, ()), before)  # exact, as reported
            if share is not None and share >= threshold:
                hit_round[seller] = round_no
                down.add(seller)
                newly.append(seller)
        frontier = newly
    return cut, down, hit_round


# the running share may differ from the exact one in the last bits of a float sum: look closer near it
_SLACK = 1e-9


class _Running:
    """Each supplier's lost links and lost value so far, kept as firms go down, so that a supplier is
    looked at closely only when its loss may have reached the threshold."""

    def __init__(self, network: SupplyNetwork) -> None:
        self.network = network
        self.lost_links: dict[str, int] = {}
        self.lost_value: dict[str, float] = {}
        self.totals: dict[str, tuple[int, int, float]] = {}  # links, links without value, value

    def lose(self, firms: Iterable[str]) -> set[str]:
        """Count the sales to ``firms`` (gone down) as lost; the suppliers touched."""
        touched: set[str] = set()
        for firm in firms:
            for links in self.network.inputs.get(firm, {}).values():
                for link in links:
                    seller = link.supplier
                    touched.add(seller)
                    self.lost_links[seller] = self.lost_links.get(seller, 0) + 1
                    if link.value is not None:
                        self.lost_value[seller] = self.lost_value.get(seller, 0.0) + float(link.value)
        return touched

    def may_reach(self, seller: str, threshold: float) -> bool:
        if seller not in self.totals:
            sales = self.network.customers.get(seller, [])
            unvalued = sum(1 for link in sales if link.value is None)
            total = sum(float(link.value) for link in sales if link.value is not None)
            self.totals[seller] = (len(sales), unvalued, total)
        links, unvalued, total = self.totals[seller]
        lost = self.lost_links.get(seller, 0)
        if lost == links:
            return True
        if unvalued or total <= 0:
            return False
        return self.lost_value.get(seller, 0.0) / total >= threshold - _SLACK


def _loss(sales: Sequence[Link], seller: str, down: set[str]) -> DemandLoss:
    """What ``seller`` loses to the ``down`` firms, in one pass over its links (not yet judged)."""
    buyers: set[str] = set()
    lost = unvalued = 0
    lost_value = total = 0.0
    lost_known = total_known = False
    for link in sales:
        value = link.value
        if value is None:
            unvalued += 1
        else:
            total += float(value)
            total_known = True
        if link.buyer in down:
            lost += 1
            buyers.add(link.buyer)
            if value is not None:
                lost_value += float(value)
                lost_known = True
    share: float | None  # as lost_share(sales, down), summed in the same order
    if lost == 0 or lost == len(sales):
        share = 0.0 if lost == 0 else 1.0
    else:
        share = None if unvalued or total <= 0 else lost_value / total
    return DemandLoss(
        seller,
        tuple(sorted(buyers)),
        lost,
        len(sales),
        unvalued,
        lost_value if lost_known else None,
        total if total_known else None,
        share,
        False,
        None,
    )
