"""Unknown values, product weights and the product hierarchy, on both engines (tests/fixtures/mini_unknowns
over the mini graph, documented in tests/fixtures/mini/README.md): what is stored, how the ledger writes
it back, and how every analysis, list, map and card treats an unknown."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service import catalog, lists, maps, recruitment, weaklinks
from service.api.app import create_app
from service.errors import InvalidInput
from service.ledger.export import export_csv
from service.ledger.load import import_ledger, read_state
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES, close_store, make_store


@pytest.fixture
def store(mini_store: GraphStore) -> GraphStore:
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_unknowns"))
    return mini_store


def _rows(store: GraphStore, query: str) -> dict[Any, dict[str, Any]]:
    return {(r["from_id"], r["to_id"]) if "from_id" in r else r["id"]: r for r in store.read(query)}


def test_unknowns_are_stored_as_null_and_known_facts_as_given(store: GraphStore) -> None:
    firms = _rows(store, "ingest/list_enterprise")
    assert (firms["e7"]["scale"], firms["e7"]["is_specialised"], firms["e7"]["region_code"]) == (
        None,
        None,
        "22",
    )
    assert (firms["e9"]["scale"], firms["e9"]["is_specialised"], firms["e9"]["in_district"]) == (
        None,
        None,
        True,
    )
    assert (firms["e8"]["scale"], firms["e8"]["is_specialised"]) == ("medium", False)
    assert (firms["e2"]["scale"], firms["e2"]["is_specialised"]) == ("small", True)  # mini's, untouched
    makes = _rows(store, "ingest/list_makes_enterprise_product")
    assert (makes[("e1", "p1")]["revenue_share"], makes[("e1", "p1")]["main_line"]) == (0.8, True)
    assert (makes[("e8", "p1")]["revenue_share"], makes[("e8", "p1")]["main_line"]) == (0.05, False)
    assert (makes[("e7", "p1b")]["revenue_share"], makes[("e7", "p1b")]["main_line"]) == (0.6, None)
    assert (makes[("e5", "p2")]["revenue_share"], makes[("e5", "p2")]["main_line"]) == (None, None)
    assert set(_rows(store, "ingest/list_subtype_of_product_product")) == {("p1", "p0"), ("p1b", "p0")}
    products = _rows(store, "ingest/list_product")
    assert products["p1"]["parent_id"] == "p0" and products["p1"]["hs_code"] == "7208"  # column kept


def test_export_writes_unknown_as_weizhi_and_round_trips(
    store: GraphStore, engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    export_csv(store, read_state(store), first)
    firms = {r["编号"]: r for r in csv.DictReader((first / "enterprises.csv").open(encoding="utf-8"))}
    assert (firms["e7"]["企业规模"], firms["e7"]["专精特新"], firms["e9"]["企业规模"]) == (
        "未知",
        "未知",
        "未知",
    )
    assert firms["e8"]["专精特新"] == "否"
    made = list(csv.DictReader((first / "enterprise_products.csv").open(encoding="utf-8")))
    weights = {(r["企业编号"], r["产品编号"]): (r["营收占比"], r["是否主营"]) for r in made}
    assert weights[("e1", "p1")] == ("0.8", "是") and weights[("e7", "p1b")] == ("0.6", "未知")
    assert ("e5", "p2") not in weights  # a product without recorded weights has no row: 主要产品 lists it
    fresh = make_store(engine, request, tmp_path / "fresh")
    try:
        import_ledger(fresh, read_ledger(first))
        second = tmp_path / "second"
        export_csv(fresh, read_state(fresh), second)
        assert read_state(fresh).rels == read_state(store).rels
    finally:
        close_store(fresh)
    for path in sorted(first.glob("*.csv")):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_a_product_listed_again_keeps_its_weight_and_a_weight_row_updates_it(store: GraphStore) -> None:
    import_ledger(store, read_ledger(FIXTURES / "mini"))  # e1's 主要产品 listed anew, without weights
    makes = _rows(store, "ingest/list_makes_enterprise_product")
    assert (makes[("e1", "p1")]["revenue_share"], makes[("e1", "p1")]["main_line"]) == (0.8, True)
    assert len([k for k in makes if k == ("e1", "p1")]) == 1


def _ledger(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "ledger"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _problems(store: GraphStore, folder: Path) -> set[tuple[str, int | None, str | None, str]]:
    before = {n: store.read(n) for n in sorted(store.queries.names()) if n.startswith("ingest/list_")}
    with pytest.raises(InvalidInput) as caught:
        import_ledger(store, read_ledger(folder))
    after = {n: store.read(n) for n in sorted(store.queries.names()) if n.startswith("ingest/list_")}
    assert after == before  # nothing half-written
    return {(str(p["source"]), p["row"], p["column"], str(p["message"])) for p in caught.value.problems}  # type: ignore[misc]


FIRM_HEADER = "编号,名称,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,来源,核实日期\n"


def test_unknown_is_refused_where_a_fact_must_be_known(store: GraphStore, tmp_path: Path) -> None:
    folder = _ledger(
        tmp_path,
        {
            "enterprises.csv": FIRM_HEADER
            + "x1,甲,未知,否,未知,否,未知,在营,illustrative,2026-11-20\n"
            + "x2,乙,2201,未知,小型,否,否,在营,illustrative,2026-11-20\n"
            + "x3,丙,2201,否,unknown,否,不详,在营,illustrative,2026-11-20\n",
        },
    )
    found = _problems(store, folder)
    assert {(row, column) for _, row, column, _ in found} == {(2, "所在地区代码"), (3, "区内企业")}
    messages = {column: message for _, _, column, message in found}
    assert "最细一级地区代码" in messages["所在地区代码"] and "无法推断" in messages["区内企业"]


def test_product_hierarchy_cycles_and_inconsistent_weights_are_refused(
    store: GraphStore, tmp_path: Path
) -> None:
    folder = _ledger(
        tmp_path,
        {
            "products.csv": "编号,名称,产品大类,来源,核实日期\n"
            "p0,金属材料,p1b,illustrative,2026-11-20\n"  # p1b -> p0 is in the graph: a cycle
            "p9,自指产品,p9,illustrative,2026-11-20\n",
            "enterprises.csv": FIRM_HEADER.replace("\n", ",主要产品\n")
            + "e8,长春钢材贸易公司,2201,否,中型,否,否,在营,illustrative,2026-11-20,p1;p1b\n",
            "enterprise_products.csv": "企业编号,产品编号,营收占比,是否主营,来源,核实日期\n"
            "e8,p4,0.2,否,illustrative,2026-11-20\n"  # not among e8's 主要产品 in this ledger
            "e7,p1b,1.5,是,illustrative,2026-11-20\n"  # out of range
            "e1,p2,0.1,否,illustrative,2026-11-20\n"  # e1 does not make p2
            "e8,p1b,0.98,是,illustrative,2026-11-20\n",  # e8: 0.05 + 0.98 > 1
        },
    )
    found = _problems(store, folder)
    places = {(source, row, column): message for source, row, column, message in found}
    assert set(places) == {
        ("products.csv", 2, "产品大类"),
        ("products.csv", 3, "产品大类"),
        ("enterprise_products.csv", 2, "产品编号"),
        ("enterprise_products.csv", 3, "营收占比"),
        ("enterprise_products.csv", 4, "产品编号"),
        ("enterprise_products.csv", 5, "营收占比"),
    }
    assert places[("products.csv", 2, "产品大类")] == "产品大类形成循环：p0 → p1b → p0"
    assert places[("products.csv", 3, "产品大类")] == "产品大类形成循环：p9 → p9"
    assert "主要产品」中没有此产品" in places[("enterprise_products.csv", 2, "产品编号")]
    assert "不生产此产品" in places[("enterprise_products.csv", 4, "产品编号")]
    assert "合计超过1" in places[("enterprise_products.csv", 5, "营收占比")]


WEIGHTS_HEADER = "企业编号,产品编号,营收占比,是否主营,来源,核实日期,操作\n"
E1_ROW = "e1,北京钢材公司,110105,否,大型,否,否,在营,illustrative,2026-11-20,{}\n"


def test_a_weighed_product_leaves_the_list_only_with_its_weights(store: GraphStore, tmp_path: Path) -> None:
    firm_sheet = FIRM_HEADER.replace("\n", ",主要产品\n")
    refused = _ledger(tmp_path / "a", {"enterprises.csv": firm_sheet + E1_ROW.format("")})
    found = _problems(store, refused)
    assert {(row, column) for _, row, column, _ in found} == {(2, "主要产品")}
    assert "同时删除该行" in next(iter(found))[3]
    # 删除 on a weights row clears the weights and keeps the product
    clear = _ledger(tmp_path / "b", {"enterprise_products.csv": WEIGHTS_HEADER + "e1,p1,,,,,删除\n"})
    import_ledger(store, read_ledger(clear))
    makes = _rows(store, "ingest/list_makes_enterprise_product")
    assert (makes[("e1", "p1")]["revenue_share"], makes[("e1", "p1")]["main_line"]) == (None, None)
    assert makes[("e1", "p1")]["provenance"] == "illustrative"
    # both together: the product goes, and so do its weights
    both = _ledger(
        tmp_path / "c",
        {
            "enterprises.csv": firm_sheet
            + "e8,长春钢材贸易公司,2201,否,中型,否,否,在营,illustrative,2026-11-20,\n",
            "enterprise_products.csv": WEIGHTS_HEADER + "e8,p1,,,,,删除\n",
        },
    )
    import_ledger(store, read_ledger(both))
    assert not [k for k in _rows(store, "ingest/list_makes_enterprise_product") if k[0] == "e8"]


def test_the_history_replays_weights_lists_and_unknowns(store: GraphStore, tmp_path: Path) -> None:
    import datetime as dt

    from service import history

    firm_sheet = FIRM_HEADER.replace("\n", ",主要产品\n")
    steps = [
        _ledger(
            tmp_path / "1",
            {"enterprise_products.csv": WEIGHTS_HEADER + "e5,p2,30%,,illustrative,2026-11-20,\n"},
        ),
        _ledger(
            tmp_path / "2", {"enterprises.csv": firm_sheet + E1_ROW.format("p1;p2")}
        ),  # adds p2, keeps p1's
        _ledger(tmp_path / "3", {"enterprise_products.csv": WEIGHTS_HEADER + "e7,p1b,,,,,删除\n"}),
        _ledger(
            tmp_path / "4",
            {
                "enterprises.csv": firm_sheet + E1_ROW.format("p2"),
                "enterprise_products.csv": WEIGHTS_HEADER + "e1,p1,,,,,删除\n",
            },
        ),
    ]
    for day, folder in enumerate(steps, start=1):
        at = dt.date.today() - dt.timedelta(days=10 - day)  # undo below is dated today
        history.import_update(store, read_ledger(folder), author="测试", at=at)
        assert history.replay(store) == history.current_state(store), day
    last = history.updates(store)[-1]
    history.undo(store, last.id, author="测试")
    assert history.replay(store) == history.current_state(store)
    makes = _rows(store, "ingest/list_makes_enterprise_product")
    assert (makes[("e1", "p1")]["revenue_share"], makes[("e1", "p1")]["main_line"]) == (0.8, True)
    assert makes[("e1", "p2")]["revenue_share"] is None and makes[("e5", "p2")]["revenue_share"] == 0.3
    assert (makes[("e7", "p1b")]["revenue_share"], makes[("e7", "p1b")]["main_line"]) == (None, None)


def _gap(result: dict[str, Any], gap_id: str) -> dict[str, Any]:
    return next(g for g in result["gaps"] if g["gap_id"] == gap_id)


def test_recruitment_weighs_minor_lines_and_siblings_and_says_how_it_read_unknowns(store: GraphStore) -> None:
    result = recruitment.targets(store, "c1", limit=50)
    assert [c["enterprise_id"] for c in _gap(result, "product:p1")["candidates"]] == ["e1", "e8", "e7"]
    dossier = {f: recruitment.dossier(store, f, "c1") for f in ("e1", "e7", "e8")}
    fit = {f: next(g for g in d["gaps"] if g["gap_id"] == "product:p1")["parts"] for f, d in dossier.items()}
    assert {f: p["fit"]["factor"] for f, p in fit.items()} == {"e1": 1.0, "e8": 0.5, "e7": 0.4}
    assert fit["e1"]["fit"]["reason"] == "生产「钢材」（主营，营收占比80%）"
    assert fit["e8"]["fit"]["reason"] == "「钢材」仅为次要产品（非主营，营收占比5%）：产品匹配按0.5计"
    assert (
        fit["e7"]["fit"]["reason"]
        == "不生产「钢材」，生产同类产品「铝材」（同属「金属材料」）：产品匹配按0.4计"
    )
    e7 = fit["e7"]
    assert (e7["scale"]["value"], e7["scale"]["factor"]) == (None, 0.5) and "规模未知" in e7["scale"][
        "reason"
    ]
    assert (e7["specialised"]["value"], e7["specialised"]["points"]) == (None, 0.0)
    assert "未知" in e7["specialised"]["reason"]
    assert (e7["distance"]["value"], e7["distance"]["factor"]) == ("province", 0.7)
    assert "仅知到省级" in e7["distance"]["reason"] and "是否在长春市内不明" in e7["distance"]["reason"]
    e8 = fit["e8"]
    assert (e8["distance"]["value"], e8["distance"]["factor"]) == ("city", 1.0)
    assert "仅知到市级" in e8["distance"]["reason"]
    for parts in fit.values():
        assert sum(p["points"] for p in parts.values()) == pytest.approx(
            sum(p["weight"] * p["factor"] for p in parts.values()), abs=1e-3
        )
    # a segment gap: half product, half segment; e8 operates in s1 but makes p1 only as a minor line
    s1 = next(g for g in dossier["e8"]["gaps"] if g["gap_id"] == "segment:s1")["parts"]["fit"]
    assert (s1["value"], s1["factor"]) == ("次要产品与环节均匹配", 0.75)
    assert [p for p in dossier["e7"]["products"] if p["similar"]] == [
        {"id": "p1", "name": "钢材", "similar": True}
    ]


def test_without_the_hierarchy_no_sibling_is_offered(mini_store: GraphStore) -> None:
    result = recruitment.targets(mini_store, "c1", limit=50)
    assert [c["enterprise_id"] for c in _gap(result, "product:p1")["candidates"]] == ["e1"]


def test_sme_candidates_list_unknown_scale_apart(store: GraphStore) -> None:
    sme = weaklinks.sme_candidates(store, "c1")
    assert [c["enterprise_id"] for c in sme["unknown_scale"]] == ["e9"]
    assert sme["unknown_scale"][0]["is_specialised"] is None
    assert sme["unknown_scale"][0]["reasons"] == ["掌握产业链技术路线上的「一体化压铸」"]
    assert "e9" not in {c["enterprise_id"] for c in sme["candidates"]}
    assert "e9" not in {f["enterprise_id"] for f in sme["specialised"]}


def test_lists_and_cards_show_weizhi(store: GraphStore) -> None:
    key = {r["id"]: r for r in lists.key_enterprises(store, "c1").rows}
    assert key["e3"]["basis"] == "链主企业"
    assert (key["e9"]["scale"], key["e9"]["is_specialised"]) == ("未知", "未知")
    assert key["e9"]["basis"] == "规模未知，待核实是否为大中型企业"
    assert key["e9"]["region_name"] == "绿园区（乡镇街道未知）"
    card = catalog.get_enterprise(store, "e7")
    assert (card["scale"], card["is_specialised"], card["region_level"]) == (None, None, "province")
    assert [(p["id"], p["parent_name"], p["revenue_share"], p["main_line"]) for p in card["products"]] == [
        ("p1b", "金属材料", 0.6, None)
    ]
    firms = maps.chain_map_data(store, "c1")["firms"]
    assert firms["e8"]["products"] == [["钢材", "金属材料", "否", "5%"]]
    assert firms["e8"]["region"] == "长春市（区县未知）"
    assert (firms["e9"]["scale"], firms["e9"]["specialised_label"], firms["e9"]["specialised"]) == (
        "未知",
        "未知",
        False,
    )
    assert firms["e5"]["products"] == [["零部件", "—", "未知", "未知"]]


def _map_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _boxes(html: str) -> dict[str, tuple[float, str]]:
    """Node id → (left edge, text) of each box the map draws."""
    found = re.findall(
        r'data-node="([^"]+)"[^>]*><title>[^<]*</title>\s*<rect x="([-0-9.]+)".*?</g>', html, re.S
    )
    out = {}
    for node, x in found:
        body = html.split(f'data-node="{node}"', 1)[1].split("</g>", 1)[0]
        out[node] = (float(x), "".join(re.findall(r"<text[^>]*>([^<]*)</text>", body)))
    return out


def test_application_map_keeps_the_product_class_and_lists_each_product_once(store: GraphStore) -> None:
    html = maps.application_map(store, "c1")
    cards = _map_data(html)["cards"]
    assert dict(cards["p:p1b"]["rows"])["产品大类"] == "金属材料"
    products = [n for n in _boxes(html) if n.startswith("p:")]
    assert len(products) == len(set(products)) and {"p:p1", "p:p1b"} <= set(products)


def test_region_map_keeps_a_district_firm_of_unknown_township_inside(store: GraphStore) -> None:
    boxes = _boxes(maps.region_map(store, "c1"))
    x, text = boxes["r:district"]
    assert text == "绿园区（乡镇街道未知） 1家" and x < 390  # in the district's panel
    x, text = boxes["r:2201"]  # a firm known only to its city: Changchun, on the Changchun-and-Jilin panel
    assert text == "长春市（区县未知） 1家" and x < 390
    x, text = boxes["r:11"]
    assert text.startswith("北京市") and x >= 405  # outside Jilin: on the China panel


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=store)) as c:
        yield c


def test_api_carries_unknowns_as_null_and_the_dossier_page_says_weizhi(client: TestClient) -> None:
    card = client.get("/enterprises/e7").json()
    assert (card["scale"], card["is_specialised"], card["region_level"]) == (None, None, "province")
    assert card["products"][0]["parent_name"] == "金属材料" and card["products"][0]["main_line"] is None
    body = client.get("/chains/c1/recruitment").json()
    e7 = next(t for t in body["targets"] if t["enterprise_id"] == "e7")
    assert e7["is_specialised"] is None and e7["parts"]["scale"]["reason"].startswith("规模未知")
    sme = client.get("/chains/c1/sme-candidates").json()
    assert [c["enterprise_id"] for c in sme["unknown_scale"]] == ["e9"]
    page = client.get("/recruitment/e7", params={"chain_id": "c1", "format": "html"}).text
    text = re.sub(r"<[^>]+>", " ", page)
    assert re.search(r"企业规模\s+未知", text) and re.search(r"专精特新\s+未知", text)
    assert "铝材（大类：金属材料；是否主营未知；营收占比60%）" in text
    assert "钢材（现生产同类产品，按转产计）" in text


def test_the_template_offers_weizhi_where_a_fact_may_be_unknown(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from service.ledger.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    ws = book["企业产品"]
    assert [c.value for c in ws[1]] == [
        "企业编号",
        "产品编号",
        "营收占比",
        "是否主营",
        "来源",
        "核实日期",
        "操作",
    ]
    lists_ = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"是,否,未知"' in lists_
    firms = book["企业"]
    notes = {c.value: c.comment.text for c in firms[1] if c.comment}
    assert "未知" in notes["企业规模"] and "未知" in notes["专精特新"] and "未知" not in notes["链主企业"]
    assert "省2位" in notes["所在地区代码"]


def test_a_copy_of_the_mini_ledger_without_the_weights_sheet_imports_as_before(
    empty_store: GraphStore, tmp_path: Path
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", folder)
    import_ledger(empty_store, read_ledger(folder))
    makes = _rows(empty_store, "ingest/list_makes_enterprise_product")
    assert len(makes) == 5 and all(
        r["revenue_share"] is None and r["main_line"] is None for r in makes.values()
    )
