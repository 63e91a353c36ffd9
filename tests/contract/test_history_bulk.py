"""Past states are written into their scratch stores by COPY of the log's rows as they are
(``service.ledger.bulk``), not imported again: on every day of a history with partial rows, unknown
values (未知), list columns, a sheet both a list and its own rows write (企业产品), and deletions, the
scratch store must hold exactly what ``import_ledger`` of the same rows writes (every node, every link
with its facts), export the same ledger, and give the same analysis answers. The history is kept on
each engine; the scratch stores are always embedded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_schema import MODEL
from seed import dataset_path
from service import history, weaklinks
from service.ledger.bulk import load_trusted
from service.ledger.load import import_ledger, read_links, read_state
from service.ledger.read import read_ledger, read_upload
from service.storage.ladybug_store import LadybugStore
from service.storage.port import GraphStore
from tests.conftest import ENGINES, FIXTURES, close_store, make_store

D = dt.date
HISTORY = FIXTURES / "history"
DAYS = [D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 12), D(2026, 11, 16), D(2026, 11, 18), D(2026, 11, 20)]

UNKNOWNS = (  # a partial firm row making two facts unknown; 企业产品 rows, one with an unknown share
    "编号,企业规模,专精特新\nent.haoyue,未知,未知\n",
    "企业编号,产品编号,营收占比,是否主营,来源,核实日期\n"
    "ent.haoyue,p.beef.carcass,未知,是,illustrative,2026-11-12\n"
    "ent.haoyue,p.beef.frozen,30%,否,illustrative,2026-11-12\n",
)


@pytest.fixture(scope="module", params=ENGINES)
def logged(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = make_store(request.param, request, tmp_path_factory.mktemp("bulk"))
    with dataset_path() as path:
        history.import_update(store, read_ledger(path), author="t", note="seed", at=DAYS[0])
    history.import_update(store, read_ledger(HISTORY / "w46"), author="t", at=DAYS[1])
    firms, made = UNKNOWNS
    history.import_update(store, read_upload("enterprises.csv", firms.encode()), author="t", at=DAYS[2])
    made_upload = read_upload("enterprise_products.csv", made.encode())
    history.import_update(store, made_upload, author="t", at=DAYS[2])
    history.import_update(store, read_ledger(HISTORY / "w47"), author="t", at=DAYS[3])
    history.import_update(store, read_ledger(HISTORY / "stop"), author="t", at=DAYS[4])
    gone = [
        ("supply_links", ("ent.catl", "ent.auto.chiyuan", "p.auto.battery_pack"), None),
        ("enterprises", ("ent.auto.newbat",), None),
    ]
    history.import_update(store, history.as_ledger(gone, "t"), author="t", at=DAYS[5])
    yield store
    close_store(store)


def _stores(tmp: Path, state: history.State) -> tuple[LadybugStore, LadybugStore]:
    """The state written by COPY (new) and imported again (old), each into a new embedded store."""
    stores = []
    for name in ("bulk", "import"):
        scratch = LadybugStore(tmp / name / "graph.lbdb")
        scratch.apply_schema()
        stores.append(scratch)
    load_trusted(stores[0], ((s, c) for (s, _), c in state.items()))
    import_ledger(stores[1], history.as_ledger(((s, k, c) for (s, k), c in sorted(state.items())), "old"))
    return stores[0], stores[1]


def _everything(store: GraphStore) -> tuple[dict[str, Any], dict[str, Any]]:
    graph = read_state(store)
    read_links(store, graph, [r.type for r in MODEL.relationships])
    return graph.nodes, graph.rels


def _answers(store: GraphStore) -> dict[str, Any]:
    return {c: (weaklinks.breaks(store, c), weaklinks.risks(store, c)) for c in ("auto", "beef")}


@pytest.mark.parametrize("day", DAYS)
def test_a_past_state_written_by_copy_is_the_state_imported_again(
    logged: GraphStore, day: dt.date, tmp_path: Path
) -> None:
    state = history.replay(logged, day)
    new, old = _stores(tmp_path, state)
    try:
        assert history.current_state(old) == state  # the old path gives back the log's rows
        assert history.current_state(new) == state
        nodes, rels = _everything(new)
        assert (nodes, rels) == _everything(old)
        assert rels["MAKES"] and rels["SUPPLIES"] and nodes["Region"]  # the comparison saw every kind
        assert _answers(new) == _answers(old)
    finally:
        new.close()
        old.close()


def test_the_history_has_what_the_comparison_needs(logged: GraphStore) -> None:
    """The days above cover unknowns, a sheet and a list writing one link, and deletions."""
    on = {d: history.replay(logged, d) for d in (DAYS[1], DAYS[2], DAYS[5])}
    haoyue = on[DAYS[2]][("enterprises", ("ent.haoyue",))]
    assert haoyue["scale"] == "未知" and haoyue["is_specialised"] == "未知"
    assert on[DAYS[2]][("enterprise_products", ("ent.haoyue", "p.beef.carcass"))]["revenue_share"] == "未知"
    assert ("enterprises", ("ent.auto.newbat",)) in on[DAYS[1]]
    assert ("enterprises", ("ent.auto.newbat",)) not in on[DAYS[5]]
    assert ("supply_links", ("ent.catl", "ent.auto.chiyuan", "p.auto.battery_pack")) not in on[DAYS[5]]


def test_as_of_and_each_step_of_a_walk_answer_as_the_state_imported_again(
    logged: GraphStore, tmp_path: Path
) -> None:
    with history.walk(logged, DAYS) as steps:
        for day, past in steps:
            state = history.replay(logged, day)
            new, old = _stores(tmp_path / day.isoformat(), state)
            try:
                assert history.current_state(past) == state, day
                assert _everything(past) == _everything(old), day
                assert _answers(past) == _answers(old), day
                at = history.as_of(logged, day)
                assert history.current_state(at) == state, day
                assert _answers(at) == _answers(old), day
            finally:
                new.close()
                old.close()


def test_an_emptied_store_with_a_new_history_never_gets_the_old_past_states(
    empty_store: GraphStore,
) -> None:
    """Past states are keyed by the update and the graph version it left: a store emptied and given a
    new history (update ids start again at u000001) answers from its own log."""
    from service.storage.queries import Q

    def firms_on(day: dt.date) -> set[str]:
        past = history.as_of(empty_store, day)
        return set(history.current_state(past, {"enterprises"}))

    with dataset_path() as path:
        history.import_update(empty_store, read_ledger(path), author="t", at=DAYS[0])
    history.import_update(empty_store, read_ledger(HISTORY / "w46"), author="t", at=DAYS[1])
    before = firms_on(DAYS[0])
    assert before
    empty_store.write([(Q.CLEAR_GRAPH, {})])
    header = "编号,名称,所在地区代码,区内企业,链主企业,经营状态,来源,核实日期\n"
    for day, firm in ((DAYS[0], "ent.only"), (DAYS[1], "ent.next")):
        row = f"{firm},新企业,220106,是,否,在营,illustrative,{day}\n"
        history.import_update(
            empty_store, read_upload("enterprises.csv", (header + row).encode()), author="t", at=day
        )
    assert firms_on(DAYS[0]) == {("enterprises", ("ent.only",))}
