"""The chainlens graph model, declared once; engine schemas and ingestion Cypher are rendered from it."""

from graph_schema.chains import ILLUSTRATIVE, MODEL
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
from graph_schema.render import ladybug_ddl, neo4j_schema

__all__ = [
    "ILLUSTRATIVE",
    "MODEL",
    "Choice",
    "Endpoints",
    "GraphModel",
    "LedgerColumn",
    "NodeType",
    "Property",
    "PropertyType",
    "RelType",
    "ladybug_ddl",
    "neo4j_schema",
]
