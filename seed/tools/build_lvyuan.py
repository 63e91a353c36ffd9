#!/usr/bin/env python3
"""Build the Lüyuan (绿园区, 220106) seed ledger: seed/data/lvyuan/*.csv.

Deterministic (seeded random, standard library only). The curated tables (chains, segment templates,
technologies, the named public firms, national policies, the chain-leader organisation) are written out
below; the illustrative parts (generic firms, every supply link, shares, values, days, projects, most
policies) are generated, and the situations the analyses must find are planted on purpose (see
seed/README.md, "Planted situations", and seed/tools/check_lvyuan.py, which recomputes them).

Honesty rule: every row says where it comes from. ``public: ...`` only for facts that are public and that
we are confident of (a firm exists, where it is, what it makes; a national policy document's title, issuer,
date and number). Everything else, and in particular every supply link, is ``illustrative``.

Usage: python seed/tools/build_lvyuan.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "seed" / "data" / "lvyuan"
CONFIRMED_ON = "2026-11-28"
ILL = "illustrative"
SEED = 20261128

PUB_LISTED = "public: 上市公司年报及公告（企业存在、注册地、主营业务）"
PUB_PROFILE = "public: 企业官网及公开报道（企业存在、所在地、主营业务）"
PUB_GOV = "public: 中国政府网政策文件库（标题、发文单位、成文日期、文号）"

# --------------------------------------------------------------------------------------------------
# Headers (Chinese, exactly as the ledger format expects)
# --------------------------------------------------------------------------------------------------
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

# --------------------------------------------------------------------------------------------------
# Chains and segment templates
# --------------------------------------------------------------------------------------------------
CHAINS = [
    ("beef", "肉牛深加工产业链", "区委书记",
     "以肉牛屠宰、分割、精深加工为核心，向上延伸饲草饲料与良种繁育、育肥养殖，向下延伸副产物综合利用、冷链物流与品牌销售。"),
    ("auto", "汽车零部件产业链", "区长",
     "围绕长春整车企业配套，覆盖原材料、铸锻、冲压、动力总成、底盘、车身内外饰、汽车电子、新能源三电与整车配套售后。"),
    ("ha", "高端装备产业链（含轨道客车）", "常务副区长",
     "以轨道客车整车制造为牵引，覆盖特种材料、铸锻结构件、转向架、牵引电气、制动、内装车体、网络控制信号与运维检修。"),
    ("cons", "新兴消费产业链", "副区长",
     "食材供应、预制菜、文创设计、即时配送、直播电商、智慧零售、夜经济、文旅、冰雪消费与商业综合体品牌运营。"),
]

# (id, name, chain, position, stage, GB/T 4754 class, description, feeds, technologies)
SEGMENTS = [
    ("beef.s01", "饲草饲料", "beef", 1, "上游", "1329", "青贮/黄贮饲草、精补饲料与预混料（含秸秆饲料化）",
     ["beef.s03"], ["tech.beef.straw", "tech.beef.tmr"]),
    ("beef.s02", "良种繁育", "beef", 2, "上游", "0531", "肉牛冻精、胚胎与架子牛供应",
     ["beef.s03"], ["tech.beef.ai", "tech.beef.et", "tech.beef.genomic"]),
    ("beef.s03", "育肥养殖", "beef", 3, "上游", "0311", "规模化肉牛育肥场与养殖合作社",
     ["beef.s04"], ["tech.beef.tmr", "tech.beef.precision"]),
    ("beef.s04", "屠宰", "beef", 4, "中游", "1351", "清真肉牛屠宰、胴体排酸",
     ["beef.s05", "beef.s07", "beef.s08"], ["tech.beef.chill"]),
    ("beef.s05", "分割与冷鲜肉", "beef", 5, "中游", "1351", "冷鲜/冷冻分割牛肉与食用副产品",
     ["beef.s06", "beef.s09"], ["tech.beef.chill", "tech.beef.trace"]),
    ("beef.s06", "精深加工", "beef", 6, "中游", "1353", "牛肉调理品、熟食与肉制品",
     ["beef.s09"], ["tech.beef.trace", "tech.beef.smartplant"]),
    ("beef.s07", "副产物利用：皮革", "beef", 7, "中游", "1910", "牛原皮鞣制、蓝湿皮与成品革",
     [], ["tech.beef.chromtan", "tech.beef.cleantan"]),
    ("beef.s08", "副产物利用：生物提取", "beef", 8, "中游", "2761", "骨、血等副产物提取胶原蛋白肽、硫酸软骨素等",
     [], ["tech.beef.gelatin", "tech.beef.collagen", "tech.beef.biomed"]),
    ("beef.s09", "冷链物流", "beef", 9, "下游", "5930", "低温仓储与冷链运输",
     ["beef.s10"], ["tech.beef.trace"]),
    ("beef.s10", "品牌与销售", "beef", 10, "下游", "5124", "品牌牛肉礼盒、商超与餐饮渠道分销",
     [], ["tech.beef.trace"]),

    ("auto.s01", "原材料（钢材/铝材/工程塑料）", "auto", 1, "上游", "3130", "汽车用钢板、特钢、铝合金锭、改性塑料",
     ["auto.s02", "auto.s03", "auto.s06"], []),
    ("auto.s02", "铸锻件", "auto", 2, "上游", "3391", "铝合金压铸、球墨铸铁件、锻件",
     ["auto.s04", "auto.s05"], ["tech.auto.hpdc", "tech.auto.megacast"]),
    ("auto.s03", "冲压件", "auto", 3, "中游", "3670", "车身冲压件与热成形件",
     ["auto.s05", "auto.s06", "auto.s09"], ["tech.auto.hot_stamp"]),
    ("auto.s04", "动力总成零部件", "auto", 4, "中游", "3670", "变速器壳体、齿轮、发动机零部件与变速器总成",
     ["auto.s09"], ["tech.auto.hpdc"]),
    ("auto.s05", "底盘系统", "auto", 5, "中游", "3670", "驱动桥、悬架、制动器与新能源底盘模块",
     ["auto.s09"], ["tech.auto.ctc"]),
    ("auto.s06", "车身与内外饰", "auto", 6, "中游", "3670", "座椅、仪表板、门板等内外饰",
     ["auto.s09"], ["tech.auto.lightweight"]),
    ("auto.s07", "汽车电子", "auto", 7, "中游", "3670", "线束、车身控制器、传感器、高压连接器",
     ["auto.s08", "auto.s09"], ["tech.auto.ecu_sw", "tech.auto.domain"]),
    ("auto.s08", "新能源三电（电池/电机/电控）", "auto", 8, "中游", "3841", "动力电池包、驱动电机、电机控制器",
     ["auto.s09"], ["tech.auto.pack", "tech.auto.ctc", "tech.auto.solid"]),
    ("auto.s09", "整车配套与售后", "auto", 9, "下游", "5172", "模块化配套、整车装配与售后备件",
     [], ["tech.auto.central"]),

    ("ha.s01", "原材料与特种材料", "ha", 1, "上游", "3252", "大断面铝型材、不锈钢板、碳纤维复合材料",
     ["ha.s02", "ha.s06"], ["tech.ha.cfrp"]),
    ("ha.s02", "铸锻与结构件", "ha", 2, "上游", "3391", "铸钢件、焊接结构件、轴箱体精加工",
     ["ha.s03", "ha.s06"], ["tech.ha.bogie_weld"]),
    ("ha.s03", "转向架", "ha", 3, "中游", "3715", "转向架构架、轮对、减振器与转向架总成",
     ["ha.s08"], ["tech.ha.bogie_weld", "tech.ha.phm"]),
    ("ha.s04", "牵引与电气系统", "ha", 4, "中游", "3714", "牵引变流器、牵引电机、牵引变压器",
     ["ha.s08"], ["tech.ha.igbt", "tech.ha.sic", "tech.ha.pmsm"]),
    ("ha.s05", "制动系统", "ha", 5, "中游", "3715", "制动夹钳单元与制动控制装置",
     ["ha.s08"], ["tech.ha.phm"]),
    ("ha.s06", "内装与车体", "ha", 6, "中游", "3715", "铝合金车体大部件、内装组件、座椅",
     ["ha.s08"], ["tech.ha.al_body", "tech.ha.cfrp"]),
    ("ha.s07", "网络控制与信号", "ha", 7, "中游", "3891", "列车网络控制系统与车载信号设备",
     ["ha.s08"], ["tech.ha.tcms", "tech.ha.phm", "tech.ha.autonomous"]),
    ("ha.s08", "整车制造（轨道客车）", "ha", 8, "下游", "3711", "动车组、城轨与市域车辆总装",
     ["ha.s09"], ["tech.ha.al_body", "tech.ha.lightweight", "tech.ha.hydrogen"]),
    ("ha.s09", "运维检修", "ha", 9, "下游", "8112", "高级修与检修备件",
     [], ["tech.ha.phm"]),

    ("cons.s01", "食材与原料供应", "cons", 1, "上游", "5119", "生鲜农产品与复合调味料",
     ["cons.s02", "cons.s07"], ["tech.cons.coldiot"]),
    ("cons.s02", "预制菜与中央厨房", "cons", 2, "上游", "1439", "预制菜、速冻米面食品",
     ["cons.s04", "cons.s05", "cons.s06", "cons.s07"], ["tech.cons.premade"]),
    ("cons.s03", "文创与IP设计", "cons", 3, "上游", "8890", "城市IP、文创商品设计",
     ["cons.s05", "cons.s06", "cons.s08"], ["tech.cons.immersive"]),
    ("cons.s04", "仓储与即时配送", "cons", 4, "中游", "5437", "前置仓、城市即时配送",
     ["cons.s05", "cons.s06"], ["tech.cons.instant", "tech.cons.drone"]),
    ("cons.s05", "直播电商", "cons", 5, "中游", "5292", "直播基地、MCN与电商运营",
     ["cons.s10"], ["tech.cons.live", "tech.cons.ailive"]),
    ("cons.s06", "智慧零售", "cons", 6, "下游", "5219", "智慧门店、社区团购与商超",
     ["cons.s10"], ["tech.cons.instant", "tech.cons.c2m"]),
    ("cons.s07", "夜经济与特色餐饮", "cons", 7, "下游", "6210", "夜市街区、特色餐饮",
     ["cons.s10"], ["tech.cons.premade"]),
    ("cons.s08", "文旅体验", "cons", 8, "下游", "9030", "城市休闲、工业旅游与文旅体验产品",
     ["cons.s10"], ["tech.cons.immersive"]),
    ("cons.s09", "冰雪消费", "cons", 9, "下游", "8930", "冰雪运动体验与冰雪装备",
     ["cons.s10"], ["tech.cons.immersive"]),
    ("cons.s10", "品牌运营与商业综合体", "cons", 10, "下游", "7222", "商业综合体运营与区域品牌",
     [], ["tech.cons.c2m"]),
]

# (id, name, chain, status, target year, description)
TECHS = [
    ("tech.beef.straw", "秸秆黄贮/青贮饲料化", "beef", "现有", None, "秸秆收储、青贮与饲料化利用"),
    ("tech.beef.tmr", "全混合日粮（TMR）饲喂", "beef", "现有", None, "按营养配方混合饲喂"),
    ("tech.beef.precision", "精准营养与智能饲喂", "beef", "攻关", 2027, "个体识别、采食监测与动态配方"),
    ("tech.beef.lowcarbon", "低碳肉牛养殖", "beef", "目标", 2035, "甲烷减排饲料与粪污资源化"),
    ("tech.beef.ai", "人工授精与冻精应用", "beef", "现有", None, "冻精人工授精"),
    ("tech.beef.et", "胚胎移植与性控冻精", "beef", "攻关", 2027, "胚胎移植、性别控制冻精扩繁"),
    ("tech.beef.genomic", "肉牛基因组选择育种", "beef", "目标", 2032, "基因组选择培育本地肉牛品系"),
    ("tech.beef.chill", "胴体排酸与冷鲜分级", "beef", "现有", None, "胴体排酸、冷鲜分割与分级"),
    ("tech.beef.trace", "全程追溯与智能分级", "beef", "攻关", 2027, "一牛一码追溯、机器视觉分级"),
    ("tech.beef.smartplant", "智能化屠宰分割工厂", "beef", "目标", 2030, "机器人分割与数字化车间"),
    ("tech.beef.gelatin", "骨胶/明胶提取", "beef", "现有", None, "传统骨胶、明胶提取"),
    ("tech.beef.collagen", "低温酶解制备胶原蛋白肽", "beef", "攻关", 2028, "定向酶解、膜分离纯化"),
    ("tech.beef.biomed", "牛源生物医用材料", "beef", "目标", 2033, "牛源组织制备生物医用材料"),
    ("tech.beef.chromtan", "铬鞣制革", "beef", "现有", None, "常规铬鞣工艺"),
    ("tech.beef.cleantan", "少铬/无铬清洁鞣制", "beef", "攻关", 2028, "清洁化制革与废水减排"),

    ("tech.auto.hpdc", "铝合金高压铸造", "auto", "现有", None, "壳体类铝合金高压压铸"),
    ("tech.auto.hot_stamp", "热成形冲压", "auto", "现有", None, "高强钢热成形"),
    ("tech.auto.megacast", "一体化大型压铸", "auto", "攻关", 2027, "车身结构件一体化压铸"),
    ("tech.auto.lightweight", "多材料轻量化车身", "auto", "目标", 2030, "钢铝混合与复合材料车身"),
    ("tech.auto.ecu_sw", "车身电子控制软件", "auto", "现有", None, "分布式ECU软件"),
    ("tech.auto.domain", "域控制器", "auto", "攻关", 2028, "座舱域/车身域控制器"),
    ("tech.auto.central", "中央计算与区域架构", "auto", "目标", 2032, "中央计算平台+区域控制"),
    ("tech.auto.pack", "动力电池包集成", "auto", "现有", None, "模组与电池包集成"),
    ("tech.auto.ctc", "电池车身一体化（CTC）", "auto", "攻关", 2028, "电芯直接集成于底盘"),
    ("tech.auto.solid", "固态电池应用", "auto", "目标", 2030, "半固态/固态电池装车"),

    ("tech.ha.al_body", "铝合金车体焊接", "ha", "现有", None, "大断面铝型材车体焊接"),
    ("tech.ha.cfrp", "碳纤维复合材料车体部件", "ha", "攻关", 2028, "碳纤维车体与内装部件"),
    ("tech.ha.lightweight", "新一代轻量化车体", "ha", "目标", 2032, "整车减重与多材料车体"),
    ("tech.ha.bogie_weld", "转向架构架焊接", "ha", "现有", None, "构架机器人焊接与探伤"),
    ("tech.ha.igbt", "IGBT牵引变流", "ha", "现有", None, "硅基IGBT牵引变流器"),
    ("tech.ha.sic", "碳化硅牵引变流器", "ha", "攻关", 2027, "SiC器件牵引变流"),
    ("tech.ha.pmsm", "永磁同步牵引系统", "ha", "目标", 2030, "永磁同步电机牵引系统"),
    ("tech.ha.tcms", "列车网络控制", "ha", "现有", None, "列车网络控制与诊断"),
    ("tech.ha.phm", "故障预测与健康管理（PHM）", "ha", "攻关", 2027, "关键部件状态监测与预测性维护"),
    ("tech.ha.autonomous", "列车智能驾驶", "ha", "目标", 2035, "全自动运行与智能运维"),
    ("tech.ha.hydrogen", "氢能源市域列车", "ha", "目标", 2030, "氢燃料电池动力市域列车"),

    ("tech.cons.coldiot", "冷链温控物联网", "cons", "现有", None, "冷库与车辆温控监测"),
    ("tech.cons.premade", "预制菜标准化与锁鲜", "cons", "攻关", 2027, "标准化工艺与锁鲜包装"),
    ("tech.cons.c2m", "数字化C2M柔性供应链", "cons", "目标", 2030, "需求驱动的柔性生产与补货"),
    ("tech.cons.live", "直播电商运营", "cons", "现有", None, "直播基地与主播孵化"),
    ("tech.cons.ailive", "AI数字人直播", "cons", "攻关", 2026, "数字人主播与智能选品"),
    ("tech.cons.immersive", "沉浸式消费场景（XR）", "cons", "目标", 2030, "XR沉浸式文旅与冰雪体验"),
    ("tech.cons.instant", "即时配送调度算法", "cons", "现有", None, "订单聚合与路径优化"),
    ("tech.cons.drone", "无人配送", "cons", "攻关", 2028, "无人车/无人机末端配送"),
]

PATHS = [
    ("tech.beef.straw", "tech.beef.precision", 2027), ("tech.beef.tmr", "tech.beef.precision", 2027),
    ("tech.beef.precision", "tech.beef.lowcarbon", 2035),
    ("tech.beef.ai", "tech.beef.et", 2027), ("tech.beef.et", "tech.beef.genomic", 2032),
    ("tech.beef.chill", "tech.beef.trace", 2027), ("tech.beef.trace", "tech.beef.smartplant", 2030),
    ("tech.beef.gelatin", "tech.beef.collagen", 2028), ("tech.beef.collagen", "tech.beef.biomed", 2033),
    ("tech.beef.chromtan", "tech.beef.cleantan", 2028),
    ("tech.auto.hpdc", "tech.auto.megacast", 2027), ("tech.auto.hot_stamp", "tech.auto.megacast", 2027),
    ("tech.auto.megacast", "tech.auto.lightweight", 2030),
    ("tech.auto.ecu_sw", "tech.auto.domain", 2028), ("tech.auto.domain", "tech.auto.central", 2032),
    ("tech.auto.pack", "tech.auto.ctc", 2028), ("tech.auto.ctc", "tech.auto.solid", 2030),
    ("tech.ha.al_body", "tech.ha.cfrp", 2028), ("tech.ha.cfrp", "tech.ha.lightweight", 2032),
    ("tech.ha.igbt", "tech.ha.sic", 2027), ("tech.ha.sic", "tech.ha.pmsm", 2030),
    ("tech.ha.sic", "tech.ha.hydrogen", 2030),
    ("tech.ha.tcms", "tech.ha.phm", 2027), ("tech.ha.bogie_weld", "tech.ha.phm", 2027),
    ("tech.ha.phm", "tech.ha.autonomous", 2035),
    ("tech.cons.coldiot", "tech.cons.premade", 2027), ("tech.cons.premade", "tech.cons.c2m", 2030),
    ("tech.cons.live", "tech.cons.ailive", 2026), ("tech.cons.ailive", "tech.cons.immersive", 2030),
    ("tech.cons.instant", "tech.cons.drone", 2028), ("tech.cons.drone", "tech.cons.c2m", 2030),
]

DOMAINS = [
    ("dom.beef.retail", "商超与社区零售", "冷鲜、冷冻牛肉及熟食的零售渠道"),
    ("dom.beef.catering", "餐饮与团餐", "餐饮连锁、团餐与中央厨房"),
    ("dom.beef.export", "清真食品出口", "清真牛肉及制品出口"),
    ("dom.beef.health", "生物医药与大健康", "胶原蛋白肽、软骨素等健康产品与医用材料"),
    ("dom.beef.leather", "皮革制品", "鞋服箱包与汽车内饰用革"),
    ("dom.auto.passenger", "乘用车", "轿车、SUV配套"),
    ("dom.auto.commercial", "商用车", "中重型卡车、客车配套"),
    ("dom.auto.nev", "新能源汽车", "纯电、插混车型配套"),
    ("dom.auto.aftermarket", "汽车后市场", "维修保养与备件"),
    ("dom.ha.hsr", "高速铁路", "动车组"),
    ("dom.ha.metro", "城市轨道交通", "地铁、轻轨车辆"),
    ("dom.ha.intercity", "市域（郊）与城际铁路", "市域车、城际动车组"),
    ("dom.ha.export", "海外轨道交通市场", "出口轨道车辆及服务"),
    ("dom.cons.local", "本地生活服务", "社区零售、即时配送与餐饮"),
    ("dom.cons.online", "线上消费", "直播与电商"),
    ("dom.cons.tourism", "文旅与冰雪旅游", "城市休闲、工业旅游与冰雪"),
    ("dom.cons.night", "夜间经济", "夜市街区与夜间消费"),
]

# (id, name, HS, unit, description, inputs, segments, technologies, domains)
PRODUCTS = [
    ("p.beef.silage", "青贮/黄贮饲草", "121490", "吨", "含秸秆黄贮", [], ["beef.s01"], ["tech.beef.straw"], []),
    ("p.beef.feed", "肉牛精补饲料", "2309", "吨", "精补料与预混料", [], ["beef.s01"], ["tech.beef.tmr"], []),
    ("p.beef.semen", "肉牛冷冻精液", "051110", "剂", "", [], ["beef.s02"], ["tech.beef.ai", "tech.beef.et"], []),
    ("p.beef.calf", "架子牛", "010229", "头", "供育肥的架子牛、犊牛", ["p.beef.semen"], ["beef.s02"],
     ["tech.beef.et"], []),
    ("p.beef.cattle", "育肥肉牛", "010229", "头", "出栏育肥牛",
     ["p.beef.calf", "p.beef.feed", "p.beef.silage", "p.beef.semen"], ["beef.s03"],
     ["tech.beef.tmr", "tech.beef.precision"], []),
    ("p.beef.carcass", "牛胴体", "020110", "吨", "排酸胴体", ["p.beef.cattle"], ["beef.s04"], ["tech.beef.chill"], []),
    ("p.beef.rawhide", "牛原皮", "410150", "张", "屠宰副产物", ["p.beef.cattle"], ["beef.s04"], [], []),
    ("p.beef.bone", "牛骨及血液等副产物", "0506", "吨", "屠宰副产物", ["p.beef.cattle"], ["beef.s04"], [], []),
    ("p.beef.chilled", "冷鲜分割牛肉", "020130", "吨", "", ["p.beef.carcass"], ["beef.s05"],
     ["tech.beef.chill", "tech.beef.trace"], ["dom.beef.retail", "dom.beef.catering", "dom.beef.export"]),
    ("p.beef.frozen", "冷冻分割牛肉", "020230", "吨", "", ["p.beef.carcass", "p.beef.cold_storage"], ["beef.s05"],
     ["tech.beef.chill"],
     ["dom.beef.retail", "dom.beef.catering", "dom.beef.export"]),
    ("p.beef.offal", "牛食用副产品", "020610", "吨", "", ["p.beef.carcass"], ["beef.s05"], [], ["dom.beef.catering"]),
    ("p.beef.prepared", "牛肉调理品及熟食", "160250", "吨", "", ["p.beef.chilled", "p.beef.offal"], ["beef.s06"],
     ["tech.beef.trace"], ["dom.beef.retail", "dom.beef.catering"]),
    ("p.beef.sausage", "牛肉肠类制品", "1601", "吨", "", ["p.beef.chilled", "p.beef.frozen"], ["beef.s06"], [],
     ["dom.beef.retail"]),
    ("p.beef.wetblue", "牛蓝湿皮", "410411", "张", "", ["p.beef.rawhide"], ["beef.s07"], ["tech.beef.chromtan"], []),
    ("p.beef.leather", "牛成品革", "4107", "平方米", "", ["p.beef.wetblue"], ["beef.s07"],
     ["tech.beef.cleantan"], ["dom.beef.leather"]),
    ("p.beef.collagen", "牛骨胶原蛋白肽", "3504", "吨", "", ["p.beef.bone"], ["beef.s08"],
     ["tech.beef.collagen"], ["dom.beef.health"]),
    ("p.beef.chondroitin", "硫酸软骨素", "3913", "吨", "", ["p.beef.bone"], ["beef.s08"], ["tech.beef.gelatin"],
     ["dom.beef.health"]),
    ("p.beef.cold_storage", "冷库仓储服务", "", "吨·天", "服务", [], ["beef.s09"], ["tech.beef.trace"], []),
    ("p.beef.cold_transport", "冷链运输服务", "", "吨·公里", "服务", [], ["beef.s09"], ["tech.beef.trace"], []),
    ("p.beef.giftbox", "品牌牛肉礼盒", "0201", "盒", "", ["p.beef.chilled", "p.beef.prepared", "p.beef.cold_transport"],
     ["beef.s10"], ["tech.beef.trace"], ["dom.beef.retail"]),

    ("p.auto.steel_sheet", "汽车用冷轧钢板", "7209", "吨", "", [], ["auto.s01"], [], []),
    ("p.auto.special_steel", "齿轮钢/特殊钢棒材", "7228", "吨", "", [], ["auto.s01"], [], []),
    ("p.auto.al_ingot", "铝合金锭", "7601", "吨", "含再生铝", [], ["auto.s01"], [], []),
    ("p.auto.plastic", "改性工程塑料粒子", "3902", "吨", "改性聚丙烯等", [], ["auto.s01"], [], []),
    ("p.auto.al_casting", "铝合金压铸毛坯", "7616", "件", "", ["p.auto.al_ingot"], ["auto.s02"],
     ["tech.auto.hpdc"], []),
    ("p.auto.iron_casting", "球墨铸铁件", "7325", "吨", "", [], ["auto.s02"], [], []),
    ("p.auto.forging", "锻件（曲轴/齿坯）", "7326", "件", "", ["p.auto.special_steel"], ["auto.s02"], [], []),
    ("p.auto.stamping", "车身冲压件", "870829", "件", "", ["p.auto.steel_sheet"], ["auto.s03"],
     ["tech.auto.hot_stamp"], []),
    ("p.auto.gearbox_housing", "变速器壳体", "870840", "件", "", ["p.auto.al_casting"], ["auto.s04"],
     ["tech.auto.hpdc"], []),
    ("p.auto.gears", "变速器齿轮", "848340", "件", "", ["p.auto.forging"], ["auto.s04"], [], []),
    ("p.auto.engine_parts", "发动机零部件", "8409", "件", "缸体、缸盖、泵类附件",
     ["p.auto.iron_casting", "p.auto.forging"], ["auto.s04"], [], []),
    ("p.auto.gearbox", "变速器总成", "870840", "台", "", ["p.auto.gearbox_housing", "p.auto.gears"], ["auto.s04"], [],
     ["dom.auto.passenger", "dom.auto.commercial"]),
    ("p.auto.axle", "驱动桥总成", "870850", "台", "", ["p.auto.iron_casting", "p.auto.forging"], ["auto.s05"], [],
     ["dom.auto.commercial"]),
    ("p.auto.suspension", "悬架系统", "870880", "套", "", ["p.auto.stamping", "p.auto.forging"], ["auto.s05"], [],
     ["dom.auto.passenger", "dom.auto.commercial"]),
    ("p.auto.brake", "制动器", "870830", "套", "", ["p.auto.iron_casting"], ["auto.s05"], [],
     ["dom.auto.passenger", "dom.auto.aftermarket"]),
    ("p.auto.ev_chassis", "新能源底盘模块", "870899", "套", "",
     ["p.auto.battery_pack", "p.auto.emotor", "p.auto.inverter", "p.auto.axle", "p.auto.hv_connector"], ["auto.s05"],
     ["tech.auto.ctc"], ["dom.auto.nev"]),
    ("p.auto.seat", "汽车座椅", "940120", "套", "", ["p.auto.stamping", "p.auto.plastic"], ["auto.s06"], [],
     ["dom.auto.passenger"]),
    ("p.auto.interior", "内饰件（仪表板/门板）", "870829", "套", "", ["p.auto.plastic"], ["auto.s06"],
     ["tech.auto.lightweight"], ["dom.auto.passenger"]),
    ("p.auto.harness", "汽车线束", "854430", "套", "", [], ["auto.s07"], [], ["dom.auto.passenger", "dom.auto.nev"]),
    ("p.auto.ecu", "车身控制器", "853710", "件", "", [], ["auto.s07"], ["tech.auto.ecu_sw", "tech.auto.domain"],
     ["dom.auto.passenger"]),
    ("p.auto.sensor", "车用传感器", "903180", "件", "", [], ["auto.s07"], [], ["dom.auto.passenger"]),
    ("p.auto.hv_connector", "高压连接器及充电枪", "8536", "件", "", [], ["auto.s07"], [], ["dom.auto.nev"]),
    ("p.auto.battery_pack", "动力电池包", "850760", "套", "", [], ["auto.s08"], ["tech.auto.pack", "tech.auto.ctc"],
     ["dom.auto.nev"]),
    ("p.auto.emotor", "驱动电机", "8501", "台", "", [], ["auto.s08"], [], ["dom.auto.nev"]),
    ("p.auto.inverter", "电机控制器", "850440", "台", "", [], ["auto.s08"], [], ["dom.auto.nev"]),
    ("p.auto.module", "座舱/前端模块", "870899", "套", "",
     ["p.auto.seat", "p.auto.interior", "p.auto.harness", "p.auto.stamping", "p.auto.ecu"], ["auto.s09"], [],
     ["dom.auto.passenger"]),
    ("p.auto.aftermarket", "售后备件", "8708", "件", "",
     ["p.auto.brake", "p.auto.suspension", "p.auto.harness", "p.auto.sensor"], ["auto.s09"], [],
     ["dom.auto.aftermarket"]),
    ("p.auto.vehicle", "整车", "8703", "辆", "",
     ["p.auto.module", "p.auto.gearbox", "p.auto.axle", "p.auto.suspension", "p.auto.brake", "p.auto.seat",
      "p.auto.interior", "p.auto.harness", "p.auto.ecu", "p.auto.sensor", "p.auto.battery_pack", "p.auto.emotor",
      "p.auto.inverter", "p.auto.stamping", "p.auto.engine_parts"], ["auto.s09"], ["tech.auto.central"],
     ["dom.auto.passenger", "dom.auto.commercial", "dom.auto.nev"]),

    ("p.ha.al_profile", "大断面铝合金型材", "760429", "吨", "", [], ["ha.s01"], ["tech.ha.al_body"], []),
    ("p.ha.stainless", "不锈钢板", "7219", "吨", "", [], ["ha.s01"], [], []),
    ("p.ha.carbon_fiber", "碳纤维及复合材料", "6815", "吨", "", [], ["ha.s01"], ["tech.ha.cfrp"], []),
    ("p.ha.steel_casting", "铸钢件毛坯", "7325", "件", "", [], ["ha.s02"], [], []),
    ("p.ha.weld_struct", "焊接结构件", "7308", "件", "", ["p.ha.stainless"], ["ha.s02"], ["tech.ha.bogie_weld"], []),
    ("p.ha.axlebox", "轴箱体精加工件", "860719", "件", "", ["p.ha.steel_casting"], ["ha.s02"], [], []),
    ("p.ha.wheelset", "轮对", "860719", "条", "", [], ["ha.s03"], [], []),
    ("p.ha.frame", "转向架构架", "860719", "件", "", ["p.ha.axlebox", "p.ha.weld_struct"], ["ha.s03"],
     ["tech.ha.bogie_weld"], []),
    ("p.ha.damper", "减振器及空气弹簧", "860719", "件", "", [], ["ha.s03"], [], []),
    ("p.ha.bogie", "转向架", "860712", "台", "",
     ["p.ha.frame", "p.ha.wheelset", "p.ha.damper", "p.ha.brake_unit"], ["ha.s03"], ["tech.ha.phm"], []),
    ("p.ha.traction_converter", "牵引变流器", "850440", "台", "", [], ["ha.s04"], ["tech.ha.igbt", "tech.ha.sic"], []),
    ("p.ha.traction_motor", "牵引电机", "8501", "台", "", [], ["ha.s04"], ["tech.ha.pmsm"], []),
    ("p.ha.transformer", "牵引变压器", "8504", "台", "", [], ["ha.s04"], [], []),
    ("p.ha.brake_unit", "制动夹钳单元", "860721", "套", "", [], ["ha.s05"], [], []),
    ("p.ha.brake_ctrl", "制动控制装置", "860721", "套", "", [], ["ha.s05"], ["tech.ha.phm"], []),
    ("p.ha.carbody", "铝合金车体大部件", "860799", "件", "", ["p.ha.al_profile"], ["ha.s06"], ["tech.ha.al_body"], []),
    ("p.ha.interior", "车内装饰组件", "860799", "套", "", ["p.ha.carbon_fiber"], ["ha.s06"], ["tech.ha.cfrp"], []),
    ("p.ha.seat", "轨道车辆座椅", "9401", "套", "", [], ["ha.s06"], [], []),
    ("p.ha.tcms", "列车网络控制系统", "853710", "套", "", [], ["ha.s07"], ["tech.ha.tcms", "tech.ha.phm"], []),
    ("p.ha.signal", "车载信号设备", "853010", "套", "", [], ["ha.s07"], ["tech.ha.autonomous"], []),
    ("p.ha.emu", "动车组及城轨车辆", "8603", "辆", "",
     ["p.ha.bogie", "p.ha.traction_converter", "p.ha.traction_motor", "p.ha.transformer", "p.ha.brake_ctrl",
      "p.ha.carbody", "p.ha.al_profile", "p.ha.interior", "p.ha.seat", "p.ha.tcms", "p.ha.signal", "p.ha.stainless"],
     ["ha.s08"], ["tech.ha.al_body", "tech.ha.lightweight", "tech.ha.hydrogen"],
     ["dom.ha.hsr", "dom.ha.metro", "dom.ha.intercity", "dom.ha.export"]),
    ("p.ha.spares", "检修备品备件", "860799", "件", "", [], ["ha.s09"], [], ["dom.ha.metro"]),
    ("p.ha.overhaul", "高级修检修服务", "", "辆次", "服务", ["p.ha.spares"], ["ha.s09"], ["tech.ha.phm"],
     ["dom.ha.hsr", "dom.ha.metro"]),

    ("p.cons.produce", "生鲜农产品", "07", "吨", "", [], ["cons.s01"], ["tech.cons.coldiot"], ["dom.cons.local"]),
    ("p.cons.seasoning", "复合调味料", "2103", "吨", "", [], ["cons.s01"], [], []),
    ("p.cons.premade", "预制菜", "1602", "吨", "", ["p.cons.produce", "p.cons.seasoning", "p.beef.chilled"],
     ["cons.s02"], ["tech.cons.premade"], ["dom.cons.local", "dom.cons.online"]),
    ("p.cons.frozen", "速冻米面食品", "190220", "吨", "", ["p.cons.produce", "p.cons.seasoning"], ["cons.s02"],
     ["tech.cons.premade"], ["dom.cons.local"]),
    ("p.cons.ip", "城市IP与文创设计服务", "", "项", "服务", [], ["cons.s03"], [], ["dom.cons.tourism"]),
    ("p.cons.creative", "文创商品", "", "件", "", ["p.cons.ip"], ["cons.s03"], [], ["dom.cons.tourism"]),
    ("p.cons.delivery", "即时配送服务", "", "单", "服务", [], ["cons.s04"], ["tech.cons.instant"], ["dom.cons.local"]),
    ("p.cons.warehouse", "前置仓/云仓服务", "", "平方米·月", "服务", [], ["cons.s04"], [], ["dom.cons.online"]),
    ("p.cons.live", "直播带货服务", "", "场", "服务", ["p.cons.premade", "p.cons.creative", "p.cons.warehouse"],
     ["cons.s05"], ["tech.cons.live"], ["dom.cons.online"]),
    ("p.cons.retail_goods", "智慧零售商品与服务", "", "单", "门店与社区零售",
     ["p.cons.premade", "p.cons.frozen", "p.cons.creative", "p.cons.ski_gear", "p.cons.delivery",
      "p.beef.chilled", "p.beef.prepared", "p.beef.collagen"], ["cons.s06"], ["tech.cons.instant"],
     ["dom.cons.local"]),
    ("p.cons.night_dining", "夜经济特色餐饮", "", "桌", "服务",
     ["p.cons.produce", "p.cons.seasoning", "p.cons.premade", "p.beef.chilled"], ["cons.s07"], [],
     ["dom.cons.night"]),
    ("p.cons.tour", "文旅体验产品", "", "人次", "服务", ["p.cons.creative", "p.cons.ski_service"], ["cons.s08"],
     ["tech.cons.immersive"], ["dom.cons.tourism"]),
    ("p.cons.ski_service", "冰雪运动体验服务", "", "人次", "服务", ["p.cons.ski_gear"], ["cons.s09"], [],
     ["dom.cons.tourism"]),
    ("p.cons.ski_gear", "冰雪运动装备", "950611", "件", "", [], ["cons.s09"], [], ["dom.cons.tourism"]),
    ("p.cons.mall_ops", "商业综合体运营服务", "", "平方米", "服务",
     ["p.cons.delivery", "p.cons.creative", "p.cons.live", "p.cons.ip"], ["cons.s10"], ["tech.cons.c2m"],
     ["dom.cons.local", "dom.cons.night"]),
    ("p.cons.brand", "区域公共品牌运营", "", "项", "服务", ["p.cons.ip", "p.cons.live"], ["cons.s10"], [],
     ["dom.cons.online"]),
]

# --------------------------------------------------------------------------------------------------
# Enterprises
# --------------------------------------------------------------------------------------------------
ENTERPRISES: list[dict] = []


def firm(eid, name, region, scale, segments, products, *, anchor=False, srdi=False, status="在营", ind=None,
         desc="", prov=ILL, techs=(), contact=("", "")):
    ENTERPRISES.append(dict(
        id=eid, name=name, region=region, scale=scale, segments=list(segments), products=list(products),
        anchor=anchor, srdi=srdi, status=status, ind=ind, desc=desc, prov=prov, techs=list(techs),
        contact=contact,
    ))


TOWNSHIP_NOTE = "（公开信息确认位于长春市绿园区；乡镇级地区代码为示意）"

# ---- public, named firms (facts: exists, where, what it makes). Their supply links are illustrative. ----
firm("ent.haoyue", "吉林省长春皓月清真肉业股份有限公司", "220106401", "大型",
     ["beef.s04", "beef.s05", "beef.s06", "beef.s10"],
     ["p.beef.carcass", "p.beef.rawhide", "p.beef.bone", "p.beef.chilled", "p.beef.frozen", "p.beef.offal",
      "p.beef.prepared", "p.beef.giftbox"],
     anchor=True, ind="1351", prov="public: 企业官网及公开报道（企业存在、位于绿园区、肉牛屠宰加工主业）；乡镇级代码为示意",
     desc="清真肉牛屠宰、分割与精深加工（集团公开资料另有养殖、饲料、制革、生物等板块，本台账未逐一建模）" + TOWNSHIP_NOTE,
     techs=["tech.beef.chill", "tech.beef.trace", "tech.beef.collagen"])
firm("ent.crrc_cc", "中车长春轨道客车股份有限公司", "220106400", "大型", ["ha.s03", "ha.s08", "ha.s09"],
     ["p.ha.bogie", "p.ha.emu", "p.ha.overhaul"], anchor=True, ind="3711",
     prov="public: 企业官网及公开报道（企业存在、位于绿园区、轨道客车研制）；乡镇级代码为示意",
     desc="动车组、城轨、市域车辆研发制造及检修" + TOWNSHIP_NOTE,
     techs=["tech.ha.al_body", "tech.ha.bogie_weld", "tech.ha.tcms", "tech.ha.phm", "tech.ha.hydrogen"])

firm("ent.kerchin", "内蒙古科尔沁牛业股份有限公司", "150502", "大型", ["beef.s04", "beef.s05"],
     ["p.beef.carcass", "p.beef.chilled", "p.beef.frozen"], ind="1351", prov=PUB_PROFILE,
     desc="肉牛屠宰与牛肉加工（通辽）")
firm("ent.fucheng", "河北福成五丰食品股份有限公司", "131082", "大型", ["beef.s04", "beef.s05"],
     ["p.beef.carcass", "p.beef.chilled"], ind="1351", prov=PUB_LISTED, desc="肉牛屠宰加工（三河）")
firm("ent.haid", "广东海大集团股份有限公司", "440113", "大型", ["beef.s01"], ["p.beef.feed"], ind="1329",
     prov=PUB_LISTED, desc="饲料研发生产（广州番禺）")
firm("ent.xingye", "兴业皮革科技股份有限公司", "350582", "大型", ["beef.s07"], ["p.beef.wetblue", "p.beef.leather"],
     ind="1910", prov=PUB_LISTED, desc="牛皮革鞣制与成品革（晋江）")
firm("ent.oya", "长春欧亚集团股份有限公司", "220104", "大型", ["cons.s06"], ["p.cons.retail_goods"], ind="5211",
     prov=PUB_LISTED, desc="百货、超市零售（长春朝阳区）")

firm("ent.faw", "中国第一汽车集团有限公司", "220174", "大型", ["auto.s09"], ["p.auto.vehicle"], ind="3611",
     prov=PUB_PROFILE, desc="整车研发制造（长春汽车经济技术开发区）")
firm("ent.faw_vw", "一汽-大众汽车有限公司", "220174", "大型", ["auto.s09"], ["p.auto.vehicle"], ind="3611",
     prov=PUB_PROFILE, desc="乘用车制造（长春汽车经济技术开发区）")
firm("ent.fawer", "富奥汽车零部件股份有限公司", "220173", "大型", ["auto.s04", "auto.s05"],
     ["p.auto.suspension", "p.auto.engine_parts"], ind="3670", prov=PUB_LISTED,
     desc="底盘系统、转向及传动、发动机附件等零部件（长春；县级代码按公开地址取高新区）")
firm("ent.fuwei", "长春富维集团汽车零部件股份有限公司", "220174", "大型", ["auto.s06", "auto.s09"],
     ["p.auto.interior", "p.auto.module"], ind="3670", prov=PUB_LISTED, desc="汽车内外饰件及模块（长春）")
firm("ent.fslear", "长春一汽富晟李尔汽车电器有限公司", "220173", "大型", ["auto.s07"], ["p.auto.harness"],
     ind="3670", prov=PUB_PROFILE, desc="汽车线束（长春高新区）")
firm("ent.jieyi", "长春捷翼汽车科技股份有限公司", "220173", "中型", ["auto.s07"], ["p.auto.hv_connector"], ind="3670",
     srdi=False, prov=PUB_PROFILE, desc="新能源汽车充电枪与高压连接产品（长春高新区）")
firm("ent.catl", "宁德时代新能源科技股份有限公司", "350902", "大型", ["auto.s08"], ["p.auto.battery_pack"],
     ind="3841", prov=PUB_LISTED, desc="动力电池系统（宁德蕉城区）")
firm("ent.baosteel", "宝山钢铁股份有限公司", "310113", "大型", ["auto.s01"], ["p.auto.steel_sheet"], ind="3130",
     prov=PUB_LISTED, desc="汽车板等钢材（上海宝山区）")
firm("ent.ansteel", "鞍钢股份有限公司", "210302", "大型", ["auto.s01"], ["p.auto.steel_sheet"], ind="3130",
     prov=PUB_LISTED, desc="冷轧板等钢材（鞍山）")

firm("ent.crrc_sf", "中车青岛四方机车车辆股份有限公司", "370214", "大型", ["ha.s03", "ha.s08"],
     ["p.ha.bogie", "p.ha.emu"], ind="3711", prov=PUB_PROFILE, desc="动车组与城轨车辆（青岛城阳区）")
firm("ent.crrc_tec", "株洲中车时代电气股份有限公司", "430204", "大型", ["ha.s04", "ha.s07"],
     ["p.ha.traction_converter", "p.ha.tcms"], ind="3714", prov=PUB_LISTED,
     desc="轨道交通牵引变流与列车网络控制系统（株洲石峰区）", techs=["tech.ha.igbt", "tech.ha.sic"])
firm("ent.crrc_yj", "中车永济电机有限公司", "140881", "大型", ["ha.s04"], ["p.ha.traction_motor"], ind="3812",
     prov=PUB_PROFILE, desc="轨道交通牵引电机（山西永济）")
firm("ent.zongheng", "北京纵横机电科技有限公司", "110108", "大型", ["ha.s05"], ["p.ha.brake_ctrl", "p.ha.brake_unit"],
     ind="3715", prov=PUB_PROFILE, desc="轨道车辆制动系统（北京海淀区）")
firm("ent.traffic", "交控科技股份有限公司", "110106", "大型", ["ha.s07"], ["p.ha.signal"], ind="3891",
     prov=PUB_LISTED, desc="城市轨道交通信号系统（北京丰台区）")
firm("ent.kte", "今创集团股份有限公司", "320412", "大型", ["ha.s06"], ["p.ha.interior", "p.ha.seat"], ind="3715",
     prov=PUB_LISTED, desc="轨道车辆内装与座椅（常州武进区）")
firm("ent.tyhi", "太原重工股份有限公司", "140109", "大型", ["ha.s03"], ["p.ha.wheelset"], ind="3715",
     prov=PUB_LISTED, desc="轨道交通轮轴等（太原万柏林区）")
firm("ent.masteel", "马鞍山钢铁股份有限公司", "340504", "大型", ["ha.s03"], ["p.ha.wheelset"], ind="3120",
     prov=PUB_LISTED, desc="钢材与车轮（马鞍山雨山区）")
firm("ent.tisco", "山西太钢不锈钢股份有限公司", "140108", "大型", ["ha.s01"], ["p.ha.stainless"], ind="3130",
     prov=PUB_LISTED, desc="不锈钢板材（太原尖草坪区）")
firm("ent.midas", "吉林麦达斯铝业有限公司", "220402", "大型", ["ha.s01", "ha.s06"], ["p.ha.al_profile", "p.ha.carbody"],
     ind="3252", prov="public: 公开报道（企业存在、位于辽源、轨道车辆铝型材及车体大部件）；县级代码为示意",
     desc="轨道车辆大断面铝型材与铝合金车体大部件（辽源；县级代码为示意）")
firm("ent.jlcf", "吉林化纤股份有限公司", "220203", "大型", ["ha.s01"], ["p.ha.carbon_fiber"], ind="2812",
     prov=PUB_LISTED, desc="化学纤维及碳纤维（吉林市）")

# ---- illustrative firms with planted roles (invented, generic names) ----
C = ("", "")
# beef, district
firm("ent.beef.lvhe_feed", "长春绿禾饲料有限公司", "220106102", "小型", ["beef.s01"], ["p.beef.feed", "p.beef.silage"],
     ind="1329", desc="肉牛精补饲料、青贮饲草", techs=["tech.beef.tmr"], contact=("张工", "0431-8xxxxxxx"))
firm("ent.beef.fengmu_feed", "长春丰牧饲料有限公司", "220106100", "中型", ["beef.s01"], ["p.beef.feed", "p.beef.silage"],
     ind="1329", desc="反刍饲料", techs=["tech.beef.tmr"])
firm("ent.beef.jieyuan_silage", "长春秸源草业有限公司", "220106101", "小型", ["beef.s01"],
     ["p.beef.silage", "p.beef.feed"], srdi=True, ind="1329", desc="秸秆黄贮与饲草加工", techs=["tech.beef.straw"])
for i, (nm, reg, sc) in enumerate([
    ("长春合心肉牛养殖有限公司", "220106100", "中型"), ("长春西新牧业有限公司", "220106101", "中型"),
    ("长春城西肉牛育肥有限公司", "220106102", "小型"), ("长春金穗牧业有限公司", "220106100", "中型"),
    ("长春犇旺肉牛养殖有限公司", "220106101", "小型"), ("长春瑞牛牧业有限公司", "220106102", "小型"),
], start=1):
    firm(f"ent.beef.farm{i}", nm, reg, sc, ["beef.s03"], ["p.beef.cattle"], ind="0311", desc="肉牛育肥",
         techs=["tech.beef.tmr"] + (["tech.beef.precision"] if i == 2 else []),
         contact=("李经理", "0431-8xxxxxxx") if i in (1, 4) else C)
firm("ent.beef.shengyuan", "长春盛源清真肉类加工有限公司", "220106401", "中型", ["beef.s04"],
     ["p.beef.carcass", "p.beef.rawhide", "p.beef.bone"], ind="1351", desc="清真肉牛屠宰", techs=["tech.beef.chill"])
firm("ent.beef.xianrun", "长春鲜润食品有限公司", "220106401", "中型", ["beef.s05"], ["p.beef.chilled", "p.beef.frozen"],
     ind="1351", desc="冷鲜牛肉分割", techs=["tech.beef.chill"])
firm("ent.beef.weiyuan", "长春味源牛肉制品有限公司", "220106401", "中型", ["beef.s06"],
     ["p.beef.prepared", "p.beef.sausage"], srdi=True, ind="1353", desc="牛肉调理品与熟食",
     techs=["tech.beef.trace"])
firm("ent.beef.fuman", "长春福满食品有限公司", "220106401", "小型", ["beef.s06"], ["p.beef.sausage", "p.beef.prepared"],
     ind="1353", desc="牛肉肠类制品")
firm("ent.beef.tannery", "长春瑞丰皮革制品有限公司", "220106401", "中型", ["beef.s07"],
     ["p.beef.wetblue", "p.beef.leather"], ind="1910", desc="牛皮鞣制与成品革", techs=["tech.beef.chromtan"])
firm("ent.beef.kangyuan_bio", "长春康源生物制品有限公司", "220106401", "小型", ["beef.s08"],
     ["p.beef.collagen", "p.beef.chondroitin"], status="停产", ind="2761", desc="骨源胶原蛋白肽（已停产）",
     techs=["tech.beef.gelatin"])
firm("ent.beef.cold1", "长春冷运达冷链物流有限公司", "220106401", "中型", ["beef.s09"],
     ["p.beef.cold_storage", "p.beef.cold_transport"], ind="5930", desc="冷库与冷链运输", techs=["tech.beef.trace"])
firm("ent.beef.cold2", "长春冰源冷链物流有限公司", "220106400", "小型", ["beef.s09"],
     ["p.beef.cold_storage", "p.beef.cold_transport"], ind="5432", desc="冷藏车运输")
firm("ent.beef.cold3", "长春恒温仓储服务有限公司", "220106400", "小型", ["beef.s09"], ["p.beef.cold_storage"],
     ind="5930", desc="低温仓储")
firm("ent.beef.niuxiang", "长春牛享汇商贸有限公司", "220106003", "小型", ["beef.s10"], ["p.beef.giftbox"], ind="5124",
     desc="品牌牛肉礼盒分销", contact=("王经理", "0431-8xxxxxxx"))
firm("ent.beef.qingzhen_scm", "长春清真食品供应链有限公司", "220106001", "中型", ["beef.s10"], ["p.beef.giftbox"],
     ind="5124", desc="清真牛肉制品分销")
# beef, outside
firm("ent.beef.woye_feed", "公主岭沃野饲料有限公司", "220184", "中型", ["beef.s01"], ["p.beef.feed", "p.beef.silage"],
     ind="1329", desc="反刍饲料")
firm("ent.beef.breed_xl", "锡林浩特草原红种牛繁育有限公司", "152502", "中型", ["beef.s02"],
     ["p.beef.semen", "p.beef.calf"], ind="0531", desc="肉牛冻精与种牛", techs=["tech.beef.ai", "tech.beef.et"])
firm("ent.beef.breed_na", "农安丰源种牛繁育有限公司", "220122", "中型", ["beef.s02"], ["p.beef.semen", "p.beef.calf"],
     ind="0531", desc="肉牛冻精与架子牛", techs=["tech.beef.ai"])
firm("ent.beef.breed_qg", "松原兴牧良种繁育有限公司", "220721", "小型", ["beef.s02"], ["p.beef.semen", "p.beef.calf"],
     ind="0531", desc="良种繁育", srdi=True, techs=["tech.beef.et"])
firm("ent.beef.breed_tl", "通辽黄金牛业繁育有限公司", "150502", "中型", ["beef.s02"], ["p.beef.semen", "p.beef.calf"],
     ind="0531", desc="种牛繁育")
firm("ent.beef.breed_bc", "白城洮北草原牧业繁育有限公司", "220802", "小型", ["beef.s02"], ["p.beef.calf"], ind="0531",
     desc="架子牛繁育")
firm("ent.beef.yushu_farm", "榆树市丰泽牧业有限公司", "220182", "中型", ["beef.s03"], ["p.beef.cattle"], ind="0311",
     desc="肉牛育肥")
firm("ent.beef.dehui_farm", "德惠市宏牧肉牛养殖有限公司", "220183", "中型", ["beef.s03"], ["p.beef.cattle"], ind="0311",
     desc="肉牛育肥")
firm("ent.beef.siping_meat", "四平鑫达清真肉业有限公司", "220302", "中型", ["beef.s04", "beef.s05"],
     ["p.beef.carcass", "p.beef.chilled", "p.beef.rawhide"], ind="1351", desc="肉牛屠宰分割")
firm("ent.beef.siping_leather", "四平丰硕皮革有限公司", "220303", "小型", ["beef.s07"], ["p.beef.wetblue"], ind="1910",
     desc="蓝湿皮加工")
firm("ent.beef.bio_cc", "长春润康生物科技有限公司", "220173", "小型", ["beef.s08"],
     ["p.beef.collagen", "p.beef.chondroitin"], srdi=True, ind="2761", desc="胶原蛋白肽", techs=["tech.beef.collagen"])
firm("ent.beef.bio_jl", "吉林华康胶原生物科技有限公司", "220272", "中型", ["beef.s08"], ["p.beef.collagen"],
     ind="2761", desc="胶原蛋白肽")
firm("ent.beef.bio_wf", "潍坊博瑞生物制品有限公司", "370705", "中型", ["beef.s08"],
     ["p.beef.collagen", "p.beef.chondroitin"], ind="2761", desc="骨源生物制品")
firm("ent.beef.cold_cc", "长春顺冷供应链管理有限公司", "220171", "中型", ["beef.s09"],
     ["p.beef.cold_transport", "p.beef.cold_storage"], ind="5432", desc="冷链运输")
firm("ent.beef.cold_sy", "沈阳冰链物流有限公司", "210112", "中型", ["beef.s09"], ["p.beef.cold_transport"], ind="5432",
     desc="冷链干线运输")
firm("ent.beef.proc_sy", "沈阳鼎香食品有限公司", "210102", "中型", ["beef.s06"], ["p.beef.prepared"], ind="1353",
     desc="肉制品加工")

# auto, district (planted: X -> Y -> Z cascade; the single district electronics firm)
firm("ent.auto.hengyuan", "长春恒远汽车部件集团有限公司", "220106400", "大型", ["auto.s04", "auto.s09"],
     ["p.auto.gearbox", "p.auto.module"], anchor=True, ind="3670", desc="变速器总成与座舱模块配套",
     techs=["tech.auto.hpdc", "tech.auto.domain"], contact=("赵主管", "0431-8xxxxxxx"))
firm("ent.auto.xinzhu", "长春鑫铸精密压铸有限公司", "220106400", "小型", ["auto.s02"], ["p.auto.al_casting"], srdi=True,
     ind="3392", desc="铝合金精密压铸", techs=["tech.auto.hpdc"])
firm("ent.auto.hongrui", "长春宏锐动力部件有限公司", "220106400", "中型", ["auto.s04"], ["p.auto.gearbox_housing"],
     ind="3670", desc="变速器壳体机加工")
firm("ent.auto.zhilian", "长春智联汽车电子有限公司", "220106400", "中型", ["auto.s07"],
     ["p.auto.harness", "p.auto.ecu", "p.auto.sensor", "p.auto.hv_connector"], srdi=True, ind="3670",
     desc="线束、车身控制器与传感器", techs=["tech.auto.ecu_sw"])
firm("ent.auto.jinglian_old", "长春精联汽车电器有限公司", "220106102", "小型", ["auto.s07"], ["p.auto.harness"],
     status="停产", ind="3670", desc="线束（已停产）")
firm("ent.auto.chiyuan", "长春驰远新能源底盘科技有限公司", "220106400", "中型", ["auto.s05"], ["p.auto.ev_chassis"],
     ind="3670", desc="新能源底盘模块集成", techs=["tech.auto.pack"])
firm("ent.auto.lvneng", "长春绿能动力电池系统有限公司", "220106400", "中型", ["auto.s08"], ["p.auto.battery_pack"],
     status="筹建", ind="3841", desc="动力电池包（筹建中）")
# auto, outside (three-electric gap candidates and others)
firm("ent.auto.xinneng_cc", "长春新能动力系统有限公司", "220174", "中型", ["auto.s08"],
     ["p.auto.battery_pack", "p.auto.emotor", "p.auto.inverter"], ind="3841", desc="电池包与电驱系统")
firm("ent.auto.dianqu_jl", "吉林电驱科技有限公司", "220272", "中型", ["auto.s08"], ["p.auto.emotor", "p.auto.inverter"],
     srdi=True, ind="3812", desc="驱动电机与控制器")
firm("ent.auto.dianqu_sz", "苏州恒驱电动科技有限公司", "320506", "中型", ["auto.s08"],
     ["p.auto.emotor", "p.auto.inverter", "p.auto.battery_pack"], ind="3812", desc="电驱动总成")
firm("ent.auto.dianqu_wh", "武汉凯驰电控有限公司", "420113", "中型", ["auto.s08"], ["p.auto.inverter", "p.auto.emotor"],
     ind="3824", desc="电机控制器")
firm("ent.auto.elec_tj", "天津智行汽车电子有限公司", "120116", "中型", ["auto.s07"],
     ["p.auto.harness", "p.auto.ecu", "p.auto.sensor", "p.auto.hv_connector"], ind="3670", desc="汽车电子")
firm("ent.auto.elec_cc", "长春华信汽车电子有限公司", "220173", "中型", ["auto.s07"], ["p.auto.ecu", "p.auto.sensor"],
     ind="3670", desc="车身电子")
firm("ent.auto.al_jl", "吉林宏泰铝业有限公司", "220271", "中型", ["auto.s01"], ["p.auto.al_ingot"], ind="3216",
     desc="铝合金锭")
firm("ent.auto.al_sd", "烟台鑫泰铝材有限公司", "370611", "中型", ["auto.s01"], ["p.auto.al_ingot"], ind="3216",
     desc="铝合金锭")
firm("ent.auto.gear_jl", "四平恒达传动部件有限公司", "220302", "中型", ["auto.s04"],
     ["p.auto.gearbox", "p.auto.gears", "p.auto.gearbox_housing"], ind="3670", desc="变速器及齿轮")
firm("ent.auto.gear_sy", "沈阳东升变速器有限公司", "210112", "中型", ["auto.s04"], ["p.auto.gearbox", "p.auto.gears"],
     ind="3670", desc="变速器")

# ha (rail), district (planted: 3-tier path A->B->C->crrc; single district brake firm)
firm("ent.ha.zhurui", "长春铸锐精密铸钢有限公司", "220106400", "小型", ["ha.s02"], ["p.ha.steel_casting"], srdi=True,
     ind="3391", desc="轨道车辆铸钢件")
firm("ent.ha.jinggong", "长春精工轨道部件加工有限公司", "220106007", "小型", ["ha.s02"], ["p.ha.axlebox"], ind="3715",
     desc="轴箱体精加工")
firm("ent.ha.tiesheng", "长春铁盛转向架部件有限公司", "220106400", "中型", ["ha.s03"], ["p.ha.frame"], srdi=True,
     ind="3715", desc="转向架构架焊接", techs=["tech.ha.bogie_weld"])
firm("ent.ha.huajian", "长春华减轨道减振技术有限公司", "220106400", "小型", ["ha.s03"], ["p.ha.damper"], srdi=True,
     ind="3715", desc="减振器与空气弹簧")
firm("ent.ha.anchi", "长春安驰轨道制动系统有限公司", "220106400", "中型", ["ha.s05"],
     ["p.ha.brake_unit", "p.ha.brake_ctrl"], srdi=True, ind="3715", desc="制动夹钳单元与制动控制装置",
     techs=["tech.ha.phm"], contact=("刘工", "0431-8xxxxxxx"))
firm("ent.ha.guicai", "长春轨材铝业加工有限公司", "220106400", "中型", ["ha.s01"], ["p.ha.al_profile"], ind="3252",
     desc="轨道车辆铝型材深加工")
firm("ent.ha.tanhang", "长春碳航复合材料有限公司", "220106400", "小型", ["ha.s01"], ["p.ha.carbon_fiber"], srdi=True,
     ind="3091", desc="碳纤维复合材料部件", techs=["tech.ha.cfrp"])
firm("ent.ha.henggang", "长春恒钢金属材料有限公司", "220106007", "小型", ["ha.s01"], ["p.ha.stainless"], ind="5164",
     desc="不锈钢板剪切配送")
# ha, outside (traction gap candidates etc.)
firm("ent.ha.traction_cc", "长春恒力轨道电气有限公司", "220173", "中型", ["ha.s04"],
     ["p.ha.traction_converter", "p.ha.traction_motor", "p.ha.transformer"], srdi=True, ind="3714",
     desc="牵引变流器、牵引电机", techs=["tech.ha.igbt"])
firm("ent.ha.transformer_jl", "吉林鼎盛变压器有限公司", "220271", "中型", ["ha.s04"], ["p.ha.transformer"], ind="3821",
     desc="牵引变压器")
firm("ent.ha.traction_bd", "保定华电牵引设备有限公司", "130606", "中型", ["ha.s04"],
     ["p.ha.traction_converter", "p.ha.transformer"], ind="3821", desc="牵引变压器与变流设备")
firm("ent.ha.motor_xa", "西安博远牵引电机有限公司", "610113", "中型", ["ha.s04"],
     ["p.ha.traction_motor", "p.ha.transformer"], ind="3812", desc="牵引电机")
firm("ent.ha.al_tj", "天津联诚铝型材有限公司", "120116", "中型", ["ha.s01"], ["p.ha.al_profile"], ind="3252",
     desc="工业铝型材")

# cons, district
firm("ent.cons.yuehui", "长春西城悦荟商业管理有限公司", "220106005", "大型", ["cons.s10"],
     ["p.cons.mall_ops", "p.cons.brand"], anchor=True, ind="7222", desc="商业综合体与街区运营",
     techs=["tech.cons.c2m"], contact=("陈经理", "0431-8xxxxxxx"))
firm("ent.cons.xiangmanyuan", "长春香满园调味品有限公司", "220106011", "微型", ["cons.s01"], ["p.cons.seasoning"],
     ind="1469", desc="复合调味料")
firm("ent.cons.yeshiji", "长春夜食记餐饮管理有限公司", "220106006", "小型", ["cons.s07"], ["p.cons.night_dining"],
     ind="6210", desc="夜市特色餐饮")
firm("ent.cons.kuaida", "长春快达即时配送有限公司", "220106001", "中型", ["cons.s04"],
     ["p.cons.delivery", "p.cons.warehouse"], ind="5437", desc="即时配送", techs=["tech.cons.instant"])
firm("ent.cons.tongcheng", "长春同城云仓供应链管理有限公司", "220106012", "小型", ["cons.s04"],
     ["p.cons.delivery", "p.cons.warehouse"], ind="5437", desc="前置仓与配送")
# cons, outside (ice-and-snow gap candidates)
firm("ent.cons.ski_jy", "长春净月雪世界运动有限公司", "220172", "中型", ["cons.s09"], ["p.cons.ski_service"],
     ind="8930", desc="滑雪体验")
firm("ent.cons.ski_jl", "吉林松湖冰雪旅游开发有限公司", "220211", "中型", ["cons.s09"], ["p.cons.ski_service"],
     ind="8930", desc="滑雪度假")
firm("ent.cons.ski_cl", "张家口崇礼雪道装备有限公司", "130709", "小型", ["cons.s09"],
     ["p.cons.ski_gear", "p.cons.ski_service"], srdi=True, ind="2442", desc="冰雪装备与滑雪体验")
firm("ent.cons.ski_hb", "哈尔滨冰城雪具有限公司", "230103", "小型", ["cons.s09"], ["p.cons.ski_gear"], ind="2442",
     desc="雪具")
firm("ent.cons.ski_gear_jl", "吉林雪驰体育用品有限公司", "220202", "小型", ["cons.s09"], ["p.cons.ski_gear"],
     ind="2442", desc="冰雪运动用品")

# ---- generic illustrative firms: per segment (n district, Jilin region codes, outside region codes) ----
DISTRICT_TOWNS = {
    "beef": ["220106401", "220106100", "220106101", "220106102"],
    "auto": ["220106400", "220106400", "220106102", "220106101"],
    "ha": ["220106400", "220106007", "220106400", "220106010"],
    "cons": ["220106001", "220106003", "220106005", "220106006", "220106010", "220106011", "220106012",
             "220106013"],
}
CITY = {
    "2201": "长春", "220182": "榆树", "220183": "德惠", "220184": "公主岭", "220122": "农安", "2202": "吉林",
    "2203": "四平", "2204": "辽源", "2205": "通化", "2207": "松原", "2208": "白城", "2224": "延吉",
    "370214": "青岛", "370203": "青岛", "430204": "株洲", "120116": "天津", "210112": "沈阳", "210102": "沈阳",
    "210211": "大连", "230103": "哈尔滨", "150502": "通辽", "152502": "锡林浩特", "150105": "呼和浩特",
    "130709": "张家口", "410102": "郑州", "370705": "潍坊", "370611": "烟台", "330281": "余姚", "320506": "苏州",
    "320581": "常熟", "320412": "常州", "420111": "武汉", "420113": "武汉", "370112": "济南", "610113": "西安",
    "330106": "杭州", "330110": "杭州", "440305": "深圳", "440113": "广州", "130606": "保定", "140109": "太原",
    "211302": "朝阳", "230602": "大庆", "411081": "禹州", "370687": "海阳",
}


def city_of(code: str) -> str:
    if code.startswith("220106"):
        return "长春"
    for k in (code, code[:4]):
        if k in CITY:
            return CITY[k]
    raise KeyError(code)


TEMPLATES = {
    "beef.s01": ["饲料有限公司", "草业有限公司"], "beef.s03": ["牧业有限公司", "肉牛养殖有限公司"],
    "beef.s04": ["清真肉类加工有限公司"], "beef.s05": ["食品有限公司"], "beef.s06": ["食品科技有限公司"],
    "beef.s09": ["冷链物流有限公司"], "beef.s10": ["商贸有限公司", "食品销售有限公司"],
    "auto.s01": ["金属材料有限公司", "新材料有限公司"], "auto.s02": ["铸造有限公司", "锻造有限公司"],
    "auto.s03": ["汽车冲压件有限公司"], "auto.s04": ["精密机械有限公司", "动力部件有限公司"],
    "auto.s05": ["汽车底盘系统有限公司"], "auto.s06": ["汽车内饰件有限公司", "汽车座椅有限公司"],
    "auto.s07": ["汽车电子有限公司"], "auto.s08": ["新能源科技有限公司"], "auto.s09": ["汽车部件配套服务有限公司"],
    "ha.s01": ["特种材料有限公司"], "ha.s02": ["重型机械加工有限公司", "铸锻有限公司"],
    "ha.s03": ["轨道车辆部件有限公司"], "ha.s05": ["制动科技有限公司"], "ha.s06": ["轨道车辆内装有限公司"],
    "ha.s07": ["轨道交通信号有限公司", "智能控制有限公司"], "ha.s09": ["轨道车辆检修有限公司"],
    "cons.s01": ["农产品供应链有限公司"], "cons.s02": ["预制菜食品有限公司", "中央厨房有限公司"],
    "cons.s03": ["文化创意有限公司"], "cons.s04": ["供应链管理有限公司"], "cons.s05": ["电子商务有限公司",
                                                                           "直播文化传媒有限公司"],
    "cons.s06": ["智慧零售有限公司"], "cons.s07": ["餐饮管理有限公司"], "cons.s08": ["文化旅游发展有限公司"],
    "cons.s10": ["品牌管理有限公司"],
}
ZIHAO = [
    "恒泰", "嘉诚", "宏达", "鑫盛", "永盛", "金达", "东辰", "兴隆", "天成", "博远", "百川", "众和", "长兴",
    "泰和", "鼎盛", "汇通", "联达", "安达", "华盛", "腾飞", "祥瑞", "通达", "凯瑞", "宏远", "信达", "顺达", "德润",
    "晟通", "精诚", "卓越", "远航", "海纳", "佳宁", "润泽", "广源", "裕丰", "聚鑫", "睿达", "昊天", "昌盛", "明德",
    "英华", "锐进", "铭远", "弘毅", "骏达", "科达", "致远", "启航", "春晖", "北辰", "嘉禾", "丰华",
    "瑞祥", "旭日", "景程", "华韵", "益民", "新元", "通泰", "鸿运", "金桥", "永泰", "盛达", "立信",
    "天宇", "金鼎", "亿丰", "恒昌", "康达", "华泽", "海川", "鑫源", "广达", "宇航", "润达",
    "和顺", "久盛", "福瑞", "乾元", "坤泰", "鹏程", "同创", "合众", "千禾", "锦程", "长风", "沃达",
    "星辰", "鼎新", "瑞德", "朗润", "泽华", "逸航", "锦华", "荣达", "天润", "祥和", "凯达", "远大成", "捷通",
    "和盛", "金诺", "华瑞", "汇丰源", "德胜", "宏图", "瑞恒", "嘉恒", "永康", "同心源", "青禾", "泰丰", "兴源",
    "益达", "恒鑫", "通宇", "晨光", "东岳", "松涛", "雪原", "金穗禾", "瑞雪", "安泰", "正源", "昊达",
    "鑫达", "华兴", "泓源", "博瑞达", "维康", "雅盛", "诚远", "丰泽源", "合兴", "隆达", "耀华", "启明",
]
# segment -> (district count, Jilin codes, outside codes, products (None = all of the segment's products))
GENERIC = {
    "beef.s01": (0, ["220183"], ["150105"], None),
    "beef.s03": (0, ["220184", "220122"], ["150502"], None),
    "beef.s04": (1, ["220182"], ["152502"], ["p.beef.carcass", "p.beef.rawhide", "p.beef.bone"]),
    "beef.s05": (0, ["220202"], ["370112"], ["p.beef.chilled", "p.beef.frozen", "p.beef.offal"]),
    "beef.s06": (1, ["220202"], ["230103"], ["p.beef.prepared", "p.beef.sausage"]),
    "beef.s09": (1, ["220102"], ["370112"], None),
    "beef.s10": (1, ["220104"], ["210211"], None),
    "auto.s01": (2, ["220171"], ["211302", "320581"], ["p.auto.steel_sheet", "p.auto.special_steel", "p.auto.plastic",
                                                   "p.auto.al_ingot"]),
    "auto.s02": (3, ["220174", "220184"], ["320581"], ["p.auto.iron_casting", "p.auto.forging"]),
    "auto.s03": (3, ["220174"], ["330281", "210211"], None),
    "auto.s04": (1, ["220173"], ["370705"], ["p.auto.gears", "p.auto.engine_parts"]),
    "auto.s05": (3, ["220171", "220174"], ["410102"], ["p.auto.axle", "p.auto.suspension", "p.auto.brake"]),
    "auto.s06": (3, ["220174", "220173"], ["330106"], None),
    "auto.s07": (0, ["220173"], ["440305"], ["p.auto.harness", "p.auto.ecu", "p.auto.sensor"]),
    "auto.s09": (2, ["220171"], [], ["p.auto.module", "p.auto.aftermarket"]),
    "ha.s01": (0, ["220271"], ["140109", "370203"], ["p.ha.stainless", "p.ha.carbon_fiber"]),
    "ha.s02": (1, ["220173", "220302"], ["370203"], ["p.ha.weld_struct", "p.ha.steel_casting", "p.ha.axlebox"]),
    "ha.s03": (0, ["220171", "220184"], ["430204", "370214"], ["p.ha.frame", "p.ha.damper", "p.ha.wheelset"]),
    "ha.s05": (0, ["220173"], ["370214"], ["p.ha.brake_ctrl", "p.ha.brake_unit"]),
    "ha.s06": (3, ["220171"], ["370214"], ["p.ha.carbody", "p.ha.interior", "p.ha.seat"]),
    "ha.s07": (3, ["220172"], ["420111"], ["p.ha.tcms", "p.ha.signal"]),
    "ha.s09": (3, ["220102"], ["210211"], None),
    "cons.s01": (1, ["220183", "220122"], ["230602"], ["p.cons.produce", "p.cons.seasoning"]),
    "cons.s02": (3, ["220173", "220184"], ["411081"], None),
    "cons.s03": (3, ["220102"], ["330106"], None),
    "cons.s04": (1, ["220104"], ["330110"], None),
    "cons.s05": (3, ["220172", "220102"], ["330110", "440305"], None),
    "cons.s06": (3, ["220102"], ["330110"], ["p.cons.retail_goods"]),
    "cons.s07": (2, ["220102"], ["210211"], None),
    "cons.s08": (3, ["220112"], ["370687"], ["p.cons.tour"]),
    "cons.s10": (1, ["220102"], ["410102"], ["p.cons.brand"]),
}
GENERIC_SCALES = {"d": ["中型", "小型", "小型", "微型", "中型"], "j": ["中型", "小型", "大型", "中型"],
                  "o": ["大型", "中型", "中型", "小型"]}
SRDI_FORCE = {"ent.cons.s02.d1", "ent.cons.s03.d1"}  # 专精特新 in the consumption chain (a food maker, a design firm)
CONTACTS = ["张工", "李经理", "王主任", "刘工", "陈经理", "赵主管", "孙工", "周经理"]


def build_generic(rng: random.Random) -> None:
    seg_products: dict[str, list[str]] = defaultdict(list)
    for p in PRODUCTS:
        for s in p[6]:
            seg_products[s].append(p[0])
    seg_by_id = {s[0]: s for s in SEGMENTS}
    names_used = {e["name"] for e in ENTERPRISES}
    zihao = list(ZIHAO)
    random.Random(SEED + 1).shuffle(zihao)  # names drawn apart from the other random choices
    zi = iter(zihao)
    for seg, (nd, jilin, outside, prods) in GENERIC.items():
        chain = seg.split(".")[0]
        pool = prods or [p for p in seg_products[seg] if p not in ("p.auto.vehicle",)]
        segment = seg_by_id[seg]
        plan = [("d", DISTRICT_TOWNS[chain][i % len(DISTRICT_TOWNS[chain])]) for i in range(nd)]
        plan += [("j", c) for c in jilin] + [("o", c) for c in outside]
        counters: dict[str, int] = defaultdict(int)
        for n, (kind, region) in enumerate(plan):
            counters[kind] += 1
            eid = f"ent.{seg}.{kind}{counters[kind]}"
            tmpl = TEMPLATES[seg][(counters[kind] - 1) % len(TEMPLATES[seg])]
            while True:
                name = f"{city_of(region)}{next(zi)}{tmpl}"
                if name not in names_used:
                    break
            names_used.add(name)
            # a generic firm makes the whole pool of its segment; every second one leaves one product out
            # (rotating), so that makers of each product stay plentiful
            k = len(pool)
            made = list(pool)
            if k >= 3 and n % 2 == 1:
                made.remove(pool[(n // 2) % k])
            scale = rng.choice(GENERIC_SCALES[kind])
            srdi = (kind != "o" and rng.random() < 0.15 and chain != "cons") or eid in SRDI_FORCE
            techs = [t for t in segment[8] if next(t2 for t2 in TECHS if t2[0] == t)[3] == "现有"]
            if srdi:
                techs += [t for t in segment[8] if next(t2 for t2 in TECHS if t2[0] == t)[3] == "攻关"][:1]
            contact = (rng.choice(CONTACTS), "0431-8xxxxxxx") if kind == "d" and rng.random() < 0.3 else ("", "")
            firm(eid, name, region, scale, [seg], made, srdi=srdi, ind=segment[5], desc=segment[6],
                 techs=techs, contact=contact)


# --------------------------------------------------------------------------------------------------
# Planted supply situations (all illustrative)
# --------------------------------------------------------------------------------------------------
# Single-source (buyer, product) -> (supplier, share, annual value, recovery days, stock days)
SINGLE = {
    ("ent.auto.hongrui", "p.auto.al_casting"): ("ent.auto.xinzhu", 1.0, 1860.0, 60, 10),
    ("ent.auto.hengyuan", "p.auto.gearbox_housing"): ("ent.auto.hongrui", 1.0, 5200.0, 45, 12),
    ("ent.auto.chiyuan", "p.auto.battery_pack"): ("ent.catl", 1.0, 16800.0, 120, 20),
    ("ent.crrc_cc", "p.ha.traction_converter"): ("ent.crrc_tec", 1.0, 42000.0, 180, 45),
    ("ent.crrc_cc", "p.ha.brake_unit"): ("ent.ha.anchi", 1.0, 9800.0, 150, 30),
    ("ent.beef.farm1", "p.beef.semen"): ("ent.beef.breed_xl", 1.0, 38.0, 90, 30),
    ("ent.beef.tannery", "p.beef.rawhide"): ("ent.haoyue", 0.9, 3600.0, 30, 7),
    ("ent.beef.farm5", "p.beef.feed"): ("ent.beef.lvhe_feed", 1.0, 210.0, 14, 20),
    ("ent.cons.yeshiji", "p.cons.seasoning"): ("ent.cons.xiangmanyuan", 0.8, 24.0, 10, 15),
}
# Concentrated (buyer, product) -> [(supplier, share)]
CONCENTRATED = {
    ("ent.haoyue", "p.beef.cold_transport"): [("ent.beef.cold1", 0.8), ("ent.beef.cold2", 0.2)],
    ("ent.auto.hengyuan", "p.auto.harness"): [("ent.auto.zhilian", 0.75), ("ent.fslear", 0.25)],
    ("ent.crrc_cc", "p.ha.al_profile"): [("ent.midas", 0.7), ("ent.ha.guicai", 0.2), ("ent.ha.al_tj", 0.1)],
    ("ent.cons.yuehui", "p.cons.delivery"): [("ent.cons.kuaida", 0.6), ("ent.cons.tongcheng", 0.1)],
}
# Pairs whose supplier set must include certain firms (3-tier path, anchor tiers, gap candidates)
FORCE = {
    ("ent.ha.jinggong", "p.ha.steel_casting"): ["ent.ha.zhurui"],
    ("ent.ha.tiesheng", "p.ha.axlebox"): ["ent.ha.jinggong"],
    ("ent.crrc_cc", "p.ha.frame"): ["ent.ha.tiesheng"],
    ("ent.crrc_cc", "p.ha.damper"): ["ent.ha.huajian"],
    ("ent.crrc_cc", "p.ha.traction_motor"): ["ent.ha.traction_cc"],
    ("ent.crrc_cc", "p.ha.interior"): ["ent.kte"],
    ("ent.haoyue", "p.beef.cattle"): [f"ent.beef.farm{i}" for i in range(1, 7)],
    ("ent.haoyue", "p.beef.cold_storage"): ["ent.beef.cold1", "ent.beef.cold2", "ent.beef.cold3"],
    ("ent.beef.farm2", "p.beef.feed"): ["ent.beef.lvhe_feed"],
    ("ent.beef.farm3", "p.beef.calf"): ["ent.beef.breed_na"],
    ("ent.auto.chiyuan", "p.auto.emotor"): ["ent.auto.dianqu_jl"],
}
# Pairs that must not be generated (kept out so that no extra single/concentrated situation appears)
SKIP: set[tuple[str, str]] = set()


def build_links(rng: random.Random) -> list[dict]:
    firms = {e["id"]: e for e in ENTERPRISES}
    prod_inputs = {p[0]: p[5] for p in PRODUCTS}
    makers: dict[str, list[str]] = defaultdict(list)
    for e in ENTERPRISES:
        if e["status"] == "在营":
            for p in e["products"]:
                makers[p].append(e["id"])

    def in_d(eid: str) -> bool:
        return firms[eid]["region"].startswith("220106")

    outside_buyers = {"ent.faw", "ent.faw_vw", "ent.oya", "ent.crrc_sf"}
    buyers = sorted(e["id"] for e in ENTERPRISES
                    if e["status"] == "在营" and (in_d(e["id"]) or e["id"] in outside_buyers))
    links: list[dict] = []
    warnings: list[str] = []
    scale_base = {"大型": (800, 15000), "中型": (120, 2400), "小型": (20, 500), "微型": (5, 90)}

    def days(row: dict) -> None:
        r = rng.random()
        if r < 0.6:
            stock = rng.randint(10, 90)
            row["stock"] = stock
            row["rec"] = rng.randint(3, stock)
        elif r < 0.7:
            row["rec"] = rng.randint(5, 60)

    def add(s: str, b: str, p: str, share: float, value: float | None = None, rec=None, stock=None) -> dict:
        if value is None:
            lo, hi = scale_base[firms[b]["scale"]]
            value = round(rng.uniform(lo, hi) * share, 1)
        row = dict(s=s, b=b, p=p, share=share, value=value, rec=rec, stock=stock)
        links.append(row)
        return row

    for b in buyers:
        needs: list[str] = []
        own = set(firms[b]["products"])
        for q in firms[b]["products"]:
            for p in prod_inputs[q]:
                if p not in own and p not in needs:
                    needs.append(p)
        for p in needs:
            key = (b, p)
            if key in SKIP:
                continue
            if key in SINGLE:
                s, share, value, rec, stock = SINGLE[key]
                add(s, b, p, share, value, rec, stock)
                continue
            if key in CONCENTRATED:
                for s, share in CONCENTRATED[key]:
                    row = add(s, b, p, share)
                    stock = rng.randint(20, 60)
                    row["stock"], row["rec"] = stock, rng.randint(5, stock)
                continue
            cands = [m for m in makers[p] if m != b]
            if b in outside_buyers:
                if not any(in_d(m) for m in cands):
                    continue
            if len(cands) < 3:
                warnings.append(f"{b} needs {p}: only {len(cands)} makers, pair skipped")
                continue
            forced = [f for f in FORCE.get(key, []) if f in cands]
            rest = [m for m in cands if m not in forced]
            rest.sort(key=lambda m: rng.random() * (0.45 if in_d(m) else 1.0))
            k = max(len(forced), min(len(cands), rng.choice([3, 3, 4, 4, 5])))
            chosen = forced + rest[: k - len(forced)]
            if b in outside_buyers and not any(in_d(m) for m in chosen):
                chosen[-1] = next(m for m in rest if in_d(m))
            while True:
                total = rng.uniform(0.72, 1.0)
                weights = [rng.uniform(1.0, 1.6) for _ in chosen]
                shares = [round(total * w / sum(weights), 2) for w in weights]
                while sum(shares) > 1.0 + 1e-9:
                    i = shares.index(max(shares))
                    shares[i] = round(shares[i] - 0.01, 2)
                hhi = sum(x * x for x in shares) / sum(shares) ** 2
                if hhi <= 0.45 and min(shares) > 0:
                    break
            for s, share in zip(chosen, shares):
                row = add(s, b, p, share)
                days(row)
    for w in warnings:
        print("warning:", w)
    return links


# --------------------------------------------------------------------------------------------------
# Projects, policies, organisations
# --------------------------------------------------------------------------------------------------
# (id, name, segment, builder (None = first active district firm of the segment), stage, investment,
#  start, end, technologies, content)
PROJECTS = [
    ("proj.beef.01", "肉牛精深加工扩能项目", "beef.s06", "ent.beef.weiyuan", "在建", 32000, "2025-04-01", "2027-06-30",
     ["tech.beef.trace"], "新建调理牛肉与熟食生产线"),
    ("proj.beef.02", "冷鲜牛肉智能分割车间改造", "beef.s05", "ent.haoyue", "投产", 18000, "2023-05-01", "2024-10-31",
     ["tech.beef.chill", "tech.beef.smartplant"], "分割线自动化与分级改造"),
    ("proj.beef.03", "秸秆饲料化加工中心", "beef.s01", "ent.beef.jieyuan_silage", "竣工", 6500, "2024-04-01",
     "2025-09-30", ["tech.beef.straw"], "秸秆收储、黄贮与饲料加工"),
    ("proj.beef.04", "万头肉牛标准化育肥场", "beef.s03", "ent.beef.farm2", "在建", 12000, "2025-05-01", "2026-12-31",
     ["tech.beef.precision"], "标准化牛舍与智能饲喂"),
    ("proj.beef.05", "肉牛良种繁育基地（补链招商）", "beef.s02", None, "谋划", 15000, "", "",
     ["tech.beef.et", "tech.beef.genomic"], "引进良种繁育企业，补齐区内良种繁育环节"),
    ("proj.beef.06", "骨源胶原蛋白肽复产技改项目", "beef.s08", "ent.beef.kangyuan_bio", "签约", 8800, "", "",
     ["tech.beef.collagen"], "停产企业技改复产，补齐生物提取环节"),
    ("proj.beef.07", "清洁化制革技改项目", "beef.s07", "ent.beef.tannery", "在建", 5400, "2025-08-01", "2026-10-31",
     ["tech.beef.cleantan"], "少铬鞣制与废水处理"),
    ("proj.beef.08", "冷链物流园二期", "beef.s09", "ent.beef.cold1", "在建", 21000, "2025-03-15", "2027-03-31",
     ["tech.beef.trace"], "新建低温库与分拨中心"),
    ("proj.beef.09", "清真牛肉品牌展销中心", "beef.s10", "ent.beef.qingzhen_scm", "竣工", 3000, "2024-06-01",
     "2025-06-30", [], "品牌展销与线上分销"),

    ("proj.auto.01", "变速器总成智能产线", "auto.s04", "ent.auto.hengyuan", "在建", 45000, "2025-02-01", "2026-12-31",
     ["tech.auto.hpdc"], "变速器总成装配与检测线"),
    ("proj.auto.02", "一体化压铸中心", "auto.s02", "ent.auto.xinzhu", "签约", 26000, "", "",
     ["tech.auto.megacast"], "大型一体化压铸单元"),
    ("proj.auto.03", "动力电池包组装项目", "auto.s08", "ent.auto.lvneng", "签约", 60000, "", "",
     ["tech.auto.pack", "tech.auto.ctc"], "电池包组装线，补齐新能源三电环节"),
    ("proj.auto.04", "热成形冲压线", "auto.s03", None, "投产", 9000, "2023-03-01", "2024-05-31",
     ["tech.auto.hot_stamp"], "热成形压机与激光切割"),
    ("proj.auto.05", "新能源底盘模块产线", "auto.s05", "ent.auto.chiyuan", "在建", 30000, "2025-06-01", "2027-05-31",
     ["tech.auto.ctc"], "滑板底盘模块集成"),
    ("proj.auto.06", "座舱域控制器研发中心", "auto.s07", "ent.auto.zhilian", "在建", 8000, "2025-01-10", "2026-08-31",
     ["tech.auto.domain"], "域控制器研发与小批量试制"),
    ("proj.auto.07", "汽车内饰件扩产", "auto.s06", None, "竣工", 7200, "2024-02-01", "2025-04-30",
     ["tech.auto.lightweight"], "注塑与包覆生产线"),
    ("proj.auto.08", "汽车零部件配套产业园", "auto.s09", "ent.auto.hengyuan", "谋划", 80000, "", "",
     ["tech.auto.central"], "标准厂房与排序配送中心"),
    ("proj.auto.09", "再生铝合金锭项目", "auto.s01", None, "签约", 12000, "", "", [], "再生铝熔炼与合金锭"),

    ("proj.ha.01", "转向架构架智能焊接车间", "ha.s03", "ent.ha.tiesheng", "在建", 16000, "2025-04-01", "2026-09-30",
     ["tech.ha.bogie_weld"], "机器人焊接与在线探伤"),
    ("proj.ha.02", "牵引变流器本地化配套项目（招商）", "ha.s04", None, "谋划", 50000, "", "",
     ["tech.ha.sic"], "引进牵引电气企业，补齐牵引与电气系统环节"),
    ("proj.ha.03", "制动系统扩能项目", "ha.s05", "ent.ha.anchi", "签约", 14000, "", "", ["tech.ha.phm"],
     "制动夹钳单元扩产"),
    ("proj.ha.04", "碳纤维车体部件中试线", "ha.s01", "ent.ha.tanhang", "在建", 9500, "2025-07-01", "2026-12-31",
     ["tech.ha.cfrp"], "碳纤维内装与车体部件"),
    ("proj.ha.05", "氢能源市域列车试制", "ha.s08", "ent.crrc_cc", "谋划", 120000, "", "", ["tech.ha.hydrogen"],
     "氢能源市域列车研制平台"),
    ("proj.ha.06", "轨道车辆检修基地", "ha.s09", None, "在建", 38000, "2024-09-01", "2026-12-31", ["tech.ha.phm"],
     "高级修检修库与部件修"),
    ("proj.ha.07", "铸钢件精密铸造线", "ha.s02", "ent.ha.zhurui", "竣工", 6000, "2024-03-01", "2025-05-31", [],
     "树脂砂精密铸造线"),
    ("proj.ha.08", "列车网络控制系统产业化", "ha.s07", None, "签约", 11000, "", "", ["tech.ha.tcms", "tech.ha.phm"],
     "网络控制系统产业化"),
    ("proj.ha.09", "轨道车辆内装件扩产", "ha.s06", None, "投产", 8500, "2023-04-01", "2024-08-31", [],
     "内装件与座椅产线"),

    ("proj.cons.01", "西部新城商业综合体", "cons.s10", "ent.cons.yuehui", "在建", 150000, "2024-05-01", "2027-10-31",
     ["tech.cons.c2m"], "商业综合体与街区"),
    ("proj.cons.02", "预制菜中央厨房", "cons.s02", None, "投产", 12000, "2023-06-01", "2024-09-30",
     ["tech.cons.premade"], "中央厨房与冷链分拣"),
    ("proj.cons.03", "直播电商基地", "cons.s05", None, "竣工", 5000, "2024-03-01", "2025-03-31", ["tech.cons.live"],
     "直播间、选品中心与孵化"),
    ("proj.cons.04", "夜经济特色街区改造", "cons.s07", "ent.cons.yeshiji", "在建", 8000, "2025-04-01", "2026-06-30",
     [], "夜市街区改造与业态招商"),
    ("proj.cons.05", "城市冰雪乐园（补链招商）", "cons.s09", None, "谋划", 35000, "", "", ["tech.cons.immersive"],
     "冰雪体验场馆，补齐冰雪消费环节"),
    ("proj.cons.06", "即时配送前置仓网络", "cons.s04", "ent.cons.kuaida", "在建", 4500, "2025-05-01", "2026-04-30",
     ["tech.cons.instant", "tech.cons.drone"], "社区前置仓与无人配送试点"),
    ("proj.cons.07", "工业旅游与文创街区", "cons.s08", None, "签约", 16000, "", "", ["tech.cons.immersive"],
     "工业遗产与文创体验"),
    ("proj.cons.08", "智慧商超数字化改造", "cons.s06", None, "竣工", 3600, "2024-07-01", "2025-06-30",
     ["tech.cons.instant"], "智慧门店与会员系统"),
]

# National policies whose title, issuer, date and number we are confident of (public); the rest illustrative.
POLICIES = [
    ("pol.n01", "国务院关于印发《中国制造2025》的通知", "国务院", "国家", "2015-05-08", "国发〔2015〕28号",
     "制造强国战略，推动轨道交通装备、节能与新能源汽车等领域发展", ["auto", "ha"], PUB_GOV),
    ("pol.n02", "国务院办公厅关于印发新能源汽车产业发展规划（2021—2035年）的通知", "国务院办公厅", "国家",
     "2020-10-20", "国办发〔2020〕39号", "新能源汽车产业发展规划", ["auto", "auto.s08"], PUB_GOV),
    ("pol.n03", "国务院办公厅关于促进畜牧业高质量发展的意见", "国务院办公厅", "国家", "2020-09-14", "国办发〔2020〕31号",
     "构建现代养殖体系、加工流通体系，健全饲草料供应", ["beef", "beef.s01", "beef.s02", "beef.s03"], PUB_GOV),
    ("pol.n04", "国务院办公厅关于印发“十四五”冷链物流发展规划的通知", "国务院办公厅", "国家", "2021-11-26",
     "国办发〔2021〕46号", "冷链物流网络与设施建设", ["beef.s09", "cons.s04"], PUB_GOV),
    ("pol.n05", "国务院关于印发《推动大规模设备更新和消费品以旧换新行动方案》的通知", "国务院", "国家", "2024-03-07",
     "国发〔2024〕7号", "设备更新与消费品以旧换新", ["auto", "ha", "cons"], PUB_GOV),
    ("pol.n06", "国务院办公厅关于以新业态新模式引领新型消费加快发展的意见", "国务院办公厅", "国家", "2020-09-16",
     "国办发〔2020〕32号", "新型消费、新零售与线上线下融合", ["cons", "cons.s05", "cons.s06"], PUB_GOV),
    ("pol.n07", "关于印发《加快培育新型消费实施方案》的通知", "国家发展改革委等28部门", "国家", "2021-03-22",
     "发改就业〔2021〕396号", "培育零售新业态、直播经济与智慧商店", ["cons", "cons.s05", "cons.s06"], PUB_GOV),
    ("pol.n08", "国务院关于印发“十四五”现代综合交通运输体系发展规划的通知", "国务院", "国家", "2021-12-09",
     "国发〔2021〕27号", "综合交通运输体系与先进轨道交通装备", ["ha"], PUB_GOV),
    ("pol.n09", "工业和信息化部关于印发《优质中小企业梯度培育管理暂行办法》的通知", "工业和信息化部", "国家",
     "2022-06-01", "工信部企业〔2022〕63号", "创新型中小企业、专精特新中小企业与“小巨人”认定",
     ["beef", "auto", "ha", "cons"], PUB_GOV),
    ("pol.n10", "国务院办公厅关于进一步释放消费潜力促进消费持续恢复的意见", "国务院办公厅", "国家", "2022-04-20",
     "国办发〔2022〕9号", "释放消费潜力、促进消费恢复", ["cons"], PUB_GOV),
]
ILL_POLICIES = [
    # (name, issuer, level, date, summary, supports)
    ("吉林省肉牛产业高质量发展若干措施", "吉林省人民政府办公厅", "省级", "2023-03-15", "养殖补贴、屠宰加工技改与品牌建设",
     ["beef", "beef.s03", "beef.s04"]),
    ("吉林省秸秆饲料化利用支持办法", "吉林省农业农村厅", "省级", "2023-06-01", "秸秆收储与饲料化补助", ["beef.s01"]),
    ("吉林省肉牛良种繁育体系建设方案", "吉林省农业农村厅", "省级", "2024-02-20", "良种繁育基地与冻精推广", ["beef.s02"]),
    ("吉林省汽车零部件产业链强链补链行动方案", "吉林省工业和信息化厅", "省级", "2023-05-10", "本地配套率提升与招商",
     ["auto", "auto.s07", "auto.s08"]),
    ("吉林省轨道交通装备产业发展支持政策", "吉林省工业和信息化厅", "省级", "2023-08-18", "轨道交通装备配套体系",
     ["ha", "ha.s04", "ha.s05"]),
    ("吉林省冰雪经济高质量发展实施意见", "吉林省人民政府办公厅", "省级", "2023-11-01", "冰雪旅游、冰雪装备与冰雪消费",
     ["cons.s09"]),
    ("吉林省促进新型消费发展若干措施", "吉林省商务厅", "省级", "2024-04-12", "直播电商、夜经济与智慧商圈",
     ["cons", "cons.s05", "cons.s07"]),
    ("吉林省专精特新中小企业培育行动计划", "吉林省工业和信息化厅", "省级", "2024-06-05", "专精特新梯度培育",
     ["auto", "ha"]),
    ("长春市产业链链长制工作方案", "长春市人民政府办公厅", "市级", "2022-09-01", "重点产业链链长制与链主企业培育",
     ["beef", "auto", "ha", "cons"]),
    ("长春市汽车零部件本地配套奖励办法", "长春市工业和信息化局", "市级", "2023-04-01", "本地配套采购奖励",
     ["auto", "auto.s04", "auto.s05"]),
    ("长春市轨道交通装备产业集群发展规划", "长春市发展和改革委员会", "市级", "2023-07-20", "轨道客车配套产业集群",
     ["ha", "ha.s03", "ha.s06"]),
    ("长春市农产品加工业提升行动方案", "长春市农业农村局", "市级", "2023-10-08", "肉牛精深加工与副产物利用",
     ["beef.s06", "beef.s07", "beef.s08"]),
    ("长春市冷链物流体系建设实施方案", "长春市商务局", "市级", "2024-01-16", "冷链设施补短板", ["beef.s09", "cons.s04"]),
    ("长春市夜经济发展三年行动计划", "长春市商务局", "市级", "2024-05-01", "夜市街区与夜间消费", ["cons.s07", "cons.s08"]),
    ("长春市直播电商发展扶持办法", "长春市商务局", "市级", "2024-08-15", "直播基地与主播孵化", ["cons.s05"]),
    ("绿园区产业链链长制实施方案", "绿园区人民政府", "区级", "2023-02-01", "“1-3-4”链长制工作体系",
     ["beef", "auto", "ha", "cons"]),
    ("绿园区肉牛产业链招商引资优惠政策", "绿园区人民政府", "区级", "2023-04-10", "良种繁育、生物提取补链招商",
     ["beef.s02", "beef.s08"]),
    ("绿园区汽车零部件企业技改奖补办法", "绿园区工业和信息化局", "区级", "2023-06-20", "技改设备补助",
     ["auto.s02", "auto.s03", "auto.s04"]),
    ("绿园区新能源三电项目招引专项政策", "绿园区人民政府", "区级", "2024-03-01", "电池、电机、电控项目招引",
     ["auto.s08"]),
    ("绿园区轨道客车配套企业培育计划", "绿园区工业和信息化局", "区级", "2023-09-12", "配套企业培育与本地化",
     ["ha", "ha.s02", "ha.s05"]),
    ("绿园区牵引电气补链招商专项方案", "绿园区人民政府", "区级", "2024-05-18", "牵引与电气系统环节招商", ["ha.s04"]),
    ("绿园区新兴消费场景打造行动方案", "绿园区商务局", "区级", "2024-02-26", "商业综合体、文旅与冰雪场景",
     ["cons", "cons.s08", "cons.s09", "cons.s10"]),
    ("绿园区中小企业纾困与专精特新奖励办法", "绿园区工业和信息化局", "区级", "2024-07-01", "专精特新奖励与融资支持",
     ["auto", "ha", "beef"]),
    ("绿园区冷链与即时配送设施补助办法", "绿园区商务局", "区级", "2024-09-10", "冷库与前置仓补助",
     ["beef.s09", "cons.s04"]),
]

ORGS = [
    # (id, name, kind, head, members, parent, leads, owns)
    ("org.lg", "绿园区产业链链长制工作领导小组", "领导小组", "区委书记", 15, "", ["beef", "auto", "ha", "cons"], []),
    ("org.off.agri", "领导小组办公室（区农业农村局）", "办公室", "区农业农村局局长", 6, "org.lg", [], ["beef"]),
    ("org.off.iit", "领导小组办公室（区工业和信息化局）", "办公室", "区工业和信息化局局长", 8, "org.lg", [],
     ["auto", "ha"]),
    ("org.off.com", "领导小组办公室（区商务局）", "办公室", "区商务局局长", 6, "org.lg", [], ["cons"]),
    ("org.tf.beef", "肉牛深加工产业链工作专班", "工作专班", "分管副区长", 9, "org.off.agri", ["beef"], []),
    ("org.tf.auto", "汽车零部件产业链工作专班", "工作专班", "分管副区长", 10, "org.off.iit", ["auto"], []),
    ("org.tf.ha", "高端装备产业链工作专班", "工作专班", "分管副区长", 10, "org.off.iit", ["ha"], []),
    ("org.tf.cons", "新兴消费产业链工作专班", "工作专班", "分管副区长", 8, "org.off.com", ["cons"], []),
    ("org.dept.agri", "绿园区农业农村局", "牵头部门", "局长", 40, "org.lg", [], ["beef"]),
    ("org.dept.iit", "绿园区工业和信息化局", "牵头部门", "局长", 35, "org.lg", [], ["auto", "ha"]),
    ("org.dept.com", "绿园区商务局", "牵头部门", "局长", 30, "org.lg", [], ["cons"]),
]


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------
def j(items) -> str:
    return ";".join(items)


def fnum(x) -> str:
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        return f"{x:g}" if x != int(x) else f"{x:.1f}".rstrip("0").rstrip(".")
    return str(x)


def write(out: Path, key: str, rows: list[list]) -> None:
    with (out / f"{key}.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADERS[key])
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    build_generic(random.Random(SEED))
    firms = {e["id"]: e for e in ENTERPRISES}
    links = build_links(random.Random(SEED + 2))
    d = CONFIRMED_ON

    write(out, "chains", [[c[0], c[1], c[2], c[3], ILL, d] for c in CHAINS])
    write(out, "segments", [[s[0], s[1], s[2], s[3], s[4], s[5], s[6], ILL, d, j(s[7]), j(s[8])] for s in SEGMENTS])
    write(out, "products", [[p[0], p[1], p[2], p[3], p[4], ILL, d, j(p[5]), j(p[6]), j(p[7]), j(p[8])]
                            for p in PRODUCTS])
    write(out, "technologies", [[t[0], t[1], t[2], t[3], t[4] or "", t[5], ILL, d] for t in TECHS])
    write(out, "technology_paths", [[a, b, y, ILL, d] for a, b, y in PATHS])
    write(out, "application_domains", [[x[0], x[1], x[2], ILL, d] for x in DOMAINS])
    rows = []
    for e in ENTERPRISES:
        in_d = e["region"].startswith("220106")
        rows.append([e["id"], e["name"], "", e["region"], "是" if in_d else "否", e["scale"],
                     "是" if e["anchor"] else "否", "是" if e["srdi"] else "否", e["status"], e["ind"] or "",
                     e["desc"], e["contact"][0], e["contact"][1], e["prov"], d, j(e["segments"]), j(e["products"]),
                     j(e["techs"])])
    write(out, "enterprises", rows)
    write(out, "supply_links", [[x["s"], x["b"], x["p"], fnum(x["share"]), fnum(x["value"]),
                                 "" if x["rec"] is None else x["rec"], "" if x["stock"] is None else x["stock"],
                                 ILL, d] for x in links])
    rows = []
    for pid, name, seg, builder, stage, inv, start, end, techs, content in PROJECTS:
        if builder is None:
            builder = next((e["id"] for e in ENTERPRISES if seg in e["segments"] and e["status"] == "在营"
                            and e["region"].startswith("220106")), "")
        default_region = {"beef": "220106401", "auto": "220106400", "ha": "220106400", "cons": "220106005"}
        region = firms[builder]["region"] if builder else default_region[seg.split(".")[0]]
        rows.append([pid, name + "（示意）", fnum(float(inv)), stage, start, end, "示意项目：" + content, ILL, d,
                     j(techs), region, seg, builder])
    write(out, "projects", rows)
    rows = [[p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[8], d, j(p[7])] for p in POLICIES]
    level_prefix = {"省级": "p", "市级": "m", "区级": "d"}
    counters: dict[str, int] = defaultdict(int)
    for name, issuer, level, date, summary, supports in ILL_POLICIES:
        counters[level] += 1
        pid = f"pol.{level_prefix[level]}{counters[level]:02d}"
        rows.append([pid, name + "（示意）", issuer, level, date, "", "示意政策：" + summary, ILL, d, j(supports)])
    write(out, "policies", rows)
    write(out, "organisations", [[o[0], o[1], o[2], o[3], o[4], ILL, d, o[5], j(o[6]), j(o[7])] for o in ORGS])
    n_d = sum(1 for e in ENTERPRISES if e["region"].startswith("220106"))
    print(f"wrote {out}: {len(ENTERPRISES)} enterprises ({n_d} in district), {len(links)} supply links, "
          f"{len(PROJECTS)} projects, {len(rows)} policies")


if __name__ == "__main__":
    main()
