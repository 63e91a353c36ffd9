"""Answers a person can read and act on (issue 17, points 6, 8, 10–13), on both engines: a gap weighs
what depends on it, answers name what they refer to, no English codes or long floats reach a reader,
the dossier lists each policy once, and the monthly report lists each break once and links by names."""

from __future__ import annotations

from service import recruitment
from service.storage.port import GraphStore


def test_a_gap_weighs_what_depends_on_it(mini_store: GraphStore) -> None:
    result = recruitment.targets(mini_store, "c1")
    gaps = {g["gap_id"]: g for g in result["gaps"]}
    central, peripheral = gaps["segment:s1"], gaps["segment:s4"]
    # 原材料 (s1) feeds 零部件 → 总成 → 整车: e2 buys its 钢材 and works below it, as does the anchor e3
    assert {f["id"] for f in central["held_firms"]} == {"e2", "e3"}
    assert [a["name"] for a in central["held_anchors"]] == ["绿园总成公司"]
    assert central["held_value"] == 2100.0  # e2 buys 500, e3 buys 1200 + 400 a year
    assert [s["name"] for s in central["held_segments"]] == ["零部件", "总成", "整车"]
    # 整车 (s4) is the chain's end: nothing in the district depends on it
    assert (peripheral["held_firm_count"], peripheral["held_value"], peripheral["dependence"]) == (0, None, 0)
    assert central["factor"] > peripheral["factor"]
    targets = {t["enterprise_id"]: t for t in result["targets"]}
    gap_parts = {k: targets[k]["parts"]["gap"] for k in ("e1", "e4")}  # e1 fills s1, e4 fills s4
    assert gap_parts["e1"]["factor"] == central["factor"] > gap_parts["e4"]["factor"]
    assert "依赖该缺口的区内在营企业2家" in gap_parts["e1"]["reason"]
    assert "绿园总成公司" in gap_parts["e1"]["reason"]
    assert gap_parts["e4"]["reason"].startswith("没有区内在营企业依赖该缺口")
    assert targets["e1"]["rank"] < targets["e4"]["rank"]
    page = recruitment.dossier_page(mini_store, "e4")
    assert "没有区内在营企业依赖该缺口" in page
