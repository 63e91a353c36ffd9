"""The chainlens graph: four industrial chains of a district as one property graph.

Every node has a stable ASCII ``id`` and a Chinese ``name``; every node and relationship records where the
fact comes from (``provenance``: a named public source, or ``illustrative``) and the date it was last
confirmed (``confirmed_on``).
"""

from __future__ import annotations

from graph_schema.model import (
    Choice,
    Endpoints,
    GraphModel,
    LedgerColumn,
    NodeType,
    Property,
    PropertyType,
    RelType,
)

S, INT, F, B, D = (
    PropertyType.STRING,
    PropertyType.INT,
    PropertyType.FLOAT,
    PropertyType.BOOL,
    PropertyType.DATE,
)

ILLUSTRATIVE = "illustrative"

PROVENANCE = Property(
    "provenance",
    S,
    "来源",
    required=True,
    doc="A named public source (title, issuer, URL or document number), or 'illustrative'.",
)
CONFIRMED_ON = Property("confirmed_on", D, "核实日期", required=True, doc="Date the fact was last confirmed.")


def _node(label: str, title: str, sheet: str, *props: Property, doc: str = "") -> NodeType:
    key = Property("id", S, "编号", required=True, doc="Stable ASCII id.")
    name = Property("name", S, "名称", required=True, doc="Chinese name.")
    return NodeType(label, title, sheet, (key, name, *props, PROVENANCE, CONFIRMED_ON), doc)


def _system_node(label: str, title: str, sheet: str, *props: Property, doc: str) -> NodeType:
    """A node type chainlens keeps itself: no ledger sheet, no ingestion queries."""
    key, name = Property("id", S, "编号", required=True), Property("name", S, "名称", required=True)
    return NodeType(label, title, sheet, (key, name, *props, PROVENANCE, CONFIRMED_ON), doc, system=True)


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in pairs)


STAGES = _choices(("upstream", "上游"), ("midstream", "中游"), ("downstream", "下游"))
SCALES = _choices(("large", "大型"), ("medium", "中型"), ("small", "小型"), ("micro", "微型"))
FIRM_STATUS = _choices(("active", "在营"), ("inactive", "停产"), ("planned", "筹建"), ("closed", "注销"))
TECH_STATUS = _choices(("current", "现有"), ("developing", "攻关"), ("target", "目标"))
PROJECT_STAGES = _choices(
    ("planned", "谋划"),
    ("signed", "签约"),
    ("under_construction", "在建"),
    ("completed", "竣工"),
    ("operating", "投产"),
)
POLICY_LEVELS = _choices(
    ("national", "国家"), ("provincial", "省级"), ("municipal", "市级"), ("district", "区级")
)
ORG_KINDS = _choices(
    ("leading_group", "领导小组"),
    ("office", "办公室"),
    ("task_force", "工作专班"),
    ("department", "牵头部门"),
)

CHAIN = _node(
    "Chain",
    "产业链",
    "chains",
    Property("leader", S, "链长"),
    Property("description", S, "简介"),
    doc="An industrial chain the district runs under the chain-leader system.",
)
SEGMENT = _node(
    "Segment",
    "环节",
    "segments",
    Property("chain_id", S, "所属产业链", required=True, doc="Chain this segment belongs to."),
    Property("position", INT, "顺序", required=True, minimum=1, doc="1 = most upstream."),
    Property("stage", S, "上中下游", required=True, choices=STAGES),
    Property("industry_code", S, "行业代码", reference="industry", doc="GB/T 4754-2017 small class."),
    Property("description", S, "说明"),
    Property(
        "keywords",
        S,
        "关键词",
        doc="Words an office adds so that intake places firms on this segment (separated by ；, ， or 、).",
    ),
    doc="A link of a chain, ordered from upstream to downstream.",
)
ENTERPRISE = _node(
    "Enterprise",
    "企业",
    "enterprises",
    Property("credit_code", S, "统一社会信用代码", doc="Where public."),
    Property(
        "region_code",
        S,
        "所在地区代码",
        required=True,
        reference="region",
        doc="The finest division known: a province (2 digits), city (4), county (6) or township (9) code.",
    ),
    Property(
        "in_district",
        B,
        "区内企业",
        required=True,
        doc="Given, never inferred from the region code: a city or province code cannot tell.",
    ),
    Property("scale", S, "企业规模", choices=SCALES, unknown=True),
    Property("is_anchor", B, "链主企业", required=True),
    Property("is_specialised", B, "专精特新", unknown=True),
    Property("status", S, "经营状态", required=True, choices=FIRM_STATUS),
    Property("industry_code", S, "行业代码", reference="industry"),
    Property("description", S, "主营业务"),
    Property("contact_name", S, "联系人"),
    Property("contact_phone", S, "联系电话"),
)
PRODUCT = _node(
    "Product",
    "产品",
    "products",
    Property(
        "parent_id",
        S,
        "产品大类",
        doc="The broader product (产品大类) this one (产品小类) belongs to; no cycles.",
    ),
    Property("hs_code", S, "HS编码", reference="hs"),
    Property("unit", S, "计量单位"),
    Property("description", S, "说明"),
)
TECHNOLOGY = _node(
    "Technology",
    "技术",
    "technologies",
    Property("chain_id", S, "所属产业链", required=True),
    Property("status", S, "技术状态", required=True, choices=TECH_STATUS),
    Property("target_year", INT, "目标年份", minimum=2000, maximum=2100),
    Property("description", S, "说明"),
)
DOMAIN = _node(
    "ApplicationDomain",
    "应用领域",
    "application_domains",
    Property("description", S, "说明"),
)
REGION = _node(
    "Region",
    "地区",
    "regions",
    Property(
        "level",
        S,
        "层级",
        required=True,
        choices=_choices(("province", "省级"), ("city", "地级"), ("county", "县级"), ("township", "乡级")),
    ),
    doc="An administrative division; its id is the statistical division code.",
)
PROJECT = _node(
    "Project",
    "项目",
    "projects",
    Property("investment", F, "总投资(万元)", minimum=0),
    Property("stage", S, "项目阶段", required=True, choices=PROJECT_STAGES),
    Property("start_date", D, "开工日期"),
    Property("end_date", D, "竣工日期"),
    Property("description", S, "建设内容"),
)
POLICY = _node(
    "Policy",
    "政策",
    "policies",
    Property("issuer", S, "发文单位", required=True),
    Property("level", S, "政策层级", required=True, choices=POLICY_LEVELS),
    Property("issued_on", D, "发布日期", required=True),
    Property("doc_number", S, "文号"),
    Property("summary", S, "主要内容"),
)
ORGANISATION = _node(
    "Organisation",
    "组织机构",
    "organisations",
    Property("kind", S, "机构类型", required=True, choices=ORG_KINDS),
    Property("head", S, "负责人"),
    Property("members", INT, "人员数", minimum=0),
    doc="The 1-3-4 system: leading group, three offices, four task forces, lead departments.",
)

RISK_KINDS = _choices(
    ("break", "断点"),
    ("choke", "堵点"),
    ("single_source", "单一来源"),
    ("concentrated", "供应集中"),
    ("recovery_gap", "替换时间超过库存"),
    ("manual", "人工录入"),
)
RISK_STATUS = _choices(
    ("identified", "已识别"), ("confirmed", "已确认"), ("handling", "处置中"), ("resolved", "已化解")
)
ASSESSMENT_ITEMS = _choices(
    ("task_force", "组建工作专班"),
    ("kept_current", "任务清单与四图五清单动态更新"),
    ("yearly_plan", "制定年度工作计划"),
    ("policies", "出台专项政策"),
    ("anchors", "培育链主企业"),
    ("specialised", "培育专精特新企业"),
    ("projects", "推进补链项目"),
    ("problems", "解决重大问题"),
)

RISK = _node(
    "Risk",
    "风险台账",
    "risk_register",
    Property("chain_id", S, "所属产业链", required=True),
    Property("kind", S, "风险类型", required=True, choices=RISK_KINDS),
    Property("subject", S, "风险对象", doc="What the risk is about: segment, or buyer and input, as ids."),
    Property("status", S, "状态", required=True, choices=RISK_STATUS),
    Property("owner", S, "责任单位"),
    Property("measures", S, "处置措施"),
    Property("identified_on", D, "识别日期", required=True),
    Property("status_on", D, "状态日期"),
    Property("resolved_on", D, "化解日期"),
    doc="The office's risk register (断链断供风险台账): computed or entered by hand, worked to resolution.",
)
EVIDENCE = _node(
    "Evidence",
    "考核佐证",
    "assessment_evidence",
    Property("chain_id", S, "所属产业链", required=True),
    Property("year", INT, "考核年度", required=True, minimum=2000, maximum=2100),
    Property("item", S, "考核事项", required=True, choices=ASSESSMENT_ITEMS),
    Property("description", S, "佐证说明"),
    Property("document", S, "佐证材料"),
    doc="Recorded evidence for a duty of the yearly assessment (全年考核) the data cannot show by itself.",
)

UPDATE = _system_node(
    "GraphUpdate",
    "更新记录",
    "updates",
    Property("seq", INT, "序号", required=True),
    Property("at", D, "更新日期", required=True),
    Property("recorded_at", S, "记录时间", required=True),
    Property("author", S, "作者", required=True),
    Property("note", S, "说明"),
    Property("kind", S, "类型", required=True),
    Property("undoes", S, "撤销的更新"),
    Property("version", S, "图谱版本", doc="The graph version this update left."),
    Property("changes", INT, "变更行数"),
    Property("summary", S, "变更摘要", doc="JSON: changed rows per sheet."),
    doc="One update of the graph (an import, an undo, a restore): when, by whom, why.",
)
UPDATE_CHUNK = _system_node(
    "GraphUpdateChunk",
    "更新内容",
    "update_chunks",
    Property("update_id", S, "更新编号", required=True),
    Property("n", INT, "分段序号", required=True),
    Property("payload", S, "内容", required=True, doc="gzip + base64 of the update's changed rows."),
    doc="The rows an update changed, before and after, in pieces of at most 512 KB.",
)
META = _system_node(
    "Meta",
    "图谱元数据",
    "meta",
    Property("version", S, "版本", required=True, doc="A new random token after every write."),
    doc="One node, id 'graph', whose version changes with every write: the key of the result cache.",
)
WRITE_LOCK = _system_node(
    "WriteLock",
    "写入锁",
    "write_locks",
    Property("writes", INT, "写入次数", required=True),
    doc="One node, id 'graph', updated first by every write transaction: writers of every process queue "
    "on it, so an update takes the next number and records only its own rows.",
)
API_KEY = _system_node(
    "ApiKey",
    "API密钥",
    "api_keys",
    Property("owner", S, "持有人", required=True),
    Property("role", S, "角色", required=True),
    Property("chains", S, "可编辑的产业链", doc="Chain ids an editor may change, comma-separated."),
    Property("created_at", S, "创建时间", required=True),
    Property("revoked_at", S, "吊销时间"),
    Property("secret_sha256", S, "密钥哈希", required=True, doc="SHA-256 of the key's secret part."),
    doc="An API key, hashed (the Neo4j backend; the embedded one keeps keys in a file).",
)
SESSION_SECRET = _system_node(
    "SessionSecret",
    "会话签名密钥",
    "session_secrets",
    Property("secret", S, "签名密钥", required=True, doc="64 hex digits signing browser sessions."),
    doc="One node, id 'session', whose secret signs browser sessions on every API process (Neo4j backend).",
)

REL_COMMON = (PROVENANCE, CONFIRMED_ON)


def _rel(
    rel_type: str,
    pairs: list[tuple[str, str]],
    *props: Property,
    doc: str = "",
    columns: tuple[LedgerColumn, ...] = (),
    sheet: str | None = None,
    title: str | None = None,
    discriminator: tuple[str, ...] = (),
) -> RelType:
    return RelType(
        rel_type,
        tuple(Endpoints(a, b) for a, b in pairs),
        (*props, *REL_COMMON),
        doc,
        columns,
        sheet,
        title,
        discriminator,
    )


RELATIONSHIPS = (
    _rel(
        "HAS_SEGMENT",
        [("Chain", "Segment")],
        doc="Chain has segment (from the segment's chain_id).",
        columns=(LedgerColumn("Segment", "chain_id", "所属产业链", reverse=True, single=True),),
    ),
    _rel(
        "FEEDS",
        [("Segment", "Segment")],
        doc="Upstream segment feeds downstream segment.",
        columns=(LedgerColumn("Segment", "feeds", "下游环节"),),
    ),
    _rel(
        "OPERATES_IN",
        [("Enterprise", "Segment")],
        columns=(LedgerColumn("Enterprise", "segments", "所属环节"),),
    ),
    _rel(
        "SUPPLIES",
        [("Enterprise", "Enterprise")],
        Property("product_id", S, "供应产品", required=True),
        Property("share", F, "供应份额", minimum=0, maximum=1, doc="Share of the buyer's need for it."),
        Property("annual_value", F, "年供应额(万元)", minimum=0),
        Property("recovery_days", INT, "替换所需天数", minimum=0, doc="Days to replace this supplier."),
        Property("stock_days", INT, "库存可支撑天数", minimum=0, doc="Days the buyer can run on stock."),
        doc="Supplier sells the product to the buyer.",
        sheet="supply_links",
        title="供应关系",
        discriminator=("product_id",),
    ),
    _rel(
        "MAKES",
        [("Enterprise", "Product")],
        Property(
            "revenue_share",
            F,
            "营收占比",
            minimum=0,
            maximum=1,
            unknown=True,
            doc="Share of the firm's revenue the product brings (0–1).",
        ),
        Property("main_line", B, "是否主营", unknown=True, doc="Whether it is one of the firm's main lines."),
        doc="The firm makes the product. Which products: the firm's 主要产品 list; how much each weighs: "
        "the 企业产品 sheet, whose rows also add a product the list does not name.",
        columns=(LedgerColumn("Enterprise", "products", "主要产品"),),
        sheet="enterprise_products",
        title="企业产品",
    ),
    _rel(
        "SUBTYPE_OF",
        [("Product", "Product")],
        doc="A product (产品小类) belongs to a broader product (产品大类), from the product's parent_id.",
        columns=(LedgerColumn("Product", "parent_id", "产品大类", single=True),),
    ),
    _rel(
        "INPUT_TO",
        [("Product", "Product")],
        doc="An input product goes into an output product.",
        columns=(LedgerColumn("Product", "inputs", "投入品", reverse=True),),
    ),
    _rel(
        "PRODUCED_IN",
        [("Product", "Segment")],
        doc="The segment a product is typically made in.",
        columns=(LedgerColumn("Product", "segments", "所属环节"),),
    ),
    _rel(
        "USES_TECHNOLOGY",
        [("Segment", "Technology"), ("Product", "Technology")],
        columns=(
            LedgerColumn("Segment", "technologies", "关键技术"),
            LedgerColumn("Product", "technologies", "关键技术"),
        ),
    ),
    _rel(
        "LEADS_TO",
        [("Technology", "Technology")],
        Property("target_year", INT, "目标年份", minimum=2000, maximum=2100),
        doc="Roadmap step from a current technology to a target one.",
        sheet="technology_paths",
        title="技术路线",
    ),
    _rel(
        "HOLDS_TECHNOLOGY",
        [("Enterprise", "Technology"), ("Project", "Technology")],
        doc="A firm or project working on a technology.",
        columns=(
            LedgerColumn("Enterprise", "technologies", "掌握技术"),
            LedgerColumn("Project", "technologies", "涉及技术"),
        ),
    ),
    _rel(
        "APPLIED_IN",
        [("Product", "ApplicationDomain")],
        columns=(LedgerColumn("Product", "domains", "应用领域"),),
    ),
    _rel(
        "LOCATED_IN",
        [("Enterprise", "Region"), ("Project", "Region")],
        columns=(
            LedgerColumn("Enterprise", "region_code", "所在地区代码", single=True),
            LedgerColumn("Project", "region_code", "所在地区代码", single=True),
        ),
    ),
    _rel(
        "PART_OF",
        [("Region", "Region"), ("Organisation", "Organisation")],
        columns=(
            LedgerColumn("Region", "parent", "上级地区", single=True),
            LedgerColumn("Organisation", "parent", "上级机构", single=True),
        ),
    ),
    _rel(
        "IN_SEGMENT",
        [("Project", "Segment")],
        columns=(LedgerColumn("Project", "segment", "所属环节", single=True),),
    ),
    _rel(
        "UNDERTAKEN_BY",
        [("Project", "Enterprise")],
        columns=(LedgerColumn("Project", "enterprise", "建设单位", single=True),),
    ),
    _rel(
        "SUPPORTS",
        [("Policy", "Chain"), ("Policy", "Segment")],
        columns=(LedgerColumn("Policy", "supports", "支持对象"),),
    ),
    _rel(
        "LEADS",
        [("Organisation", "Chain")],
        doc="Leading group or task force leads the chain's work.",
        columns=(LedgerColumn("Organisation", "leads", "牵头产业链"),),
    ),
    _rel(
        "OWNS",
        [("Organisation", "Chain")],
        doc="Office or lead department owns the chain's day-to-day work.",
        columns=(LedgerColumn("Organisation", "owns", "负责产业链"),),
    ),
)

MODEL = GraphModel(
    nodes=(
        CHAIN,
        SEGMENT,
        ENTERPRISE,
        PRODUCT,
        TECHNOLOGY,
        DOMAIN,
        REGION,
        PROJECT,
        POLICY,
        ORGANISATION,
        RISK,
        EVIDENCE,
        META,
        UPDATE,
        UPDATE_CHUNK,
        WRITE_LOCK,
        API_KEY,
        SESSION_SECRET,
    ),
    relationships=RELATIONSHIPS,
)
