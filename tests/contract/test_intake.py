"""Intake against a real graph on every engine: matching the graph's firms (by credit code, by a
normalised name; ambiguous ones to a person), the written ledger going through the real import, a second
intake of the same list updating instead of duplicating, and nothing written before the import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from service import history
from service.intake import intake, read_bytes
from service.intake.pipeline import NEW, PERSON, SKIPPED, UNASSIGNED, UPDATE, IntakeResult
from service.intake.write import LEDGER_NAME, ledger_bytes
from service.ledger.load import read_state
from service.ledger.read import read_upload
from service.storage.port import GraphStore
from tests.intake.export import credit_code

HEADER = [
    "企业名称",
    "统一社会信用代码",
    "登记状态",
    "注册资本(万元)",
    "成立日期",
    "所属行业",
    "注册地址",
    "经营范围",
    "邮箱",
]
CODE_A = credit_code(random.Random(1), "220106")
CODE_E4 = credit_code(random.Random(2), "220102")
BAD = credit_code(random.Random(3), "220106")
BAD = BAD[:-1] + ("1" if BAD[-1] != "1" else "2")
ROWS = [
    # an existing firm by a normalised name (长春 dropped); its finer region in the graph is kept
    ["长春绿园部件公司", "", "存续", "100", "2010-01-01", "3670", "长春市绿园区春城大街1号", "零部件制造"],
    # an existing firm by name, gaining its credit code
    [
        "南关整车公司",
        CODE_E4,
        "在业",
        "5000",
        "2001/2/3",
        "C3612",
        "吉林省长春市南关区自强街道1号",
        "整车制造",
    ],
    # new, placed on s2 (industry and the words 零部件)
    [
        "吉林省甲零部件有限公司",
        CODE_A,
        "存续（在营、开业、在册）",
        "300",
        "2015年5月1日",
        "汽车零部件及配件制造",
        "吉林省长春市绿园区西新镇开元大街1号",
        "汽车零部件加工；零部件销售",
    ],
    # new, wrong credit code: flagged, not written
    ["乙零部件有限公司", BAD, "开业", "200", "20180101", "3670", "长春市南关区幸福乡1号", "零部件生产"],
    # new, address names nothing
    ["丙零部件有限公司", "", "存续", "50", "2019-01-01", "3670", "某某路1号", "零部件"],
    # new, of no chain: waits on 待分配
    ["丁软件有限公司", "", "存续", "50", "2019-01-01", "6513", "长春市绿园区青年路街道1号", "软件开发"],
    # new, cancelled: not written
    ["戊零部件有限公司", "", "注销", "50", "2019-01-01", "3670", "长春市绿园区西新镇2号", "零部件"],
]


def _gbk_list(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["某区企业名录"])
    writer.writerow(["导出日期：2026-11-20"])
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("gbk")


def _run(store: GraphStore, rows: list[list[str]] = ROWS) -> IntakeResult:
    return intake(store, read_bytes("名录.csv", _gbk_list(rows)), day=dt.date(2026, 11, 20))


def _where(result: IntakeResult) -> dict[str, str]:
    return {o.name: o.destination for o in result.outcomes}


def _import(store: GraphStore, result: IntakeResult) -> dict[str, object]:
    raw = read_upload(LEDGER_NAME, ledger_bytes(result))
    assert not raw.problems, [str(p) for p in raw.problems]
    report, _ = history.import_update(store, raw, author="测试", at=dt.date(2026, 11, 20))
    return report.as_dict()


def test_intake_then_import_then_intake_again_updates(mini_store: GraphStore) -> None:
    before = read_state(mini_store)
    first = _run(mini_store)
    assert read_state(mini_store) == before  # intake itself writes nothing
    assert first.table.header_row == 3 and first.table.unknown_columns == ["邮箱"]
    assert _where(first) == {
        "长春绿园部件公司": UPDATE,
        "南关整车公司": UPDATE,
        "吉林省甲零部件有限公司": NEW,
        "乙零部件有限公司": NEW,
        "丙零部件有限公司": PERSON,
        "丁软件有限公司": UNASSIGNED,
        "戊零部件有限公司": SKIPPED,
    }
    by_name = {o.name: o for o in first.outcomes}
    assert by_name["长春绿园部件公司"].match.firm is not None
    assert by_name["长春绿园部件公司"].match.firm.id == "e2"
    assert by_name["南关整车公司"].match.how == "名称"
    assert any("校验位错误" in n for n in by_name["乙零部件有限公司"].needs)
    assert by_name["丙零部件有限公司"].placement.code is None
    assert [s.target.id for s in by_name["吉林省甲零部件有限公司"].segments][:1] == ["s2"]

    report = _import(mini_store, first)
    assert report["created"] == {"Enterprise": 2}
    assert report["changed"] == {"Enterprise": 1}  # e4 gained its credit code and township; e2 as it was
    assert report["columns"]["Enterprise"] == {"confirmed_on": 1, "credit_code": 1, "region_code": 1}
    after = read_state(mini_store).nodes["Enterprise"]
    new_a = after[f"ent.{CODE_A.lower()}"]
    assert (new_a["region_code"], new_a["in_district"], new_a["status"]) == ("220106101", True, "active")
    assert new_a["credit_code"] == CODE_A and new_a["industry_code"] == "3670"
    bad = next(v for v in after.values() if v["name"] == "乙零部件有限公司")
    assert bad["credit_code"] is None and bad["in_district"] is False  # the wrong code is never written
    assert (after["e4"]["credit_code"], after["e4"]["region_code"]) == (CODE_E4, "220102002")
    assert after["e2"]["region_code"] == "220106400"  # the graph's township kept over the list's county

    second = _run(mini_store)
    assert _where(second) == {**_where(first), "吉林省甲零部件有限公司": UPDATE, "乙零部件有限公司": UPDATE}
    assert {o.match.how for o in second.outcomes if o.destination == UPDATE} == {"信用代码", "名称"}
    again = _import(mini_store, second)
    assert again["created"] == {} and again["changed"] == {}
    assert len(read_state(mini_store).nodes["Enterprise"]) == len(after)


def test_ambiguous_matches_go_to_a_person_and_are_not_written(mini_store: GraphStore) -> None:
    twin = (
        "编号,名称,所在地区代码,区内企业,链主企业,经营状态,来源,核实日期,所属环节\n"
        "e9,吉林绿园部件公司,220106,是,否,在营,illustrative,2026-11-01,s2\n"
    )
    history.import_update(mini_store, read_upload("enterprises.csv", twin.encode()), author="测试")
    rows = [ROWS[0], ["南关整车公司", CODE_E4, "在业", "", "", "", "长春市南关区", "整车"]]
    result = _run(mini_store, rows)
    outcome = result.outcomes[0]
    assert outcome.destination == PERSON and outcome.match.kind == "ambiguous"
    assert {f.id for f in outcome.match.candidates} == {"e2", "e9"}
    assert [r["id"] for r in result.ledger_rows] == ["e4"]


def test_a_name_match_with_another_credit_code_is_ambiguous(mini_store: GraphStore) -> None:
    first = _run(mini_store, [ROWS[1]])
    _import(mini_store, first)
    other = credit_code(random.Random(9), "220102")
    result = _run(mini_store, [["南关整车公司", other, "在业", "", "", "", "长春市南关区", "整车"]])
    assert result.outcomes[0].destination == PERSON
    assert "信用代码不同" in result.outcomes[0].needs[0]
    assert result.ledger_rows == []


def test_chain_scope_keeps_other_chains_firms_out(mini_store: GraphStore) -> None:
    result = intake(mini_store, read_bytes("名录.csv", _gbk_list(ROWS)), chain="c1")
    assert {r["id"] for r in result.ledger_rows} >= {"e2", "e4"}
    assert all(s.target.chain_id == "c1" for o in result.outcomes for s in o.segments)


def test_segment_keywords_tune_matching(mini_store: GraphStore) -> None:
    firm = ["某传动有限公司", "", "存续", "", "", "", "长春市绿园区西新镇3号", "变速箱壳体、差速器装配"]
    untuned = _run(mini_store, [firm]).outcomes[0]
    assert untuned.destination == UNASSIGNED and not untuned.segments  # no segment says 变速箱 or 差速器
    keywords = "编号,关键词\ns3,变速箱；差速器\n"
    report, _ = history.import_update(
        mini_store, read_upload("segments.csv", keywords.encode()), author="测试"
    )
    assert report.as_dict()["columns"]["Segment"] == {"keywords": 1}
    assert read_state(mini_store).nodes["Segment"]["s3"]["keywords"] == "变速箱；差速器"
    tuned = _run(mini_store, [firm]).outcomes[0]
    best = tuned.segments[0]
    assert (best.target.id, best.score, tuned.destination) == ("s3", 0.45, UNASSIGNED)
    assert best.reasons == ("经营范围含「变速箱」（关键词）", "经营范围含「差速器」（关键词）")
    placed = _run(mini_store, [[*firm[:5], "3670", *firm[6:]]]).outcomes[0]  # with its industry class
    assert placed.chosen[0] == ["s3"] and placed.destination == NEW
