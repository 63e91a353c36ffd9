"""A labelled firm list of the kind registry services export, built for the intake tests and the intake
benchmark: every row knows the county, the township (when its address names one) and the segment of the
seed chains it belongs to (None for the firms of no chain, which real lists are full of).

Addresses are written the ways real exports write them: with and without the province and city, short
names (吉林长春绿园), development zones by their usual names (汽开区, 绿园经济开发区), the township in
brackets at the end, full-width digits and spaces, a 中国 prefix, and firms outside Changchun. Business
scopes (经营范围) are written per segment in registry language, by hand, independently of the matcher's
words; 所属行业 is a code, a code with its section letter, the class name, the path of names, or missing.
Nothing here is random at run time beyond the fixed seed."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

from seed.reference import industry_codes, regions
from service.intake.normalise import CODE_CHARS, check_char

HEADER = [
    "企业名称",
    "统一社会信用代码",
    "登记状态",
    "法定代表人",
    "注册资本",
    "成立日期",
    "所属行业",
    "注册地址",
    "经营范围",
    "企业类型",
    "参保人数",
    "备注",
]

# segment id -> (its industry code in the seed, two scopes as registry exports write them)
SCOPES: dict[str, tuple[str, tuple[str, str]]] = {
    "beef.s01": (
        "1329",
        (
            "饲料生产；饲草种植、收购、加工；青贮饲料销售；农作物秸秆处理及加工利用服务",
            "配合饲料、浓缩饲料、精料补充料生产销售；饲料添加剂销售",
        ),
    ),
    "beef.s02": (
        "0531",
        (
            "牲畜繁育（肉牛）；种牛冻精、胚胎生产经营；畜禽良种推广服务",
            "种畜禽生产经营；牛的人工授精技术服务；胚胎移植技术服务",
        ),
    ),
    "beef.s03": (
        "0311",
        ("牲畜饲养（肉牛）；肉牛育肥；畜牧养殖技术服务", "肉牛养殖、销售；牲畜收购；农业合作社服务"),
    ),
    "beef.s04": ("1351", ("牲畜屠宰（清真肉牛）；生鲜肉批发", "肉牛定点屠宰；屠宰加工；畜禽收购")),
    "beef.s05": ("1351", ("冷鲜牛肉分割加工、销售；鲜肉零售", "牛肉排酸、分割、冷鲜肉分装；食品销售")),
    "beef.s06": (
        "1353",
        (
            "肉制品（酱卤肉制品、熏煮香肠火腿制品）生产；速冻食品生产",
            "牛肉干、牛肉酱等肉制品加工销售；食品生产",
        ),
    ),
    "beef.s07": (
        "1910",
        ("皮革鞣制加工；皮革制品制造；牛皮收购与销售", "蓝湿皮、成品革加工；毛皮鞣制及制品加工"),
    ),
    "beef.s08": (
        "2761",
        (
            "胶原蛋白肽、硫酸软骨素提取生产；生物化工产品技术研发",
            "骨粉、骨胶加工；生化制品（硫酸软骨素）生产",
        ),
    ),
    "beef.s09": (
        "5930",
        ("冷链物流服务；冷库租赁；道路货物运输（冷藏车）", "低温仓储；冷藏运输；供应链管理服务"),
    ),
    "beef.s10": (
        "5124",
        ("牛肉及肉制品批发、零售；网上销售；品牌管理", "预包装食品销售；牛肉礼盒销售；农副产品销售"),
    ),
    "auto.s01": (
        "3130",
        ("钢材、铝材、工程塑料销售；金属材料加工", "冷轧钢板剪切配送；改性塑料粒子生产销售"),
    ),
    "auto.s02": (
        "3391",
        ("汽车铸件、锻件制造；有色金属压铸；黑色金属铸造", "铝合金压铸件生产；曲轴、齿坯锻造加工"),
    ),
    "auto.s03": ("3670", ("汽车冲压件、模具制造；金属冲压加工", "车身冲压件生产；焊接总成加工；模具设计")),
    "auto.s04": ("3670", ("发动机零部件、变速器齿轮及壳体加工制造", "汽车变速箱总成、发动机缸体缸盖机加工")),
    "auto.s05": ("3670", ("汽车底盘零部件、制动器、悬架系统制造", "驱动桥总成、转向系统及减震器生产销售")),
    "auto.s06": ("3670", ("汽车座椅、仪表板、门板等内饰件生产", "汽车内外饰件设计制造；汽车塑料件注塑")),
    "auto.s07": (
        "3670",
        ("汽车线束、车用传感器、车身控制器研发制造", "汽车电子产品研发、生产；电子元器件制造"),
    ),
    "auto.s08": (
        "3841",
        ("动力电池包、驱动电机、电机控制器研发生产", "新能源汽车电池系统集成；电机及控制系统制造"),
    ),
    "auto.s09": (
        "5172",
        ("汽车零部件销售；汽车维修；售后配件供应", "汽车整车配套服务；汽车配件批发零售；二手车经销"),
    ),
    "ha.s01": (
        "3252",
        ("铝合金型材、不锈钢板销售；碳纤维复合材料研发", "特种材料（碳纤维、复合材料）生产；金属材料销售"),
    ),
    "ha.s02": ("3391", ("铸钢件、焊接结构件加工制造；金属结构制造", "轨道车辆焊接件、钢结构件生产加工")),
    "ha.s03": (
        "3715",
        ("轨道车辆转向架及其配件制造；轮对、构架加工", "转向架构架焊接；轴箱、减振器及空气弹簧生产"),
    ),
    "ha.s04": ("3714", ("牵引变流器、牵引电机、牵引变压器研制", "轨道交通电气设备制造；变流技术服务")),
    "ha.s05": ("3715", ("轨道车辆制动系统、制动夹钳单元研发制造", "列车制动控制装置生产；制动配件销售")),
    "ha.s06": ("3715", ("轨道客车内装、座椅、车体大部件生产", "铝合金车体制造；车辆内饰组件装配")),
    "ha.s07": ("3891", ("列车网络控制系统、车载信号设备研发生产", "轨道交通信号系统集成；通信设备制造")),
    "ha.s08": ("3711", ("铁路客车、动车组、城轨车辆制造", "轨道交通车辆整车研发制造及销售")),
    "ha.s09": ("8112", ("轨道车辆高级修、检修服务；备品备件供应", "动车组检修；城市轨道车辆维修保养")),
    "cons.s01": ("5119", ("生鲜农产品、蔬菜水果批发；食材配送", "农副产品收购、销售；粮油批发")),
    "cons.s02": (
        "1439",
        ("预制菜生产；中央厨房配餐；速冻米面食品制造", "调理食品、复合调味料生产；团餐配送"),
    ),
    "cons.s03": (
        "8890",
        ("文创产品设计、销售；城市IP形象设计；工艺美术品制作", "文化创意设计服务；动漫及衍生产品设计"),
    ),
    "cons.s04": ("5437", ("普通货物仓储；即时配送服务；前置仓运营", "同城配送；云仓服务；装卸搬运")),
    "cons.s05": (
        "5292",
        ("直播带货；互联网销售；网络直播技术服务", "电子商务运营；直播基地运营；MCN机构服务"),
    ),
    "cons.s06": (
        "5219",
        ("无人零售；便利店经营；智慧零售系统开发", "日用百货零售；自助售货机运营；零售门店管理"),
    ),
    "cons.s07": ("6210", ("餐饮服务；特色小吃；夜市摊位运营", "烧烤、火锅餐饮服务；酒吧经营")),
    "cons.s08": ("9030", ("旅游开发项目策划；景区管理；研学旅行服务", "文化旅游体验项目运营；游览景区管理")),
    "cons.s09": ("8930", ("滑雪场经营；冰雪运动培训；冰雪运动装备销售", "冰雪旅游项目开发；滑冰场运营")),
    "cons.s10": (
        "7222",
        ("商业综合体管理服务；品牌管理；物业管理", "购物中心运营；商业运营管理；区域公共品牌推广"),
    ),
}
NOISE = (
    ("6513", "软件开发；信息技术咨询服务；数据处理"),
    ("7010", "房地产开发经营；房屋租赁"),
    ("4790", "建筑工程施工；建筑装饰装修"),
    ("7242", "会计代理记账；企业管理咨询"),
    ("8399", "教育咨询服务（不含涉许可审批的教育培训活动）"),
    ("5251", "药品零售；第二类医疗器械销售"),
    ("8010", "家政服务；保洁服务；病人陪护"),
    ("7251", "广告设计、代理；广告制作"),
    ("8090", "美容服务；理发服务"),
    ("7262", "劳务派遣服务；人力资源服务"),
)
BRANDS = ("鑫达", "恒通", "华越", "盛泰", "嘉禾", "宏远", "瑞丰", "金鼎", "博远", "天成")
BRANDS += ("东升", "兴隆", "明泰", "远航", "福瑞", "腾飞", "汇通", "聚源", "佳和", "众诚")
WORDS = {
    "beef": ("牧业", "肉业", "食品", "生物科技", "饲料", "皮革", "冷链物流", "商贸"),
    "auto": ("汽车零部件", "汽车部件", "机械", "精密制造", "汽车电子", "新能源科技", "材料", "汽车服务"),
    "ha": (
        "轨道交通装备",
        "轨道车辆配件",
        "电气",
        "机电",
        "复合材料",
        "装备制造",
        "轨道交通技术",
        "检修服务",
    ),
    "cons": ("食品", "文化创意", "供应链", "电子商务", "商贸", "餐饮管理", "文化旅游", "体育"),
    "": ("科技", "信息技术", "建筑工程", "管理咨询", "医药", "家政服务", "广告", "人力资源"),
}
FORMS = ("有限公司", "有限责任公司", "股份有限公司")
ROADS = (
    "开元大街",
    "皓月大路",
    "青年路",
    "西安大路",
    "春城大街",
    "繁荣路",
    "景阳大路",
    "普阳街",
    "锦江路",
    "东风大街",
)
OUTSIDE = (  # (address prefix, county code)
    ("北京市海淀区", "110108"),
    ("上海市浦东新区", "310115"),
    ("广东省深圳市南山区", "440305"),
    ("辽宁省沈阳市铁西区", "210106"),
    ("吉林省吉林市船营区", "220204"),
    ("江苏省苏州市吴江区", "320509"),
    ("天津市滨海新区", "120116"),
    ("黑龙江省哈尔滨市南岗区", "230103"),
)
ZONES = {  # usual zone names: (text, county, township)
    "220174": ("汽开区", "220174", None),
    "220172": ("净月区", "220172", None),
    "220173": ("高新区", "220173", None),
    "220171": ("经开区", "220171", None),
}
STATUSES = (
    "存续",
    "在业",
    "开业",
    "存续（在营、开业、在册）",
    "在营（开业）企业",
    "注销",
    "吊销，未注销",
    "迁出",
    "停业",
)
STATUS_CODES = ("active", "active", "active", "active", "active", "closed", "closed", "active", "inactive")


@dataclass(frozen=True)
class Label:
    county: str | None  # the county the address names (None: it names none)
    township: str | None  # the township it names, when it names one
    segment: str | None  # the firm's segment (None: a firm of no chain)
    code_ok: bool  # whether the credit code as written is a valid one
    status: str  # the ledger status code the status cell means


def credit_code(rng: random.Random, county: str) -> str:
    body = "91" + county + "".join(rng.choice(CODE_CHARS) for _ in range(9))
    return body + check_char(body)


def _wide(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def _address(rng: random.Random, style: int, county: str | None, township: str | None) -> str:
    refs = regions()
    road = f"{rng.choice(ROADS)}{rng.randint(1, 3999)}号"
    if county is None:  # the city alone
        return f"长春市{road}"
    if not county.startswith("2201"):
        prefix = next(p for p, c in OUTSIDE if c == county)
        return prefix + road
    cname = refs[county].name
    town = refs[township].name if township else ""
    if county in ZONES and not township:
        zone = ZONES[county][0]
        return (f"吉林省长春市{zone}{road}", f"长春{zone}{road}", f"长春市{cname}{road}")[style % 3]
    short = cname[:-1] if cname.endswith("区") and len(cname) == 3 else cname
    forms = (
        f"吉林省长春市{cname}{town}{road}",
        f"长春市{cname}{town}{road}",
        f"{cname}{town}{road}",
        f"吉林长春{short}{town}{road}",
        _wide(f"吉林省 长春市 {cname} {town} {road}"),
        f"长春市{cname}{road}（{town}）" if town else f"长春市{cname}{road}",
        f"中国吉林省长春市{cname}{town}{road}",
        f"吉林省长春市{town}{road}" if town else f"吉林省长春市{cname}{road}",
    )
    return forms[style % len(forms)]


def _places(rng: random.Random) -> tuple[str | None, str | None, bool]:
    """(county, township, address names the township)"""
    refs = regions()
    towns = [c for c, r in refs.items() if r.level == "township"]
    district = [c for c in towns if c.startswith("220106")]
    pick = rng.random()
    if pick < 0.45:
        town = rng.choice(district)
    elif pick < 0.75:
        town = rng.choice(towns)
    elif pick < 0.85:
        return rng.choice(list(ZONES)), None, False
    elif pick < 0.95:
        return rng.choice(OUTSIDE)[1], None, False
    else:
        return None, None, False
    county = town[:6]
    if rng.random() < 0.2:  # the address gives the county only
        return county, None, False
    return county, town, True


def _industry(rng: random.Random, code: str) -> str:
    names = industry_codes()
    style = rng.randrange(6)
    if style == 0:
        return code
    if style == 1:
        return f"C{code}" if code[:2] >= "13" and code[:2] <= "43" else code
    if style == 2:
        return names[code]
    if style == 3:
        return f"{names[code]}（{code}）"
    if style == 4:
        return ""
    return f"门类-大类-{names[code]}"


def build(rows: int = 360, seed: int = 19) -> tuple[list[list[str]], list[Label]]:
    """``rows`` data rows under :data:`HEADER`, and each row's label."""
    rng = random.Random(seed)
    segments = sorted(SCOPES)
    out: list[list[str]] = []
    labels: list[Label] = []
    for i in range(rows):
        county, township, named = _places(rng)
        noise = rng.random() < 0.2
        segment = None if noise else rng.choice(segments)
        code, scope = (
            rng.choice(NOISE) if segment is None else (SCOPES[segment][0], rng.choice(SCOPES[segment][1]))
        )
        chain = segment.split(".")[0] if segment else ""
        prefix = rng.choice(("长春", "长春市", "吉林省", "吉林", ""))
        name = f"{prefix}{BRANDS[i % len(BRANDS)]}{i:04d}{rng.choice(WORDS[chain])}{rng.choice(FORMS)}"
        status_at = rng.choices(range(len(STATUSES)), weights=(30, 15, 10, 10, 5, 4, 3, 2, 2))[0]
        ok = True
        cc = credit_code(rng, county or "220100")
        roll = rng.random()
        if roll < 0.05:
            cc = cc[:-1] + ("0" if cc[-1] != "0" else "1")
            ok = False
        elif roll < 0.08:
            cc, ok = "", False
        elif roll < 0.10:
            cc = cc.lower()
        capital = rng.choice(("500万元人民币", "1,000万人民币", "50万美元", "3000000元", "200", "100万元"))
        year, month, day = rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)
        founded = rng.choice(
            (
                f"{year}-{month:02d}-{day:02d}",
                f"{year}/{month}/{day}",
                f"{year}年{month}月{day}日",
                f"{year}{month:02d}{day:02d}",
            )
        )
        address = _address(rng, rng.randrange(8), county, township)
        out.append(
            [
                name,
                cc,
                STATUSES[status_at],
                rng.choice(("张伟", "王芳", "李娜", "刘洋")),
                capital,
                founded,
                _industry(rng, code),
                address,
                scope,
                rng.choice(("有限责任公司(自然人投资或控股)", "股份有限公司", "有限责任公司（法人独资）")),
                str(rng.randint(0, 800)),
                "",
            ]
        )
        labels.append(Label(county, township if named else None, segment, ok, STATUS_CODES[status_at]))
    return out, labels


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", title_rows: int = 0) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for i in range(title_rows):
        writer.writerow(["企业名录导出" if i == 0 else "导出时间：2026-11-20"])
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[str]], title_rows: int = 0) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "企业名录"
    for i in range(title_rows):
        ws.append(["企业名录导出" if i == 0 else "导出时间：2026-11-20"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path
