"""The building blocks of the graph model: typed properties, node types, relationship types.

The model is declared once (see :mod:`graph_schema.chains`) and everything engine-specific is rendered
from it: Neo4j constraints and indexes, LadybugDB DDL, the ingestion Cypher and the ledger columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class PropertyType(StrEnum):
    """Value types both engines store natively.

    Dates are kept as ISO-8601 strings (``YYYY-MM-DD``): they sort and compare correctly as text, and both
    engines then return the same Python value (``str``) instead of two different date classes.
    """

    STRING = "string"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"


@dataclass(frozen=True)
class Choice:
    """One value of a closed set: a stable ASCII code and the Chinese label people read."""

    code: str
    label: str


@dataclass(frozen=True)
class Property:
    """A typed property with its Chinese column header for ledgers and exports."""

    name: str
    type: PropertyType
    label: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    reference: str | None = None  # name of a reference vocabulary the value must belong to
    minimum: float | None = None
    maximum: float | None = None
    doc: str = ""
    # The fact may be unknown: a blank cell or 未知 in a ledger is stored as null, exported as 未知, and every
    # analysis says how it treats it (it is never read as a known value such as 否 or 小型).
    unknown: bool = False

    def choice_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)


@dataclass(frozen=True)
class NodeType:
    """A node label with its properties; ``id`` is the key of every node type."""

    label: str
    title: str  # Chinese name of the type, used for sheet names
    sheet: str  # stable English ledger key
    properties: tuple[Property, ...]
    doc: str = ""
    system: bool = False  # kept by chainlens itself: no ledger sheet, no ingestion queries

    def prop(self, name: str) -> Property:
        for p in self.properties:
            if p.name == name:
                return p
        raise KeyError(f"{self.label} has no property {name!r}")

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)


@dataclass(frozen=True)
class Endpoints:
    """One (from label, to label) pair a relationship type may join."""

    source: str
    target: str


@dataclass(frozen=True)
class LedgerColumn:
    """How a relationship without its own sheet is written in a node sheet: a list column of ids.

    ``on`` is the label of the node whose sheet carries the column; ``reverse`` means that node is the
    relationship's target (e.g. a product lists its inputs, but the edge runs input -> product).
    """

    on: str
    name: str
    label: str
    reverse: bool = False
    single: bool = False  # at most one id in the cell


@dataclass(frozen=True)
class RelType:
    """A relationship type, its endpoint pairs and its properties.

    ``discriminator`` names the properties that, with the two endpoints, identify one relationship, so
    re-importing a ledger updates it instead of adding a twin.
    """

    type: str
    endpoints: tuple[Endpoints, ...]
    properties: tuple[Property, ...]
    doc: str = ""
    ledger_columns: tuple[LedgerColumn, ...] = ()
    sheet: str | None = None  # own ledger sheet (for relationships that carry their own facts)
    title: str | None = None
    discriminator: tuple[str, ...] = ()

    def prop(self, name: str) -> Property:
        for p in self.properties:
            if p.name == name:
                return p
        raise KeyError(f"{self.type} has no property {name!r}")

    @property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)


_LABEL = re.compile(r"^[A-Z][A-Za-z]+$")
_REL = re.compile(r"^[A-Z][A-Z_]+$")
_PROP = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class GraphModel:
    """The whole model: node types and relationship types, checked for consistency on creation."""

    nodes: tuple[NodeType, ...]
    relationships: tuple[RelType, ...]
    _by_label: dict[str, NodeType] = field(init=False, repr=False, compare=False)
    _by_type: dict[str, RelType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_label", {n.label: n for n in self.nodes})
        object.__setattr__(self, "_by_type", {r.type: r for r in self.relationships})
        self._check()

    def node(self, label: str) -> NodeType:
        try:
            return self._by_label[label]
        except KeyError:
            raise KeyError(f"unknown node label {label!r}") from None

    def rel(self, rel_type: str) -> RelType:
        try:
            return self._by_type[rel_type]
        except KeyError:
            raise KeyError(f"unknown relationship type {rel_type!r}") from None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(n.label for n in self.nodes)

    @property
    def rel_types(self) -> tuple[str, ...]:
        return tuple(r.type for r in self.relationships)

    def _check(self) -> None:
        if len(self._by_label) != len(self.nodes) or len(self._by_type) != len(self.relationships):
            raise ValueError("duplicate node label or relationship type")
        for n in self.nodes:
            if not _LABEL.match(n.label):
                raise ValueError(f"label {n.label!r} is not UpperCamel")
            if not n.properties or n.properties[0].name != "id":
                raise ValueError(f"{n.label}: the first property must be the key 'id'")
            _check_props(n.label, n.properties)
        for r in self.relationships:
            if not _REL.match(r.type):
                raise ValueError(f"relationship type {r.type!r} is not UPPER_SNAKE")
            _check_props(r.type, r.properties)
            for e in r.endpoints:
                for label in (e.source, e.target):
                    if label not in self._by_label:
                        raise ValueError(f"{r.type}: unknown endpoint label {label}")
            for d in r.discriminator:
                r.prop(d)


def _check_props(owner: str, props: tuple[Property, ...]) -> None:
    names = [p.name for p in props]
    if len(set(names)) != len(names):
        raise ValueError(f"{owner}: duplicate property names")
    for p in props:
        if not _PROP.match(p.name):
            raise ValueError(f"{owner}.{p.name} is not snake_case")
        if p.choices and p.type is not PropertyType.STRING:
            raise ValueError(f"{owner}.{p.name}: choices need a string property")
        if p.unknown and p.required:
            raise ValueError(f"{owner}.{p.name}: a required property cannot be unknown")
