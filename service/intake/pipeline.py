"""One firm list through every step: each input row becomes an :class:`Outcome` (what was read, what each
field became, the match, the suggestions, where the row went and what needs a person), and the rows that
may go in become ledger rows of the 企业 sheet.

Where a row goes:

- 台账：更新 — the graph already has the firm (by credit code, else by name). Its row starts from the
  firm's current ledger row; the list changes its status, a credit code the graph lacks, a region at
  least as fine as the graph's (with 区内企业 when the region tells), and fills an industry code,
  主营业务, segments and products only where the graph has none. Names are kept. 核实日期 becomes the
  intake's date when anything changed.
- 台账：新建 — a new firm, placed on a segment at or above the threshold, with a status, and a region
  that tells whether it is in the district.
- 待分配 — a new firm below the threshold: on the review workbook's 待分配 sheet with its best three.
- 待人工 — ambiguous matches, repeated rows, and new firms whose status or place cannot be read.
- 未写入 — a new firm whose registration is cancelled or revoked, and, with ``--chain``, firms of other
  chains."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from service.intake import normalise
from service.intake.graph import Snapshot, enterprise_sheet
from service.intake.industry import Industry, classify
from service.intake.match import Match, Matcher, name_key
from service.intake.place import Placement, gazetteer
from service.intake.source import InputRow, Table
from service.intake.suggest import THRESHOLD, Suggester, Suggestion
from service.ledger.export import LIST_SEPARATOR

DESCRIPTION_CHARS = 200  # of 经营范围 kept as a new firm's 主营业务
# Characters of a cell each step reads, so a hostile list's long cells cost no more than real ones:
# addresses and names are short; a 经营范围 runs to about 1,500 characters at most.
ADDRESS_CHARS, NAME_CHARS, SCOPE_CHARS = 200, 200, 3000
NEW, UPDATE, UNASSIGNED, PERSON, SKIPPED = "台账：新建", "台账：更新", "待分配", "待人工", "未写入"


@dataclass
class Outcome:
    number: int
    read: dict[str, str]
    name: str
    credit_code: str | None = None
    capital: normalise.Capital | None = None
    founded: dt.date | None = None
    status: str | None = None
    industry: Industry = field(default_factory=lambda: Industry(None, "", ""))
    placement: Placement = field(default_factory=lambda: Placement(None, (), ""))
    address: str = ""
    match: Match = field(default_factory=lambda: Match("new"))
    segments: list[Suggestion] = field(default_factory=list)
    products: list[Suggestion] = field(default_factory=list)
    chosen: tuple[list[str], list[str]] = ([], [])
    destination: str = ""
    needs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how fields were read, not needing anyone
    row: dict[str, str] | None = None  # the ledger row (column key -> cell)
    changed: list[str] = field(default_factory=list)  # columns an update row changes


@dataclass
class IntakeResult:
    source: str
    table: Table
    outcomes: list[Outcome]
    chain: str | None
    threshold: float
    day: dt.date

    @property
    def ledger_rows(self) -> list[dict[str, str]]:
        return [o.row for o in self.outcomes if o.row is not None]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for o in self.outcomes:
            out[o.destination] = out.get(o.destination, 0) + 1
        return out

    @property
    def unresolved(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.placement.code is None]


def _first(row: InputRow, name: str) -> Any:
    values = row.values.get(name)
    return values[0] if values else None


def _new_id(code: str | None, name: str, taken: set[str]) -> str:
    base = f"ent.{code.lower()}" if code else "ent.n" + hashlib.sha1(name_key(name).encode()).hexdigest()[:12]
    out, n = base, 2
    while out in taken:
        out, n = f"{base}.{n}", n + 1
    taken.add(out)
    return out


def run(
    table: Table,
    snap: Snapshot,
    chain: str | None = None,
    day: dt.date | None = None,
    threshold: float = THRESHOLD,
) -> IntakeResult:
    """Every row of ``table`` read, placed, matched and suggested against ``snap``."""
    day = day or dt.date.today()
    places = gazetteer()
    matcher = Matcher(snap.firms)
    suggester = Suggester(snap.segments, snap.products, threshold)
    taken = {f.id for f in snap.firms}
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    unit = table.unit("capital")
    outcomes = []
    for row in table.rows:
        o = _read(row, unit, places)
        if not o.name:
            o.destination = PERSON
            o.needs.append("缺少企业名称")
            outcomes.append(o)
            continue
        scope = _text(row, "scope")[:SCOPE_CHARS]
        o.segments, o.products = suggester.suggest(o.industry.code, scope, o.name)
        o.chosen = suggester.chosen(o.segments, o.products)
        earlier = (seen_codes.get(o.credit_code) if o.credit_code else None) or seen_names.get(
            name_key(o.name)
        )
        if earlier is not None:
            o.destination = PERSON
            o.needs.append(f"与第{earlier}行是同一企业：只取第一行")
            outcomes.append(o)
            continue
        if o.credit_code:
            seen_codes[o.credit_code] = row.number
        seen_names[name_key(o.name)] = row.number
        o.match = matcher.match(o.credit_code, o.name)
        if o.match.kind == "ambiguous":
            o.destination = PERSON
            listed = "、".join(f"{f.name}（{f.id}）" for f in o.match.candidates)
            o.needs.append(f"匹配不唯一：{o.match.note}：{listed}")
        elif o.match.kind == "existing":
            _update(o, row, snap, chain, day)
        else:
            _create(o, row, snap, chain, day, taken, table.source)
        outcomes.append(o)
    return IntakeResult(table.source, table, outcomes, chain, threshold, day)


def _text(row: InputRow, name: str) -> str:
    return normalise.text(_first(row, name))


def _read(row: InputRow, unit: str | None, places: Any) -> Outcome:
    o = Outcome(row.number, row.read, _text(row, "name")[:NAME_CHARS])
    code, why = normalise.credit_code(_first(row, "credit_code"))
    o.credit_code = code
    if why:
        o.needs.append(f"统一社会信用代码不可信（{why}），未采用")
    o.status, said = normalise.status(_first(row, "status"))
    if said:
        (o.needs if o.status is None or "核实" in said else o.notes).append(f"登记状态：{said}")
    o.capital, note = normalise.capital(_first(row, "capital"), unit)
    if note:
        o.notes.append(f"注册资本：{note}")
    o.founded, note = normalise.date(_first(row, "founded"))
    if note:
        o.notes.append(f"成立日期：{note}")
    for value in row.values.get("industry", []) or [None]:
        o.industry = classify(value)
        if o.industry.code:
            break
    if not o.industry.code:
        o.notes.append(f"所属行业：{o.industry.note}")
    addresses = [normalise.text(a)[:ADDRESS_CHARS] for a in row.values.get("address", [])]
    best: Placement | None = None
    for address in addresses:  # 注册地址 first; another column only if it reaches deeper
        placed = places.place(address)
        if placed.code and (best is None or best.code is None or len(placed.code) > len(best.code)):
            best, o.address = placed, address
    o.placement = best or Placement(None, (), "未给出地址")
    if not o.address and addresses:
        o.address = addresses[0]
    return o


def _label(code: str | None) -> str:
    return normalise.STATUS_LABELS.get(code or "", "")


def _in_chain(segments: list[str] | frozenset[str], snap: Snapshot, chain: str | None) -> bool:
    return chain is None or any(snap.segment_chain.get(s) == chain for s in segments)


def _update(o: Outcome, row: InputRow, snap: Snapshot, chain: str | None, day: dt.date) -> None:
    firm = o.match.firm
    assert firm is not None
    new = dict(firm.row)
    segments, products = o.chosen
    if not firm.segments and segments:
        new["segments"] = LIST_SEPARATOR.join(sorted(segments))
        if not new.get("products") and products:
            new["products"] = LIST_SEPARATOR.join(sorted(products))
    if not _in_chain(firm.segments or frozenset(segments), snap, chain):
        o.destination = SKIPPED
        o.notes.append(f"该企业不在产业链{chain}中，由其所在链的台账更新")
        return
    if o.status:
        new["status"] = _label(o.status)
    if o.credit_code and not new.get("credit_code"):
        new["credit_code"] = o.credit_code
    placed = o.placement
    if placed.code and len(placed.code) >= len(new.get("region_code", "")):
        new["region_code"] = placed.code
        if placed.in_district is not None:
            new["in_district"] = "是" if placed.in_district else "否"
    elif placed.code and not new.get("region_code", "").startswith(placed.code):
        o.needs.append(f"地址所在地区{placed.code}与图谱中的{new.get('region_code')}不一致，未改")
    if o.industry.code and not new.get("industry_code"):
        new["industry_code"] = o.industry.code
    scope = _text(row, "scope")
    if scope and not new.get("description"):
        new["description"] = scope[:DESCRIPTION_CHARS]
    if o.name != firm.name:
        o.notes.append(f"名录中的名称为「{o.name}」，保留图谱中的「{firm.name}」")
    o.changed = [k for k in new if new[k] != firm.row.get(k)]
    if o.changed:
        new["confirmed_on"] = day.isoformat()
    o.row = new
    o.destination = UPDATE


def _create(
    o: Outcome,
    row: InputRow,
    snap: Snapshot,
    chain: str | None,
    day: dt.date,
    taken: set[str],
    source: str,
) -> None:
    segments, products = o.chosen
    placed = o.placement
    if o.status == "closed":
        o.destination = SKIPPED
        o.notes.append("已注销或吊销的新企业不写入台账")
        return
    if o.status is None:
        o.destination = PERSON
        return
    if placed.code is None:
        o.destination = PERSON
        o.needs.append(f"地址无法定位：{placed.note}")
        return
    if placed.in_district is None:
        o.destination = PERSON
        o.needs.append(f"地址只定位到{placed.level_label}（{placed.code}），无法判断是否区内企业")
        return
    if not segments:
        o.destination = UNASSIGNED
        return
    if not _in_chain(segments, snap, chain):  # suggestions are of the chain already; kept as a guard
        o.destination = SKIPPED
        return
    scope = _text(row, "scope")
    o.row = {
        "id": _new_id(o.credit_code, o.name, taken),
        "name": o.name,
        "credit_code": o.credit_code or "",
        "region_code": placed.code,
        "in_district": "是" if placed.in_district else "否",
        "is_anchor": "否",
        "status": _label(o.status),
        "industry_code": o.industry.code or "",
        "description": scope[:DESCRIPTION_CHARS],
        "contact_phone": re.sub(r"\s+", "", _text(row, "phone")),
        "provenance": f"企业名录导入：{source}",
        "confirmed_on": day.isoformat(),
        "segments": LIST_SEPARATOR.join(sorted(segments)),
        "products": LIST_SEPARATOR.join(sorted(products)),
    }
    o.destination = NEW
    if placed.note:
        o.notes.append(f"地址：{placed.note}")


def ledger_headers() -> list[str]:
    """The 企业 sheet's column keys, in the ledger's order."""
    return [c.key for c in enterprise_sheet().columns]
