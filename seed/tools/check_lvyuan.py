#!/usr/bin/env python3
"""Self-check of the Lüyuan seed ledger (seed/data/lvyuan/*.csv). Standard library only.

Re-reads the CSV files and verifies: headers, ids, required cells, enums, types, references between files,
codes against the reference lists (regions, GB/T 4754-2017, HS 2022), provenance, the size requirements,
the chain-leader organisation, supply-link rules (supplier makes the product, shares per (buyer, product)
sum to at most 1, no duplicates, no self-supply), and recomputes every planted situation documented in
seed/README.md, comparing it with EXPECTED below. Prints the computed situations.

Usage: python seed/tools/check_lvyuan.py [REFERENCE_DATA_DIR] [--data DIR]
REFERENCE_DATA_DIR defaults to ../shared/data relative to the repository root.
Exit status 0 when everything holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "seed" / "data" / "lvyuan"

HEADERS = {
    "chains": ["编号", "名称", "链长", "简介", "来源", "核实日期"],
    "segments": ["编号", "名称", "所属产业链", "顺序", "上中下游", "行业代码", "说明", "来源", "核实日期",
                 "下游环节", "关键技术"],
    "products": ["编号", "名称", "HS编码", "计量单位", "说明", "来源", "核实日期", "投入品", "所属环节",
                 "关键技术", "应用领域"],
    "technologies": ["编号", "名称", "所属产业链", "技术状态", "目标年份", "说明", "来源", "核实日期"],
    "technology_paths": ["起始技术编号", "目标技术编号", "目标年份", "来源", "核实日期"],
    "application_domains": ["编号", "名称", "说明", "来源", "核实日期"],
    "enterprises": ["编号", "名称", "统一社会信用代码", "所在地区代码", "区内企业", "企业规模", "链主企业",
                    "专精特新", "经营状态", "行业代码", "主营业务", "联系人", "联系电话", "来源", "核实日期",
                    "所属环节", "主要产品", "掌握技术"],
    "supply_links": ["供应企业编号", "采购企业编号", "供应产品", "供应份额", "年供应额(万元)", "替换所需天数",
                     "库存可支撑天数", "来源", "核实日期"],
    "projects": ["编号", "名称", "总投资(万元)", "项目阶段", "开工日期", "竣工日期", "建设内容", "来源", "核实日期",
                 "涉及技术", "所在地区代码", "所属环节", "建设单位"],
    "policies": ["编号", "名称", "发文单位", "政策层级", "发布日期", "文号", "主要内容", "来源", "核实日期",
                 "支持对象"],
    "organisations": ["编号", "名称", "机构类型", "负责人", "人员数", "来源", "核实日期", "上级机构",
                      "牵头产业链", "负责产业链"],
}
REQUIRED = {
    "chains": ["编号", "名称", "来源", "核实日期"],
    "segments": ["编号", "名称", "所属产业链", "顺序", "上中下游", "来源", "核实日期"],
    "products": ["编号", "名称", "来源", "核实日期"],
    "technologies": ["编号", "名称", "所属产业链", "技术状态", "来源", "核实日期"],
    "technology_paths": ["起始技术编号", "目标技术编号", "来源", "核实日期"],
    "application_domains": ["编号", "名称", "来源", "核实日期"],
    "enterprises": ["编号", "名称", "所在地区代码", "区内企业", "企业规模", "链主企业", "专精特新", "经营状态",
                    "来源", "核实日期", "所属环节", "主要产品"],
    "supply_links": ["供应企业编号", "采购企业编号", "供应产品", "来源", "核实日期"],
    "projects": ["编号", "名称", "项目阶段", "来源", "核实日期"],
    "policies": ["编号", "名称", "发文单位", "政策层级", "发布日期", "来源", "核实日期"],
    "organisations": ["编号", "名称", "机构类型", "来源", "核实日期"],
}
ENUMS = {
    ("segments", "上中下游"): {"上游", "中游", "下游"},
    ("technologies", "技术状态"): {"现有", "攻关", "目标"},
    ("enterprises", "企业规模"): {"大型", "中型", "小型", "微型"},
    ("enterprises", "经营状态"): {"在营", "停产", "筹建", "注销"},
    ("enterprises", "区内企业"): {"是", "否"},
    ("enterprises", "链主企业"): {"是", "否"},
    ("enterprises", "专精特新"): {"是", "否"},
    ("projects", "项目阶段"): {"谋划", "签约", "在建", "竣工", "投产"},
    ("policies", "政策层级"): {"国家", "省级", "市级", "区级"},
    ("organisations", "机构类型"): {"领导小组", "办公室", "工作专班", "牵头部门"},
}
INTS = {("segments", "顺序"), ("technologies", "目标年份"), ("technology_paths", "目标年份"),
        ("supply_links", "替换所需天数"), ("supply_links", "库存可支撑天数"), ("organisations", "人员数")}
FLOATS = {("supply_links", "供应份额"), ("supply_links", "年供应额(万元)"), ("projects", "总投资(万元)")}
DATES = {(k, "核实日期") for k in HEADERS} | {("projects", "开工日期"), ("projects", "竣工日期"),
                                            ("policies", "发布日期")}
# (file, column) -> (target files, is list)
REFS = {
    ("segments", "所属产业链"): (["chains"], False),
    ("segments", "下游环节"): (["segments"], True),
    ("segments", "关键技术"): (["technologies"], True),
    ("products", "投入品"): (["products"], True),
    ("products", "所属环节"): (["segments"], True),
    ("products", "关键技术"): (["technologies"], True),
    ("products", "应用领域"): (["application_domains"], True),
    ("technologies", "所属产业链"): (["chains"], False),
    ("technology_paths", "起始技术编号"): (["technologies"], False),
    ("technology_paths", "目标技术编号"): (["technologies"], False),
    ("enterprises", "所属环节"): (["segments"], True),
    ("enterprises", "主要产品"): (["products"], True),
    ("enterprises", "掌握技术"): (["technologies"], True),
    ("supply_links", "供应企业编号"): (["enterprises"], False),
    ("supply_links", "采购企业编号"): (["enterprises"], False),
    ("supply_links", "供应产品"): (["products"], False),
    ("projects", "涉及技术"): (["technologies"], True),
    ("projects", "所属环节"): (["segments"], False),
    ("projects", "建设单位"): (["enterprises"], False),
    ("policies", "支持对象"): (["chains", "segments"], True),
    ("organisations", "上级机构"): (["organisations"], False),
    ("organisations", "牵头产业链"): (["chains"], True),
    ("organisations", "负责产业链"): (["chains"], True),
}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# ----------------------------------------------------------------------------------------------------------
# The planted situations, as documented in seed/README.md ("Planted situations"). Recomputed and compared.
# ----------------------------------------------------------------------------------------------------------
EXPECTED = {
    "breaks": {
        "beef.s02": "none",
        "beef.s08": "inactive-only",
        "auto.s08": "inactive-only",
        "ha.s04": "none",
        "cons.s09": "none",
    },
    "choke_points": {
        "beef.s07": "ent.beef.tannery",
        "auto.s07": "ent.auto.zhilian",
        "ha.s05": "ent.ha.anchi",
        "ha.s08": "ent.crrc_cc",
    },
    "single_source": {
        ("ent.auto.hongrui", "p.auto.al_casting"): "ent.auto.xinzhu",
        ("ent.auto.hengyuan", "p.auto.gearbox_housing"): "ent.auto.hongrui",
        ("ent.auto.chiyuan", "p.auto.battery_pack"): "ent.catl",
        ("ent.crrc_cc", "p.ha.traction_converter"): "ent.crrc_tec",
        ("ent.crrc_cc", "p.ha.brake_unit"): "ent.ha.anchi",
        ("ent.beef.farm1", "p.beef.semen"): "ent.beef.breed_xl",
        ("ent.beef.tannery", "p.beef.rawhide"): "ent.haoyue",
        ("ent.beef.farm5", "p.beef.feed"): "ent.beef.lvhe_feed",
        ("ent.cons.yeshiji", "p.cons.seasoning"): "ent.cons.xiangmanyuan",
    },
    "concentrated": {
        ("ent.haoyue", "p.beef.cold_transport"): (("ent.beef.cold1", 0.8), ("ent.beef.cold2", 0.2)),
        ("ent.auto.hengyuan", "p.auto.harness"): (("ent.auto.zhilian", 0.75), ("ent.fslear", 0.25)),
        ("ent.crrc_cc", "p.ha.al_profile"): (("ent.midas", 0.7), ("ent.ha.guicai", 0.2), ("ent.ha.al_tj", 0.1)),
        ("ent.cons.yuehui", "p.cons.delivery"): (("ent.cons.kuaida", 0.6), ("ent.cons.tongcheng", 0.1)),
    },
    "ttr_gt_tts": {
        ("ent.auto.xinzhu", "ent.auto.hongrui", "p.auto.al_casting"): (60, 10),
        ("ent.auto.hongrui", "ent.auto.hengyuan", "p.auto.gearbox_housing"): (45, 12),
        ("ent.catl", "ent.auto.chiyuan", "p.auto.battery_pack"): (120, 20),
        ("ent.crrc_tec", "ent.crrc_cc", "p.ha.traction_converter"): (180, 45),
        ("ent.ha.anchi", "ent.crrc_cc", "p.ha.brake_unit"): (150, 30),
        ("ent.beef.breed_xl", "ent.beef.farm1", "p.beef.semen"): (90, 30),
        ("ent.haoyue", "ent.beef.tannery", "p.beef.rawhide"): (30, 7),
    },
    "anchors": {
        "beef": ["ent.haoyue"],
        "auto": ["ent.auto.hengyuan"],
        "ha": ["ent.crrc_cc"],
        "cons": ["ent.cons.yuehui"],
    },
    "anchor_district_suppliers": {
        "ent.haoyue": ["ent.beef.cold1", "ent.beef.cold2", "ent.beef.cold3", "ent.beef.farm1", "ent.beef.farm2",
                       "ent.beef.farm3", "ent.beef.farm4", "ent.beef.farm5", "ent.beef.farm6"],
        "ent.auto.hengyuan": ["ent.auto.hongrui", "ent.auto.s03.d1", "ent.auto.s03.d2", "ent.auto.s03.d3",
                              "ent.auto.s04.d1", "ent.auto.s06.d1", "ent.auto.s06.d2", "ent.auto.zhilian"],
        "ent.crrc_cc": ["ent.ha.anchi", "ent.ha.guicai", "ent.ha.henggang", "ent.ha.huajian", "ent.ha.s06.d1",
                        "ent.ha.s06.d2", "ent.ha.s06.d3", "ent.ha.s07.d1", "ent.ha.s07.d2", "ent.ha.s07.d3",
                        "ent.ha.s09.d1", "ent.ha.s09.d2", "ent.ha.s09.d3", "ent.ha.tiesheng"],
        "ent.cons.yuehui": ["ent.cons.kuaida", "ent.cons.s03.d1", "ent.cons.s03.d2", "ent.cons.s03.d3",
                            "ent.cons.s05.d3", "ent.cons.tongcheng"],
    },
    "anchor_tier2": {
        "ent.haoyue": ["ent.beef.fengmu_feed", "ent.beef.jieyuan_silage", "ent.beef.lvhe_feed"],
        "ent.auto.hengyuan": ["ent.auto.s01.d1", "ent.auto.s01.d2", "ent.auto.s02.d1", "ent.auto.s02.d2",
                              "ent.auto.s02.d3", "ent.auto.s03.d1", "ent.auto.s03.d2", "ent.auto.s03.d3",
                              "ent.auto.xinzhu"],
        "ent.crrc_cc": ["ent.ha.guicai", "ent.ha.jinggong", "ent.ha.s02.d1", "ent.ha.tanhang"],
        "ent.cons.yuehui": ["ent.cons.kuaida", "ent.cons.s02.d1", "ent.cons.s02.d2", "ent.cons.s02.d3",
                            "ent.cons.s03.d1", "ent.cons.s03.d3", "ent.cons.tongcheng"],
    },
    "gap_candidates": {
        "beef.s02": {"jilin": ["ent.beef.breed_bc", "ent.beef.breed_na", "ent.beef.breed_qg"],
                     "other": ["ent.beef.breed_tl", "ent.beef.breed_xl"],
                     "already_supplying": ["ent.beef.breed_bc", "ent.beef.breed_na", "ent.beef.breed_qg",
                                           "ent.beef.breed_tl", "ent.beef.breed_xl"]},
        "beef.s08": {"jilin": ["ent.beef.bio_cc", "ent.beef.bio_jl"], "other": ["ent.beef.bio_wf"],
                     "already_supplying": ["ent.beef.bio_cc", "ent.beef.bio_jl", "ent.beef.bio_wf"]},
        "auto.s08": {"jilin": ["ent.auto.dianqu_jl", "ent.auto.xinneng_cc"],
                     "other": ["ent.auto.dianqu_sz", "ent.auto.dianqu_wh", "ent.catl"],
                     "already_supplying": ["ent.auto.dianqu_jl", "ent.auto.dianqu_sz", "ent.auto.dianqu_wh",
                                           "ent.auto.xinneng_cc", "ent.catl"]},
        "ha.s04": {"jilin": ["ent.ha.traction_cc", "ent.ha.transformer_jl"],
                   "other": ["ent.crrc_tec", "ent.crrc_yj", "ent.ha.motor_xa", "ent.ha.traction_bd"],
                   "already_supplying": ["ent.crrc_tec", "ent.crrc_yj", "ent.ha.motor_xa", "ent.ha.traction_bd",
                                         "ent.ha.traction_cc", "ent.ha.transformer_jl"]},
        "cons.s09": {"jilin": ["ent.cons.ski_gear_jl", "ent.cons.ski_jl", "ent.cons.ski_jy"],
                     "other": ["ent.cons.ski_cl", "ent.cons.ski_hb"],
                     "already_supplying": ["ent.cons.ski_cl", "ent.cons.ski_gear_jl", "ent.cons.ski_hb",
                                           "ent.cons.ski_jl", "ent.cons.ski_jy"]},
    },
    "srdi": {
        "beef": ["ent.beef.bio_cc", "ent.beef.breed_qg", "ent.beef.jieyuan_silage", "ent.beef.s01.j1",
                 "ent.beef.weiyuan"],
        "auto": ["ent.auto.dianqu_jl", "ent.auto.s01.d2", "ent.auto.s01.j1", "ent.auto.s02.j1", "ent.auto.s04.d1",
                 "ent.auto.s07.j1", "ent.auto.s09.j1", "ent.auto.xinzhu", "ent.auto.zhilian"],
        "ha": ["ent.ha.anchi", "ent.ha.huajian", "ent.ha.s02.j1", "ent.ha.tanhang", "ent.ha.tiesheng",
               "ent.ha.traction_cc", "ent.ha.zhurui"],
        "cons": ["ent.cons.s02.d1", "ent.cons.s03.d1", "ent.cons.ski_cl"],
    },
    "three_tier_path": [("ent.ha.zhurui", "p.ha.steel_casting"), ("ent.ha.jinggong", "p.ha.axlebox"),
                        ("ent.ha.tiesheng", "p.ha.frame"), ("ent.crrc_cc", None)],
    "cascade": [("ent.auto.xinzhu", "p.auto.al_casting", "ent.auto.hongrui", "p.auto.gearbox_housing",
                 "ent.auto.hengyuan")],
    "sme_candidates": ["ent.auto.xinzhu", "ent.beef.lvhe_feed", "ent.cons.xiangmanyuan"],
}


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    def expect(self, cond: bool, msg: str) -> None:
        if not cond:
            self.err(msg)


def split(cell: str) -> list[str]:
    return [x for x in re.split(r"[;；]", cell or "") if x.strip()]


def load_reference(ref: Path) -> dict[str, dict]:
    def rows(p: Path) -> list[dict[str, str]]:
        with p.open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    regions: dict[str, dict[str, str]] = {}
    for r in rows(ref / "regions" / "provinces.csv"):
        regions[r["code"]] = {"level": "province", "parent": ""}
    for r in rows(ref / "regions" / "cities.csv"):
        regions[r["code"]] = {"level": "city", "parent": r["provinceCode"]}
    for r in rows(ref / "regions" / "areas.csv"):
        regions[r["code"]] = {"level": "county", "parent": r["cityCode"]}
    for r in rows(ref / "regions" / "changchun_2201.csv"):
        regions[r["code"]] = {"level": r["level"], "parent": r["parent"]}
    industry = {r["code"] for r in rows(ref / "industry" / "gbt4754_2017_classes.csv")}
    hs = {r["hscode"] for r in rows(ref / "products" / "hs2022.csv")}
    return {"region": regions, "industry": industry, "hs": hs}


def load(data: Path, c: Checker) -> dict[str, list[dict[str, str]]]:
    tables: dict[str, list[dict[str, str]]] = {}
    for key, headers in HEADERS.items():
        path = data / f"{key}.csv"
        if not path.exists():
            c.err(f"missing file {path}")
            tables[key] = []
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            head = next(reader)
            c.expect(head == headers, f"{key}.csv: headers {head} != {headers}")
            tables[key] = [dict(zip(head, r)) for r in reader if any(x.strip() for x in r)]
    return tables


def check_cells(t: dict[str, list[dict[str, str]]], ref: dict, c: Checker) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    seen_all: dict[str, str] = {}
    for key, rows in t.items():
        ids[key] = set()
        for i, r in enumerate(rows, start=2):
            where = f"{key}.csv row {i}"
            for col in REQUIRED[key]:
                c.expect(r.get(col, "").strip() != "", f"{where}: required {col} empty")
            if "编号" in r:
                rid = r["编号"]
                c.expect(bool(ID_RE.match(rid)), f"{where}: id {rid!r} not stable lowercase ASCII")
                c.expect(rid not in ids[key], f"{where}: duplicate id {rid}")
                c.expect(rid not in seen_all or seen_all[rid] == key,
                         f"{where}: id {rid} also used in {seen_all.get(rid)}")
                ids[key].add(rid)
                seen_all[rid] = key
            prov = r["来源"]
            c.expect(prov == "illustrative" or prov.startswith("public:"), f"{where}: provenance {prov!r}")
            for (k, col), allowed in ENUMS.items():
                if k == key and r[col]:
                    c.expect(r[col] in allowed, f"{where}: {col}={r[col]!r} not in {sorted(allowed)}")
            for k, col in INTS:
                if k == key and r[col]:
                    c.expect(re.fullmatch(r"\d+", r[col]) is not None, f"{where}: {col}={r[col]!r} not an int")
            for k, col in FLOATS:
                if k == key and r[col]:
                    try:
                        c.expect(float(r[col]) >= 0, f"{where}: {col} negative")
                    except ValueError:
                        c.err(f"{where}: {col}={r[col]!r} not a number")
            for k, col in DATES:
                if k == key and r[col]:
                    c.expect(DATE_RE.match(r[col]) is not None, f"{where}: {col}={r[col]!r} not YYYY-MM-DD")
    for (key, col), (targets, is_list) in REFS.items():
        for i, r in enumerate(t[key], start=2):
            vals = split(r[col]) if is_list else ([r[col]] if r[col] else [])
            c.expect(is_list or ";" not in r[col], f"{key}.csv row {i}: {col} must hold one id")
            for v in vals:
                c.expect(any(v in ids[tg] for tg in targets), f"{key}.csv row {i}: {col} -> unknown id {v}")
    for key, col in (("segments", "行业代码"), ("enterprises", "行业代码")):
        for r in t[key]:
            if r[col]:
                c.expect(r[col] in ref["industry"] and len(r[col]) == 4, f"{key} {r['编号']}: industry {r[col]}")
    for r in t["products"]:
        if r["HS编码"]:
            c.expect(r["HS编码"] in ref["hs"], f"product {r['编号']}: HS {r['HS编码']} not in hs2022")
    for r in t["projects"]:
        if r["所在地区代码"]:
            c.expect(r["所在地区代码"] in ref["region"], f"project {r['编号']}: region {r['所在地区代码']}")
    return ids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    c = Checker()
    ref = load_reference(args.reference)
    t = load(args.data, c)
    ids = check_cells(t, ref, c)

    chains = [r["编号"] for r in t["chains"]]
    seg = {r["编号"]: r for r in t["segments"]}
    prod = {r["编号"]: r for r in t["products"]}
    tech = {r["编号"]: r for r in t["technologies"]}
    ent = {r["编号"]: r for r in t["enterprises"]}
    seg_chain = {s: r["所属产业链"] for s, r in seg.items()}

    # ---- chains, segments, technologies, domains -------------------------------------------------------
    c.expect(len(chains) >= 4, "need the four chains")
    for ch in chains:
        segs = sorted((int(r["顺序"]), s) for s, r in seg.items() if r["所属产业链"] == ch)
        c.expect(len(segs) >= 8, f"chain {ch}: {len(segs)} segments < 8")
        c.expect([p for p, _ in segs] == list(range(1, len(segs) + 1)), f"chain {ch}: positions not 1..n")
        n_tech = sum(1 for r in tech.values() if r["所属产业链"] == ch)
        c.expect(n_tech >= 4, f"chain {ch}: {n_tech} technologies < 4")
        doms = {d for r in prod.values() if any(seg_chain.get(s) == ch for s in split(r["所属环节"]))
                for d in split(r["应用领域"])}
        c.expect(len(doms) >= 3, f"chain {ch}: {len(doms)} application domains < 3")
    for s, r in seg.items():
        for nxt in split(r["下游环节"]):
            c.expect(seg_chain.get(nxt) == r["所属产业链"], f"segment {s} feeds {nxt} of another chain")
            c.expect(int(seg[nxt]["顺序"]) > int(r["顺序"]), f"segment {s} feeds upstream segment {nxt}")
    for k, r in tech.items():
        if r["技术状态"] in ("攻关", "目标"):
            c.expect(r["目标年份"] != "" and 2026 <= int(r["目标年份"]) <= 2035, f"technology {k}: target year")
    order = {"现有": 0, "攻关": 1, "目标": 2}
    for r in t["technology_paths"]:
        a, b = tech[r["起始技术编号"]], tech[r["目标技术编号"]]
        c.expect(order[b["技术状态"]] == order[a["技术状态"]] + 1,
                 f"path {a['编号']}->{b['编号']}: not current->developing or developing->target")
        c.expect(a["所属产业链"] == b["所属产业链"], f"path {a['编号']}->{b['编号']} crosses chains")
        c.expect(r["目标年份"] != "" and 2026 <= int(r["目标年份"]) <= 2035, "path target year out of 2026-2035")
    for ch in chains:
        chain_paths = [r for r in t["technology_paths"] if tech[r["起始技术编号"]]["所属产业链"] == ch]
        c.expect(any(tech[r["起始技术编号"]]["技术状态"] == "攻关" for r in chain_paths)
                 and any(tech[r["起始技术编号"]]["技术状态"] == "现有" for r in chain_paths),
                 f"chain {ch}: no current->developing->target roadmap")

    # ---- enterprises ----------------------------------------------------------------------------------------
    regions = ref["region"]
    for k, r in ent.items():
        code = r["所在地区代码"]
        inside = code.startswith("220106")
        c.expect(r["区内企业"] == ("是" if inside else "否"), f"enterprise {k}: 区内企业 inconsistent with {code}")
        if inside:
            c.expect(len(code) == 9 and regions.get(code, {}).get("parent") == "220106",
                     f"enterprise {k}: {code} is not a Lüyuan township-level code")
        else:
            c.expect(len(code) == 6 and regions.get(code, {}).get("level") == "county",
                     f"enterprise {k}: {code} is not a county-level code")
        c.expect(r["统一社会信用代码"] == "", f"enterprise {k}: credit code must stay blank")
        c.expect(r["链主企业"] == "否" or inside, f"enterprise {k}: anchor outside the district")
        for p in split(r["主要产品"]):
            c.expect(any(s in split(r["所属环节"]) for s in split(prod[p]["所属环节"])),
                     f"enterprise {k}: makes {p} outside its segments")
        if r["来源"] != "illustrative":
            c.expect(r["联系人"] == "" and r["联系电话"] == "", f"enterprise {k}: public firm with contact")
    n_ent = len(ent)
    n_in = sum(1 for r in ent.values() if r["区内企业"] == "是")
    c.expect(n_ent >= 220, f"{n_ent} enterprises < 220")
    c.expect(0.35 <= n_in / n_ent <= 0.45, f"district share {n_in / n_ent:.2f} not about 40%")

    # ---- supply links -----------------------------------------------------------------------------------------
    links = t["supply_links"]
    c.expect(len(links) >= 650, f"{len(links)} supply links < 650")
    keys = set()
    pairs: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for i, r in enumerate(links, start=2):
        s, b, p = r["供应企业编号"], r["采购企业编号"], r["供应产品"]
        c.expect(r["来源"] == "illustrative", f"supply_links row {i}: must be illustrative")
        c.expect(s != b, f"supply_links row {i}: self-supply")
        c.expect((s, b, p) not in keys, f"supply_links row {i}: duplicate {s},{b},{p}")
        keys.add((s, b, p))
        if s in ent:
            c.expect(p in split(ent[s]["主要产品"]), f"supply_links row {i}: {s} does not make {p}")
        if r["供应份额"]:
            c.expect(0 <= float(r["供应份额"]) <= 1, f"supply_links row {i}: share out of [0,1]")
        pairs[(b, p)].append(r)
    for (b, p), rows in pairs.items():
        total = sum(float(x["供应份额"] or 0) for x in rows)
        c.expect(total <= 1 + 1e-9, f"shares for ({b}, {p}) sum to {total:.3f} > 1")

    # ---- projects, policies, organisations ----------------------------------------------------------------------
    c.expect(len(t["projects"]) >= 32, "projects < 32")
    c.expect(len(t["policies"]) >= 32, "policies < 32")
    c.expect({r["政策层级"] for r in t["policies"]} == {"国家", "省级", "市级", "区级"}, "policy levels not mixed")
    c.expect(all(split(r["支持对象"]) for r in t["policies"]), "a policy supports nothing")
    orgs = {r["编号"]: r for r in t["organisations"]}
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in orgs.values():
        by_kind[r["机构类型"]].append(r)
    c.expect(len(by_kind["领导小组"]) == 1 and set(split(by_kind["领导小组"][0]["牵头产业链"])) == set(chains),
             "one leading group leading all chains")
    c.expect(len(by_kind["办公室"]) == 3, "three offices")
    c.expect(set().union(*(set(split(r["负责产业链"])) for r in by_kind["办公室"])) == set(chains),
             "offices own all chains")
    tfs = by_kind["工作专班"]
    c.expect(len(tfs) == 4 and sorted(ch for r in tfs for ch in split(r["牵头产业链"])) == sorted(chains),
             "four task forces, one per chain")
    for r in tfs:
        parent = orgs.get(r["上级机构"])
        c.expect(parent is not None and set(split(r["牵头产业链"])) <= set(split(parent["负责产业链"])),
                 f"task force {r['编号']}: parent office does not own its chain")
    c.expect(len(by_kind["牵头部门"]) >= 3 and all(split(r["负责产业链"]) for r in by_kind["牵头部门"]),
             "lead departments own chains")

    # ---- situations ----------------------------------------------------------------------------------------------
    def active_in(e: dict[str, str]) -> bool:
        return e["区内企业"] == "是" and e["经营状态"] == "在营"

    situ: dict[str, object] = {}
    breaks: dict[str, str] = {}
    chokes: dict[str, str] = {}
    for s in seg:
        district = [k for k, e in ent.items() if s in split(e["所属环节"]) and e["区内企业"] == "是"]
        active = [k for k in district if ent[k]["经营状态"] == "在营"]
        if not active:
            breaks[s] = "inactive-only" if district else "none"
        elif len(active) == 1:
            chokes[s] = active[0]
    situ["breaks"], situ["choke_points"] = breaks, chokes

    def hhi(rows: list[dict[str, str]]) -> float:
        sh = [float(x["供应份额"] or 0) for x in rows]
        return sum(x * x for x in sh) / sum(sh) ** 2 if sum(sh) else 1.0

    single = {k: v[0]["供应企业编号"] for k, v in pairs.items() if len(v) == 1}
    conc = {k: tuple((x["供应企业编号"], float(x["供应份额"])) for x in v)
            for k, v in pairs.items() if 2 <= len(v) <= 3 and hhi(v) > 0.5}
    ttr = {(r["供应企业编号"], r["采购企业编号"], r["供应产品"]): (int(r["替换所需天数"]), int(r["库存可支撑天数"]))
           for r in links if r["替换所需天数"] and r["库存可支撑天数"]
           and int(r["替换所需天数"]) > int(r["库存可支撑天数"])}
    situ["single_source"], situ["concentrated"], situ["ttr_gt_tts"] = single, conc, ttr

    def chain_of(k: str) -> set[str]:
        return {seg_chain[s] for s in split(ent[k]["所属环节"])}

    anchors = {ch: sorted(k for k, e in ent.items() if e["链主企业"] == "是" and active_in(e) and ch in chain_of(k))
               for ch in chains}
    situ["anchors"] = anchors
    suppliers_of: dict[str, set[str]] = defaultdict(set)
    for r in links:
        suppliers_of[r["采购企业编号"]].add(r["供应企业编号"])
    anchor_sup: dict[str, list[str]] = {}
    anchor_tier2: dict[str, list[str]] = {}
    for ch, ks in anchors.items():
        for a in ks:
            direct = sorted(s for s in suppliers_of[a] if ent[s]["区内企业"] == "是")
            anchor_sup[a] = direct
            anchor_tier2[a] = sorted({s2 for s in direct for s2 in suppliers_of[s]
                                      if ent[s2]["区内企业"] == "是" and s2 != a})
    situ["anchor_district_suppliers"], situ["anchor_tier2"] = anchor_sup, anchor_tier2

    path = EXPECTED["three_tier_path"]
    path_ok = all((path[i][0], path[i + 1][0], path[i][1]) in keys for i in range(len(path) - 1))
    situ["three_tier_path"] = path_ok

    gaps: dict[str, dict[str, list[str]]] = {}
    supplies_district = {r["供应企业编号"] for r in links if ent[r["采购企业编号"]]["区内企业"] == "是"}
    for s in breaks:
        cands = sorted(k for k, e in ent.items() if e["区内企业"] == "否" and e["经营状态"] == "在营"
                       and s in split(e["所属环节"]) and any(s in split(prod[p]["所属环节"])
                                                         for p in split(e["主要产品"])))
        gaps[s] = {"jilin": [k for k in cands if ent[k]["所在地区代码"].startswith("22")],
                   "other": [k for k in cands if not ent[k]["所在地区代码"].startswith("22")],
                   "already_supplying": [k for k in cands if k in supplies_district]}
    situ["gap_candidates"] = gaps
    srdi = {ch: sorted(k for k, e in ent.items() if e["专精特新"] == "是" and ch in chain_of(k)) for ch in chains}
    situ["srdi"] = srdi
    sme = sorted({v for v in single.values() if ent[v]["企业规模"] in ("小型", "微型")})
    situ["sme_candidates"] = sme
    cascade = sorted((x, p, y, q, z) for (y, p), x in single.items() for (z, q), y2 in single.items() if y2 == y)
    situ["cascade"] = cascade

    # ---- compare with the documented situations --------------------------------------------------------------
    exp = EXPECTED
    c.expect(breaks == exp["breaks"], f"breaks {breaks} != documented")
    c.expect(chokes == exp["choke_points"], f"choke points {chokes} != documented")
    for ch in chains:
        c.expect(any(seg_chain[s] == ch for s in breaks), f"chain {ch} has no chain break")
    c.expect("inactive-only" in breaks.values(), "no segment whose district firms are all inactive")
    c.expect(any(ent[k]["经营状态"] == "停产" for s, v in breaks.items() if v == "inactive-only"
                 for k in ent if s in split(ent[k]["所属环节"]) and ent[k]["区内企业"] == "是"),
             "no break segment whose only district firms are 停产")
    c.expect(single == exp["single_source"], f"single-source pairs {single} != documented")
    c.expect(sum(1 for v in single.values() if ent[v]["区内企业"] == "否") >= 2, "< 2 outside sole suppliers")
    c.expect(sum(1 for v in single.values() if ent[v]["区内企业"] == "是") >= 1, "no inside sole supplier")
    c.expect(conc == exp["concentrated"], f"concentrated pairs {conc} != documented")
    c.expect(ttr == exp["ttr_gt_tts"], f"TTR>TTS links {ttr} != documented")
    c.expect(anchors == exp["anchors"], f"anchors {anchors} != documented")
    c.expect(anchor_sup == exp["anchor_district_suppliers"], f"anchor district suppliers {anchor_sup} != documented")
    c.expect(anchor_tier2 == exp["anchor_tier2"], f"anchor tier-2 suppliers {anchor_tier2} != documented")
    c.expect(gaps == exp["gap_candidates"], f"gap candidates {gaps} != documented")
    c.expect(srdi == exp["srdi"], f"专精特新 per chain {srdi} != documented")
    for a in ("ent.haoyue", "ent.crrc_cc"):
        c.expect(len(anchor_sup[a]) >= 8, f"{a}: only {len(anchor_sup[a])} district suppliers")
        c.expect(len(anchor_tier2[a]) >= 1, f"{a}: no district tier-2 suppliers")
    c.expect(path_ok, "documented 3-tier path missing")
    for s, g in gaps.items():
        c.expect(len(g["jilin"]) + len(g["other"]) >= 2 and g["jilin"] and g["other"] and g["already_supplying"],
                 f"break {s}: gap candidates {g} insufficient")
    for ch, ks in srdi.items():
        c.expect(len(ks) >= 2, f"chain {ch}: fewer than 2 专精特新 firms")
    c.expect(sme == sorted(exp["sme_candidates"]), f"SME candidates {sme} != documented")
    c.expect(cascade == exp["cascade"], f"cascade {cascade} != documented")

    report(t, situ, ent)
    if c.errors:
        print(f"\nFAILED: {len(c.errors)} problem(s)")
        for e in c.errors[:200]:
            print("  -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


def report(t: dict[str, list[dict[str, str]]], situ: dict, ent: dict[str, dict[str, str]]) -> None:
    def name(k: str) -> str:
        e = ent[k]
        where = "区内" if e["区内企业"] == "是" else f"区外 {e['所在地区代码']}"
        return f"{k} {e['名称']}（{where}，{e['企业规模']}）"

    print("counts:", ", ".join(f"{k}={len(v)}" for k, v in t.items()))
    n_in = sum(1 for e in ent.values() if e["区内企业"] == "是")
    print(f"enterprises in district: {n_in}/{len(ent)} = {n_in / len(ent):.1%}")
    print("\n1. chain breaks (no active district firm):")
    for s, kind in situ["breaks"].items():
        print(f"   {s} [{kind}]")
    print("2. choke points (exactly one active district firm):")
    for s, k in situ["choke_points"].items():
        print(f"   {s} -> {name(k)}")
    print("3. single-source (buyer, product) <- supplier:")
    for (b, p), s in situ["single_source"].items():
        print(f"   ({b}, {p}) <- {name(s)}")
    print("4. concentrated (2-3 suppliers, HHI > 0.5):")
    for (b, p), sh in situ["concentrated"].items():
        tot = sum(x for _, x in sh)
        print(f"   ({b}, {p}): {', '.join(f'{s} {x:g}' for s, x in sh)}; "
              f"HHI={sum(x * x for _, x in sh) / tot ** 2:.4f}")
    print("5. time-to-recover > time-to-survive (supplier, buyer, product): 替换所需天数 > 库存可支撑天数")
    for (s, b, p), (rec, stock) in situ["ttr_gt_tts"].items():
        print(f"   {s} -> {b} {p}: {rec} > {stock}")
    print("6. anchors, their district suppliers and district tier-2 suppliers:")
    for ch, ks in situ["anchors"].items():
        for a in ks:
            sup = situ["anchor_district_suppliers"][a]
            print(f"   [{ch}] {a}: {len(sup)} district suppliers: {';'.join(sup)}")
            print(f"        tier-2 (district suppliers of those): {';'.join(situ['anchor_tier2'][a])}")
    print("7. 3-tier path present:", situ["three_tier_path"])
    print("8. gap-filling candidates per break:")
    for s, g in situ["gap_candidates"].items():
        print(f"   {s}: jilin={';'.join(g['jilin'])} | other={';'.join(g['other'])} | "
              f"already supplying district={';'.join(g['already_supplying'])}")
    print("9. 专精特新 per chain:")
    for ch, ks in situ["srdi"].items():
        print(f"   {ch} ({len(ks)}): {';'.join(ks)}")
    print("   SME candidates (小型/微型 sole suppliers):", ";".join(situ["sme_candidates"]))
    print("10. cascades X -P-> Y -Q-> Z:")
    for x, p, y, q, z in situ["cascade"]:
        print(f"   {x} -{p}-> {y} -{q}-> {z}")


if __name__ == "__main__":
    sys.exit(main())
