"""Issue 15: a write path several chain offices can share, on both engines, over HTTP with real keys.

1. An editor's import, undo or register entry is judged by the graph before and after it: a row that
   belongs (or will belong) to another chain is refused with 403 naming it, and nothing is written.
2. No update is dated later than today plus the allowance; an admin can correct a wrong date that got
   in, after which writes dated today go through again.
5. An undo, or an import that deletes, above the threshold needs a confirmation naming its count; a dry
   run says what would change and writes nothing.
6. ``as_of`` is ``YYYY-MM-DD`` only; a date before the first recorded update says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from seed import dataset_path
from service import history
from service.access import KeyStore
from service.api.app import create_app
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import ENGINES, FIXTURES, ROOT, close_store, make_store

SEED = ROOT / "seed" / "data" / "lvyuan"
TODAY = dt.date.today()
Headers = dict[str, str]


def _keys(path: Path) -> dict[str, Headers]:
    keys = KeyStore(path)
    made = {
        "auto": keys.create("汽车链办公室", "editor", ("auto",)),
        "beef": keys.create("肉牛链办公室", "editor", ("beef",)),
        "c1": keys.create("测试链办公室", "editor", ("c1",)),
        "admin": keys.create("区链长办", "admin"),
    }
    return {name: {"Authorization": f"Bearer {token}"} for name, (_, token) in made.items()}


@pytest.fixture(scope="module", params=ENGINES)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The seed as update u000001 (2026-11-02); tests put back whatever they change."""
    if request.param == "neo4j":
        request.applymarker(pytest.mark.neo4j)
    store = make_store(request.param, request, tmp_path_factory.mktemp("guard"))
    with dataset_path() as path:
        history.import_update(
            store, read_ledger(path), author="链办", note="种子数据", at=dt.date(2026, 11, 2)
        )
    yield store
    close_store(store)


@pytest.fixture(scope="module")
def office(seeded: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Any]]:
    keys_file = tmp_path_factory.mktemp("keys") / "keys.json"
    headers = _keys(keys_file)
    with TestClient(create_app(Settings(keys_file=keys_file), store=seeded)) as client:
        yield client, headers


def _fingerprint(store: GraphStore) -> tuple[Any, ...]:
    """Everything a write could change: the graph version, the log and every ledger row."""
    return store.read(Q.GET_VERSION), [u.id for u in history.updates(store)], history.current_state(store)


def _seed_row(sheet: str, row_id: str, **cells: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    """One row of a seed sheet as an upload, with some cells changed (by Chinese header)."""
    rows = list(csv.reader((SEED / f"{sheet}.csv").open(encoding="utf-8")))
    header, row = rows[0], next(r for r in rows if r[0] == row_id)
    for name, value in cells.items():
        row[header.index(name)] = value
    buf = io.StringIO()
    csv.writer(buf).writerows([header, row])
    return [("files", (f"{sheet}.csv", buf.getvalue().encode(), "text/csv"))]


def _delete(sheet: str, *ids: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    text = "编号,操作\n" + "".join(f"{i},删除\n" for i in ids)
    return [("files", (f"{sheet}.csv", text.encode(), "text/csv"))]


def _folder(folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    """The ledger files of a fixture folder, but the reference regions (kept out of the history)."""
    paths = sorted(p for p in folder.glob("*.csv") if p.name != "regions.csv")
    return [("files", (p.name, p.read_bytes(), "text/csv")) for p in paths]


# --- 1. chain scope, before and after ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "row_id", "cells"),
    [
        ("enterprises", "ent.haoyue", {"所属环节": "auto.s01"}),  # the beef anchor into an auto segment
        ("segments", "beef.s08", {"所属产业链": "auto"}),  # a beef segment into the auto chain
        ("products", "p.beef.semen", {"所属环节": "auto.s01"}),  # a beef product into an auto segment
    ],
)
def test_an_editor_cannot_move_another_chains_row_into_its_own(
    office: tuple[TestClient, Any], seeded: GraphStore, sheet: str, row_id: str, cells: dict[str, str]
) -> None:
    client, keys = office
    before = _fingerprint(seeded)
    response = client.post(
        "/chains/auto/imports", headers=keys["auto"], files=_seed_row(sheet, row_id, **cells)
    )
    assert response.status_code == 403, response.text
    [problem] = response.json()["problems"]
    assert (problem["source"], problem["row"], problem["value"]) == (f"{sheet}.csv", 2, row_id)
    assert "现属于产业链 beef" in problem["message"] and "导入后属于 auto" in problem["message"]
    assert _fingerprint(seeded) == before  # nothing written, not even an update


def test_a_deletion_is_judged_by_the_rows_it_takes_with_it(
    office: tuple[TestClient, Any], seeded: GraphStore
) -> None:
    client, keys = office
    before = _fingerprint(seeded)
    # a beef firm that supplies consumption-chain buyers: its links are the buyers' records
    response = client.post(
        "/chains/beef/imports", headers=keys["beef"], files=_delete("enterprises", "ent.beef.xianrun")
    )
    assert response.status_code == 403, response.text
    messages = [p["message"] for p in response.json()["problems"]]
    assert any("「供应关系」ent.beef.xianrun/ent.cons.s02.d1" in m and "cons" in m for m in messages)
    # a beef segment that district and national policies support together with a consumption segment
    response = client.post(
        "/chains/beef/imports", headers=keys["beef"], files=_delete("segments", "beef.s09")
    )
    assert response.status_code == 403, response.text
    assert {"pol.n04", "pol.m05", "pol.d09"} <= {p["value"] for p in response.json()["problems"]}
    # the auto office cannot delete a beef firm at all
    response = client.post(
        "/chains/auto/imports", headers=keys["auto"], files=_delete("enterprises", "ent.haoyue")
    )
    assert (
        response.status_code == 403
        and "（删除）现属于产业链 beef" in response.json()["problems"][0]["message"]
    )
    assert _fingerprint(seeded) == before


def test_edits_inside_the_chain_pass_and_only_that_office_can_undo_them(
    office: tuple[TestClient, Any], seeded: GraphStore
) -> None:
    client, keys = office
    start = history.current_state(seeded)
    edit = _seed_row("enterprises", "ent.fawer", 主营业务="汽车底盘与制动系统（台账更正）")
    response = client.post("/chains/auto/imports", headers=keys["auto"], files=edit)
    assert response.status_code == 200, response.text
    update = response.json()["update"]
    assert update["author"] == "汽车链办公室" and update["summary"] == {"enterprises": 1}
    assert history.current_state(seeded)[("enterprises", ("ent.fawer",))]["description"].endswith(
        "（台账更正）"
    )

    edited = _fingerprint(seeded)
    refused = client.post(f"/chains/beef/updates/{update['id']}/undo", headers=keys["beef"])
    assert refused.status_code == 403 and refused.json()["problems"][0]["value"] == "ent.fawer"
    assert _fingerprint(seeded) == edited

    undone = client.post(f"/chains/auto/updates/{update['id']}/undo", headers=keys["auto"])
    assert undone.status_code == 200, undone.text
    assert undone.json()["update"]["undoes"] == update["id"]
    assert history.current_state(seeded) == start
    restored = _fingerprint(seeded)
    seed_undo = client.post(
        "/chains/auto/updates/u000001/undo", headers=keys["auto"], params={"confirm": 1368}
    )
    assert seed_undo.status_code == 403  # the seed import holds rows of every chain
    assert _fingerprint(seeded) == restored


def test_a_register_entry_cannot_take_another_chains_risk(
    office: tuple[TestClient, Any], seeded: GraphStore
) -> None:
    client, keys = office
    entry = {"risk_id": "beef.manual.coldchain", "status": "identified", "name": "冷链运力不足"}
    recorded = client.post("/chains/beef/risk-register", headers=keys["beef"], json=entry)
    assert recorded.status_code == 200, recorded.text
    before = _fingerprint(seeded)
    taken = {**entry, "status": "handling", "name": "改记到汽车链"}
    response = client.post("/chains/auto/risk-register", headers=keys["auto"], json=taken)
    assert response.status_code == 403, response.text
    assert response.json()["problems"][0]["value"] == "beef.manual.coldchain"
    computed = {"risk_id": "risk:beef:break:beef.s08", "status": "identified", "name": "占用肉牛链的风险编号"}
    response = client.post("/chains/auto/risk-register", headers=keys["auto"], json=computed)
    assert response.status_code == 422 and "另一条产业链" in response.json()["detail"]
    assert _fingerprint(seeded) == before
    last = history.updates(seeded)[-1]
    assert client.post(f"/chains/beef/updates/{last.id}/undo", headers=keys["beef"]).status_code == 200


# --- 2. dates -----------------------------------------------------------------------------------------


def test_an_update_dated_after_today_is_refused(office: tuple[TestClient, Any], seeded: GraphStore) -> None:
    client, keys = office
    before = _fingerprint(seeded)
    unchanged = _seed_row("enterprises", "ent.fawer")  # changes nothing: the date alone is the harm
    for at in ("2099-01-01", (TODAY + dt.timedelta(days=2)).isoformat()):
        response = client.post("/chains/auto/imports", headers=keys["auto"], files=unchanged, data={"at": at})
        assert response.status_code == 422, response.text
        assert at in response.json()["detail"] and TODAY.isoformat() in response.json()["detail"]
    for at in ("0", "2026-11-2", "2026-02-30"):
        response = client.post("/chains/auto/imports", headers=keys["auto"], files=unchanged, data={"at": at})
        assert response.status_code == 422 and "日期" in response.json()["detail"], (at, response.text)
    assert _fingerprint(seeded) == before


def test_an_admin_corrects_a_future_date_that_got_in(
    mini_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.reconcile(mini_store, dt.date(2026, 11, 2))  # the fixture graph as update u000001
    with monkeypatch.context() as m:  # what an earlier version let in: an update dated 2099
        m.setattr(history, "refuse_future", lambda *a, **k: None)
        history.import_update(
            mini_store, read_ledger(FIXTURES / "mini_change"), author="链办", at=dt.date(2099, 1, 1)
        )
    keys = _keys(tmp_path / "keys.json")
    with TestClient(create_app(Settings(keys_file=tmp_path / "keys.json"), store=mini_store)) as client:
        segment = (
            "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\ns9,新环节,c1,9,下游,illustrative,2026-11-02\n"
        )
        files = [("files", ("segments.csv", segment.encode(), "text/csv"))]
        locked = client.post("/chains/c1/imports", headers=keys["c1"], files=files)
        assert locked.status_code == 422 and "/updates/u000002/redate" in locked.json()["detail"]
        fix = {"at": TODAY.isoformat()}
        assert client.post("/updates/u000002/redate", headers=keys["c1"], json=fix).status_code == 403
        for wrong in ("2099-01-01", "2026-11-01", "0"):  # still future, before u000001, not a date
            response = client.post("/updates/u000002/redate", headers=keys["admin"], json={"at": wrong})
            assert response.status_code == 422, (wrong, response.text)
        fixed = client.post("/updates/u000002/redate", headers=keys["admin"], json=fix)
        assert fixed.status_code == 200, fixed.text
        assert fixed.json()["at"] == TODAY.isoformat() and "原日期 2099-01-01" in fixed.json()["note"]
        assert [u["at"] for u in client.get("/updates", headers=keys["c1"]).json()["data"]] == [
            "2026-11-02",
            TODAY.isoformat(),
        ]
        assert client.post("/chains/c1/imports", headers=keys["c1"], files=files).status_code == 200
        assert history.updates(mini_store)[-1].at == TODAY.isoformat()


# --- 5. confirmation ----------------------------------------------------------------------------------


def test_undoing_the_seed_import_needs_a_confirmation_naming_its_rows(
    office: tuple[TestClient, Any], seeded: GraphStore
) -> None:
    client, keys = office
    before = _fingerprint(seeded)
    response = client.post("/updates/u000001/undo", headers=keys["admin"])
    assert response.status_code == 409 and response.json()["code"] == "confirmation_required"
    preview = response.json()["preview"]
    assert (preview["count"], preview["deleted"], preview["threshold"]) == (1368, 1368, 50)
    by_sheet = {s["sheet"]: s["deleted"] for s in preview["sheets"]}
    assert by_sheet["enterprises"] == 229 and by_sheet["supply_links"] == 838
    dry = client.post("/updates/u000001/undo", headers=keys["admin"], params={"dry_run": True})
    assert dry.status_code == 200 and dry.json()["dry_run"] is True and dry.json()["count"] == 1368
    wrong = client.post("/updates/u000001/undo", headers=keys["admin"], params={"confirm": 1367})
    assert wrong.status_code == 409 and "1367" in wrong.json()["detail"]
    assert _fingerprint(seeded) == before


def test_a_mass_delete_and_its_undo_go_through_once_confirmed(mini_store: GraphStore, tmp_path: Path) -> None:
    history.reconcile(mini_store)
    start = history.current_state(mini_store)
    keys = _keys(tmp_path / "keys.json")
    settings = Settings(keys_file=tmp_path / "keys.json", confirm_rows=5)
    with TestClient(create_app(settings, store=mini_store)) as client:
        admin, files = keys["admin"], _folder(FIXTURES / "mini_delete")
        before = _fingerprint(mini_store)
        refused = client.post("/imports", headers=admin, files=files)
        assert refused.status_code == 409, refused.text
        count = refused.json()["preview"]["count"]
        dry = client.post("/imports", headers=admin, files=files, data={"dry_run": "true"})
        assert dry.status_code == 200 and dry.json()["count"] == count and dry.json()["created"] == 0
        assert _fingerprint(mini_store) == before
        done = client.post("/imports", headers=admin, files=files, data={"confirm": str(count)})
        assert done.status_code == 200, done.text
        assert history.current_state(mini_store) == {}
        assert sum(done.json()["update"]["summary"].values()) == count  # the preview counted every row
        update_id = done.json()["update"]["id"]
        undo = client.post(f"/updates/{update_id}/undo", headers=admin)
        assert undo.status_code == 409 and undo.json()["preview"]["created"] == count
        undone = client.post(f"/updates/{update_id}/undo", headers=admin, params={"confirm": count})
        assert undone.status_code == 200, undone.text
        assert history.current_state(mini_store) == start
        small = _delete("policies", "po1")  # below the threshold: no confirmation asked
        assert client.post("/imports", headers=admin, files=small).status_code == 200


# --- 6. as_of -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "1764374400", "2026-1-5", "2026/11/02", "2026-02-30", "today"])
def test_as_of_takes_dates_written_yyyy_mm_dd_only(office: tuple[TestClient, Any], value: str) -> None:
    client, keys = office
    response = client.get("/chains/beef", headers=keys["auto"], params={"as_of": value})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_input" and "as_of" in response.json()["detail"]
    changes = client.get(
        "/chains/beef/changes", headers=keys["auto"], params={"from": value, "to": "2026-11-30"}
    )
    assert changes.status_code == 422 and "from" in changes.json()["detail"]


def test_as_of_before_the_first_update_says_so(office: tuple[TestClient, Any]) -> None:
    client, keys = office
    early = client.get("/chains/beef", headers=keys["auto"], params={"as_of": "2026-11-01"})
    assert early.status_code == 404 and "早于第一次记录的更新（2026-11-02）" in early.json()["detail"]
    first = client.get("/chains/beef", headers=keys["auto"], params={"as_of": "2026-11-02"})
    assert first.status_code == 200 and first.json()["id"] == "beef"


# --- the command line ---------------------------------------------------------------------------------


def test_the_command_line_asks_before_a_large_undo_and_corrects_dates(
    engine: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from service.cli import app as cli
    from service.settings import get_settings

    if engine == "neo4j":
        make_store("neo4j", request, tmp_path)  # empties the session's database
        monkeypatch.setenv("CHAINLENS_BACKEND", "neo4j")
        monkeypatch.setenv("CHAINLENS_NEO4J_URI", request.getfixturevalue("neo4j_uri"))
    else:
        monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(tmp_path / "graph.lbdb"))
    monkeypatch.setenv("CHAINLENS_CONFIRM_ROWS", "5")
    get_settings.cache_clear()
    run = CliRunner().invoke

    def log() -> list[str]:
        result = run(cli, ["history"])
        assert result.exit_code == 0, result.output
        return [line for line in result.output.splitlines() if line.startswith("{")]

    assert run(cli, ["import", str(FIXTURES / "mini"), "--date", "2026-11-02"]).exit_code == 0
    asked = run(cli, ["undo", "u000001"], input="n\n")  # the prompt names the rows; "n" leaves all as is
    assert asked.exit_code == 1 and "撤销将改动" in asked.output and len(log()) == 1
    dry = run(cli, ["undo", "u000001", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    count = json.loads(dry.output)["count"]
    assert count > 5 and len(log()) == 1
    wrong = run(cli, ["undo", "u000001", "--confirm", str(count - 1)])
    assert wrong.exit_code == 2 and f"confirm={count}" in wrong.output and len(log()) == 1
    assert run(cli, ["undo", "u000001", "--confirm", str(count)]).exit_code == 0 and len(log()) == 2

    future = run(cli, ["import", str(FIXTURES / "mini"), "--date", "2099-01-01"])
    assert future.exit_code == 2 and "晚于今天" in future.output and len(log()) == 2
    with monkeypatch.context() as m:  # what an earlier version let in
        m.setattr(history, "refuse_future", lambda *a, **k: None)
        assert run(cli, ["import", str(FIXTURES / "mini"), "--date", "2099-01-01"]).exit_code == 0
    locked = run(cli, ["import", str(FIXTURES / "mini_change")])
    assert locked.exit_code == 2 and "u000003" in locked.output
    fixed = run(cli, ["redate", "u000003", "--date", TODAY.isoformat(), "--author", "区链长办"])
    assert fixed.exit_code == 0 and "原日期 2099-01-01" in json.loads(fixed.output)["note"]
    assert run(cli, ["import", str(FIXTURES / "mini_change")]).exit_code == 0
    assert [json.loads(line)["at"] for line in log()][-2:] == [TODAY.isoformat()] * 2
    get_settings.cache_clear()
