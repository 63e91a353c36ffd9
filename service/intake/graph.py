"""What intake needs of the graph, read once through the ledger's own export (so it is the same on every
engine): the firms as ledger rows (an update row starts from the firm's current row, so nothing the list
does not say is cleared), and the segments and products a firm may be placed on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.errors import NotFound
from service.ledger.export import LIST_SEPARATOR, sheet_rows
from service.ledger.format import Sheet, sheet_for
from service.ledger.load import read_state
from service.storage.port import GraphStore

_WORDS = re.compile(r"[;；,，、\s]+")


def enterprise_sheet() -> Sheet:
    sheet = sheet_for("enterprises")
    assert sheet is not None
    return sheet


@dataclass(frozen=True)
class Firm:
    id: str
    name: str
    credit_code: str
    row: dict[str, str]  # column key -> the cell as the ledger export writes it
    segments: frozenset[str]


@dataclass(frozen=True)
class Target:
    """A segment or product a firm may be placed on, with what it is matched by."""

    kind: str  # segment | product
    id: str
    name: str
    chain_id: str
    industry_code: str
    keywords: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()  # a product's segments


@dataclass
class Snapshot:
    firms: list[Firm] = field(default_factory=list)
    segments: list[Target] = field(default_factory=list)
    products: list[Target] = field(default_factory=list)
    chains: dict[str, str] = field(default_factory=dict)  # id -> name
    segment_chain: dict[str, str] = field(default_factory=dict)  # segment id -> chain id


def _rows(store: GraphStore, state: object, key: str) -> list[dict[str, str]]:
    sheet = sheet_for(key)
    assert sheet is not None
    rows = sheet_rows(store, state, sheet)  # type: ignore[arg-type]
    next(rows)
    keys = [c.key for c in sheet.columns]
    return [dict(zip(keys, cells, strict=True)) for cells in rows]


def words(text: str | None) -> tuple[str, ...]:
    """Keywords written in one cell, separated by ; ， 、 or spaces."""
    return tuple(w for w in _WORDS.split(text or "") if w and w != "未知")


def snapshot(store: GraphStore, chain: str | None = None) -> Snapshot:
    """The graph's firms, and the segments and products of ``chain`` (of every chain when None)."""
    state = read_state(store, only={"Chain", "Segment", "Product", "Enterprise"})
    snap = Snapshot()
    snap.chains = {c["id"]: c["name"] for c in _rows(store, state, "chains")}
    if chain is not None and chain not in snap.chains:
        raise NotFound(f"产业链「{chain}」不存在")
    for row in _rows(store, state, "segments"):
        snap.segment_chain[row["id"]] = row["chain_id"]
        if chain is None or row["chain_id"] == chain:
            snap.segments.append(
                Target(
                    "segment",
                    row["id"],
                    row["name"],
                    row["chain_id"],
                    row.get("industry_code", ""),
                    words(row.get("keywords")),
                )
            )
    for row in _rows(store, state, "products"):
        made_in = tuple(s for s in row.get("segments", "").split(LIST_SEPARATOR) if s)
        chains = {snap.segment_chain.get(s) for s in made_in}
        if chain is not None and chain not in chains:
            continue
        first = next((snap.segment_chain[s] for s in made_in if s in snap.segment_chain), "")
        snap.products.append(Target("product", row["id"], row["name"], first, "", (), made_in))
    for row in _rows(store, state, "enterprises"):
        segments = frozenset(s for s in row.get("segments", "").split(LIST_SEPARATOR) if s)
        snap.firms.append(Firm(row["id"], row["name"], row.get("credit_code", ""), row, segments))
    return snap
