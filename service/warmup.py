"""The chains' standard answers computed in the background after a write, so that the first request after
it answers from the cache instead of waiting for a cold computation.

One warm-up runs at a time per store, on a thread of its own, all of it on the graph version it found
when it began. A newer write supersedes it: it stops at its next step (each step is one cached answer:
the projection, every firm's single-stop cascade, then each chain's breaks, risk list, anchors, SME
candidates, recruitment list and the figures every dossier of the chain reuses), and a new warm-up starts
on the new version. A request never waits for the warm-up as such: asking for an answer the warm-up is
computing, it waits for that computation (begun earlier than its own would have); asking for anything
else, it computes it itself, and the warm-up steps aside while a request computes: between steps, and
inside them wherever the analyses call ``service.courtesy.step_aside`` (at most ``YIELD_SECONDS`` per
step, so steady traffic cannot hold it off for ever). A request waiting for what the warm-up computes does
not hold it up. A newer write also stops a step under way at its next such call.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from service import catalog, recruitment, weaklinks
from service.analysis.recruitment import Weights
from service.cache import ResultCache, cache_for
from service.courtesy import stepping_aside
from service.settings import Settings
from service.storage.port import GraphStore

log = logging.getLogger("chainlens.warmup")
YIELD_SECONDS = 5.0
KEPT_RUNS = 20

Step = tuple[str, Callable[[], Any]]


class Superseded(Exception):
    """A newer write (or the store closing) ends the warm-up's step under way."""


def preload() -> None:
    """Pay at start-up what every process pays once, instead of the first weekly update: the reference
    code lists validation checks against (about 0.4 s at first use) and pyarrow's first table, which
    imports pandas (about 0.45 s)."""
    import pyarrow as pa

    from seed.reference import hs_codes, industry_codes, regions

    regions(), industry_codes(), hs_codes()
    pa.table({"loaded": [True]})


def preload_in_background() -> threading.Thread:
    thread = threading.Thread(target=preload, name="chainlens-preload", daemon=True)
    thread.start()
    return thread


def weights(settings: Settings) -> Weights:
    """The recruitment weights a request without its own asks with: the warm-up computes that list."""
    return recruitment.parse_weights(dict(settings.recruitment_weights))


def standard_answers(store: GraphStore, weights: Weights | None = None) -> Iterator[Step]:
    """The answers worth having before anyone asks, in the order they are worth having: what every
    chain's answers are built from first, then chain by chain."""
    yield "projection", lambda: weaklinks.projection(store)
    yield "single_stop_cascades", lambda: weaklinks.single_stop_cascades(store)
    for chain in catalog.list_chains(store):
        cid = str(chain["id"])
        yield f"{cid}.breaks", functools.partial(weaklinks.breaks, store, cid)
        yield f"{cid}.risks", functools.partial(weaklinks.risks, store, cid)
        yield f"{cid}.anchors", functools.partial(weaklinks.anchors, store, cid)
        yield f"{cid}.sme_candidates", functools.partial(weaklinks.sme_candidates, store, cid)
        yield f"{cid}.recruitment", functools.partial(recruitment.warm_chain, store, cid, weights)


@dataclass
class Run:
    """One warm-up: the graph version it warmed, the steps done, and how it ended."""

    version: str
    started: float
    steps: list[str] = field(default_factory=list)
    seconds: float | None = None
    outcome: str = "running"  # running | done | superseded | failed | closed


class Warmer:
    """Runs :func:`standard_answers` (or ``steps``) for a store after each write, one run at a time."""

    def __init__(
        self,
        store: GraphStore,
        weights: Weights | None = None,
        steps: Callable[[GraphStore], Iterator[Step]] | None = None,
        yield_seconds: float = YIELD_SECONDS,
    ) -> None:
        self.store = store
        self.steps = steps or (lambda s: standard_answers(s, weights))
        self.yield_seconds = yield_seconds
        self.runs: list[Run] = []  # the latest KEPT_RUNS runs, oldest first
        self._lock = threading.Condition()
        self._asked = 0  # writes signalled
        self._done = 0  # the last write signalled when a run began
        self._thread: threading.Thread | None = None
        self._closed = False
        self._budget = yield_seconds  # what is left of the current step's time to step aside

    def schedule(self) -> None:
        """A write has committed: warm the new version (superseding a run under way)."""
        with self._lock:
            if self._closed:
                return
            self._asked += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="chainlens-warmup", daemon=True)
                self._thread.start()

    @property
    def state(self) -> str:
        """``running``, or how the last run ended (``idle`` before any): what /health reports."""
        with self._lock:
            if self._thread is not None:
                return "running"
        return self.runs[-1].outcome if self.runs else "idle"

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no run is under way or asked for; whether that is so (tests, benchmarks)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._thread is None, timeout)

    def close(self, timeout: float | None = None) -> None:
        """Stop after the current step and wait for it (before the store closes)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _superseded(self, asked: int) -> bool:
        with self._lock:
            return self._closed or self._asked != asked

    def _loop(self) -> None:
        background = getattr(self.store, "read_in_background", None)  # an embedded store: its cores
        if background is not None:
            background()
        while True:
            with self._lock:
                if self._closed or self._done == self._asked:
                    self._thread = None
                    self._lock.notify_all()
                    return
                asked = self._done = self._asked
            try:
                self._run(asked)
            except Exception:  # a failed step is recomputed by the request that needs it
                log.exception("warm-up failed")

    def _run(self, asked: int) -> None:
        cache = cache_for(self.store)
        with cache.background(), cache.pinned(self.store) as version:
            if not version:  # a graph chainlens never wrote to: nothing is cached for it
                return
            cache.keep_only(version)  # a write has made every other version's answers stale
            run = Run(version, time.monotonic())
            self.runs = [*self.runs[-(KEPT_RUNS - 1) :], run]
            try:
                with stepping_aside(lambda: self._step_aside(cache, asked)):
                    for name, compute in self.steps(self.store):
                        self._budget = self.yield_seconds
                        self._step_aside(cache, asked)
                        if cache.version(self.store) != version:  # a write from another process
                            raise Superseded
                        compute()
                        run.steps.append(name)
                run.outcome = "done"
            except Superseded:
                run.outcome = "closed" if self._closed else "superseded"
            except Exception:
                run.outcome = "failed"
                raise
            finally:
                run.seconds = time.monotonic() - run.started
                log.info("warm-up of %s %s after %.2f s: %s", version, run.outcome, run.seconds, run.steps)

    def _step_aside(self, cache: ResultCache, asked: int) -> None:
        """Before each step, and at each call of the analyses' long loops on the warm-up's thread
        (service.courtesy): stop if a newer write came, else wait while a request computes, and stop
        if one came meanwhile."""
        if self._superseded(asked):
            raise Superseded
        if cache.busy:
            self._pause(cache)
            if self._superseded(asked):
                raise Superseded

    def _pause(self, cache: ResultCache) -> None:
        """Wait while a request computes, within what is left of this step's ``yield_seconds``."""
        if self._budget <= 0:
            return
        start = time.monotonic()
        cache.wait_idle(self._budget)
        self._budget -= time.monotonic() - start
