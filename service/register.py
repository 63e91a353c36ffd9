"""The risk register (断链断供风险台账) the chain office works: every risk, computed or entered by hand,
with its status (已识别 → 已确认 → 处置中 → 已化解), owner, measures and dates. The register is the
``risk_register`` ledger sheet, so each status change is an import and an update with history. A
computed risk that no longer shows up in the analyses is proposed as resolved, never dropped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph_schema import MODEL
from graph_schema.ingest_cypher import node_query
from service import catalog, history
from service.changes import risk_items
from service.errors import InvalidInput
from service.history import Update
from service.ledger.format import sheet_for
from service.ledger.read import RawLedger, RawRow, RawSheet
from service.storage.port import GraphStore

STATUS = {c.code: c.label for c in MODEL.node("Risk").prop("status").choices}
KINDS = {c.code: c.label for c in MODEL.node("Risk").prop("kind").choices}
ORDER = list(STATUS)


def entries(store: GraphStore, chain_id: str) -> list[dict[str, Any]]:
    """The register as recorded, for one chain."""
    return [r for r in store.read(node_query("list", "Risk")) if r["chain_id"] == chain_id]


def register(store: GraphStore, chain_id: str) -> dict[str, Any]:
    """The recorded entries merged with the risks the analyses find today: a computed risk not yet
    recorded is listed as proposed (identified); a recorded computed risk the analyses no longer find,
    and not yet resolved, is proposed as resolved."""
    catalog.get_chain(store, chain_id)
    computed = risk_items(store, chain_id)
    rows = []
    recorded = {e["id"]: e for e in entries(store, chain_id)}
    for rid, e in sorted(recorded.items()):
        found = rid in computed
        rows.append(
            {
                **e,
                "recorded": True,
                "computed": e["kind"] != "manual",
                "still_found": found if e["kind"] != "manual" else None,
                "proposal": "resolve"
                if e["kind"] != "manual" and not found and e["status"] != "resolved"
                else None,
            }
        )
    for rid, item in sorted(computed.items()):
        if rid in recorded:
            continue
        rows.append(
            {
                "id": rid,
                "name": item["name"],
                "chain_id": chain_id,
                "kind": item["kind"],
                "subject": item["subject"],
                "status": "identified",
                "owner": None,
                "measures": None,
                "identified_on": None,
                "status_on": None,
                "resolved_on": None,
                "recorded": False,
                "computed": True,
                "still_found": True,
                "proposal": "record",
            }
        )
    for row in rows:
        row["status_label"] = STATUS.get(row["status"], row["status"])
        row["kind_label"] = KINDS.get(row["kind"], row["kind"])
    counts = {s: sum(1 for r in rows if r["recorded"] and r["status"] == s) for s in STATUS}
    return {
        "chain_id": chain_id,
        "data": rows,
        "counts": counts,
        "to_record": sum(1 for r in rows if r["proposal"] == "record"),
        "to_resolve": sum(1 for r in rows if r["proposal"] == "resolve"),
    }


def record(
    store: GraphStore,
    chain_id: str,
    risk_id: str,
    *,
    author: str,
    status: str,
    on: dt.date | None = None,
    owner: str | None = None,
    measures: str | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Update:
    """Record a risk or a change of its status, as one update by ``author``. A computed risk takes its
    description from the analyses; a risk entered by hand (``kind`` manual) needs a ``name``. The
    entry is judged like an editor's import for ``chain_id``: a risk recorded for another chain cannot
    be changed or moved from here (403), and ids of another chain's computed risks are refused."""
    if status not in STATUS:
        raise InvalidInput(f"状态只能是 {'、'.join(STATUS)}")
    named = risk_id.split(":")
    if named[0] == "risk" and (len(named) < 2 or named[1] != chain_id):
        raise InvalidInput(
            f"风险编号 {risk_id} 是另一条产业链的计算风险编号，不能记入产业链 {chain_id} 的风险台账"
        )
    day = on or dt.date.today()
    computed = risk_items(store, chain_id).get(risk_id)  # the analyses, on the graph as committed
    entry = _Entry(chain_id, risk_id, author, status, day, owner, measures, name)
    cells = entry.cells(store, computed)  # for the note; judged again under the write lock

    def ledger(tx: GraphStore) -> RawLedger:  # the entry as the write lock finds the register
        sheet = sheet_for("risk_register")
        assert sheet is not None
        found = entry.cells(tx, computed)
        raw = RawSheet(sheet, "risk_register", set(found))
        raw.rows.append(RawRow("risk_register", 2, found, {c.key: c.header for c in sheet.columns}))
        return RawLedger([raw])

    _, update = history.import_update(
        store,
        ledger,
        author=author,
        note=note or f"风险台账：{cells['name'][:40]} → {STATUS[status]}",
        at=day,
        chains={chain_id},
    )
    return update


@dataclass(frozen=True)
class _Entry:
    """One register entry as asked for; its row depends on the register as it stands."""

    chain_id: str
    risk_id: str
    author: str
    status: str
    day: dt.date
    owner: str | None
    measures: str | None
    name: str | None

    def cells(self, store: GraphStore, computed: dict[str, Any] | None) -> dict[str, str]:
        """The register row to import, judged against the entry recorded in ``store`` (a status never
        goes back)."""
        risk_id, status, day = self.risk_id, self.status, self.day
        current = {e["id"]: e for e in entries(store, self.chain_id)}.get(risk_id)
        base: dict[str, Any]
        if current is not None:
            base = dict(current)
            if ORDER.index(status) < ORDER.index(current["status"]) and status != current["status"]:
                raise InvalidInput(
                    f"风险 {risk_id} 已是「{STATUS[current['status']]}」，不能退回「{STATUS[status]}」"
                )
        elif computed is not None:
            base = {**computed, "identified_on": day.isoformat()}
        elif self.name:
            base = {"kind": "manual", "subject": "", "name": self.name, "identified_on": day.isoformat()}
        else:
            raise InvalidInput(f"风险 {risk_id} 既不在台账中，也不是当前分析发现的风险；人工录入请给出名称")
        return {
            "id": risk_id,
            "name": self.name or base["name"],
            "chain_id": self.chain_id,
            "kind": KINDS[base["kind"]],
            "subject": base.get("subject") or "",
            "status": STATUS[status],
            "owner": self.owner if self.owner is not None else base.get("owner") or "",
            "measures": self.measures if self.measures is not None else base.get("measures") or "",
            "identified_on": base.get("identified_on") or day.isoformat(),
            "status_on": day.isoformat(),
            "resolved_on": day.isoformat() if status == "resolved" else (base.get("resolved_on") or ""),
            "provenance": f"风险台账：{self.author}",
            "confirmed_on": day.isoformat(),
        }
