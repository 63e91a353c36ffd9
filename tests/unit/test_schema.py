"""The model renders to pinned schema statements and to the checked-in ingestion queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_schema import (
    MODEL,
    Endpoints,
    GraphModel,
    NodeType,
    Property,
    PropertyType,
    RelType,
    ingest_cypher,
    ladybug_ddl,
    neo4j_schema,
)

GOLDEN = Path(__file__).parent / "golden"
CYPHER = Path(__file__).resolve().parents[2] / "cypher"


def _pinned(name: str) -> list[str]:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    return [s.strip() for s in text.split(";") if s.strip()]


def test_ladybug_ddl_is_pinned() -> None:
    assert ladybug_ddl(MODEL) == _pinned("ladybug_ddl.cypher")


def test_neo4j_schema_is_pinned() -> None:
    assert neo4j_schema(MODEL) == _pinned("neo4j_schema.cypher")


def test_checked_in_ingestion_queries_match_the_model() -> None:
    rendered = ingest_cypher.render()
    on_disk = {
        f"ingest/{p.name}": p.read_text(encoding="utf-8") for p in (CYPHER / "ingest").glob("*.cypher")
    }
    assert on_disk == rendered, "run `python -m graph_schema.ingest_cypher` and review the diff"


def test_every_node_type_has_id_name_and_provenance() -> None:
    for node in MODEL.nodes:
        assert node.property_names[:2] == ("id", "name")
        assert {"provenance", "confirmed_on"} <= set(node.property_names)
    for rel in MODEL.relationships:
        assert {"provenance", "confirmed_on"} <= set(rel.property_names)


def test_model_rejects_unknown_endpoint_and_bad_names() -> None:
    key = Property("id", PropertyType.STRING, "编号")
    node = NodeType("Thing", "东西", "things", (key,))
    with pytest.raises(ValueError, match="unknown endpoint"):
        GraphModel((node,), (RelType("LINKS", (Endpoints("Thing", "Nope"),), ()),))
    with pytest.raises(ValueError, match="UpperCamel"):
        GraphModel((NodeType("thing", "东西", "things", (key,)),), ())
    with pytest.raises(ValueError, match="first property"):
        GraphModel((NodeType("Thing", "东西", "things", ()),), ())
