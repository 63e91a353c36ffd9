"""Render the declared model into each engine's schema statements.

Both renderings are pinned by a unit test, so a change to the model shows up as a reviewed diff.
"""

from __future__ import annotations

from graph_schema.model import GraphModel, PropertyType

_LADYBUG_TYPES = {
    PropertyType.STRING: "STRING",
    PropertyType.INT: "INT64",
    PropertyType.FLOAT: "DOUBLE",
    PropertyType.BOOL: "BOOLEAN",
    PropertyType.DATE: "STRING",
}

# Properties worth an index beyond the key: lookups by name (search) and the foreign keys analyses filter on.
_NEO4J_INDEXED = ("name", "chain_id", "region_code", "in_district")


def ladybug_ddl(model: GraphModel) -> list[str]:
    """LadybugDB DDL: one node table per label (``id`` primary key), one rel table per type."""
    statements = []
    for node in model.nodes:
        cols = ", ".join(
            f"{p.name} {_LADYBUG_TYPES[p.type]}" + (" PRIMARY KEY" if p.name == "id" else "")
            for p in node.properties
        )
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}({cols})")
    for rel in model.relationships:
        pairs = ", ".join(f"FROM {e.source} TO {e.target}" for e in rel.endpoints)
        cols = "".join(f", {p.name} {_LADYBUG_TYPES[p.type]}" for p in rel.properties)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({pairs}{cols})")
    return statements


def neo4j_schema(model: GraphModel) -> list[str]:
    """Neo4j 5 Community constraints and indexes (property type constraints need Enterprise Edition)."""
    statements = []
    for node in model.nodes:
        low = node.label.lower()
        statements.append(
            f"CREATE CONSTRAINT {low}_id_unique IF NOT EXISTS FOR (n:{node.label}) REQUIRE n.id IS UNIQUE"
        )
        for p in node.properties:
            if p.name in _NEO4J_INDEXED:
                statements.append(
                    f"CREATE INDEX {low}_{p.name} IF NOT EXISTS FOR (n:{node.label}) ON (n.{p.name})"
                )
    for rel in model.relationships:
        for d in rel.discriminator:
            statements.append(
                f"CREATE INDEX {rel.type.lower()}_{d} IF NOT EXISTS FOR ()-[r:{rel.type}]-() ON (r.{d})"
            )
    return statements
