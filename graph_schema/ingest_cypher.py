"""Render the ingestion queries for every node and relationship type from the model.

The files land in ``cypher/ingest/`` (run ``python -m graph_schema.ingest_cypher``); a unit test checks the
checked-in files equal this rendering. They come in per-engine pairs by design: bulk rows reach Neo4j as a
list of maps (``UNWIND``) and LadybugDB as a typed Arrow table (``COPY``/``LOAD FROM``), which is typed even
where a column is all null and is the engine's fast path. A few rows are created by the ``add`` queries
instead: LadybugDB checkpoints the whole store when a transaction that ran a ``COPY`` commits, which costs a
weekly update of one firm more than everything else it does (see ``service.ledger.load.COPY_FROM_ROWS``);
``LOAD FROM … CREATE`` is journaled like any other write.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from graph_schema.chains import MODEL
from graph_schema.model import Endpoints, GraphModel, NodeType, RelType

GENERATED = "// Generated from graph_schema by `python -m graph_schema.ingest_cypher`; do not edit."


def snake(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


def node_query(action: str, label: str) -> str:
    """Registry name of a node ingestion query (``create``, ``add``, ``update``, ``delete``, ``list``,
    ``find``)."""
    return f"ingest/{action}_{snake(label)}"


def rel_query(action: str, rel_type: str, pair: Endpoints) -> str:
    """Registry name of a relationship ingestion query (``create``, ``add``, ``delete``, ``unlink_out``,
    ``unlink_in``, ``list``, ``find_from``, ``find_to``)."""
    return f"ingest/{action}_{rel_type.lower()}_{snake(pair.source)}_{snake(pair.target)}"


def rel_columns(rel: RelType) -> tuple[str, ...]:
    """Bulk columns of a relationship: both endpoint ids, then its properties in table order."""
    return ("from_id", "to_id", *rel.property_names)


def _file(summary: str, params: str, returns: str, body: str) -> str:
    return f"// {summary}\n{GENERATED}\n// params: {params}\n// returns: {returns}\n{body}\n"


def _node_files(node: NodeType) -> Iterator[tuple[str, str]]:
    label, props = node.label, node.property_names
    rest = [p for p in props if p != "id"]
    name = node_query("create", label)
    yield (
        f"{name}.ladybug.cypher",
        _file(f"Creates new {label} nodes in bulk.", "rows", "-", f"COPY {label} FROM $rows"),
    )
    create_map = ", ".join(f"{p}: r.{p}" for p in props)
    create_neo4j = f"UNWIND $rows AS r\nCREATE (n:{label} {{{create_map}}})"  # a few rows or many alike
    yield (
        f"{name}.neo4j.cypher",
        _file(f"Creates new {label} nodes in bulk.", "rows", "-", create_neo4j),
    )
    name = node_query("add", label)
    load_map = ", ".join(f"{p}: {p}" for p in props)
    yield (
        f"{name}.ladybug.cypher",
        _file(
            f"Creates a few new {label} nodes (journaled: see create_{snake(label)} for many).",
            "rows",
            "-",
            f"LOAD FROM $rows\nCREATE (n:{label} {{{load_map}}})",
        ),
    )
    yield (
        f"{name}.neo4j.cypher",
        _file(
            f"Creates a few new {label} nodes (as create_{snake(label)} does on this engine).",
            "rows",
            "-",
            create_neo4j,
        ),
    )
    name = node_query("update", label)
    sets_lb = ",\n    ".join(f"n.{p} = {p}" for p in rest)
    sets_neo = ",\n    ".join(f"n.{p} = r.{p}" for p in rest)
    yield (
        f"{name}.ladybug.cypher",
        _file(
            f"Overwrites the properties of existing {label} nodes.",
            "rows",
            "-",
            f"LOAD FROM $rows\nMATCH (n:{label})\nWHERE n.id = id\nSET {sets_lb}",
        ),
    )
    yield (
        f"{name}.neo4j.cypher",
        _file(
            f"Overwrites the properties of existing {label} nodes.",
            "rows",
            "-",
            f"UNWIND $rows AS r\nMATCH (n:{label} {{id: r.id}})\nSET {sets_neo}",
        ),
    )
    yield (
        f"{node_query('delete', label)}.cypher",
        _file(
            f"Deletes {label} nodes and their relationships.",
            "ids",
            "-",
            f"UNWIND $ids AS i\nMATCH (n:{label})\nWHERE n.id = i\nDETACH DELETE n",
        ),
    )
    columns = ", ".join(f"n.{p} AS {p}" for p in props)
    yield (
        f"{node_query('list', label)}.cypher",
        _file(
            f"Lists every {label} with all its properties, ordered by id.",
            "-",
            ", ".join(props),
            f"MATCH (n:{label})\nRETURN {columns}\nORDER BY id",
        ),
    )
    yield (
        f"{node_query('find', label)}.cypher",
        _file(
            f"Lists the {label} nodes with the given ids, with all their properties, ordered by id.",
            "ids",
            ", ".join(props),
            f"MATCH (n:{label})\nWHERE n.id IN $ids\nRETURN {columns}\nORDER BY id",
        ),
    )


def _rel_files(rel: RelType, pair: Endpoints) -> Iterator[tuple[str, str]]:
    t, a, b = rel.type, pair.source, pair.target
    name = rel_query("create", t, pair)
    yield (
        f"{name}.ladybug.cypher",
        _file(
            f"Creates {t} relationships from {a} to {b} in bulk.",
            "rows",
            "-",
            f"COPY {t} FROM $rows (from='{a}', to='{b}')",
        ),
    )
    props = ", ".join(f"{p}: r.{p}" for p in rel.property_names)
    create_neo4j = (  # a few rows or many alike
        f"UNWIND $rows AS r\nMATCH (a:{a} {{id: r.from_id}})\nMATCH (b:{b} {{id: r.to_id}})\n"
        f"CREATE (a)-[:{t} {{{props}}}]->(b)"
    )
    yield (
        f"{name}.neo4j.cypher",
        _file(f"Creates {t} relationships from {a} to {b} in bulk.", "rows", "-", create_neo4j),
    )
    add = rel_query("add", t, pair)
    create = name.removeprefix("ingest/")
    load_props = ", ".join(f"{p}: {p}" for p in rel.property_names)
    yield (
        f"{add}.ladybug.cypher",
        _file(
            f"Creates a few {t} relationships from {a} to {b} (journaled: see {create} for many).",
            "rows",
            "-",
            f"LOAD FROM $rows\nMATCH (a:{a})\nWHERE a.id = from_id\nMATCH (b:{b})\nWHERE b.id = to_id\n"
            f"CREATE (a)-[:{t} {{{load_props}}}]->(b)",
        ),
    )
    yield (
        f"{add}.neo4j.cypher",
        _file(
            f"Creates a few {t} relationships from {a} to {b} (as {create} does on this engine).",
            "rows",
            "-",
            create_neo4j,
        ),
    )
    if rel.sheet:
        name = rel_query("delete", t, pair)
        keys_lb = "".join(f" AND x.{d} = {d}" for d in rel.discriminator)
        keys_neo = " AND ".join(f"x.{d} = r.{d}" for d in rel.discriminator)
        where_neo = f"\nWHERE {keys_neo}" if keys_neo else ""
        yield (
            f"{name}.ladybug.cypher",
            _file(
                f"Deletes the {t} relationships named by their endpoints and key.",
                "rows",
                "-",
                f"LOAD FROM $rows\nMATCH (a:{a})\nWHERE a.id = from_id\n"
                f"MATCH (a)-[x:{t}]->(b:{b})\nWHERE b.id = to_id{keys_lb}\nDELETE x",
            ),
        )
        yield (
            f"{name}.neo4j.cypher",
            _file(
                f"Deletes the {t} relationships named by their endpoints and key.",
                "rows",
                "-",
                f"UNWIND $rows AS r\nMATCH (a:{a} {{id: r.from_id}})-[x:{t}]->(b:{b} {{id: r.to_id}})"
                f"{where_neo}\nDELETE x",
            ),
        )
    for column in rel.ledger_columns:
        owner = b if column.reverse else a
        if column.on != owner:
            continue
        direction = "in" if column.reverse else "out"
        pattern = f"(n)<-[x:{t}]-(:{a})" if column.reverse else f"(n)-[x:{t}]->(:{b})"
        yield (
            f"{rel_query('unlink_' + direction, t, pair)}.cypher",
            _file(
                f"Removes the {t} relationships owned by the listed {owner} nodes "
                "(their ledger row lists them anew).",
                "ids",
                "-",
                f"UNWIND $ids AS i\nMATCH (n:{owner})\nWHERE n.id = i\nMATCH {pattern}\nDELETE x",
            ),
        )
    cols = ", ".join(f"x.{p} AS {p}" for p in rel.property_names)
    order = ", ".join(("from_id", "to_id", *rel.discriminator))
    yield (
        f"{rel_query('list', t, pair)}.cypher",
        _file(
            f"Lists every {t} relationship from {a} to {b} with its properties.",
            "-",
            ", ".join(rel_columns(rel)),
            f"MATCH (a:{a})-[x:{t}]->(b:{b})\nRETURN a.id AS from_id, b.id AS to_id, {cols}\n"
            f"ORDER BY {order}",
        ),
    )
    for end, node in (("from", "a"), ("to", "b")):
        yield (
            f"{rel_query('find_' + end, t, pair)}.cypher",
            _file(
                f"Lists the {t} relationships from {a} to {b} whose {end} end has one of the given ids.",
                "ids",
                ", ".join(rel_columns(rel)),
                f"MATCH (a:{a})-[x:{t}]->(b:{b})\nWHERE {node}.id IN $ids\n"
                f"RETURN a.id AS from_id, b.id AS to_id, {cols}\nORDER BY {order}",
            ),
        )


def render(model: GraphModel = MODEL) -> dict[str, str]:
    """Every generated ingestion file, by path relative to ``cypher/``."""
    files: dict[str, str] = {}
    for node in model.nodes:
        if not node.system:
            files.update(_node_files(node))
    for rel in model.relationships:
        for pair in rel.endpoints:
            files.update(_rel_files(rel, pair))
    return files


def write(root: Path) -> None:
    """Replace ``root/ingest`` with the current rendering."""
    target = root / "ingest"
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.cypher"):
        old.unlink()
    for path, content in render().items():
        (root / path).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "cypher")
