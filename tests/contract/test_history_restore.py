"""Nothing is lost, on both engines: an update can be undone by a new update, and a backup restored into
an empty store gives back every past state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seed import dataset_path
from service import catalog, history, register, weaklinks
from service.errors import Conflict
from service.ledger.read import read_ledger
from service.storage.port import GraphStore
from tests.conftest import ENGINES, FIXTURES, close_store, make_store

D = dt.date
HISTORY = FIXTURES / "history"
DAYS = [
    D(2026, 11, 1),
    D(2026, 11, 2),
    D(2026, 11, 4),
    D(2026, 11, 5),
    D(2026, 11, 9),
    D(2026, 11, 16),
    D(2026, 11, 20),
]


def _build(store: GraphStore) -> None:
    with dataset_path() as path:
        history.import_update(store, read_ledger(path), author="链办", note="种子数据", at=D(2026, 11, 2))
    risk = "risk:auto:single_source:ent.auto.chiyuan:p.auto.battery_pack"
    register.record(store, "auto", risk, author="专班", status="confirmed", on=D(2026, 11, 5))
    history.import_update(
        store, read_ledger(HISTORY / "w46"), author="专班", note="新企业", at=D(2026, 11, 9)
    )
    history.import_update(
        store, read_ledger(HISTORY / "w47"), author="专班", note="项目与政策", at=D(2026, 11, 16)
    )


def _fingerprint(store: GraphStore) -> dict[str, object]:
    """What the analyses say about each chain, on one store."""
    out: dict[str, object] = {}
    for chain in ("auto", "beef"):
        try:
            catalog.get_chain(store, chain)
        except Exception:
            out[chain] = None
            continue
        out[chain] = (weaklinks.breaks(store, chain), weaklinks.risks(store, chain, limit=20)["totals"])
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_backup_restored_into_an_empty_store_gives_back_every_past_state(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    original = make_store(engine, request, tmp_path / "a")
    _build(original)
    data = history.backup(original)
    expected = {
        day: (history.replay(original, day), _fingerprint(history.as_of(original, day))) for day in DAYS
    }
    log = [u.public() for u in history.updates(original)]
    if engine == "neo4j":  # one server: the restore goes into the same, emptied, database
        from service.storage.queries import Q

        original.write([(Q.CLEAR_GRAPH, {})])
        restored = original
    else:
        close_store(original)
        restored = make_store(engine, request, tmp_path / "b")
    try:
        assert not history.updates(restored)
        history.restore(restored, data)
        assert [u.public() for u in history.updates(restored)] == log
        for day, (state, fingerprint) in expected.items():
            assert history.replay(restored, day) == state, day
            assert _fingerprint(history.as_of(restored, day)) == fingerprint, day
        assert history.current_state(restored) == expected[DAYS[-1]][0]
        with pytest.raises(Conflict):
            history.restore(restored, data)  # only into an empty store
        history.import_update(restored, read_ledger(HISTORY / "w47"), author="x", at=D(2026, 11, 20))
        assert history.updates(restored)[-1].changes == 0  # the log continues where it was
    finally:
        close_store(restored)


@pytest.mark.parametrize("engine", ENGINES)
def test_undo_restores_the_earlier_rows_as_a_new_update(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = make_store(engine, request, tmp_path)
    try:
        _build(store)
        w46 = history.updates(store)[2]
        with pytest.raises(Conflict):
            history.undo(store, history.updates(store)[0].id, author="x")  # later updates touched its rows
        _, update = history.undo(store, history.updates(store)[3].id, author="链办")
        assert update.kind == "undo" and update.undoes == "u000004" and update.author == "链办"
        assert history.current_state(store) == history.replay(store, D(2026, 11, 9))
        _, again = history.undo(store, w46.id, author="链办")
        assert history.current_state(store) == history.replay(store, D(2026, 11, 5))
        try:
            catalog.get_enterprise(store, "ent.auto.newbat")
            raise AssertionError("the undone firm is still there")
        except Exception as e:
            assert "不存在" in str(e)
        assert history.as_of(store, D(2026, 11, 16)) is not store  # the past keeps the firm
        assert catalog.get_enterprise(history.as_of(store, D(2026, 11, 16)), "ent.auto.newbat")
        assert [u.kind for u in history.updates(store)] == ["import"] * 4 + ["undo", "undo"]
        assert again.at >= update.at
    finally:
        close_store(store)


def test_an_import_that_outlived_its_update_is_recorded_by_reconcile(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from service.ledger.load import import_ledger

    store = make_store("ladybug", request, tmp_path)
    try:
        _build(store)
        import_ledger(store, read_ledger(HISTORY / "w46"))  # as if the process died before its update
        csv = (HISTORY / "w47" / "policies.csv").read_text(encoding="utf-8").replace("pol.d99", "pol.d98")
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "policies.csv").write_text(csv, encoding="utf-8")
        import_ledger(store, read_ledger(tmp_path / "more"))
        history.import_update(store, read_ledger(HISTORY / "w47"), author="x", at=D(2026, 11, 20))
        kinds = [(u.kind, u.author, u.summary) for u in history.updates(store)]
        assert kinds[-2] == ("reconcile", "system", {"policies": 1})
        assert history.current_state(store) == history.replay(store)
    finally:
        close_store(store)
