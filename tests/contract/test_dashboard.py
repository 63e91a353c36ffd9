"""The front page's figures: the risk register's open items after each recorded update (from the
history), the date and author of the last update, and per chain key figures that agree with the chain's
own view. Both engines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from service import dashboard, history, weaklinks
from service.analysis.risks import ACTIVE
from service.api.app import create_app
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES

HEADER = "编号,名称,所属产业链,风险类型,风险对象,状态,责任单位,处置措施,识别日期,状态日期,来源,核实日期\n"
SOURCE = "illustrative,2026-11-01\n"
BREAK = "risk:c1:break:s1,「原材料」环节区内没有企业,c1,断点,s1,{status},区工信局,,2026-11-01,"
BREAK += "2026-11-01," + SOURCE
MANUAL = "risk:c1:manual:1,物流成本上升,c1,人工录入,,已识别,区商务局,,2026-11-02,2026-11-02," + SOURCE


def _register(folder: Path, *rows: str) -> Path:
    folder.mkdir()
    (folder / "risk_register.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return folder


def test_the_register_trend_follows_the_recorded_updates(empty_store: GraphStore, tmp_path: Path) -> None:
    store = empty_store
    history.import_update(store, read_ledger(FIXTURES / "mini"), author="甲", at=dt.date(2026, 11, 1))
    added = _register(tmp_path / "a", BREAK.format(status="已识别"), MANUAL)
    history.import_update(store, read_ledger(added), author="乙", at=dt.date(2026, 11, 2))
    resolved = _register(tmp_path / "b", BREAK.format(status="已化解"), MANUAL)
    history.import_update(store, read_ledger(resolved), author="丙", at=dt.date(2026, 11, 3))
    trend = dashboard.register_trend(store, ["c1"])
    # mini's register holds one open break; then a manual item is added; then the break is resolved
    assert [(p["at"], p["author"], p["counts"]["c1"]) for p in trend] == [
        ("2026-11-01", "甲", (1, 1)),
        ("2026-11-02", "乙", (1, 2)),
        ("2026-11-03", "丙", (0, 1)),
    ]
    assert [p["at"] for p in dashboard.register_trend(store, ["c1"], last=2)] == ["2026-11-02", "2026-11-03"]
    assert dashboard.open_register_items(store, ["c1"]) == {"c1": (0, 1)}
    last = dashboard.last_update(store)
    assert last is not None and (last.at, last.author) == ("2026-11-03", "丙")
    with TestClient(create_app(Settings(), store=store)) as client:
        page = client.get("/").text
    assert "最近更新：2026-11-03 · 丙" in page and "数据版本" not in page
    assert page.count('class="trend"') == 1  # one chain, one trend chart


def test_key_figures_agree_with_the_chain_view(seed_store: GraphStore) -> None:
    for chain in ("beef", "auto", "ha", "cons"):
        figures = dashboard.chain_figures(seed_store, chain)
        view = weaklinks.chain_view(seed_store, chain)
        firms = {f.id: f for s in view.segments for f in s.firms}
        assert figures["district"] == len([f for f in firms.values() if f.in_district and f.status == ACTIVE])
        assert figures["outside"] == len(
            [f for f in firms.values() if not f.in_district and f.status == ACTIVE]
        )
        found = weaklinks.breaks(seed_store, chain)
        assert figures["breaks"] + figures["chokes"] == len(found)
        assert [s["name"] for s in figures["segments"]] == [s.name for s in view.segments]
    auto = {s["name"]: s for s in dashboard.chain_figures(seed_store, "auto")["segments"]}
    # 汽车电子: one district firm in operation (the other is 停产), six outside
    assert (auto["汽车电子"]["district"], auto["汽车电子"]["outside"]) == (1, 6)
