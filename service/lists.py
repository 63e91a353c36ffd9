"""The five lists (五清单) of a chain, as rows with Chinese column headers, from the graph and the
analyses. Rendering to CSV and XLSX is in service.render.lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph_schema import MODEL
from service import weaklinks
from service.analysis.place import region_level
from service.analysis.wording import FIRMS, some
from service.render.numbers import score
from service.storage.port import GraphStore
from service.storage.queries import Q

KEY_SCALES = ("large", "medium")


@dataclass(frozen=True)
class Column:
    key: str
    header: str


@dataclass(frozen=True)
class ChainList:
    """One list of one chain: its title, its columns and its rows (display values, Chinese labels)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]


def _labels(label: str, prop: str) -> dict[str, str]:
    return {c.code: c.label for c in MODEL.node(label).prop(prop).choices}


SCALE = _labels("Enterprise", "scale")
STATUS = _labels("Enterprise", "status")
STAGE = _labels("Project", "stage")
LEVEL = _labels("Policy", "level")


UNKNOWN = "未知"


def _yes(value: Any) -> str:
    return "是" if value else "否"


def yes_no(value: bool | None) -> str:
    """是, 否, or 未知 for a fact the ledger left unknown (never read as 否)."""
    return UNKNOWN if value is None else _yes(value)


def region_text(name: str | None, code: str | None, in_district: bool) -> str:
    """A firm's region as a person reads it, saying which level below the known one is unknown."""
    level = region_level(code)
    shown = name or code or UNKNOWN
    if in_district and level != "township":
        return f"{shown}（乡镇街道未知）"
    if level in ("province", "city"):
        return f"{shown}（区县未知）"
    return shown


def scale_label(code: str | None) -> str:
    """企业规模 in Chinese; 未知 where the ledger left it unknown."""
    return UNKNOWN if code is None else SCALE.get(code, code)


FIRM_COLUMNS = (
    Column("name", "企业名称"),
    Column("id", "企业编号"),
    Column("credit_code", "统一社会信用代码"),
    Column("region_name", "所在地区"),
    Column("segments", "所属环节"),
    Column("scale", "企业规模"),
    Column("is_anchor", "链主企业"),
    Column("is_specialised", "专精特新"),
    Column("status", "经营状态"),
    Column("contact_name", "联系人"),
    Column("contact_phone", "联系电话"),
    Column("description", "主营业务"),
)


def _firms(store: GraphStore, chain_id: str) -> dict[str, dict[str, Any]]:
    """The chain's firms, one entry each, their segments joined in chain order."""
    firms: dict[str, dict[str, Any]] = {}
    segments: dict[str, list[str]] = defaultdict(list)
    for r in store.read(Q.LIST_CHAIN_ENTERPRISES, {"chain_id": chain_id}):
        firms.setdefault(r["id"], r)
        segments[r["id"]].append(r["segment_name"])
    return {
        k: {
            **{c.key: v.get(c.key) for c in FIRM_COLUMNS},
            "segments": "、".join(segments[k]),
            "region_name": region_text(v["region_name"], v["region_code"], v["in_district"]),
            "scale": scale_label(v["scale"]),
            "status": STATUS.get(v["status"], v["status"]),
            "is_anchor": _yes(v["is_anchor"]),
            "is_specialised": yes_no(v["is_specialised"]),
            "_in_district": v["in_district"],
            "_raw": v,
        }
        for k, v in firms.items()
    }


def _public(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


def _key_basis(raw: dict[str, Any]) -> str | None:
    """Why a district firm is on the key list, or None: an anchor, large or medium; a firm of unknown
    scale is listed to be checked (it may be either), never silently left out."""
    if raw["is_anchor"]:
        return "链主企业"
    if raw["scale"] in KEY_SCALES:
        return f"{SCALE[raw['scale']]}企业"
    if raw["scale"] is None:
        return "规模未知，待核实是否为大中型企业"
    return None


def key_enterprises(store: GraphStore, chain_id: str) -> ChainList:
    """重点生产企业清单: active district firms of the chain that are anchors or large or medium, then
    those of unknown scale, to be checked."""
    rows = []
    for f in _firms(store, chain_id).values():
        basis = _key_basis(f["_raw"])
        if f["_in_district"] and f["_raw"]["status"] == "active" and basis:
            rows.append({**f, "basis": basis})
    rows.sort(key=lambda f: (f["is_anchor"] != "是", f["_raw"]["scale"] is None, f["id"]))
    columns = (*FIRM_COLUMNS, Column("basis", "入选依据"))
    return ChainList("key-enterprises", LIST_TITLES["key-enterprises"], columns, _public(rows))


def core_suppliers(store: GraphStore, chain_id: str) -> ChainList:
    """核心配套企业清单: district firms that supply the chain's anchor firms directly."""
    firms = _firms(store, chain_id)
    anchors = weaklinks.anchors(store, chain_id)["anchors"]
    serves: dict[str, list[str]] = defaultdict(list)
    for a in anchors:
        for supplier in a["district_suppliers"][0]:
            serves[supplier].append(a["enterprise_name"])
    facts = weaklinks.projection(store).facts
    rows = []
    for supplier, anchor_names in sorted(serves.items()):
        row = dict(firms.get(supplier) or {"id": supplier, "name": facts[supplier].name})
        row["anchors"] = "、".join(anchor_names)
        rows.append(row)
    columns = (*FIRM_COLUMNS[:5], Column("anchors", "配套链主企业"), *FIRM_COLUMNS[5:])
    return ChainList("core-suppliers", LIST_TITLES["core-suppliers"], columns, _public(rows))


def risks(store: GraphStore, chain_id: str) -> ChainList:
    """断链断供风险清单: breaks and choke points, then the ranked risk firms, each with its reason."""
    kinds = {
        "break": "断点",
        "choke_single_firm": "堵点（单一企业）",
        "choke_common_supplier": "堵点（共同供应商）",
    }
    rows: list[dict[str, Any]] = []
    for b in weaklinks.breaks(store, chain_id):
        rows.append(
            {
                "kind": kinds[b["kind"]],
                "subject": b["segment_name"],
                "reason": b["reason"],
                "figures": some(
                    [f"{f['name']}（{'区内' if f['in_district'] else '区外'}）" for f in b["firms"]], FIRMS
                ),
            }
        )
    for r in weaklinks.risks(store, chain_id)["risk_nodes"]:
        p = r["parts"]
        rows.append(
            {
                "kind": "断供风险企业",
                "subject": r["enterprise_name"],
                "reason": r["reason"],
                "figures": (
                    f"评分{score(r['score'])}＝({score(p['raw_score'])})÷{score(p['divisor'])}；"
                    f"停产使链上{p['cut_off_in_district']}家区内、{p['cut_off_outside']}家区外企业断供；"
                    f"是{p['single_source_inputs']}项投入品的唯一供应商；"
                    f"恢复期超出库存{p['recovery_gap_days']}天；"
                    f"区内替代{p['substitutes_in_district']}家、区外替代{p['substitutes_outside']}家"
                ),
            }
        )
    columns = (
        Column("kind", "风险类型"),
        Column("subject", "环节或企业"),
        Column("reason", "原因"),
        Column("figures", "依据"),
    )
    return ChainList("risks", LIST_TITLES["risks"], columns, rows)


def projects(store: GraphStore, chain_id: str) -> ChainList:
    """重点项目清单."""
    rows = [
        {**r, "stage": STAGE.get(r["stage"], r["stage"])}
        for r in store.read(Q.LIST_CHAIN_PROJECTS, {"chain_id": chain_id})
    ]
    columns = (
        Column("name", "项目名称"),
        Column("id", "项目编号"),
        Column("segment_name", "所属环节"),
        Column("enterprise_name", "建设单位"),
        Column("region_name", "所在地区"),
        Column("investment", "总投资(万元)"),
        Column("stage", "项目阶段"),
        Column("start_date", "开工日期"),
        Column("end_date", "竣工日期"),
        Column("description", "建设内容"),
    )
    return ChainList(
        "projects", LIST_TITLES["projects"], columns, [{c.key: r.get(c.key) for c in columns} for r in rows]
    )


def policies(store: GraphStore, chain_id: str) -> ChainList:
    """政策清单: policies for the chain and for its segments, with what each supports."""
    chain = next(c for c in store.read(Q.GET_CHAIN, {"chain_id": chain_id}))
    supports: dict[str, list[str]] = defaultdict(list)
    found: dict[str, dict[str, Any]] = {}
    for r in store.read(Q.LIST_CHAIN_POLICIES, {"chain_id": chain_id}):
        found.setdefault(r["id"], r)
        supports[r["id"]].append(chain["name"])
    for r in store.read(Q.LIST_CHAIN_SEGMENT_POLICIES, {"chain_id": chain_id}):
        found.setdefault(r["id"], r)
        supports[r["id"]].append(r["segment_name"])
    rows = [
        {**r, "level": LEVEL.get(r["level"], r["level"]), "supports": "、".join(supports[k])}
        for k, r in found.items()
    ]
    rows.sort(key=lambda r: (r["issued_on"] or "", r["id"]), reverse=True)
    columns = (
        Column("name", "政策名称"),
        Column("id", "政策编号"),
        Column("issuer", "发文单位"),
        Column("level", "政策层级"),
        Column("issued_on", "发布日期"),
        Column("doc_number", "文号"),
        Column("supports", "支持对象"),
        Column("summary", "主要内容"),
    )
    return ChainList(
        "policies", LIST_TITLES["policies"], columns, [{c.key: r.get(c.key) for c in columns} for r in rows]
    )


LIST_TITLES = {
    "key-enterprises": "重点生产企业清单",
    "core-suppliers": "核心配套企业清单",
    "risks": "断链断供风险清单",
    "projects": "重点项目清单",
    "policies": "政策清单",
}

LISTS = {
    "key-enterprises": key_enterprises,
    "core-suppliers": core_suppliers,
    "risks": risks,
    "projects": projects,
    "policies": policies,
}


def chain_list(store: GraphStore, chain_id: str, name: str) -> ChainList:
    weaklinks.chain_view(store, chain_id)  # 404 for an unknown chain
    return LISTS[name](store, chain_id)
