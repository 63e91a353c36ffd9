"""After a write, the chains' standard answers are computed in the background: the first request after
the warm-up is a cache hit; a newer write supersedes a warm-up under way; one runs at a time; it steps
aside while a request is answered; it stops before the store closes. Behaviour only, no timings."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from service import recruitment, weaklinks
from service.api.app import create_app
from service.cache import cache_for
from service.courtesy import step_aside
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.port import GraphStore
from service.warmup import Step, Warmer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WAIT = 60.0


def test_after_a_write_every_standard_answer_is_cached(mini_store: GraphStore) -> None:
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_change"))  # a write: a new version, nothing cached
    warmer = Warmer(mini_store)
    warmer.schedule()
    assert warmer.wait(WAIT)
    run = warmer.runs[-1]
    assert run.outcome == "done" and run.version == cache_for(mini_store).version(mini_store)
    assert run.steps[:2] == ["projection", "single_stop_cascades"]
    assert {"c1.breaks", "c1.risks", "c1.anchors", "c1.sme_candidates", "c1.recruitment"} <= set(run.steps)
    cache = cache_for(mini_store)
    misses = cache.misses
    weaklinks.breaks(mini_store, "c1")
    weaklinks.risks(mini_store, "c1")
    weaklinks.anchors(mini_store, "c1")
    weaklinks.sme_candidates(mini_store, "c1")
    recruitment.targets(mini_store, "c1")
    assert cache.misses == misses  # every one a hit


def test_the_warm_up_forgets_the_answers_of_older_versions(mini_store: GraphStore) -> None:
    cache = cache_for(mini_store)
    weaklinks.projection(mini_store)
    before = cache.version(mini_store)
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_change"))
    warmer = Warmer(mini_store)
    warmer.schedule()
    assert warmer.wait(WAIT)
    assert {version for version, _ in cache._entries} == {cache.version(mini_store)} != {before}


def test_the_answers_warmed_are_the_answers_computed_cold(mini_store: GraphStore) -> None:
    warmer = Warmer(mini_store)
    warmer.schedule()
    assert warmer.wait(WAIT)
    warm = (weaklinks.risks(mini_store, "c1"), weaklinks.anchors(mini_store, "c1"))
    cache_for(mini_store).clear()
    assert (weaklinks.risks(mini_store, "c1"), weaklinks.anchors(mini_store, "c1")) == warm


class Gate:
    """Steps that block until released, counting how many run at once."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def step(self) -> None:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        self.entered.set()
        self.release.wait(WAIT)
        with self.lock:
            self.running -= 1

    def steps(self, store: GraphStore) -> Iterator[Step]:
        yield "first", self.step
        yield "second", self.step


def test_a_newer_write_supersedes_the_warm_up_under_way(mini_store: GraphStore) -> None:
    gate = Gate()
    warmer = Warmer(mini_store, steps=gate.steps)
    warmer.schedule()
    assert gate.entered.wait(WAIT)  # the first run is in its first step
    import_ledger(mini_store, read_ledger(FIXTURES / "mini_change"))
    warmer.schedule()  # the write's signal
    warmer.schedule()  # and another: the runs asked for meanwhile make one run
    gate.release.set()
    assert warmer.wait(WAIT)
    first, last = warmer.runs
    assert first.outcome == "superseded" and first.steps == ["first"]
    assert last.outcome == "done" and last.steps == ["first", "second"]
    assert first.version != last.version == cache_for(mini_store).version(mini_store)
    assert gate.most == 1  # one warm-up at a time


def test_the_warm_up_steps_aside_while_a_request_is_answered(mini_store: GraphStore) -> None:
    done: list[str] = []

    def steps(store: GraphStore) -> Iterator[Step]:
        yield "one", lambda: done.append("one")
        yield "two", lambda: done.append("two")

    cache = cache_for(mini_store)
    answering = threading.Event()
    finish = threading.Event()

    def request() -> Any:
        def slow() -> int:
            answering.set()
            finish.wait(WAIT)
            return 1

        return cache.get(mini_store, "a slow answer", slow)

    asking = threading.Thread(target=request)
    asking.start()
    assert answering.wait(WAIT)
    warmer = Warmer(mini_store, steps=steps, yield_seconds=WAIT)
    warmer.schedule()
    assert not warmer.wait(0.5) and done == []  # waiting for the request, not computing beside it
    finish.set()
    asking.join(WAIT)
    assert warmer.wait(WAIT) and done == ["one", "two"]


class Loop:
    """A step that runs until stopped, stepping aside at every turn, as the analyses' long loops do."""

    def __init__(self) -> None:
        self.turns = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            step_aside()
            self.turns += 1
            time.sleep(0.001)

    def reaches(self, turns: int) -> bool:
        deadline = time.monotonic() + WAIT
        while self.turns < turns and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.turns >= turns


def asked_in_background(fn: Callable[[], Any]) -> threading.Thread:
    thread = threading.Thread(target=fn)
    thread.start()
    return thread


def test_the_warm_up_steps_aside_inside_a_step_while_a_request_computes(mini_store: GraphStore) -> None:
    loop = Loop()
    warmer = Warmer(mini_store, steps=lambda store: iter([("loop", loop.run)]), yield_seconds=WAIT)
    warmer.schedule()
    assert loop.reaches(10)
    answering, finish = threading.Event(), threading.Event()

    def slow() -> int:
        answering.set()
        finish.wait(WAIT)
        return 1

    asking = asked_in_background(lambda: cache_for(mini_store).get(mini_store, "a slow answer", slow))
    assert answering.wait(WAIT)
    time.sleep(0.1)  # a turn begun before the request came ends
    turns = loop.turns
    time.sleep(0.3)
    assert loop.turns == turns  # stepped aside while the request computes
    finish.set()
    asking.join(WAIT)
    assert loop.reaches(turns + 10)  # and went on after it
    loop.stop.set()
    assert warmer.wait(WAIT) and warmer.runs[-1].outcome == "done"


def test_a_request_waiting_for_what_the_warm_up_computes_does_not_hold_it_up(mini_store: GraphStore) -> None:
    cache = cache_for(mini_store)
    computing = threading.Event()
    computed = []

    def shared() -> str:
        computing.set()
        for _ in range(100):  # about a second, stepping aside as it goes
            step_aside()
            time.sleep(0.01)
        computed.append("once")
        return "answer"

    def steps(store: GraphStore) -> Iterator[Step]:
        yield "shared", lambda: cache.get(store, "shared", shared)

    warmer = Warmer(mini_store, steps=steps, yield_seconds=WAIT)
    warmer.schedule()
    assert computing.wait(WAIT)
    answers: list[str] = []
    start = time.monotonic()
    asking = asked_in_background(lambda: answers.append(cache.get(mini_store, "shared", shared)))
    asking.join(WAIT)
    # the request waits for the warm-up's computation, which goes on meanwhile: no pause of WAIT seconds
    assert answers == ["answer"] and computed == ["once"]
    assert time.monotonic() - start < WAIT / 4
    assert warmer.wait(WAIT) and warmer.runs[-1].outcome == "done"


def test_a_newer_write_stops_a_step_under_way(mini_store: GraphStore) -> None:
    loops = [Loop(), Loop()]
    loops[1].stop.set()  # the second run's step ends at once
    runs = iter(loops)
    warmer = Warmer(mini_store, steps=lambda store: iter([("loop", next(runs).run)]))
    warmer.schedule()
    assert loops[0].reaches(10)
    warmer.schedule()  # a write's signal: the step under way stops at its next turn
    assert warmer.wait(WAIT)
    first, last = warmer.runs
    assert first.outcome == "superseded" and first.steps == []
    assert last.outcome == "done" and last.steps == ["loop"]


def test_close_stops_the_warm_up_before_its_next_step(mini_store: GraphStore) -> None:
    gate = Gate()
    warmer = Warmer(mini_store, steps=gate.steps)
    warmer.schedule()
    assert gate.entered.wait(WAIT)
    closing = threading.Thread(target=warmer.close)
    closing.start()
    gate.release.set()
    closing.join(WAIT)
    assert not closing.is_alive()
    assert warmer.runs[-1].outcome == "closed" and warmer.runs[-1].steps == ["first"]
    warmer.schedule()  # a closed warmer starts nothing
    assert warmer.wait(1) and len(warmer.runs) == 1


def test_an_import_through_the_api_warms_the_cache(mini_store: GraphStore) -> None:
    good = "编号,名称,所属产业链,顺序,上中下游,来源,核实日期\ns5,售后服务,c1,5,下游,illustrative,2026-11-20\n"
    with TestClient(create_app(Settings(), store=mini_store)) as client:
        warmer: Warmer = client.app.state.warmer  # type: ignore[attr-defined]
        client.get("/chains/c1/risks")  # answered before the write
        response = client.post("/imports", files=[("files", ("segments.csv", good.encode(), "text/csv"))])
        assert response.status_code == 200, response.text
        assert warmer.wait(WAIT) and warmer.runs[-1].outcome == "done"
        cache = cache_for(mini_store)
        misses = cache.misses
        risks = client.get("/chains/c1/risks").json()
        assert cache.misses == misses  # from the cache, on the graph after the import
        assert risks["chain_id"] == "c1"
        reads = len(warmer.runs)
        client.get("/chains/c1/breaks")  # a read signals nothing
        assert client.post("/imports", files=[]).status_code >= 400  # nor a refused write
        assert warmer.wait(WAIT) and len(warmer.runs) == reads


def test_no_warm_up_when_turned_off(mini_store: GraphStore) -> None:
    with TestClient(create_app(Settings(warm_up=False), store=mini_store)) as client:
        assert client.app.state.warmer is None  # type: ignore[attr-defined]
        assert client.get("/health").json()["warm_up"] is None


def test_a_service_opening_its_own_store_warms_it_at_start_up(tmp_path: Path) -> None:
    from service.storage.ladybug_store import LadybugStore

    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    store.apply_schema()
    import_ledger(store, read_ledger(FIXTURES / "mini"))
    store.close()
    with TestClient(create_app(Settings(embedded_path=path))) as client:
        warmer: Warmer = client.app.state.warmer  # type: ignore[attr-defined]
        assert warmer.wait(WAIT) and [run.outcome for run in warmer.runs] == ["done"]
        assert client.get("/health").json()["warm_up"] == "done"
        cache = cache_for(client.app.state.store)  # type: ignore[attr-defined]
        misses = cache.misses
        assert client.get("/chains/c1/risks").status_code == 200
        assert cache.misses == misses  # answered from what the start-up warmed
