"""Several API processes on one Neo4j (issue 22): ``chainlens serve --workers 2`` and a second
``chainlens serve`` on the test session's Neo4j, twenty one-firm imports sent at once through both, each
with its own key. Every import answers 200 and is recorded as exactly one update holding exactly its own
firm, under its own key's owner, numbered without a gap; the log replays to exactly the graph and no
``reconcile`` is ever recorded. Keys live in the graph: a key created by ``chainlens keys`` opens both
processes, a browser session signed in on one is honoured by the other, and once the key is revoked
both refuse it on the next request. On the embedded store ``--workers`` is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from service import history
from service.access import GraphKeyStore
from service.cli import app as cli
from service.ledger.read import read_ledger
from service.settings import Settings, get_settings
from service.storage.backends import open_store
from service.storage.port import GraphStore
from service.storage.queries import Q
from tests.conftest import FIXTURES, ROOT
from tests.serving import start, stop, wait_healthy

FIRMS = 20
HEADER = (
    "编号,名称,统一社会信用代码,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,行业代码,"
    "主营业务,联系人,联系电话,来源,核实日期,所属环节,主要产品,掌握技术\n"
)
BASE_DAY = dt.date(2026, 11, 2)


def _firm(n: int) -> str:
    return f"x{n:02d}"


def _ledger(n: int) -> bytes:
    row = f"{_firm(n)},并发企业{n:02d},,110105,否,小型,否,否,在营,3130,零件,,,scale-out,2026-11-01,,,\n"
    return (HEADER + row).encode()


@dataclass
class Replicas:
    urls: list[str]
    store: GraphStore
    settings: Settings
    tokens: dict[str, str] = field(default_factory=dict)  # owner -> token


@pytest.fixture(scope="module")
def replicas(neo4j_uri: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    """The session's Neo4j, emptied and given the mini fixture as update u000001 and one admin key per
    importer; ``serve --workers 2`` and ``serve`` on it, keys checked."""
    home = tmp_path_factory.mktemp("replicas")
    password = os.environ.get("CHAINLENS_TEST_NEO4J_PASSWORD", "")
    settings = Settings(backend="neo4j", neo4j_uri=neo4j_uri, neo4j_password=password)
    store = open_store(settings)
    store.write([(Q.CLEAR_GRAPH, {})])
    history.import_update(store, read_ledger(FIXTURES / "mini"), author="建库", at=BASE_DAY)
    keys = GraphKeyStore(store)
    running = Replicas([], store, settings)
    for n in range(FIRMS):
        running.tokens[f"录入员{n:02d}"] = keys.create(f"录入员{n:02d}", "admin")[1]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CHAINLENS_BACKEND": "neo4j",
        "CHAINLENS_NEO4J_URI": neo4j_uri,
        "CHAINLENS_NEO4J_PASSWORD": password,
        "CHAINLENS_KEYS_FILE": str(home / "unused-keys.json"),  # the Neo4j backend keeps keys in the graph
    }
    processes: list[tuple[subprocess.Popen[bytes], Path]] = []
    try:
        for n, extra in enumerate((["--workers", "2"], [])):
            log = home / f"serve{n}.log"
            url, process = start(env, log, *extra)
            processes.append((process, log))
            running.urls.append(url)
        for url, (process, log) in zip(running.urls, processes, strict=True):
            wait_healthy(url, process, log, seconds=180)
        yield running
    finally:
        for process, _ in processes:
            stop(process, seconds=30)
        store.close()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.neo4j
def test_concurrent_imports_through_two_processes_each_record_exactly_their_own_rows(
    replicas: Replicas,
) -> None:
    owners = sorted(replicas.tokens)

    def send(n: int) -> httpx.Response:
        return httpx.post(
            f"{replicas.urls[n % 2]}/imports",
            files={"files": ("enterprises.csv", _ledger(n))},
            data={"note": f"并发导入 {n:02d}", "at": BASE_DAY.isoformat()},
            headers=_auth(replicas.tokens[owners[n]]),
            timeout=300,
        )

    started = time.monotonic()
    with ThreadPoolExecutor(FIRMS) as pool:
        answers = list(pool.map(send, range(FIRMS)))
    seconds = time.monotonic() - started
    assert [a.status_code for a in answers] == [200] * FIRMS, [a.text[:300] for a in answers if a.is_error]
    told = {a.json()["update"]["id"]: a.json()["update"] for a in answers}
    assert len(told) == FIRMS  # twenty different updates, one per answer

    log = history.updates(replicas.store)
    assert [u.seq for u in log] == list(range(1, FIRMS + 2))  # u000001 is the fixture graph
    assert not [u for u in log if u.kind == "reconcile"]
    for u in log[1:]:
        n = int(u.note.removeprefix("并发导入 ")) if u.note else -1
        assert (u.author, u.kind, u.changes, u.summary) == (owners[n], "import", 1, {"enterprises": 1}), u
        assert [(s, k, before) for s, k, before, _ in history.recorded(replicas.store, u.id)] == [
            ("enterprises", (_firm(n),), None)
        ], u
        assert told[u.id]["author"] == owners[n] and told[u.id]["changes"] == 1
    *_, (_, _, replayed) = history.each_update(replicas.store)  # a replay from the first update on
    assert replayed == history.current_state(replicas.store)
    firms = {r["id"] for r in replicas.store.read("ingest/list_enterprise")}
    assert {_firm(n) for n in range(FIRMS)} <= firms
    print(f"{FIRMS} concurrent imports through two processes: {seconds:.1f} s")


@pytest.mark.neo4j
def test_a_key_revoked_anywhere_is_refused_by_every_process_on_the_next_request(
    replicas: Replicas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINLENS_BACKEND", "neo4j")
    monkeypatch.setenv("CHAINLENS_NEO4J_URI", replicas.settings.neo4j_uri)
    monkeypatch.setenv("CHAINLENS_NEO4J_PASSWORD", replicas.settings.neo4j_password.get_secret_value())
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        made = runner.invoke(cli, ["keys", "create", "--owner", "临时查看", "--role", "viewer"])
        assert made.exit_code == 0, made.output
        key = json.loads(made.output)
        token = key["token"]
        listed = runner.invoke(cli, ["keys", "list"])
        assert listed.exit_code == 0 and key["key_id"] in listed.output and token not in listed.output
        a, b = replicas.urls
        for url in (a, b):  # created through neither process: both honour it at once
            assert httpx.get(f"{url}/chains", headers=_auth(token), timeout=30).status_code == 200
        signed = httpx.post(f"{a}/login", data={"key": token, "next": "/chains"}, timeout=30)
        assert signed.status_code == 303, signed.text
        cookie = signed.cookies["chainlens_session"]
        seen = httpx.get(f"{b}/chains", cookies={"chainlens_session": cookie}, timeout=30)
        assert seen.status_code == 200  # signed in on one process, honoured by the other

        revoked = runner.invoke(cli, ["keys", "revoke", key["key_id"]])
        assert revoked.exit_code == 0 and '"revoked_at": null' not in revoked.output, revoked.output
        for url in (b, a, a, a):  # the first answers from two workers: asked more than once
            refused = httpx.get(f"{url}/chains", headers=_auth(token), timeout=30)
            assert refused.status_code == 401, (url, refused.text)
        gone = httpx.get(f"{b}/chains", cookies={"chainlens_session": cookie}, timeout=30)
        assert gone.status_code == 401
        for owner, admin in list(replicas.tokens.items())[:2]:  # the other keys still open both
            for url in (a, b):
                assert httpx.get(f"{url}/chains", headers=_auth(admin), timeout=30).status_code == 200, owner
    finally:
        get_settings.cache_clear()


def test_workers_are_refused_on_the_embedded_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINLENS_BACKEND", "embedded")
    monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(tmp_path / "graph.lbdb"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve", "--workers", "2"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "只能由一个进程读写" in result.output and "CHAINLENS_BACKEND=neo4j" in result.output
    assert not (tmp_path / "graph.lbdb").exists()  # refused before anything was opened
