"""Results cached per graph version: a repeated call on an unchanged graph does not recompute, and any
write through chainlens gives the graph a new version (see ``meta/set_version``), which invalidates."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from service.storage.port import GraphStore
from service.storage.queries import Q

T = TypeVar("T")
MAX_ENTRIES = 256


class ResultCache:
    """A small LRU keyed by (graph version, key); one per store. Concurrent requests for an answer being
    computed wait for that computation instead of repeating it (after a write, 32 clients asking for
    the same cold risk list cost one computation, not 32)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[str, Hashable], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self._pinned = threading.local()
        self._running: dict[tuple[str, Hashable], threading.Event] = {}  # computations under way
        self._requests = 0  # answers being built for requests (not for the background warm-up)
        self._waiting = 0  # request threads waiting for an answer another thread is building
        self._idle = threading.Condition(self._lock)

    @property
    def busy(self) -> bool:
        """Whether a request is computing (the warm-up steps aside meanwhile). A request waiting for an
        answer another thread builds is not: that may be the warm-up itself, which must go on."""
        return self._requests - self._waiting > 0

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is computing, at most ``timeout`` seconds; whether it is so."""
        with self._idle:
            return self._idle.wait_for(lambda: self._requests - self._waiting <= 0, timeout)

    @staticmethod
    def version(store: GraphStore) -> str:
        rows = store.read(Q.GET_VERSION)
        return str(rows[0]["version"]) if rows else ""

    def clear(self) -> None:
        """Forget everything (benchmarks measure cold runs this way)."""
        with self._lock:
            self._entries.clear()

    def keep_only(self, version: str) -> None:
        """Forget the answers of every other graph version (the warm-up, before it builds the new
        projection: the old one would otherwise stay until the LRU pushed it out, doubling the memory)."""
        with self._lock:
            for key in [k for k in self._entries if k[0] != version]:
                del self._entries[key]

    def get(self, store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for ``key`` at the graph's current version, computed once.

        The outermost call on a thread reads the version; calls nested in its ``compute`` reuse it, so one
        answer never mixes two versions of the graph and costs one version query."""
        with self.pinned(store) as version:
            return self._get(version, key, compute)

    def peek(self, store: GraphStore, key: Hashable) -> Any:
        """The cached answer for ``key`` at the graph's current version, or None: nothing is computed."""
        with self.pinned(store) as version, self._lock:
            return self._entries.get((version, key))

    @contextmanager
    def pinned(self, store: GraphStore) -> Iterator[str]:
        """Read the graph version once for everything this thread asks inside the block."""
        version: str | None = getattr(self._pinned, "version", None)
        if version is not None:
            yield version
            return
        request = not getattr(self._pinned, "background", False)
        if request:
            with self._lock:
                self._requests += 1
        try:
            version = self.version(store)
            self._pinned.version = version
            try:
                yield version
            finally:
                self._pinned.version = None
        finally:
            if request:
                with self._lock:
                    self._requests -= 1
                    if self._requests == 0:
                        self._idle.notify_all()

    @contextmanager
    def background(self) -> Iterator[None]:
        """Mark what this thread asks inside the block as background work, not a request's."""
        self._pinned.background = True
        try:
            yield
        finally:
            self._pinned.background = False

    def spawn(self, store: GraphStore, fn: Callable[[], T]) -> Callable[[], T]:
        """Start ``fn`` on a thread of its own, reading the graph version this thread has pinned, and
        return a function that waits for its answer (or raises its error). Independent queries of one
        answer run this way at the same time: on a server their round trips and the server's work
        overlap."""
        version: str | None = getattr(self._pinned, "version", None)
        future: Future[T] = Future()

        def run() -> None:
            self._pinned.version = version
            try:
                future.set_result(fn())
            except BaseException as e:
                future.set_exception(e)
            finally:
                self._pinned.version = None

        threading.Thread(target=run, name="chainlens-read", daemon=True).start()
        return future.result

    def _get(self, version: str, key: Hashable, compute: Callable[[], T]) -> T:
        if not version:  # a graph chainlens never wrote to: nothing to key a cache entry on
            return compute()
        full = (version, key)
        while True:
            with self._lock:
                if full in self._entries:
                    self._entries.move_to_end(full)
                    self.hits += 1
                    value: T = self._entries[full]
                    return value
                running = self._running.get(full)
                if running is None:  # this thread computes; others asking meanwhile wait for it
                    running = self._running[full] = threading.Event()
                    break
            self._wait_for(running)  # then take the entry, or compute it if that thread failed
        try:
            result = compute()
            with self._lock:
                self.misses += 1
                self._entries[full] = result
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
            return result
        finally:
            with self._lock:
                del self._running[full]
            running.set()

    def _wait_for(self, running: threading.Event) -> None:
        """Wait for another thread's computation, counted as waiting (not computing) for a request's."""
        request = not getattr(self._pinned, "background", False)
        if request:
            with self._lock:
                self._waiting += 1
                self._idle.notify_all()
        try:
            running.wait()
        finally:
            if request:
                with self._lock:
                    self._waiting -= 1


_GC_LOCK = threading.Lock()
_gc_holds = 0  # computations under way with the collector held off
_gc_was_enabled = False
_gc_collected_at = 0.0  # when the current hold began, or its last overdue collection ran
# Overlapping builds (many clients, one cold answer after another) could keep the collector off
# indefinitely, and the cyclic garbage of every other request with it: a build that starts when it has
# been off this long collects first.
MAX_HOLD_SECONDS = 30.0


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while an answer is built from many small objects (rows,
    then their indexes), and let it run again when the last such build ends.

    Building one ranked recruitment list, the projection of the whole supply graph or every firm's
    single-stop cascade allocates from a few hundred thousand to millions of objects that all stay alive
    until it is done: the collector then runs full collections over them again and again, for nothing
    (measured at province scale: a cold risk list spends 4.1 s collecting, 2.8 s with the projection and
    the cascades held off, see ``benchmarks.collector`` and BENCHMARKS.md).
    Nothing is lost meanwhile: objects without cycles are freed as usual, the rest at the next
    collection, which comes at the latest when a build starts ``MAX_HOLD_SECONDS`` after the last one."""
    global _gc_holds, _gc_was_enabled, _gc_collected_at
    overdue = False
    with _GC_LOCK:
        now = time.monotonic()
        if _gc_holds == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
            _gc_collected_at = now
        elif _gc_was_enabled and now - _gc_collected_at > MAX_HOLD_SECONDS:
            overdue = True
            _gc_collected_at = now
        _gc_holds += 1
    if overdue:
        gc.collect()
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_holds -= 1
            if _gc_holds == 0 and _gc_was_enabled:
                gc.enable()


_CACHES: weakref.WeakKeyDictionary[GraphStore, ResultCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def cache_for(store: GraphStore) -> ResultCache:
    """The cache of one open store; it goes when the store goes."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = ResultCache()
        return cache
