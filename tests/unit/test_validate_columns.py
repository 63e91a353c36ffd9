"""The column-wise ledger check gives exactly what the row-by-row check gave (kept as
``tests.unit.validate_reference``): the same typed rows, problems and warnings, in the same order, over the
seed ledger and over many copies of it spoiled cell by cell (wrong numbers, unknown choices, 未知 where a
column takes it and where it does not, blank required cells, bad ids and references, links from a firm to
itself, duplicates, deletions, shares over 100%, partial sheets, workbook-typed cells), imported into an
empty graph and into one that already holds part of the ledger."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest

from seed import dataset_path
from service.ledger import validate as current
from service.ledger.format import OP_HEADER, OP_KEY, sheet_for
from service.ledger.read import RawLedger, RawRow, RawSheet, read_ledger
from tests.unit import validate_reference as reference

# Cells a clerk might type in any column; some are right somewhere, most are wrong somewhere.
_SPOILERS: tuple[Any, ...] = (
    "",
    "  ",
    "未知",
    "不详",
    "unknown",
    "UNKNOWN",
    "abc",
    "a b",
    " padded ",
    "'=1+1",
    "1.5",
    "-1",
    "0",
    "2",
    "7",
    "1e3",
    "50%",
    "150%",
    "1,000",
    "nan",
    "inf",
    "1_0",
    "12345678901234567890",
    "0.30000000000000004",
    "2026-02-30",
    "2026/1/5",
    "2026年1月5日",
    "2026-11-01",
    "是",
    "否",
    "yes",
    "N",
    "maybe",
    "大型",
    "小型",
    "在营",
    "停业",
    "中游",
    "x;y",
    "a；b，c",
    "bad id!",
    "x" * 130,
    "长" * 2001,
    "NUL\x00",
    "110000",
    "999999",
    "C36",
    "Z99",
    "8708",
    1,
    1.0,
    2.5,
    True,
    False,
    0,
    dt.date(2026, 1, 2),
    dt.datetime(2026, 1, 2, 3, 4),
    None,
)


@pytest.fixture(scope="module")
def seed_ledger() -> RawLedger:
    with dataset_path() as path:
        raw = read_ledger(path)
    # the seed has no 企业产品 sheet: weigh the first product of the firms that list one
    sheet = sheet_for("enterprise_products")
    assert sheet is not None
    ep = RawSheet(sheet, "enterprise_products.csv", {c.key for c in sheet.columns})
    headers = {c.key: c.header for c in sheet.columns}
    firms = next(s for s in raw.sheets if s.sheet.key == "enterprises")
    for r in firms.rows:
        products = str(r.cells.get("products") or "").split(";")
        if products[0]:
            cells = {"enterprise_id": r.cells["id"], "product_id": products[0], "revenue_share": "0.6"}
            cells |= {"main_line": "是", "provenance": "seed", "confirmed_on": "2026-11-01"}
            ep.rows.append(RawRow(ep.source, len(ep.rows) + 2, cells, headers))
    raw.sheets.append(ep)
    return raw


def _spoiled(base: RawLedger, rng: random.Random, rate: float) -> RawLedger:
    """A copy of ``base`` with about ``rate`` of its rows spoiled, some duplicated or deleted, and some
    sheets cut to a few of their columns."""
    raw = copy.deepcopy(base)
    every_value: dict[str, list[Any]] = {}
    for rs in raw.sheets:
        for r in rs.rows:
            for key, value in r.cells.items():
                every_value.setdefault(key, []).append(value)
    for rs in raw.sheets:
        columns = sorted(rs.present)
        if rng.random() < 0.15:  # a partial sheet: its key columns and a few others
            keys = current._key_columns(rs.sheet)
            rs.present = keys | set(rng.sample(columns, k=min(3, len(columns))))
        extra: list[RawRow] = []
        for r in rs.rows:
            if rng.random() >= rate:
                continue
            r.headers = {**r.headers, OP_KEY: OP_HEADER}
            for _ in range(rng.randint(1, 3)):
                key = rng.choice([*columns, OP_KEY])
                pick = rng.random()
                if key == OP_KEY:
                    r.cells[key] = rng.choice(["删除", "delete", "", "新增", "更新", "remove", " 删除 "])
                elif pick < 0.5:
                    r.cells[key] = rng.choice(_SPOILERS)
                elif pick < 0.8:  # a value from elsewhere: another row's id, a self link, a duplicate
                    r.cells[key] = rng.choice(every_value.get(key) or every_value["id"])
                else:
                    r.cells.pop(key, None)  # a short line
            if rng.random() < 0.2:
                extra.append(RawRow(r.source, r.row + 10_000, dict(r.cells), r.headers))
        rs.rows.extend(extra)
    return raw


def _graph_args(base: RawLedger, rng: random.Random, share: float) -> dict[str, Any]:
    """What a graph holding about ``share`` of ``base`` would hold, as GraphIds' arguments."""
    ids: dict[str, set[str]] = {}
    rels: dict[str, set[tuple[Any, ...]]] = {}
    shares: dict[tuple[str, str, str], float] = {}
    links: dict[str, dict[str, set[str]]] = {"MAKES": {}, "OPERATES_IN": {}}
    parents: dict[str, str] = {}
    weights: dict[tuple[str, str], tuple[float | None, bool | None]] = {}
    for rs in base.sheets:
        sheet = rs.sheet
        for r in rs.rows:
            if rng.random() >= share:
                continue
            c = r.cells
            if sheet.node is not None:
                ids.setdefault(sheet.node.label, set()).add(str(c["id"]))
                if sheet.key == "enterprises":
                    for name, rel in (("products", "MAKES"), ("segments", "OPERATES_IN")):
                        targets = {t for t in str(c.get(name) or "").split(";") if t}
                        links[rel][str(c["id"])] = targets
                if sheet.key == "products" and c.get("parent_id"):
                    parents[str(c["id"])] = str(c["parent_id"])
            else:
                assert sheet.rel is not None
                a, b = (str(c.get(col.key)) for col in sheet.columns[:2])
                key = (a, b, *(c.get(d) for d in sheet.rel.discriminator))
                rels.setdefault(sheet.rel.type, set()).add(key)
                if sheet.rel.type == "SUPPLIES":
                    shares[(a, b, str(c.get("product_id")))] = rng.choice([0.0, 0.3, 0.7, 1.0])
                if sheet.rel.type == "MAKES":
                    weights[(a, b)] = (rng.choice([None, 0.5, 0.9]), rng.choice([None, True]))
    if rng.random() < 0.5:  # a loop of 产品大类 in the graph
        products = sorted(ids.get("Product", ()))
        if len(products) > 2:
            parents[products[0]], parents[products[1]] = products[1], products[0]
    return {
        "ids": ids,
        "shares": shares,
        "rels": rels,
        "links": links,
        "parents": parents,
        "weights": weights,
    }


def _plain(checked: Any) -> tuple[Any, ...]:
    sheets = [
        (
            cs.sheet.key,
            cs.source,
            sorted(cs.present),
            [
                (r.raw.source, r.raw.row, r.delete, r.values, sorted(r.given), r.exists, sorted(r.blank))
                for r in cs.rows
            ],
        )
        for cs in checked.sheets
    ]
    return (checked.problems, checked.warnings, sheets)


def _cases(base: RawLedger) -> Iterator[tuple[str, RawLedger, dict[str, Any]]]:
    yield "seed into an empty graph", base, {}
    yield "seed into itself", base, _graph_args(base, random.Random(0), 1.0)
    for n in range(40):
        rng = random.Random(n)
        rate = (0.02, 0.1, 0.4)[n % 3]
        graph = _graph_args(base, rng, (0.0, 0.5, 0.9)[n % 3 if n % 2 else 1])
        yield f"spoiled #{n}", _spoiled(base, rng, rate), graph


def test_column_wise_check_matches_the_row_by_row_check(seed_ledger: RawLedger) -> None:
    problems = warnings = 0
    kinds: set[str] = set()
    for name, raw, graph in _cases(seed_ledger):
        before = reference.check(raw, reference.GraphIds(**graph))
        after = current.check(raw, current.GraphIds(**graph))
        assert _plain(after) == _plain(before), name
        problems += len(before.problems)
        warnings += len(before.warnings)
        kinds.update(p.message[:6] for p in before.problems)
    # the spoiled ledgers must really be wrong, in many ways, for the comparison to mean anything
    assert problems > 1000 and warnings > 20
    for kind in (
        "不是可选值之一",
        "应为整数",
        "应为数字",
        "新建的行必填",
        "与第",
        "编号已用于",
        "引用的编号",
        "采购企业",
    ):
        assert any(k.startswith(kind[:6]) for k in kinds), kind


def test_every_kind_of_cell_is_judged_as_before(seed_ledger: RawLedger) -> None:
    """Every spoiler in every column of every sheet, one cell at a time, on a row that is otherwise good."""
    for rs in seed_ledger.sheets:
        if not rs.rows:
            continue
        for key in sorted(rs.present):
            raw = RawLedger([RawSheet(rs.sheet, rs.source, set(rs.present))])
            for i, spoiler in enumerate(_SPOILERS):
                template = rs.rows[i % len(rs.rows)]
                raw.sheets[0].rows.append(
                    RawRow(rs.source, i + 2, {**template.cells, key: spoiler}, template.headers)
                )
            for graph in ({}, _graph_args(seed_ledger, random.Random(1), 1.0)):
                before = reference.check(raw, reference.GraphIds(**graph))
                after = current.check(raw, current.GraphIds(**graph))
                assert _plain(after) == _plain(before), (rs.sheet.key, key)
