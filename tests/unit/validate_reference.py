"""The ledger check as it stood before it went column-wise (commit 3b91990), unchanged but for this
docstring: the reference tests/unit/test_validate_columns.py holds the current check to. Do not edit."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from graph_schema import PropertyType
from seed.reference import vocabulary
from service.ledger.format import OP_DELETE, OP_KEY, OP_UPSERT, Column, Sheet
from service.ledger.read import Problem, RawLedger, RawRow

_LIST_SPLIT = re.compile(r"[;；,，、\s]+")
_TRUE = {"是", "true", "yes", "y", "1", "√", "✓"}
_FALSE = {"否", "false", "no", "n", "0", ""}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
_MAX_TEXT = 2000
SHARE_TOLERANCE = 1e-6
# Words that say a fact is not known; in a column that accepts unknowns they mean the same as a blank cell.
UNKNOWN_WORDS = ("未知", "不详", "unknown")
# Why a column refuses 未知, where a plain "须填写确定的值" would leave the user guessing what to write.
_NOT_UNKNOWN = {
    "region_code": "地区不能为未知：填写已知的最细一级地区代码（省2位、市4位、县6位或乡镇9位）",
    "in_district": "区内企业须填写「是」或「否」（地区代码只到市或省时无法推断，须明确填写）",
}


@dataclass
class Row:
    """A validated row: typed values by column key, list columns as tuples of ids. ``given`` names the
    columns the row sets (the others keep their values); ``exists`` is true when its key is already in
    the graph (an update rather than a creation)."""

    raw: RawRow
    delete: bool
    values: dict[str, Any]
    given: AbstractSet[str] = frozenset()
    exists: bool = False
    blank: set[str] = field(default_factory=set)  # required columns whose cell is blank
    _key: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)

    def key(self, sheet: Sheet) -> tuple[Any, ...]:
        if self._key is None:  # key columns never change once checked: worked out once
            if sheet.node is not None:
                self._key = (self.values["id"],)
            else:
                assert sheet.rel is not None
                v = self.values
                a, b = sheet.columns[0].key, sheet.columns[1].key
                self._key = (v[a], v[b], *(v.get(d) for d in sheet.rel.discriminator))
        return self._key


@dataclass
class CheckedSheet:
    sheet: Sheet
    source: str
    present: set[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class CheckedLedger:
    sheets: list[CheckedSheet]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)


class GraphIds:
    """What the target graph already holds, as far as validation needs it: node ids by label, the keys
    of sheet relationships by type, supply shares, and the targets of some owned links by type and owner
    (``MAKES``, ``OPERATES_IN``) for the warnings."""

    def __init__(
        self,
        ids: Mapping[str, set[str]] | None = None,
        shares: Mapping[tuple[str, str, str], float] | None = None,
        rels: Mapping[str, AbstractSet[tuple[Any, ...]]] | None = None,
        links: Mapping[str, Mapping[str, AbstractSet[str]]] | None = None,
        parents: Mapping[str, str] | None = None,
        weights: Mapping[tuple[str, str], tuple[float | None, bool | None]] | None = None,
    ) -> None:
        self.ids = {k: set(v) for k, v in (ids or {}).items()}
        # (supplier, buyer, product) -> share already in the graph
        self.shares = dict(shares or {})
        self.rels = dict(rels or {})  # the sets are the caller's, read only
        self.links = dict(links or {})
        # product -> its parent product (产品大类) already in the graph
        self.parents = dict(parents or {})
        # (enterprise, product) -> (营收占比, 是否主营) for every product a firm makes, None where unknown
        self.weights = dict(weights or {})

    def has(self, label: str, node_id: str) -> bool:
        return node_id in self.ids.get(label, set())

    def has_row(self, sheet: Sheet, key: tuple[Any, ...]) -> bool:
        """Whether the graph holds the node or link a ledger row names."""
        if sheet.node is not None:
            return self.has(sheet.node.label, key[0])
        assert sheet.rel is not None
        return key in self.rels.get(sheet.rel.type, ())

    def targets(self, rel_type: str, owner: str) -> AbstractSet[str]:
        return self.links.get(rel_type, {}).get(owner, frozenset())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse(column: Column, value: Any) -> tuple[Any, str | None]:
    """Convert one cell to its column's type; return (value, problem message or None)."""
    text = _text(value)
    if column.is_list:
        return tuple(t for t in _LIST_SPLIT.split(text) if t), None
    if text == "":
        return None, None
    if text.lower() in UNKNOWN_WORDS:
        if column.unknown:
            return None, None
        if column.choices or column.reference or column.type is not PropertyType.STRING:
            return None, _NOT_UNKNOWN.get(column.key, "此列不能填「未知」，须填写确定的值")
    kind = column.type
    if kind is PropertyType.STRING:
        if len(text) > _MAX_TEXT:
            return None, f"内容过长（超过{_MAX_TEXT}字）"
        if "\x00" in text:
            return None, "含有NUL字符"
        if column.choices:
            for choice in column.choices:
                if text in (choice.code, choice.label):
                    return choice.code, None
            allowed = "、".join(c.label for c in column.choices)
            return None, f"不是可选值之一（{allowed}）"
        return text, None
    if kind is PropertyType.BOOL:
        low = text.lower()
        if low in _TRUE:
            return True, None
        if low in _FALSE:
            return False, None
        return None, "应为「是」或「否」"
    if kind is PropertyType.INT:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return None, "应为整数"
        if not number.is_integer():
            return None, "应为整数"
        return int(number), None
    if kind is PropertyType.FLOAT:
        try:
            if text.endswith("%"):
                number = float(text[:-1].replace(",", "")) / 100
            else:
                number = float(text.replace(",", ""))
        except ValueError:
            return None, "应为数字"
        if not math.isfinite(number):
            return None, "应为有限的数字"
        return number, None
    if kind is PropertyType.DATE:
        if isinstance(value, dt.datetime | dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            return day.isoformat(), None
        match = _DATE.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups())).isoformat(), None
            except ValueError:
                pass
        return None, "应为日期（YYYY-MM-DD）"
    raise AssertionError(kind)


def _ids_in(column: Column, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple) else (value,)


def check(raw: RawLedger, graph: GraphIds) -> CheckedLedger:
    """Validate every row; the result holds typed rows, every problem found and the warnings."""
    problems = list(raw.problems)
    checked: list[CheckedSheet] = []
    invalid: dict[str, dict[str, RawRow]] = defaultdict(dict)  # label -> id -> its row that failed
    for raw_sheet in raw.sheets:
        sheet = raw_sheet.sheet
        out = CheckedSheet(sheet, raw_sheet.source, raw_sheet.present)
        keys = _key_columns(sheet)
        missing_keys = [c for c in sheet.columns if c.key in keys and c.key not in raw_sheet.present]
        for c in missing_keys:  # without its key a row names nothing: the sheet cannot be read
            problems.append(Problem(raw_sheet.source, 1, c.header, None, "缺少必填列"))
        if missing_keys:
            checked.append(out)
            continue
        for raw_row in raw_sheet.rows:
            row = _check_row(sheet, raw_row, raw_sheet.present, problems)
            if row is not None:
                out.rows.append(row)
            elif sheet.node is not None and _text(raw_row.cells.get("id")):
                invalid[sheet.node.label].setdefault(_text(raw_row.cells.get("id")), raw_row)
        for row in _check_required(out, graph, problems):
            if sheet.node is not None:
                invalid[sheet.node.label].setdefault(row.values["id"], row.raw)
        checked.append(out)
    _check_duplicates(checked, problems)
    _check_references(checked, graph, invalid, problems)
    _check_shares(checked, graph, problems)
    _check_product_parents(checked, graph, problems)
    _check_revenue_shares(checked, graph, problems)
    _check_made_products(checked, graph, problems)
    problems.sort(key=lambda p: (p.source, p.row or 0))
    warnings = _warnings(checked, graph)
    return CheckedLedger(checked, problems, warnings)


def _rows_text(rows: list[Row]) -> str:
    shown = "、".join(str(r.raw.row) for r in rows[:10])
    return f"第{shown}行" + (f"等{len(rows)}行" if len(rows) > 10 else "")


def _check_required(cs: CheckedSheet, graph: GraphIds, problems: list[Problem]) -> list[Row]:
    """Tell updates from creations and hold creations to every required column. An update sets only the
    columns it gives (a blank required cell keeps its value). Returns the rows refused here (and drops
    them from ``cs``): a new row lacking a required value."""
    sheet = cs.sheet
    keys = _key_columns(sheet)
    required = [c for c in sheet.columns if c.required and c.key not in keys]
    absent: dict[str, list[Row]] = defaultdict(list)  # required column the sheet lacks -> new rows
    refused: list[Row] = []
    present = frozenset(cs.present)  # shared by the rows that set every column they have
    for row in cs.rows:
        row.exists = graph.has_row(sheet, row.key(sheet))
        row.given = present
        if row.delete:
            continue
        if row.exists:
            if row.blank:
                row.given = present - row.blank
            for key in row.blank:
                row.values.pop(key, None)
            continue
        ok = True
        for column in required:
            if column.key not in cs.present:
                absent[column.key].append(row)
                ok = False
            elif column.key in row.blank:
                header = row.raw.headers.get(column.key, column.header)
                problems.append(Problem(row.raw.source, row.raw.row, header, None, "新建的行必填项为空"))
                ok = False
        if not ok:
            refused.append(row)
    for column in required:
        rows = absent.get(column.key)
        if rows:
            message = (
                f"缺少必填列：{_rows_text(rows)}是新建的（编号在图谱中还没有），必须填写此列；"
                "只修改已有的行时可以不带此列"
            )
            problems.append(Problem(cs.source, rows[0].raw.row, column.header, None, message))
    if refused:
        gone = {id(r) for r in refused}
        cs.rows = [r for r in cs.rows if id(r) not in gone]
    return refused


def _key_columns(sheet: Sheet) -> set[str]:
    """The columns that identify a row: ``id``, or both endpoints and the discriminator of a link."""
    if sheet.rel is None:
        return {"id"}
    return {c.key for c in sheet.columns[:2]} | set(sheet.rel.discriminator)


@dataclass(frozen=True)
class _Check:
    """What to check in one column, worked out once per sheet rather than once per cell."""

    column: Column
    is_key: bool
    holds_ids: bool
    vocabulary: Mapping[str, object] | None
    ranged: bool


_CHECKS: dict[str, tuple[_Check, ...]] = {}


def _checks(sheet: Sheet) -> tuple[_Check, ...]:
    checks = _CHECKS.get(sheet.key)
    if checks is None:
        keys = _key_columns(sheet)
        checks = _CHECKS[sheet.key] = tuple(
            _Check(
                c,
                c.key in keys,
                c.key == "id" or c.names_label is not None or bool(c.links),
                vocabulary(c.reference) if c.reference else None,
                c.minimum is not None or c.maximum is not None,
            )
            for c in sheet.columns
        )
    return checks


def _check_row(sheet: Sheet, raw: RawRow, present: set[str], problems: list[Problem]) -> Row | None:
    def problem(column: Column | None, value: Any, message: str) -> None:
        header = raw.headers.get(column.key, column.header) if column else None
        problems.append(Problem(raw.source, raw.row, header, _text(value) or None, message))

    op = _text(raw.cells.get(OP_KEY)).lower()
    if op not in OP_DELETE and op not in OP_UPSERT:
        problems.append(Problem(raw.source, raw.row, raw.headers.get(OP_KEY), op, "操作只能为空或「删除」"))
        return None
    delete = op in OP_DELETE
    values: dict[str, Any] = {}
    blank: set[str] = set()
    ok = True
    cells = raw.cells
    if sheet.rel is not None:
        ends = [_text(cells.get(c.key)) for c in sheet.columns[:2]]
        if ends[0] and ends[0] == ends[1]:
            problem(sheet.columns[1], ends[1], "不能与起点相同（企业不能供应自己）")
            ok = False
    for check in _checks(sheet):
        column = check.column
        if column.key not in present:
            continue
        cell = cells.get(column.key)  # a short line lacks its trailing cells: they are blank
        value, message = _parse(column, cell)
        if message:
            problem(column, cell, message)
            ok = False
            continue
        if (value is None or value == ()) and column.required:
            if check.is_key:
                problem(column, cell, "必填项为空")
                ok = False
            elif not delete:  # new row: refused; existing row: keeps its value (decided later)
                blank.add(column.key)
            continue
        if check.holds_ids:
            for node_id in _ids_in(column, value):
                if not _ID.match(node_id):
                    problem(column, node_id, "编号只能由字母、数字和 . _ : - 组成")
                    ok = False
        if check.vocabulary is not None and value is not None and value not in check.vocabulary:
            problem(column, cell, f"不是有效的{_REFERENCE_NAMES[column.reference or '']}")
            ok = False
        if check.ranged and isinstance(value, int | float) and not isinstance(value, bool):
            if column.minimum is not None and value < column.minimum:
                problem(column, cell, f"不能小于{column.minimum:g}")
                ok = False
            elif column.maximum is not None and value > column.maximum:
                problem(column, cell, f"不能大于{column.maximum:g}")
                ok = False
        values[column.key] = value
    return Row(raw, delete, values, blank=blank) if ok else None


_REFERENCE_NAMES = {"region": "行政区划代码", "industry": "国民经济行业分类代码", "hs": "HS编码"}


def _check_duplicates(sheets: list[CheckedSheet], problems: list[Problem]) -> None:
    seen: dict[tuple[str, tuple[Any, ...]], Row] = {}
    owner: dict[str, tuple[str, Row]] = {}  # node id -> (label, row), ids are unique across labels
    for cs in sheets:
        for row in cs.rows:
            key = row.key(cs.sheet)
            first = seen.get((cs.sheet.key, key))
            if first is not None:
                problems.append(
                    Problem(
                        row.raw.source,
                        row.raw.row,
                        cs.sheet.columns[0].header,
                        "/".join(str(k) for k in key),
                        f"与第{first.raw.row}行重复",
                    )
                )
                continue
            seen[(cs.sheet.key, key)] = row
            if cs.sheet.node is not None:
                node_id = row.values["id"]
                other = owner.get(node_id)
                if other is not None and other[0] != cs.sheet.node.label:
                    problems.append(
                        Problem(
                            row.raw.source,
                            row.raw.row,
                            cs.sheet.columns[0].header,
                            node_id,
                            f"编号已用于{other[1].raw.source}第{other[1].raw.row}行",
                        )
                    )
                owner[node_id] = (cs.sheet.node.label, row)


def _check_references(
    sheets: list[CheckedSheet],
    graph: GraphIds,
    invalid: Mapping[str, Mapping[str, RawRow]],
    problems: list[Problem],
) -> None:
    kept: dict[str, set[str]] = defaultdict(set)
    deleted: dict[str, dict[str, Row]] = defaultdict(dict)
    for cs in sheets:
        if cs.sheet.node is None:
            continue
        for row in cs.rows:
            if row.delete:
                deleted[cs.sheet.node.label][row.values["id"]] = row
            else:
                kept[cs.sheet.node.label].add(row.values["id"])

    def exists(label: str, node_id: str) -> bool:
        if node_id in deleted[label]:
            return False
        return node_id in kept[label] or graph.has(label, node_id)

    def why_not(labels: tuple[str, ...], node_id: str) -> str:
        """The cause, once: the row that names the id is wrong itself, or deletes it, or there is none."""
        for label in labels:
            bad = invalid.get(label, {}).get(node_id)
            if bad is not None:
                return f"引用的编号所在的行（{bad.source} 第{bad.row}行）本身有误，请先改正该行"
        for label in labels:
            gone = deleted[label].get(node_id)
            if gone is not None:
                return f"引用的编号在本台账中被删除（{gone.raw.source} 第{gone.raw.row}行）"
        return "引用的编号在台账和图谱中都不存在"

    for cs in sheets:
        for row in cs.rows:
            if row.delete:
                continue
            for column in cs.sheet.columns:
                labels: tuple[str, ...] = ()
                if column.names_label:
                    labels = (column.names_label,)
                elif column.links:
                    labels = tuple(t for link in column.links for t in link.targets)
                if not labels:
                    continue
                for node_id in _ids_in(column, row.values.get(column.key)):
                    if not any(exists(label, node_id) for label in labels):
                        problems.append(
                            Problem(
                                row.raw.source,
                                row.raw.row,
                                row.raw.headers.get(column.key, column.header),
                                node_id,
                                why_not(labels, node_id),
                            )
                        )


def _check_shares(sheets: list[CheckedSheet], graph: GraphIds, problems: list[Problem]) -> None:
    links = [cs for cs in sheets if cs.sheet.rel is not None and cs.sheet.rel.type == "SUPPLIES"]
    if not links:
        return
    shares = dict(graph.shares)
    last_row: dict[tuple[str, str], Row] = {}
    for cs in links:
        for row in cs.rows:
            v = row.values
            key = (v["supplier_id"], v["buyer_id"], v["product_id"])
            if row.delete:
                shares.pop(key, None)
            else:
                if "share" in row.given:  # a row that leaves the share out keeps the graph's
                    shares[key] = v.get("share") or 0.0
                else:
                    shares.setdefault(key, 0.0)
                last_row[(v["buyer_id"], v["product_id"])] = row
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for (_, buyer, product), share in shares.items():
        totals[(buyer, product)] += share or 0.0
    for pair, total in sorted(totals.items()):
        if total > 1 + SHARE_TOLERANCE and pair in last_row:
            row = last_row[pair]
            problems.append(
                Problem(
                    row.raw.source,
                    row.raw.row,
                    row.raw.headers.get("share", "供应份额"),
                    f"{total:.4g}",
                    f"采购企业{pair[0]}的产品{pair[1]}各供应商份额合计超过1",
                )
            )


def _warnings(sheets: list[CheckedSheet], graph: GraphIds) -> list[Problem]:
    """Rows that import but deserve a second look: a supplier of a product it is not recorded as making
    (on the link, or on the firm's row when it drops a product it still supplies), a firm in no segment."""
    warnings: list[Problem] = []
    firms: dict[str, Row] = {}
    listed_links: set[tuple[str, str, str]] = set()
    for cs in sheets:
        if cs.sheet.key == "enterprises":
            firms.update({r.values["id"]: r for r in cs.rows if not r.delete})
        elif cs.sheet.rel is not None and cs.sheet.rel.type == "SUPPLIES":
            listed_links.update(
                (r.values["supplier_id"], r.values["buyer_id"], r.values["product_id"]) for r in cs.rows
            )

    def warn(row: Row, column: Column, value: str | None, message: str) -> None:
        header = row.raw.headers.get(column.key, column.header)
        warnings.append(Problem(row.raw.source, row.raw.row, header, value, message))

    makes: dict[str, AbstractSet[str]] = {}

    def made_by(firm: str) -> AbstractSet[str]:
        made = makes.get(firm)
        if made is None:
            row = firms.get(firm)
            if row is not None and "products" in row.given:
                made = makes[firm] = frozenset(row.values.get("products") or ())
            else:
                made = makes[firm] = graph.targets("MAKES", firm)
        return made

    for cs in sheets:
        if cs.sheet.rel is None or cs.sheet.rel.type != "SUPPLIES":
            continue
        product_column = cs.sheet.column("product_id")
        assert product_column is not None
        for row in cs.rows:
            v = row.values
            if not row.delete and v["product_id"] not in made_by(v["supplier_id"]):
                message = (
                    f"供应企业{v['supplier_id']}的主要产品中没有{v['product_id']}："
                    "请核实供应关系，或补登该企业的主要产品"
                )
                warn(row, product_column, v["product_id"], message)

    supplied: dict[str, list[tuple[str, str]]] = defaultdict(
        list
    )  # supplier -> (buyer, product) in the graph
    if any("products" in r.given and r.exists for r in firms.values()):
        for supplier, buyer, product in graph.shares:
            if (supplier, buyer, product) not in listed_links:
                supplied[supplier].append((buyer, product))
    for cs in sheets:
        if cs.sheet.key != "enterprises":
            continue
        products, segments = cs.sheet.column("products"), cs.sheet.column("segments")
        assert products is not None and segments is not None
        for row in cs.rows:
            if row.delete:
                continue
            firm = row.values["id"]
            if "products" in row.given:
                made = set(row.values.get("products") or ())
                for buyer, product in sorted(supplied.get(firm, ())):
                    if product not in made:
                        message = f"该企业仍登记为向{buyer}供应{product}，但主要产品中已没有{product}"
                        warn(row, products, product, message)
            in_segments = (
                row.values.get("segments") if "segments" in row.given else graph.targets("OPERATES_IN", firm)
            )
            if not in_segments:
                warn(row, segments, None, "企业不属于任何产业链环节，不会出现在产业链图谱和清单中")
    warnings.sort(key=lambda p: (p.source, p.row or 0))
    return warnings


def _check_product_parents(sheets: list[CheckedSheet], graph: GraphIds, problems: list[Problem]) -> None:
    """A product's 产品大类 must not lead back to the product itself (the ledger's rows over the graph's)."""
    parents = dict(graph.parents)
    rows: dict[str, Row] = {}
    for cs in sheets:
        if cs.sheet.key != "products":
            continue
        for row in cs.rows:
            product = row.values["id"]
            if row.delete:
                parents.pop(product, None)
            elif "parent_id" in cs.present:
                parents[product] = row.values.get("parent_id") or ""
                rows[product] = row
    reported: set[str] = set()
    for product, row in sorted(rows.items()):
        path = [product]
        current = parents.get(product)
        while current and current not in path:
            path.append(current)
            current = parents.get(current)
        if current != product or product in reported:
            continue
        reported.update(path)
        problems.append(
            Problem(
                row.raw.source,
                row.raw.row,
                row.raw.headers.get("parent_id", "产品大类"),
                row.values.get("parent_id"),
                "产品大类形成循环：" + " → ".join([*path, product]),
            )
        )


def _check_revenue_shares(sheets: list[CheckedSheet], graph: GraphIds, problems: list[Problem]) -> None:
    """The revenue shares (营收占比) of one firm's products add up to at most 1."""
    shares: dict[str, dict[str, float | None]] = defaultdict(dict)  # firm -> product -> share
    for (firm, product), (share, _) in graph.weights.items():
        shares[firm][product] = share
    for cs in sheets:
        if cs.sheet.key != "enterprises":
            continue
        for row in cs.rows:
            firm = row.values["id"]
            if row.delete:
                shares.pop(firm, None)
            elif "products" in cs.present and firm in shares:  # its 主要产品 replace the graph's
                listed = set(row.values.get("products") or ())
                shares[firm] = {p: v for p, v in shares[firm].items() if p in listed}
    last_row: dict[str, Row] = {}
    for cs in sheets:
        if cs.sheet.key != "enterprise_products":
            continue
        for row in cs.rows:
            v = row.values
            firm, product = v["enterprise_id"], v["product_id"]
            if row.delete:
                shares[firm].pop(product, None)
            elif "revenue_share" in cs.present:
                shares[firm][product] = v.get("revenue_share")
                last_row[firm] = row
    for firm, row in sorted(last_row.items()):
        total = sum(share or 0.0 for share in shares[firm].values())
        if total > 1 + SHARE_TOLERANCE:
            problems.append(
                Problem(
                    row.raw.source,
                    row.raw.row,
                    row.raw.headers.get("revenue_share", "营收占比"),
                    f"{total:.4g}",
                    f"企业{firm}各产品营收占比合计超过1",
                )
            )


def _check_made_products(sheets: list[CheckedSheet], graph: GraphIds, problems: list[Problem]) -> None:
    """企业产品 rows weigh products the firm makes: listed in its 主要产品 where this ledger lists them, else
    made in the graph. A product with recorded weights leaves 主要产品 only with its 企业产品 row deleted in
    the same ledger (else that row would outlive the product)."""
    listed: dict[str, tuple[Row, set[str]]] = {}
    for cs in sheets:
        if cs.sheet.key == "enterprises" and "products" in cs.present:
            for row in cs.rows:
                if not row.delete:
                    listed[row.values["id"]] = (row, set(row.values.get("products") or ()))
    made: dict[str, dict[str, bool]] = defaultdict(dict)  # firm -> product -> has recorded weights
    for (firm, product), (share, main) in graph.weights.items():
        made[firm][product] = share is not None or main is not None
    cleared: set[tuple[str, str]] = set()
    for cs in sheets:
        if cs.sheet.key != "enterprise_products":
            continue
        for row in cs.rows:
            firm, product = row.values["enterprise_id"], row.values["product_id"]
            if row.delete:
                cleared.add((firm, product))
                continue
            if firm in listed:
                ok, message = (
                    product in listed[firm][1],
                    f"企业{firm}的「主要产品」中没有此产品：请在主要产品中加入，或删除此行",
                )
            else:
                ok, message = (
                    product in made.get(firm, {}),
                    f"企业{firm}不生产此产品：请先在企业表的「主要产品」中加入",
                )
            if not ok:
                header = row.raw.headers.get("product_id", "产品编号")
                problems.append(Problem(row.raw.source, row.raw.row, header, product, message))
    for firm, (row, products) in sorted(listed.items()):
        for product, weighed in sorted(made.get(firm, {}).items()):
            if weighed and product not in products and (firm, product) not in cleared:
                problems.append(
                    Problem(
                        row.raw.source,
                        row.raw.row,
                        row.raw.headers.get("products", "主要产品"),
                        product,
                        f"产品{product}在「企业产品」中记有营收占比或是否主营：从主要产品中去掉时，"
                        "请在企业产品表同时删除该行",
                    )
                )
