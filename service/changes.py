"""What changed in a chain between two dates: firms, links, projects and policies added, changed and
removed (from the update log), and the breaks and risks that opened and closed (the analyses run on the
graph as it stood on each date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from service import catalog, history, weaklinks
from service.analysis.breaks import KIND_LABELS as BREAK_KIND_LABELS
from service.history import Cells, Key, State
from service.ledger.format import sheet_for
from service.storage.port import GraphStore

# the ledger sheets a chain's change list reports, and what each is called
SECTIONS = {
    "enterprises": "firms",
    "supply_links": "links",
    "projects": "projects",
    "policies": "policies",
    "risk_register": "risk_register",
}
LIST_SEPARATOR = ";"
RISK_KIND_LABELS = {
    "break": "断点",
    "choke": "堵点",
    "single_source": "单一来源投入",
    "concentrated": "供应集中的投入",
    "recovery_gap": "替换时间超过库存的供应关系",
}


def _column_label(sheet: str, column: str) -> str:
    """A ledger column's Chinese header (the key itself where the sheet does not know it)."""
    found = sheet_for(sheet)
    col = found.column(column) if found else None
    return col.header if col else column


def _name_in(states: Iterable[State], sheet: str, key: str) -> str:
    """The name a row of ``sheet`` keyed ``key`` has in the first of ``states`` that holds it."""
    for state in states:
        cells = state.get((sheet, (key,)))
        if cells and cells.get("name"):
            return cells["name"]
    return key


def _names(state: State) -> dict[str, str]:
    """Every named row's id -> name (firms, segments, products, …)."""
    return {k[0]: c["name"] for (_, k), c in state.items() if len(k) == 1 and c.get("name")}


def _named_ids(value: str | None, names: dict[str, str]) -> str | None:
    """A cell listing ids (``s2;s3``) with the names read out (``零部件、总成``); other cells as they are."""
    if not value:
        return value
    parts = [v for v in value.split(LIST_SEPARATOR) if v]
    if parts and all(v in names for v in parts):
        return "、".join(names[v] for v in parts)
    return value


def _field(
    sheet: str, column: str, before: str | None, after: str | None, names: dict[str, str]
) -> dict[str, Any]:
    """A changed cell: before and after, the column's Chinese header (``label``), and where the cell
    lists ids, the same with names (``before_text``, ``after_text``)."""
    out: dict[str, Any] = {"before": before, "after": after, "label": _column_label(sheet, column)}
    said = _named_ids(before, names), _named_ids(after, names)
    if said != (before, after):
        out["before_text"], out["after_text"] = said
    return out


def _link_names(key: Key, states: Iterable[State]) -> dict[str, str]:
    """A supply link's supplier, buyer and product by name, and one line naming the link."""
    states = list(states)
    supplier, buyer, product = key
    names = {
        "supplier_name": _name_in(states, "enterprises", supplier),
        "buyer_name": _name_in(states, "enterprises", buyer),
        "product_name": _name_in(states, "products", product),
    }
    return {
        **names,
        "name": f"{names['supplier_name']}向{names['buyer_name']}供应「{names['product_name']}」",
    }


def _listed(cells: Cells | None, column: str) -> list[str]:
    if not cells or not cells.get(column):
        return []
    return [v for v in cells[column].split(LIST_SEPARATOR) if v]


def chains_of(sheet: str, key: Key, cells: Cells | None, state: State) -> set[str]:
    """The chains a ledger row belongs to, read from its cells (and, for a supply link, from its buying
    firm's row in ``state``)."""
    segment_chain = {k[0]: c.get("chain_id", "") for (s, k), c in state.items() if s == "segments"}

    def of_segments(ids: Iterable[str]) -> set[str]:
        return {segment_chain[i] for i in ids if segment_chain.get(i)}

    if sheet == "enterprises":
        return of_segments(_listed(cells, "segments"))
    if sheet == "supply_links":
        buyer = state.get(("enterprises", (key[1],)))
        return of_segments(_listed(buyer, "segments"))
    if sheet == "projects":
        return of_segments(_listed(cells, "segment"))
    if sheet == "policies":
        supports = _listed(cells, "supports")
        return {s for s in supports if s not in segment_chain} | of_segments(supports)
    if sheet in ("risk_register", "assessment_evidence", "segments", "technologies"):
        return {cells["chain_id"]} if cells and cells.get("chain_id") else set()
    return set()


def row_changes(store: GraphStore, chain_id: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Rows of the chain added, changed (with the columns that changed) and removed by the updates
    dated after ``start`` up to ``end``."""
    log = history.updates(store)
    window = [u for u in log if start.isoformat() < u.at <= end.isoformat()]
    first = history.replay(store, start, log)
    last = history.replay(store, end, log)
    touched: set[tuple[str, Key]] = set()
    for u in window:
        touched |= {(s, k) for s, k, _, _ in history.recorded(store, u.id)}
    names = _names(first) | _names(last)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: {"added": [], "changed": [], "removed": []} for name in SECTIONS.values()
    }
    for sheet, key in sorted(touched):
        if sheet not in SECTIONS:
            continue
        before, after = first.get((sheet, key)), last.get((sheet, key))
        if before == after:
            continue
        if chain_id not in chains_of(sheet, key, before, first) | chains_of(sheet, key, after, last):
            continue
        row: dict[str, Any] = {"key": list(key), "name": (after or before or {}).get("name")}
        if sheet == "supply_links":
            row.update(_link_names(key, (last, first)))
        section = out[SECTIONS[sheet]]
        if before is None:
            section["added"].append({**row, "row": after})
        elif after is None:
            section["removed"].append({**row, "row": before})
        else:
            fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            section["changed"].append(
                {
                    **row,
                    "fields": {f: _field(sheet, f, before.get(f), after.get(f), names) for f in fields},
                }
            )
    return {"updates": [u.public() for u in window], **out}


def break_items(store: GraphStore, chain_id: str) -> dict[str, dict[str, Any]]:
    """The chain's breaks and choke points (断点、堵点) by a stable key; none when the chain is absent."""
    try:
        catalog.get_chain(store, chain_id)
    except Exception:  # the chain did not exist yet on that date
        return {}
    out = {}
    for b in weaklinks.breaks(store, chain_id):
        key = ":".join(x for x in (b["kind"], b["segment_id"], b.get("product_id")) if x)
        out[key] = {
            "id": key,
            "kind": b["kind"],
            "kind_label": BREAK_KIND_LABELS[b["kind"]],
            "segment_id": b["segment_id"],
            "segment_name": b["segment_name"],
            "reason": b["reason"],
        }
    return out


def risk_items(store: GraphStore, chain_id: str) -> dict[str, dict[str, Any]]:
    """The chain's computed risks as register items: breaks and choke points, single-source and
    concentrated inputs, and links whose recovery outlasts stock; keyed by a stable id."""
    try:
        catalog.get_chain(store, chain_id)
    except Exception:
        return {}
    items: dict[str, dict[str, Any]] = {}
    for b in weaklinks.breaks(store, chain_id):
        kind = "break" if b["kind"] == "break" else "choke"
        subject = ":".join(x for x in (b["segment_id"], b.get("product_id")) if x)
        items[f"risk:{chain_id}:{kind}:{subject}"] = {"kind": kind, "subject": subject, "name": b["reason"]}
    r = weaklinks.risks(store, chain_id, limit=100_000)
    products = weaklinks.product_names(store)
    facts = weaklinks.projection(store).facts

    def firm(i: str) -> str:
        return facts[i].name if i in facts else i

    def add(kind: str, subject: str, name: str) -> None:
        items[f"risk:{chain_id}:{kind}:{subject}"] = {"kind": kind, "subject": subject, "name": name}

    for listed, kind, says in (
        ("single_source_inputs", "single_source", "只有一家供应商"),
        ("concentrated_inputs", "concentrated", "供应集中"),
    ):
        for row in r[listed]:
            product = products.get(row["product_id"], row["product_id"])
            hhi = f"（集中度指数{row['hhi']:.2f}）" if "hhi" in row else ""
            add(
                kind,
                f"{row['buyer_id']}:{row['product_id']}",
                f"{firm(row['buyer_id'])}的「{product}」{says}{hhi}",
            )
    for row in r["recovery_gaps"]:
        days = f"替换需{row['recovery_days']}天，库存仅{row['stock_days']}天"
        add(
            "recovery_gap",
            f"{row['supplier_id']}:{row['buyer_id']}:{row['product_id']}",
            f"{firm(row['supplier_id'])}供应{firm(row['buyer_id'])}：{days}",
        )
    for key, item in items.items():
        item["id"] = key
        item["kind_label"] = RISK_KIND_LABELS[item["kind"]]
    return items


def opened_closed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        "opened": [after[k] for k in sorted(set(after) - set(before))],
        "closed": [before[k] for k in sorted(set(before) - set(after))],
    }


def chain_changes(store: GraphStore, chain_id: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Everything that changed in the chain after the end of ``start`` up to the end of ``end``."""
    if end < start:
        from service.errors import InvalidInput

        raise InvalidInput("结束日期不能早于开始日期")
    past, now = history.as_of(store, start), history.as_of(store, end)
    return {
        "chain_id": chain_id,
        "from": start.isoformat(),
        "to": end.isoformat(),
        **row_changes(store, chain_id, start, end),
        "breaks": opened_closed(break_items(past, chain_id), break_items(now, chain_id)),
        "risks": opened_closed(risk_items(past, chain_id), risk_items(now, chain_id)),
    }
