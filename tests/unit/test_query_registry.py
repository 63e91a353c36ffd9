"""Query files and registry names match both ways; headers declare exactly the params used."""

from __future__ import annotations

import pytest

from graph_schema import ingest_cypher
from service.errors import QueryFailed
from service.storage.queries import ENGINES, Q, QueryRegistry, parse_query, query_files, split_name


def test_files_and_names_match_both_ways() -> None:
    generated = {split_name(p)[0] for p in ingest_cypher.render()}
    for engine in ENGINES:
        names = QueryRegistry(engine).names()
        hand_written = {n for n in names if not n.startswith("ingest/")}
        assert hand_written == {q.value for q in Q}
        assert {n for n in names if n.startswith("ingest/")} == generated


def test_overrides_have_a_base_or_a_twin() -> None:
    files = query_files()
    for path in files:
        name, engine = split_name(path)
        if engine is not None:
            others = {f"{name}.cypher"} | {f"{name}.{e}.cypher" for e in ENGINES if e != engine}
            assert others & set(files), f"{path} overrides nothing and has no twin for the other engine"


def test_every_file_parses_with_a_header() -> None:
    for engine in ENGINES:
        registry = QueryRegistry(engine)
        for name in registry.names():
            query = registry.get(name)
            assert query.summary and query.text


def test_header_must_declare_the_params_used() -> None:
    with pytest.raises(ValueError, match="declared params"):
        parse_query(
            "x/y", "x/y.cypher", "// Finds.\n// params: a\n// returns: n\nMATCH (n) WHERE n.id = $b RETURN n"
        )
    with pytest.raises(ValueError, match="one statement"):
        parse_query(
            "x/y",
            "x/y.cypher",
            "// Finds.\n// params: -\n// returns: n\nMATCH (n) RETURN n; MATCH (m) RETURN m",
        )
    with pytest.raises(ValueError, match="declared returns"):
        parse_query(
            "x/y",
            "x/y.cypher",
            "// Finds.\n// params: -\n// returns: a, b\nMATCH (n) RETURN n.b AS b, n.a AS a",
        )
    with pytest.raises(ValueError, match="header"):
        parse_query("x/y", "x/y.cypher", "MATCH (n) RETURN n")


def test_wrong_params_are_refused_before_reaching_the_engine() -> None:
    query = QueryRegistry("ladybug").get(Q.GET_CHAIN)
    with pytest.raises(QueryFailed, match="declared params"):
        query.check_params({"chain_id": "x", "extra": 1})
    with pytest.raises(QueryFailed, match="no query"):
        QueryRegistry("neo4j").get("nope/nothing")
