"""The ledger format (台账): one sheet or CSV file per list, columns derived from graph_schema.

A node sheet has one column per property plus one list column per relationship its rows own (for example
an enterprise row lists the segments it operates in). A relationship that carries its own facts (supply
links, technology roadmap steps) has a sheet of its own. Headers are Chinese; the English key of each
column is accepted too. An optional ``操作`` (``op``) column marks a row ``删除`` (``delete``) to remove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph_schema import MODEL, Choice, LedgerColumn, NodeType, Property, PropertyType, RelType

OP_KEY, OP_HEADER = "op", "操作"
OP_DELETE = ("delete", "删除")
OP_UPSERT = ("", "upsert", "新增", "更新", "新增/更新")

# Endpoint columns of relationship sheets: (key, Chinese header) for the source and the target.
_ENDPOINTS = {
    "SUPPLIES": (("supplier_id", "供应企业编号"), ("buyer_id", "采购企业编号")),
    "LEADS_TO": (("from_id", "起始技术编号"), ("to_id", "目标技术编号")),
    "MAKES": (("enterprise_id", "企业编号"), ("product_id", "产品编号")),
}


# Relationship properties that hold the id of a node.
_PRODUCT_REFS = {("SUPPLIES", "product_id"): "Product"}


@dataclass(frozen=True)
class Link:
    """A relationship a node-sheet column creates, with the labels its ids may name."""

    rel: RelType
    column: LedgerColumn
    targets: tuple[str, ...]  # labels the listed ids may name


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: PropertyType
    required: bool = False
    choices: tuple[Choice, ...] = ()
    reference: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    is_property: bool = True
    is_list: bool = False
    links: tuple[Link, ...] = ()
    names_label: str | None = None  # label the ids in this column must name (relationship sheets)
    unknown: bool = False  # blank or 未知 means the fact is not known (stored as null, exported as 未知)


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    columns: tuple[Column, ...]
    node: NodeType | None = None
    rel: RelType | None = None
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: dict[str, Column] = {}
        for c in self.columns:
            names[c.key] = c
            names[c.header] = c
        object.__setattr__(self, "_by_name", names)

    def column(self, name: str) -> Column | None:
        """The column a header names, by its Chinese header or English key."""
        return self._by_name.get(name.strip())

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _property_column(p: Property, names_label: str | None = None) -> Column:
    """The column of one declared property, with its type, bounds, choices and whether it may be unknown."""
    return Column(
        p.name,
        p.label,
        p.type,
        p.required,
        p.choices,
        p.reference,
        p.minimum,
        p.maximum,
        names_label=names_label,
        unknown=p.unknown,
    )


def _node_sheet(node: NodeType) -> Sheet:
    columns: dict[str, Column] = {p.name: _property_column(p) for p in node.properties}
    for rel in MODEL.relationships:
        for lc in rel.ledger_columns:
            if lc.on != node.label:
                continue
            targets = tuple(
                (e.source if lc.reverse else e.target)
                for e in rel.endpoints
                if (e.target if lc.reverse else e.source) == node.label
            )
            link = Link(rel, lc, targets)
            if lc.name in columns:  # a property that also creates a relationship (chain_id, region_code)
                base = columns[lc.name]
                columns[lc.name] = replace(base, links=(*base.links, link))
            else:
                columns[lc.name] = Column(
                    lc.name,
                    lc.label,
                    PropertyType.STRING,
                    is_property=False,
                    is_list=not lc.single,
                    links=(link,),
                )
    return Sheet(node.sheet, node.title, tuple(columns.values()), node=node)


def _rel_sheet(rel: RelType) -> Sheet:
    assert rel.sheet and rel.title
    (skey, shead), (tkey, thead) = _ENDPOINTS[rel.type]
    pair = rel.endpoints[0]
    columns = [
        Column(skey, shead, PropertyType.STRING, True, names_label=pair.source),
        Column(tkey, thead, PropertyType.STRING, True, names_label=pair.target),
    ]
    for p in rel.properties:
        columns.append(_property_column(p, _PRODUCT_REFS.get((rel.type, p.name))))
    return Sheet(rel.sheet, rel.title, tuple(columns), rel=rel)


def _sheets() -> tuple[Sheet, ...]:
    order = [
        "chains",
        "segments",
        "products",
        "technologies",
        "technology_paths",
        "application_domains",
        "enterprises",
        "enterprise_products",
        "supply_links",
        "projects",
        "policies",
        "organisations",
        "risk_register",
        "assessment_evidence",
    ]
    built = {n.sheet: _node_sheet(n) for n in MODEL.nodes if not n.system}
    built.update({r.sheet: _rel_sheet(r) for r in MODEL.relationships if r.sheet})
    return tuple(built[k] for k in order)


SHEETS: tuple[Sheet, ...] = _sheets()
REGION_SHEET: Sheet = _node_sheet(MODEL.node("Region"))  # loaded from reference data, not a ledger


def is_ledger_row(rel: RelType, props: dict[str, object]) -> bool:
    """Whether a link of a relationship sheet is a row of it: always, except for a link a list column
    owns (MAKES, from 主要产品), which has a row of its own (企业产品) only where it records a fact."""
    if not rel.ledger_columns:
        return True
    return any(
        props.get(p) is not None for p in rel.property_names if p not in ("provenance", "confirmed_on")
    )


def sheet_for(name: str) -> Sheet | None:
    """The sheet a file or worksheet name stands for: its English key or Chinese title."""
    stem = name.strip()
    for s in (*SHEETS, REGION_SHEET):
        if stem in (s.key, s.title):
            return s
    return None
