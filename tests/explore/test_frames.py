"""Answers become frames without a database: headers, nesting, parts, and the raw answer kept."""

from __future__ import annotations

import copy

import pytest

from service.explore import ExploreError
from service.explore.frames import SECTION, frame
from service.explore.labels import label
from tests.explore.conftest import assert_frame_is_answer

ANSWER = {
    "chain_id": "auto",
    "risk_nodes": [
        {
            "enterprise_id": "e1",
            "enterprise_name": "甲公司",
            "score": 28.0,
            "parts": {"cut_off_in_district": 2, "divisor": 1.0},
            "cut_off": ["e2", "e3"],
            "lost_value": None,
            "substitutes": {"district": [], "outside": ["e9"]},
        },
        {
            "enterprise_id": "e2",
            "enterprise_name": "乙公司",
            "score": 1.5,
            "parts": {"cut_off_in_district": 0, "divisor": 2.0},
            "cut_off": [],
            "lost_value": 12.5,
            "substitutes": {"district": ["e4"], "outside": []},
            "brand_new_field": "x",  # a field a later API adds: a column under its own name
        },
    ],
    "totals": {"single_source_inputs": 3},
    "stopped": ["e1"],
}


def test_rows_of_a_part_with_nested_objects_as_columns_and_chinese_headers() -> None:
    df = frame(ANSWER, "risk_nodes")
    assert list(df.columns) == [
        "企业编号",
        "企业",
        "得分",
        "评分构成·断供区内企业数",
        "评分构成·除数",
        "断供企业",
        "损失金额（万元）",
        "替代企业·区内",
        "替代企业·区外",
        "brand_new_field",
    ]
    assert df["断供企业"].tolist() == [["e2", "e3"], []]  # a list stays one cell
    assert df.attrs["fields"]["评分构成·除数"] == "parts.divisor"
    assert df.attrs["raw"] == ANSWER
    assert_frame_is_answer(df)


def test_an_object_part_is_one_row_and_plain_values_are_a_column() -> None:
    assert frame(ANSWER, "totals").to_dict("records") == [{"单一来源投入": 3}]
    assert frame(ANSWER, "stopped").to_dict("records") == [{"值": "e1"}]
    whole = frame(ANSWER, None)
    assert len(whole) == 1 and "总数·单一来源投入" in whole.columns
    for part in ("totals", "stopped", None):
        assert_frame_is_answer(frame(ANSWER, part))


def test_parts_stack_under_a_first_column() -> None:
    df = frame(ANSWER, ("totals", "risk_nodes"))
    assert df.columns[0] == SECTION
    assert df[SECTION].tolist() == ["总数", "风险企业", "风险企业"]
    assert df.attrs["sources"] == [("totals", 0), ("risk_nodes", 0), ("risk_nodes", 1)]
    assert_frame_is_answer(df)


def test_an_object_with_its_own_label_names_its_columns() -> None:
    answer = {"targets": [{"parts": {"gap": {"label": "缺口重要性", "points": 9.0}}}]}
    assert list(frame(answer, "targets").columns) == ["评分构成·缺口重要性·名称", "评分构成·缺口重要性·得分"]


def test_a_label_field_takes_the_header_and_its_code_says_so() -> None:
    assert label("kind", frozenset({"kind", "kind_label"})) == "类型（代码）"
    assert label("kind_label", frozenset({"kind", "kind_label"})) == "类型"
    assert label("kind") == "类型"
    assert label("something_new") == "something_new"


def test_two_fields_with_one_header_stay_apart() -> None:
    df = frame({"rows": [{"name": "a", "label": "b"}]}, "rows")
    assert list(df.columns) == ["名称", "名称（label）"]
    assert_frame_is_answer(df)


def test_an_unknown_part_names_the_parts_there() -> None:
    with pytest.raises(ExploreError, match="risk_nodes") as caught:
        frame(ANSWER, "risk_node")
    assert caught.value.code == "unknown_part"


def test_an_empty_part_is_an_empty_frame() -> None:
    df = frame({"data": []}, "data")
    assert df.empty and df.attrs["raw"] == {"data": []}


def test_copies_of_a_frame_share_its_answer() -> None:
    df = frame(ANSWER, "risk_nodes")
    assert copy.deepcopy(df).attrs["raw"] is df.attrs["raw"]
    assert df.head(1).attrs["raw"] is df.attrs["raw"]
