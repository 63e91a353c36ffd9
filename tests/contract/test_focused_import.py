"""Issue 20: a small ledger is judged against the part of the graph its rows name (``load.read_focus``),
and its update reads back and diffs only the rows it lists (``history._after``). The same ledgers go
through the focused path and through the full path (the whole graph read, as before), on each engine,
and every answer must be the same: the reports, the problems and Forbidden rows (same messages, same
rows), the warnings, the graph after each step and the rows each update records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph_schema import MODEL
from service import history
from service.errors import InvalidInput
from service.ledger import load, scope
from service.ledger.read import read_ledger
from service.ledger.validate import CheckedLedger
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import FIXTURES

DAY = dt.date(2026, 11, 2)
SOURCE = "illustrative,2026-11-09"
EP = "enterprise_id,product_id,revenue_share,main_line,provenance,confirmed_on"
SL = "supplier_id,buyer_id,product_id,share,annual_value,recovery_days,stock_days,provenance,confirmed_on"
FIRMS = (
    "id,name,region_code,in_district,is_anchor,status,provenance,confirmed_on,segments,products,technologies"
)
PRODUCTS = "id,name,parent_id,provenance,confirmed_on,segments"
SEGMENTS = "id,name,chain_id,position,stage,provenance,confirmed_on"

# (what the step does, its ledger files, an editor's chains or None for an admin, whether it is judged
# through the focused path: a node's deletion reads the whole graph)
STEPS: list[tuple[str, dict[str, str], set[str] | None, bool]] = [
    (
        "a second chain, its segment and a firm in it (admin)",
        {
            "chains.csv": f"id,name,provenance,confirmed_on\nc2,第二链,{SOURCE}\n",
            "segments.csv": f"{SEGMENTS}\ns9,电池,c2,1,上游,{SOURCE}\n",
            "enterprises.csv": f"{FIRMS}\ne7,电池公司,220106400,是,否,在营,{SOURCE},s9,p2,\n",
        },
        None,
        True,
    ),
    ("a partial row: a new name only", {"enterprises.csv": "编号,名称\ne2,绿园部件股份公司\n"}, None, True),
    (
        "a new firm naming an existing product, segment and region",
        {
            "enterprises.csv": f"{FIRMS}\ne9,新企业,220106400,是,否,在营,{SOURCE},s2,p2;p1,\n"
            f"e10,无环节企业,220106,是,否,在营,{SOURCE},,p1,\n"  # in no segment: a warning
        },
        None,
        True,
    ),
    (
        "revenue shares of one firm over 100% in the ledger",
        {"enterprise_products.csv": f"{EP}\ne9,p2,0.6,是,{SOURCE}\ne9,p1,0.5,否,{SOURCE}\n"},
        None,
        True,
    ),
    (
        "revenue shares within 100%",
        {"enterprise_products.csv": f"{EP}\ne9,p2,0.6,是,{SOURCE}\ne9,p1,0.3,否,{SOURCE}\n"},
        None,
        True,
    ),
    (
        "one more share that the graph's shares push over 100%",
        {"enterprise_products.csv": f"{EP}\ne9,p1,0.5,否,{SOURCE}\n"},
        None,
        True,
    ),
    (
        "a weighed product dropped from 主要产品 without deleting its row",
        {"enterprises.csv": "编号,主要产品\ne9,p2\n"},
        None,
        True,
    ),
    (
        "a supply link whose buyer's shares in the graph add up to more than 1",
        {"supply_links.csv": f"{SL}\ne1,e3,p2,0.2,,,,{SOURCE}\n"},
        None,
        True,
    ),
    (
        "a supply link that moves shares between suppliers, and one not made by its supplier (warning)",
        {
            "supply_links.csv": f"{SL}\ne5,e3,p2,0.1,,,,{SOURCE}\ne1,e3,p2,0.2,,,,{SOURCE}\n"
            f"e5,e4,p3,,,,,{SOURCE}\ne9,e4,p2,,,,,{SOURCE}\n"
        },
        None,
        True,
    ),
    (
        "a firm dropping a product it still supplies (warning)",
        {"enterprises.csv": "编号,主要产品\ne5,p1\n"},
        None,
        True,
    ),
    (
        "products whose 产品大类 are in the graph",
        {"products.csv": f"{PRODUCTS}\np5,轻量化零部件,p2,{SOURCE},s2\np6,铝制零部件,p5,{SOURCE},s2\n"},
        None,
        True,
    ),
    (
        "a 产品大类 cycle through the graph (p2 → p6 → p5 → p2, p5 named by no cell)",
        {"products.csv": "id,parent_id\np2,p6\n"},
        None,
        True,
    ),
    (
        "a reference to a firm neither the ledger nor the graph holds",
        {"supply_links.csv": f"{SL}\ne1,nobody,p1,0.1,,,,{SOURCE}\n"},
        None,
        True,
    ),
    (
        "an editor of c1 changes a firm of c2 (forbidden)",
        {"enterprises.csv": "编号,名称\ne7,电池股份公司\n"},
        {"c1"},
        True,
    ),
    (
        "an editor of c1 moves a firm of c1 into c2 (forbidden)",
        {"enterprises.csv": "编号,所属环节\ne2,s9\n"},
        {"c1"},
        True,
    ),
    (
        "an editor of c1 adds a supply link bought by a firm of c2 (forbidden)",
        {"supply_links.csv": f"{SL}\ne2,e7,p2,0.5,,,,{SOURCE}\n"},
        {"c1"},
        True,
    ),
    (
        "an editor of c1 edits its own firm and link",
        {
            "enterprises.csv": "编号,名称\ne3,绿园总成股份公司\n",
            "supply_links.csv": f"{SL}\ne2,e3,p2,0.6,,,,{SOURCE}\n",
        },
        {"c1"},
        True,
    ),
    (
        "a deleted supply link and a deleted 企业产品 row",
        {
            "supply_links.csv": "supplier_id,buyer_id,product_id,op\ne1,e3,p2,删除\n",
            "enterprise_products.csv": "enterprise_id,product_id,op\ne9,p1,删除\n",
        },
        None,
        True,
    ),
    (
        "an editor of c1 deletes a firm of c2 (forbidden)",
        {"enterprises.csv": "编号,操作\ne7,删除\n"},
        {"c1"},
        False,
    ),
    (
        "a deleted firm: its supply links and 企业产品 rows go with it",
        {"enterprises.csv": "编号,操作\ne9,删除\n"},
        None,
        True,
    ),
    (
        "a deleted segment: the rows whose cells list it change",
        {"segments.csv": "编号,操作\ns9,删除\n"},
        None,
        True,
    ),
]


def _graph(store: GraphStore) -> tuple[Any, Any]:
    state = load.read_state(store)
    load.read_links(store, state, [r.type for r in MODEL.relationships if not r.sheet])
    return state.nodes, state.rels


def _run(store: GraphStore, tmp: Path, focused: bool, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every step's outcome, through the focused path or (``focused`` false) the full one."""
    monkeypatch.setattr(load, "FOCUS_LIMIT", load.FOCUS_LIMIT if focused else 0)
    monkeypatch.setattr(history, "FOCUS_LIMIT", history.FOCUS_LIMIT if focused else 0)
    calls = {"focus": 0, "whole": 0}
    read_focus, current_state = load.read_focus, history.current_state

    def counted_focus(*args: Any, **kwargs: Any) -> load.GraphState:
        calls["focus"] += 1
        return read_focus(*args, **kwargs)

    def counted_state(*args: Any, **kwargs: Any) -> history.State:
        calls["whole"] += 1
        return current_state(*args, **kwargs)

    monkeypatch.setattr(load, "read_focus", counted_focus)
    monkeypatch.setattr(history, "current_state", counted_state)
    history.import_update(store, read_ledger(FIXTURES / "mini"), author="测试", at=DAY)
    out: list[Any] = []
    for n, (what, files, chains, expect_focus) in enumerate(STEPS, start=1):
        folder = tmp / f"{'focused' if focused else 'full'}-{n}"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        calls.update(focus=0, whole=0)
        try:
            report, update = history.import_update(
                store, read_ledger(folder), author="测试", at=DAY + dt.timedelta(days=n), chains=chains
            )
            outcome: tuple[Any, ...] = (
                "imported",
                report.as_dict(),
                {k: v for k, v in update.public().items() if k != "recorded_at"},
                history.recorded(store, update.id),
                history.warnings_of(store, update.id),
            )
        except InvalidInput as e:  # Forbidden too
            outcome = (type(e).__name__, str(e), e.problems)
        if focused:
            assert calls["focus"] == int(expect_focus), what
            assert calls["whole"] == 0 or not expect_focus, f"{what}: read the whole ledger back"
        out.append((what, outcome, _graph(store)))
    return out


def test_the_focused_path_answers_as_the_full_one(
    empty_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    focused = _run(empty_store, tmp_path, True, monkeypatch)
    kinds = [outcome[0] for _, outcome, _ in focused]
    # the steps exercise what they say: refusals, Forbidden rows, warnings, and imports
    assert kinds.count("Forbidden") == 4 and kinds.count("InvalidInput") == 6, kinds
    warned = [o[1]["warnings_total"] for _, o, _ in focused if o[0] == "imported"]
    assert sum(1 for w in warned if w) >= 2, warned
    recorded = {what: {(c[0], tuple(c[1])) for c in o[3]} for what, o, _ in focused if o[0] == "imported"}
    firm = recorded["a deleted firm: its supply links and 企业产品 rows go with it"]
    assert {("supply_links", ("e9", "e4", "p2")), ("enterprise_products", ("e9", "p2"))} <= firm
    assert ("enterprises", ("e7",)) in recorded["a deleted segment: the rows whose cells list it change"]
    empty_store.write([(Q.CLEAR_GRAPH, {})])
    empty_store.apply_schema()
    with monkeypatch.context() as m:
        full = _run(empty_store, tmp_path, False, m)
    assert len(focused) == len(full)
    for (what, a, graph_a), (_, b, graph_b) in zip(focused, full, strict=True):
        assert a == b, what
        assert graph_a == graph_b, what


def test_the_focused_state_holds_what_the_checks_look_at(mini_store: GraphStore) -> None:
    """The part read for a one-row supply link: its buyer's other suppliers (the share sum), its
    supplier's products (the warning), no firm it does not name."""
    ids = {"e5", "e3", "p2"}
    state = load.read_focus(mini_store, ids)
    assert set(state.nodes["Enterprise"]) == {"e3", "e5"}
    assert set(state.nodes["Product"]) == {"p2"}
    assert set(state.rels["SUPPLIES"]) == {
        ("e2", "e3", "p2"),  # another supplier of e3: part of its p2 share sum
        ("e5", "e3", "p2"),
        ("e3", "e4", "p3"),  # e3's own supply: the warnings look at what a firm supplies
    }
    assert {k[:2] for k in state.rels["MAKES"]} == {("e3", "p3"), ("e5", "p2")}
    assert set(state.rels["OPERATES_IN"]) == {("e3", "s3"), ("e5", "s2")}
    links = scope.read_links(mini_store, CheckedLedger([], []), ["e3", "po1"])
    assert links["OPERATES_IN"] == {("e3", "s3")} and links["SUPPORTS"] == {("po1", "c1"), ("po1", "s2")}
