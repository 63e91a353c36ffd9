"""The explorer over a store in this process: each question is answered by the API's own route
function (service/api/routers), handed the store, so its answer is the response model the API serves,
dumped to JSON as the API sends it. Nothing is computed here."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_type_hints

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from service import recruitment
from service.analysis.recruitment import Weights
from service.api import deps
from service.api.errors import status_for
from service.api.models_weaklinks import DisruptionDemandScenario
from service.api.routers import analysis, chains, enterprises, history, lists, maps
from service.api.routers import recruitment as recruiting
from service.errors import ChainlensError
from service.explore.errors import ExploreError
from service.explore.explorer import Explorer
from service.settings import Settings
from service.storage.port import GraphStore

Answerer = Callable[..., BaseModel]


def _invalid(where: str, error: ValidationError) -> ExploreError:
    """A parameter the API would refuse, refused here with the API's wording (422)."""
    problems = [
        {
            "location": ".".join(str(p) for p in (where, *e["loc"]) if p != ""),
            "message": str(e["msg"]).removeprefix("Value error, "),
        }
        for e in error.errors()
    ]
    named = "；".join(f"{p['location']}（{p['message']}）" for p in problems[:3])
    return ExploreError(f"请求参数无效：{named}", code="invalid_input", status=422, problems=problems)


def _checked(route: Callable[..., Any], given: dict[str, Any]) -> dict[str, Any]:
    """``given`` checked against the bounds the route declares for its query parameters (``limit`` at
    most 500, thresholds within 0–1…), which FastAPI checks before the route runs and a direct call
    would skip."""
    hints = get_type_hints(route, include_extras=True)
    for name, value in given.items():
        if any(isinstance(m, FieldInfo) for m in getattr(hints.get(name), "__metadata__", ())):
            try:
                TypeAdapter(hints[name]).validate_python(value)
            except ValidationError as e:
                raise _invalid(f"query.{name}", e) from None
    return given


def _chain(store: GraphStore, chain_id: str) -> dict[str, Any]:
    return deps.get_chain(store, chain_id)


def _chains(store: GraphStore) -> BaseModel:
    return chains.list_chains(store)


def _one_chain(store: GraphStore, chain_id: str) -> BaseModel:
    return chains.get_chain(_chain(store, chain_id))


def _enterprise(store: GraphStore, enterprise_id: str) -> BaseModel:
    return enterprises.get_enterprise(store, enterprise_id)


def _breaks(store: GraphStore, chain_id: str) -> BaseModel:
    return analysis.chain_breaks(store, _chain(store, chain_id))


def _risks(store: GraphStore, chain_id: str, **given: Any) -> BaseModel:
    return analysis.chain_risks(store, _chain(store, chain_id), **_checked(analysis.chain_risks, given))


def _anchors(store: GraphStore, chain_id: str, **given: Any) -> BaseModel:
    return analysis.chain_anchors(store, _chain(store, chain_id), **_checked(analysis.chain_anchors, given))


def _sme(store: GraphStore, chain_id: str) -> BaseModel:
    return analysis.chain_sme_candidates(store, _chain(store, chain_id))


def _impact(store: GraphStore, enterprise_id: str, **given: Any) -> BaseModel:
    return analysis.enterprise_impact(store, enterprise_id, **_checked(analysis.enterprise_impact, given))


def _what_if(store: GraphStore, **scenario: Any) -> BaseModel:
    try:
        checked = DisruptionDemandScenario.model_validate(scenario)
    except ValidationError as e:
        raise _invalid("body", e) from None
    return analysis.disruption_scenario(store, checked)


def _lists(store: GraphStore, chain_id: str, name: str) -> BaseModel:
    result: BaseModel = lists.chain_list(store, _chain(store, chain_id), lists.ListName(name))
    return result


def _changes(store: GraphStore, chain_id: str, start: dt.date, end: dt.date) -> BaseModel:
    result: BaseModel = history.chain_changes(store, _chain(store, chain_id), start, end)
    return result


def _report(store: GraphStore, chain_id: str, period: str) -> BaseModel:
    result: BaseModel = history.chain_report(store, _chain(store, chain_id), period)
    return result


def _history(store: GraphStore) -> BaseModel:
    return history.list_updates(store)


def _register(store: GraphStore, chain_id: str) -> BaseModel:
    result: BaseModel = history.risk_register(store, _chain(store, chain_id))
    return result


ANSWERS: dict[str, Answerer] = {
    "chains": _chains,
    "chain": _one_chain,
    "breaks": _breaks,
    "risks": _risks,
    "anchors": _anchors,
    "sme_candidates": _sme,
    "impact": _impact,
    "what_if": _what_if,
    "recruitment": lambda store, chain_id, **given: recruiting.chain_recruitment(
        store, _chain(store, chain_id), **_checked(recruiting.chain_recruitment, given)
    ),
    "dossier": lambda store, enterprise_id, **given: recruiting.recruitment_dossier(
        store, enterprise_id=enterprise_id, **given
    ),
    "lists": _lists,
    "changes": _changes,
    "report": _report,
    "history": _history,
    "enterprise": _enterprise,
    "risk_register": _register,
}


def _map(store: GraphStore, chain_id: str, name: str) -> bytes:
    return bytes(maps.chain_map(store, _chain(store, chain_id), maps.MapName(name)).body)


def _dossier_page(store: GraphStore, enterprise_id: str, **given: Any) -> bytes:
    page = recruiting.recruitment_dossier(
        store, enterprise_id=enterprise_id, format=recruiting.PageFormat.html, **given
    )
    return bytes(page.body)


PAGES: dict[str, Callable[..., bytes]] = {"map": _map, "dossier_page": _dossier_page}


class LocalExplorer(Explorer):
    """Questions answered on ``store`` in this process; ``home``, if given, is a directory of the
    explorer's own (a temporary store) removed on :meth:`close`."""

    def __init__(
        self, store: GraphStore, where: str, settings: Settings | None = None, home: Path | None = None
    ) -> None:
        self.store = store
        self.where = where
        self.settings = settings or Settings()
        self._home = home

    def _weights(self, weights: dict[str, float] | None) -> Weights:
        """The configured recruitment weights with ``weights`` over them, as the API reads them."""
        values: dict[str, Any] = {**self.settings.recruitment_weights, **(weights or {})}
        return recruitment.parse_weights(values)

    def _call(self, table: dict[str, Callable[..., Any]], name: str, params: dict[str, Any]) -> Any:
        if name not in table:
            raise ExploreError(f"没有这个问题：{name}（可选：{'、'.join(table)}）", code="unknown_question")
        given = dict(params)
        if name in ("recruitment", "dossier", "dossier_page"):
            given["weights"] = self._weights(given.get("weights"))
        try:
            store = deps._store_at(self.store, given.pop("as_of", None))
            return table[name](store, **given)
        except ChainlensError as e:
            problems = getattr(e, "problems", None)
            raise ExploreError(str(e), code=e.code, status=status_for(e), problems=problems) from e

    def answer(self, question: str, /, **params: Any) -> dict[str, Any]:
        model: BaseModel = self._call(ANSWERS, question, params)
        return model.model_dump(mode="json", by_alias=True)

    def page(self, name: str, /, **params: Any) -> str:
        body: bytes = self._call(PAGES, name, params)
        return body.decode("utf-8")

    def close(self) -> None:
        self.store.close()
        if self._home is not None:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None


def open_local(path: str | Path | None = None, *, settings: Settings | None = None) -> LocalExplorer:
    """An explorer over an embedded store: the one at ``path`` (which must exist; only one process may
    open it, so close ``chainlens serve`` on it first, or :func:`connect` to the service instead), or,
    with no path, a new store in a temporary directory into which the bundled Lüyuan seed is imported
    as one dated update, as ``chainlens seed`` does (about 2 s; the directory goes on ``close()``)."""
    from service.storage.backends import open_store

    base = settings or Settings()
    if path is not None:
        target = Path(path)
        if not target.exists():
            raise ExploreError(f"没有找到图谱：{target}（先用 chainlens seed 或 chainlens import 建立）")
        store = open_store(base.model_copy(update={"backend": "embedded", "embedded_path": target}))
        return LocalExplorer(store, f"embedded {target}", base)
    from seed import dataset_path
    from service.history import import_update
    from service.ledger.read import read_ledger

    home = Path(tempfile.mkdtemp(prefix="chainlens-explore-"))
    store = open_store(base.model_copy(update={"backend": "embedded", "embedded_path": home / "graph.lbdb"}))
    try:
        with dataset_path() as ledger:
            import_update(store, read_ledger(ledger), author="notebook", note="导入内置种子数据")
    except BaseException:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
        raise
    return LocalExplorer(store, "embedded (bundled seed, temporary)", base, home)


def open_neo4j(
    uri: str, *, user: str | None = None, password: str | None = None, database: str | None = None
) -> LocalExplorer:
    """An explorer over a Neo4j server (its graph as it is; nothing is imported). User and password
    default to ``CHAINLENS_NEO4J_USER`` / ``CHAINLENS_NEO4J_PASSWORD``."""
    from service.storage.backends import open_store

    base = Settings()
    update: dict[str, Any] = {"backend": "neo4j", "neo4j_uri": uri}
    if user is not None:
        update["neo4j_user"] = user
    if password is not None:
        from pydantic import SecretStr

        update["neo4j_password"] = SecretStr(password)
    if database is not None:
        update["neo4j_database"] = database
    settings = base.model_copy(update=update)
    try:
        store = open_store(settings)
    except ChainlensError as e:
        raise ExploreError(str(e), code=e.code, status=status_for(e)) from e
    return LocalExplorer(store, f"neo4j {uri}", settings)
