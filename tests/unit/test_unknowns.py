"""Unknown values without a database: the model's flag, how a ledger cell reads, where a firm is from the
level its region code is known to, and the score factors for unknown scale, minor lines and siblings."""

from __future__ import annotations

import doctest

import pytest

from graph_schema import MODEL, GraphModel, NodeType, Property, PropertyType
from service.analysis import place
from service.analysis import recruitment as rec
from service.ledger.format import sheet_for
from service.ledger.validate import _parse


def test_the_model_says_which_facts_may_be_unknown() -> None:
    firm = MODEL.node("Enterprise")
    unknown = {p.name for p in firm.properties if p.unknown}
    assert unknown == {"scale", "is_specialised"}
    assert {p.name for p in MODEL.rel("MAKES").properties if p.unknown} == {"revenue_share", "main_line"}
    assert firm.prop("region_code").required and firm.prop("in_district").required
    key = Property("id", PropertyType.STRING, "编号")
    odd = Property("x", PropertyType.STRING, "某值", required=True, unknown=True)
    with pytest.raises(ValueError, match="cannot be unknown"):
        GraphModel((NodeType("Thing", "东西", "things", (key, odd)),), ())


@pytest.mark.parametrize(
    ("sheet", "column", "cell", "expected"),
    [
        ("enterprises", "scale", "未知", (None, None)),
        ("enterprises", "scale", "unknown", (None, None)),
        ("enterprises", "scale", "", (None, None)),
        ("enterprises", "scale", "中型", ("medium", None)),
        ("enterprises", "is_specialised", "不详", (None, None)),
        ("enterprises", "is_specialised", "否", (False, None)),
        ("enterprise_products", "main_line", "未知", (None, None)),
        ("enterprise_products", "revenue_share", "未知", (None, None)),
        ("enterprise_products", "revenue_share", "35%", (0.35, None)),
        ("enterprises", "description", "未知", ("未知", None)),  # free text stays text
    ],
)
def test_a_cell_reads_unknown_as_null_only_where_the_column_allows_it(
    sheet: str, column: str, cell: str, expected: tuple[object, object]
) -> None:
    found = sheet_for(sheet)
    assert found is not None
    col = found.column(column)
    assert col is not None
    assert _parse(col, cell) == expected


@pytest.mark.parametrize(
    ("column", "words"),
    [
        ("region_code", "最细一级地区代码"),
        ("in_district", "无法推断"),
        ("is_anchor", "确定的值"),
        ("status", "确定的值"),
    ],
)
def test_unknown_is_refused_with_a_reason_where_a_fact_must_be_known(column: str, words: str) -> None:
    sheet = sheet_for("enterprises")
    assert sheet is not None
    col = sheet.column(column)
    assert col is not None
    value, message = _parse(col, "未知")
    assert value is None and message is not None and words in message


def test_place_and_recruitment_examples_run() -> None:
    for module in (place, rec):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0


@pytest.mark.parametrize(
    ("code", "level", "where", "note"),
    [
        ("22", "province", "province", "仅知到省级（吉林省）"),
        ("2201", "city", "city", "仅知到市级"),
        ("220104", "county", "city", ""),
        ("220402", "county", "province", ""),
        ("35", "province", "country", "仅知到省级：省外"),
        ("", None, "unknown", "地区不明"),
    ],
)
def test_distance_is_read_from_the_level_the_code_is_known_to(
    code: str, level: str | None, where: str, note: str
) -> None:
    assert place.region_level(code) == level and place.distance_class(code) == where
    assert note in place.distance_note(code) and bool(note) == bool(place.distance_note(code))


def _candidate(**changes: object) -> rec.Candidate:
    base: dict[str, object] = {
        "id": "o1",
        "name": "外地企业",
        "region_code": "220402",
        "scale": "medium",
        "is_specialised": False,
        "products": frozenset({"p"}),
        "segments": frozenset({"s1"}),
    }
    return rec.Candidate(**(base | changes))  # type: ignore[arg-type]


SEGMENT_GAP = rec.Gap("segment:s1", ("break",), "s1", ("p",), (), "断点")
PRODUCT_GAP = rec.Gap("product:p", ("single_source",), None, ("p",), (), "单一来源")


@pytest.mark.parametrize(
    ("changes", "segment_fit", "product_fit"),
    [
        ({}, 1.0, 1.0),
        ({"segments": frozenset()}, 0.5, 1.0),
        ({"products": frozenset()}, 0.5, None),
        ({"minor": frozenset({"p"})}, 0.75, 0.5),
        ({"minor": frozenset({"p"}), "segments": frozenset()}, 0.25, 0.5),
        ({"products": frozenset(), "similar": frozenset({"p"})}, 0.7, 0.4),
        ({"products": frozenset(), "similar": frozenset({"p"}), "segments": frozenset()}, 0.2, 0.4),
    ],
)
def test_fit_is_half_product_half_segment_and_weaker_for_minor_lines_and_siblings(
    changes: dict[str, object], segment_fit: float, product_fit: float | None
) -> None:
    weights = rec.Weights()
    cand = _candidate(**changes)
    assert rec.parts(rec.score(cand, SEGMENT_GAP, {}, weights), weights)["fit"]["factor"] == segment_fit
    if product_fit is not None:
        assert rec.parts(rec.score(cand, PRODUCT_GAP, {}, weights), weights)["fit"]["factor"] == product_fit


def test_a_sibling_maker_serves_the_gap_products_demand() -> None:
    demand = {"p": rec.Demand({"b1": 300.0}, {"b1"})}
    sibling = _candidate(products=frozenset(), similar=frozenset({"p"}))
    buyers, anchors, value = rec.demand_for(sibling, PRODUCT_GAP, demand)
    assert (buyers, anchors, value) == ({"b1"}, {"b1"}, 300.0)
    per_gap, _ = rec.rank([PRODUCT_GAP], {"o1": sibling}, demand, rec.Weights())
    assert [cid for cid, _ in per_gap[PRODUCT_GAP.id]] == ["o1"]


def test_unknown_scale_has_its_stated_factor_and_unknown_specialised_scores_nothing() -> None:
    weights = rec.Weights()
    parts = rec.parts(
        rec.score(_candidate(scale=None, is_specialised=None), SEGMENT_GAP, {}, weights), weights
    )
    assert (parts["scale"]["value"], parts["scale"]["factor"]) == (None, rec.UNKNOWN_SCALE_FACTOR)
    assert (parts["specialised"]["value"], parts["specialised"]["factor"]) == (None, 0.0)
    small = rec.parts(rec.score(_candidate(scale="small"), SEGMENT_GAP, {}, weights), weights)
    assert small["scale"]["factor"] < rec.UNKNOWN_SCALE_FACTOR < 0.7
