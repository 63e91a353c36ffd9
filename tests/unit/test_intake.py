"""Intake without a database: the credit-code check, the status table, capital and dates, the header alias
table (full-width, brackets, a header below a title), GBK, the address gazetteer on the address forms
exports carry, the industry class, name normalisation, the workbook writer, and the read limits."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from service.errors import TooLarge
from service.intake import normalise
from service.intake.graph import Firm
from service.intake.headers import ALIASES, field_of
from service.intake.industry import classify
from service.intake.match import Matcher, name_key
from service.intake.place import gazetteer
from service.intake.source import read_bytes, read_path
from service.intake.xlsxwrite import XlsxWriter
from service.ledger.limits import Limits
from service.ledger.read import read_upload
from tests.intake.export import HEADER, build, credit_code, write_csv, write_xlsx


def test_credit_code_check_character_finds_every_single_change() -> None:
    rng = random.Random(7)
    for _ in range(200):
        code = credit_code(rng, "220106")
        assert normalise.credit_code(code) == (code, None)
        assert normalise.credit_code(f" {code.lower()} ")[0] == code  # case and spaces do not matter
        at = rng.randrange(18)
        wrong = code[:at] + rng.choice([c for c in normalise.CODE_CHARS if c != code[at]]) + code[at + 1 :]
        value, why = normalise.credit_code(wrong)
        assert value is None and why, wrong


def test_credit_code_reasons() -> None:
    assert normalise.credit_code("91350100M000100Y43") == ("91350100M000100Y43", None)  # GB 32100 example
    assert normalise.credit_code("91350100M000100Y44")[1] == "校验位错误：应为3，实为4"
    assert normalise.credit_code("220106000012345")[1] == "是15位注册号，不是统一社会信用代码"
    assert normalise.credit_code("91350100M000100Y4")[1] == "应为18位，实为17位"
    assert normalise.credit_code("91350100MOOO100Y43")[1] == "含有不允许的字符：O"
    assert normalise.credit_code("") == (None, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("存续", "active"),
        ("在业", "active"),
        ("开业", "active"),
        ("存续（在营、开业、在册）", "active"),
        ("在营（开业）企业", "active"),
        ("注销", "closed"),
        ("吊销，未注销", "closed"),
        ("吊销", "closed"),
        ("撤销", "closed"),
        ("停业", "inactive"),
        ("歇业", "inactive"),
        ("清算", "inactive"),
        ("迁出", "active"),
        ("筹建", "planned"),
        ("破产重整", None),
        ("", None),
    ],
)
def test_status_table(text: str, code: str | None) -> None:
    assert normalise.status(text)[0] == code


def test_moved_out_needs_a_person() -> None:
    assert "核实" in normalise.status("迁出")[1]


@pytest.mark.parametrize(
    ("value", "unit", "shown", "note"),
    [
        ("1,000万元人民币", None, "1000万人民币", None),
        ("500万元", None, "500万人民币", None),
        ("50万美元", None, "50万美元", None),
        ("3000000元", None, "300万人民币", None),
        ("1.5亿元", None, "15000万人民币", None),
        ("５００万元", None, "500万人民币", None),
        (300, "万元", "300万人民币", None),
        (3000000, "元", "300万人民币", None),
        ("200", None, "200万人民币", "未注明单位，按万元读"),
    ],
)
def test_capital_with_units(value: object, unit: str | None, shown: str, note: str | None) -> None:
    got, why = normalise.capital(value, unit)
    assert str(got) == shown and why == note


@pytest.mark.parametrize(
    "value", ["2005-03-01", "2005/3/1", "2005年3月1日", "2005.03.01", "20050301", 38412, "２００５-０３-０１"]
)
def test_dates(value: object) -> None:
    assert str(normalise.date(value)[0]) == "2005-03-01"


def test_bad_date_is_said() -> None:
    assert normalise.date("去年")[1] == "无法识别的日期"


@pytest.mark.parametrize(
    ("header", "field", "unit"),
    [
        ("企业名称", "name", None),
        ("企业 名称", "name", None),
        ("ＥＮＴ", None, None),
        ("统一社会信用代码：", "credit_code", None),
        ("注册资本(万元)", "capital", "万元"),
        ("注册资本（万美元）", "capital", "万美元"),
        ("经营状态", "status", None),
        ("登记状态", "status", None),
        ("国民经济行业", "industry", None),
        ("通信地址", "address", None),
        ("经营范围", "scope", None),
        ("参保人数", "insured", None),
        ("企业(机构)名称", "name", None),
        ("企业（机构）名称", "name", None),
    ],
)
def test_header_aliases(header: str, field: str | None, unit: str | None) -> None:
    assert field_of(header) == (field, unit)


def test_every_alias_names_its_field() -> None:
    for field, names in ALIASES.items():
        for name in names:
            assert field_of(name)[0] == field, name


def test_gbk_csv_with_the_header_on_the_third_row(tmp_path: Path) -> None:
    rows, _ = build(5)
    table = read_path(write_csv(tmp_path / "名录.csv", rows, encoding="gbk", title_rows=2))
    assert table.header_row == 3
    assert [r.number for r in table.rows] == [4, 5, 6, 7, 8]
    assert table.rows[0].values["name"] == [rows[0][0]]
    assert table.unknown_columns == ["备注"]
    assert not table.problems


def test_xlsx_with_the_header_on_the_third_row(tmp_path: Path) -> None:
    rows, _ = build(5)
    table = read_path(write_xlsx(tmp_path / "名录.xlsx", rows, title_rows=2))
    assert table.header_row == 3 and len(table.rows) == 5
    assert table.rows[4].values["scope"] == [rows[4][8]]


def test_utf8_bom_and_two_address_columns_in_alias_order() -> None:
    text = "通信地址,企业名称,注册地址\n北京市海淀区中关村1号,甲公司,长春市绿园区西新镇1号\n"
    table = read_bytes("list.csv", text.encode("utf-8-sig"))
    assert table.rows[0].values["address"] == ["长春市绿园区西新镇1号", "北京市海淀区中关村1号"]


def test_no_header_is_an_error() -> None:
    table = read_bytes("list.csv", b"a,b\n1,2\n")
    assert table.header_row is None and "找不到表头" in table.problems[0].message


def test_rows_past_the_limit_are_refused_while_read() -> None:
    limits = Limits(rows=3, sheets=5, cell_chars=50, xlsx_bytes=10**8, xlsx_part_bytes=10**7, zip_ratio=100)
    text = "企业名称,经营范围\n" + "".join(f"公司{i},x\n" for i in range(4))
    with pytest.raises(TooLarge):
        read_bytes("list.csv", text.encode(), limits)
    long = "企业名称,经营范围\n甲公司," + "x" * 60 + "\n"
    table = read_bytes("list.csv", long.encode(), limits)
    assert "超过50个字符" in table.problems[0].message
    assert len(table.rows[0].values["scope"][0]) == 50


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("吉林省长春市绿园区西新镇开元大街1号", "220106101"),
        ("长春市绿园区西新镇开元大街1号", "220106101"),
        ("绿园区西新镇开元大街1号", "220106101"),
        ("吉林长春绿园西新镇", "220106101"),
        ("长春市绿园区青年路街道", "220106005"),
        ("长春市绿园经济开发区锦江路", "220106400"),
        ("长春绿园开发区锦江路1号", "220106400"),
        ("长春市绿园区皓月大路888号（西新镇）", "220106101"),
        ("中国吉林省长春市绿园区 青年路街道", "220106005"),
        ("吉林省　长春市　绿园区　普阳街道　１２号", "220106006"),
        ("吉林省长春市绿园区", "220106"),
        ("长春市绿园区", "220106"),
        ("绿园区皓月大路", "220106"),
        ("长春市汽开区东风大街", "220174"),
        ("长春汽车经济技术开发区东风大街", "220174"),
        ("吉林省长春市高新区", "220173"),
        ("公主岭市范家屯镇", "220184103"),
        ("朝阳区前进大街", "220104"),  # the home city's 朝阳区 before Beijing's
        ("北京市朝阳区建国路", "110105"),
        ("吉林市船营区", "220204"),  # 吉林市 the city, not 吉林 the province
        ("长春市朝阳路12号", "2201"),  # a road, not 朝阳区
        ("长春市正阳街道", "2201"),  # 绿园区 and 榆树市 both have one
        ("榆树市正阳街道", "220182002"),
        ("上海市浦东新区张江路1号", "310115"),
        ("某某路1号", None),
        ("", None),
    ],
)
def test_addresses(address: str, code: str | None) -> None:
    assert gazetteer().place(address).code == code


def test_district_follows_from_the_level() -> None:
    places = gazetteer()
    assert places.place("长春市绿园区西新镇").in_district is True
    assert places.place("长春市南关区").in_district is False
    assert places.place("长春市").in_district is None  # a city cannot tell
    assert places.place("北京市").in_district is False


def test_labelled_export_regions(tmp_path: Path) -> None:
    """Precision and recall of the region on the labelled export (≥ 300 rows, varied address forms)."""
    rows, labels = build(360)
    places = gazetteer()
    county = township = county_found = township_found = county_wrong = township_wrong = 0
    for row, label in zip(rows, labels, strict=True):
        code = places.place(row[HEADER.index("注册地址")]).code or ""
        if label.county:
            county += 1
            county_found += code[:6] == label.county
        county_wrong += len(code) >= 6 and code[:6] != label.county
        if label.township:
            township += 1
            township_found += code == label.township
        township_wrong += len(code) == 9 and code != label.township
    assert county >= 300 and township >= 150
    assert county_found / county >= 0.97 and township_found / township >= 0.95
    assert county_wrong == 0 and township_wrong == 0


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3670", "3670"),
        ("C3670", "3670"),
        (3670, "3670"),
        (311, "0311"),  # a number cell that lost its leading zero
        ("汽车零部件及配件制造", "3670"),
        ("制造业-汽车制造业-汽车零部件及配件制造", "3670"),
        ("汽车零部件及配件制造（3670）", "3670"),
        ("牲畜屠宰", "1351"),
        ("367", None),
        ("批发业", None),
        ("", None),
    ],
)
def test_industry(value: object, code: str | None) -> None:
    assert classify(value).code == code


def _firm(id_: str, name: str, code: str = "") -> Firm:
    return Firm(id_, name, code, {"id": id_, "name": name}, frozenset())


def test_name_normalisation_and_matching() -> None:
    assert name_key("吉林省长春皓月清真肉业股份有限公司") == name_key("长春皓月清真肉业有限公司")
    assert name_key("长春一汽富维（集团）有限责任公司") == name_key("一汽富维集团有限公司")
    assert name_key("长春甲有限公司") != name_key("长春乙有限公司")
    matcher = Matcher(
        [_firm("a", "长春甲有限公司"), _firm("b", "甲股份有限公司"), _firm("c", "乙有限公司", "X")]
    )
    assert matcher.match(None, "吉林省长春市甲有限公司").kind == "ambiguous"  # two firms with the key
    assert matcher.match(None, "乙有限公司").firm == _firm("c", "乙有限公司", "X")
    assert matcher.match("Y", "乙有限公司").kind == "ambiguous"  # same name, other code
    assert matcher.match("X", "别的名字").firm == _firm("c", "乙有限公司", "X")  # the code decides
    assert matcher.match(None, "丙有限公司").kind == "new"


def test_workbook_writer_is_read_by_openpyxl_and_the_ledger_reader() -> None:
    book = XlsxWriter()
    book.sheet("企业", ["编号", "名称", "数"], [["e1", '=HYPERLINK("x")', 3], ["e2", "  含空格\n换行 ", 1.5]])
    book.sheet("说明", ["项目"], [["a&b<c>"]])
    content = book.close()
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["企业", "说明"]
    assert list(wb["企业"].iter_rows(values_only=True)) == [
        ("编号", "名称", "数"),
        ("e1", '=HYPERLINK("x")', 3),
        ("e2", "  含空格\n换行 ", 1.5),
    ]
    assert wb["企业"]["B2"].data_type == "s"  # text, not a formula
    assert wb["说明"]["A2"].value == "a&b<c>"
    raw = read_upload("x.xlsx", content)
    assert raw.sheets[0].rows[0].cells["name"] == '=HYPERLINK("x")'
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None


def test_hostile_cells_cost_no_more_than_real_ones() -> None:
    """Long cells and wide rows are cut while read and placed: a list of 200 rows with 30,000-character
    addresses, scopes and industries and 5,000 columns (18 MB) is read and placed in seconds (3.5 s
    measured on the busy test machine; 10 s allowed)."""
    import time

    from service.intake.graph import Snapshot
    from service.intake.pipeline import run

    wide = ",".join(["企业名称", "注册地址", "经营范围", "所属行业"] + [f"列{i}" for i in range(5000)])
    row = ",".join(["甲公司", "某" * 30_000, "零" * 30_000, "制造-" * 6000] + ["x"] * 5000)
    text = wide + "\n" + "\n".join(row.replace("甲", f"甲{i}", 1) for i in range(200)) + "\n"
    start = time.perf_counter()
    table = read_bytes("list.csv", text.encode())
    result = run(table, Snapshot())
    assert time.perf_counter() - start < 10
    assert len(table.columns) == 256 and len(result.outcomes) == 200
    assert all(o.placement.code is None for o in result.outcomes)
