"""What a notebook asks, the same over a local store and over the HTTP API.

Every question is first answered as the API's JSON answer (:meth:`Explorer.answer`: the response model
the API serves, as JSON); the DataFrame is then cut from that answer (:func:`service.explore.frames.frame`),
so a local and a remote explorer on the same graph give equal frames by construction.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import pandas as pd

from service.explore.errors import ExploreError
from service.explore.frames import Answer, Part, frame
from service.explore.pages import Page

Day = dt.date | str | None

# Every question and page either explorer answers; a test checks both implement exactly these.
QUESTIONS = (
    "chains",
    "chain",
    "breaks",
    "risks",
    "anchors",
    "sme_candidates",
    "impact",
    "what_if",
    "recruitment",
    "dossier",
    "lists",
    "changes",
    "report",
    "history",
    "enterprise",
    "risk_register",
)
PAGES = ("map", "dossier_page")
# The parts of a chain's changes, stacked by default: what the updates did, then what opened and closed.
CHANGE_PARTS = tuple(
    f"{section}.{change}"
    for section in ("firms", "links", "projects", "policies", "risk_register")
    for change in ("added", "changed", "removed")
) + tuple(f"{section}.{change}" for section in ("breaks", "risks") for change in ("opened", "closed"))
BEFORE_AFTER = ("what_if.before", "what_if.after")
TREND = (
    "breaks",
    "choke_points",
    "risk_nodes",
    "single_source_inputs",
    "concentrated_inputs",
    "outside_dependency",
    "recovery_gaps",
)


def day(value: Day, name: str) -> dt.date | None:
    """A date given as a ``datetime.date`` or ``YYYY-MM-DD`` text (nothing else), or None."""
    if value is None or isinstance(value, dt.date):
        return value
    from service.api.deps import parse_day
    from service.errors import InvalidInput

    try:
        return parse_day(value, name)
    except InvalidInput as e:
        raise ExploreError(str(e), code=e.code, status=422) from None


def _given(**params: Any) -> dict[str, Any]:
    """The parameters given (not None): the others keep the service's defaults."""
    return {k: v for k, v in params.items() if v is not None}


class Explorer(ABC):
    """The questions a notebook asks of a graph; each method answers a DataFrame.

    ``part`` picks the rows of a multi-part answer (``risks(part="concentrated_inputs")``; a tuple
    stacks several); ``as_of`` asks about the graph as it stood at the end of a day. The full answer is
    on ``df.attrs["raw"]`` (:meth:`answer` gives it alone). Refusals raise :class:`ExploreError`.
    """

    where: str  # a line saying what the explorer is connected to

    @abstractmethod
    def answer(self, question: str, /, **params: Any) -> dict[str, Any]:
        """The API's JSON answer to one of :data:`QUESTIONS` (parameters as the methods name them)."""

    @abstractmethod
    def page(self, name: str, /, **params: Any) -> str:
        """The HTML of one of :data:`PAGES`."""

    @abstractmethod
    def close(self) -> None:
        """Release the store or connection."""

    def __enter__(self) -> Explorer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.where}>"

    def _frame(self, question: str, part: Part, **params: Any) -> pd.DataFrame:
        if "as_of" in params:
            params["as_of"] = day(params["as_of"], "as_of")
        return frame(Answer(self.answer(question, **_given(**params))), part)

    # the chains
    def chains(self, *, as_of: Day = None) -> pd.DataFrame:
        """The chains with their segment counts."""
        return self._frame("chains", "data", as_of=as_of)

    def chain(self, chain_id: str, part: Part = "segments", *, as_of: Day = None) -> pd.DataFrame:
        """A chain's segments from upstream to downstream with their firm counts (``part=None``: the
        chain itself)."""
        return self._frame("chain", part, chain_id=chain_id, as_of=as_of)

    def enterprise(self, enterprise_id: str, part: Part = None, *, as_of: Day = None) -> pd.DataFrame:
        """An enterprise's card (``part``: ``"products"``, ``"suppliers"``, ``"customers"``,
        ``"segments"``)."""
        return self._frame("enterprise", part, enterprise_id=enterprise_id, as_of=as_of)

    # weak links
    def breaks(self, chain_id: str, *, as_of: Day = None) -> pd.DataFrame:
        """Breaks and choke points, each with the firms involved, the segments it cuts and the reason."""
        return self._frame("breaks", "data", chain_id=chain_id, as_of=as_of)

    def risks(
        self,
        chain_id: str,
        part: Part = "risk_nodes",
        *,
        hhi_threshold: float | None = None,
        limit: int | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """Risk firms ranked by score with its parts (``part``: ``"single_source_inputs"``,
        ``"concentrated_inputs"``, ``"outside_dependency"``, ``"recovery_gaps"``, ``"totals"``)."""
        return self._frame(
            "risks", part, chain_id=chain_id, hhi_threshold=hhi_threshold, limit=limit, as_of=as_of
        )

    def anchors(
        self,
        chain_id: str,
        part: Part = "anchors",
        *,
        demand_threshold: float | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """Anchor firms' influence (``part="candidates"``: district firms that measure up)."""
        return self._frame("anchors", part, chain_id=chain_id, demand_threshold=demand_threshold, as_of=as_of)

    def sme_candidates(self, chain_id: str, part: Part = "candidates", *, as_of: Day = None) -> pd.DataFrame:
        """District SMEs worth cultivating with their reasons (``part``: ``"specialised"``,
        ``"unknown_scale"``)."""
        return self._frame("sme_candidates", part, chain_id=chain_id, as_of=as_of)

    def impact(
        self,
        enterprise_id: str,
        part: Part = "cut_off",
        *,
        demand_threshold: float | None = None,
        follow_demand: bool | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """What-if one firm stops: the firms cut off in cascade (``part="demand_losses"``: suppliers
        losing sales; ``part=None``: the counts and summary)."""
        return self._frame(
            "impact",
            part,
            enterprise_id=enterprise_id,
            demand_threshold=demand_threshold,
            follow_demand=follow_demand,
            as_of=as_of,
        )

    def what_if(
        self,
        enterprise_ids: Sequence[str],
        part: Part = "cut_off",
        *,
        demand_threshold: float | None = None,
        follow_demand: bool | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """What-if several firms stop at once; parts as :meth:`impact`."""
        return self._frame(
            "what_if",
            part,
            enterprise_ids=list(enterprise_ids),
            demand_threshold=demand_threshold,
            follow_demand=follow_demand,
            as_of=as_of,
        )

    # recruitment
    def recruitment(
        self,
        chain_id: str,
        part: Part = "targets",
        *,
        limit: int | None = None,
        weights: dict[str, float] | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """Outside firms worth inviting, best first, with the parts of each score (``part="gaps"``:
        the chain's gaps)."""
        return self._frame("recruitment", part, chain_id=chain_id, limit=limit, weights=weights, as_of=as_of)

    def dossier(
        self,
        enterprise_id: str,
        part: Part = "gaps",
        *,
        chain_id: str | None = None,
        weights: dict[str, float] | None = None,
        as_of: Day = None,
    ) -> pd.DataFrame:
        """One target's dossier: the gaps it fills (``part``: ``"demand.buyers"``, ``"policies"``,
        ``"hosts.projects"``, ``"what_if.closed_breaks"``, or :data:`BEFORE_AFTER` for the chain's
        figures before and after it opens in the district)."""
        return self._frame(
            "dossier", part, enterprise_id=enterprise_id, chain_id=chain_id, weights=weights, as_of=as_of
        )

    # lists, history, reports
    def lists(self, chain_id: str, name: str = "key-enterprises", *, as_of: Day = None) -> pd.DataFrame:
        """One of the five lists (``key-enterprises``, ``core-suppliers``, ``risks``, ``projects``,
        ``policies``) with the list's own Chinese headers."""
        df = self._frame("lists", "data", chain_id=chain_id, name=name, as_of=as_of)
        headers = {c["key"]: c["header"] for c in df.attrs["raw"]["columns"]}
        renamed = {h: headers[f] for h, f in df.attrs["fields"].items() if f in headers}
        df.attrs["fields"] = {renamed.get(h, h): f for h, f in df.attrs["fields"].items()}
        return df.rename(columns=renamed)

    def changes(self, chain_id: str, start: Day, end: Day, part: Part = CHANGE_PARTS) -> pd.DataFrame:
        """What changed from the end of ``start`` to the end of ``end``: firms, links, projects,
        policies and register entries added, changed and removed, and breaks and risks opened and
        closed, one row each under ``部分`` (``part="firms.added"`` for one kind)."""
        return self._frame("changes", part, chain_id=chain_id, start=day(start, "from"), end=day(end, "to"))

    def report(self, chain_id: str, period: str, part: Part = "figures") -> pd.DataFrame:
        """The period report (``2026-W46``, ``2026-11``, ``2026-Q4``, ``2026-H2``, ``2026``): its key
        figures against the previous period (``part``: ``"project_progress"``, ``"policies_issued"``,
        ``"updates"``…)."""
        return self._frame("report", part, chain_id=chain_id, period=period)

    def history(self) -> pd.DataFrame:
        """Every recorded update, oldest first, with the rows it changed per sheet."""
        return self._frame("history", "data")

    def risk_register(self, chain_id: str, *, as_of: Day = None) -> pd.DataFrame:
        """The chain's risk register, with computed risks proposed for recording or resolving."""
        return self._frame("risk_register", "data", chain_id=chain_id, as_of=as_of)

    def trend(self, chain_id: str) -> pd.DataFrame:
        """Breaks, choke points and risk items of the chain at the end of each day an update was
        recorded: one row per day (each asks the graph ``as_of`` that day)."""
        days: dict[str, list[str]] = {}
        for update in self.answer("history")["data"]:
            days.setdefault(update["at"], []).append(update["id"])
        rows = []
        for at, ids in days.items():
            on = dt.date.fromisoformat(at)
            breaks = self.answer("breaks", chain_id=chain_id, as_of=on)["data"]
            risks = self.answer("risks", chain_id=chain_id, limit=500, as_of=on)
            kinds = [b["kind"] for b in breaks]
            counts = {
                "breaks": kinds.count("break"),
                "choke_points": len(kinds) - kinds.count("break"),
                "risk_nodes": len(risks["risk_nodes"]),
                **risks["totals"],
            }
            rows.append({"at": at, "update_ids": ids, **{k: counts[k] for k in TREND}})
        return frame(Answer({"chain_id": chain_id, "data": rows}), "data")

    # pages
    def map(self, chain_id: str, name: str = "chain", *, as_of: Day = None) -> Page:
        """One of the four maps (``chain``, ``technology``, ``application``, ``region``), shown inline."""
        html = self.page("map", **_given(chain_id=chain_id, name=name, as_of=day(as_of, "as_of")))
        return Page(f"{chain_id} {name}", html)

    def dossier_page(
        self,
        enterprise_id: str,
        *,
        chain_id: str | None = None,
        weights: dict[str, float] | None = None,
        as_of: Day = None,
    ) -> Page:
        """A target's printable dossier, shown inline."""
        params = _given(enterprise_id=enterprise_id, chain_id=chain_id, weights=weights)
        html = self.page("dossier_page", **params, **_given(as_of=day(as_of, "as_of")))
        return Page(enterprise_id, html, height=720)
