"""The per-version cache computes each answer once, even when many threads ask at the same time; the
collector stays off while any big build runs."""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

import pytest

from service import cache as cache_module
from service.cache import ResultCache, collector_paused


class FakeStore:
    def read(self, query: str, params: Any = None) -> list[dict[str, Any]]:
        return [{"version": "v1"}]


def test_concurrent_requests_share_one_computation() -> None:
    cache = ResultCache()
    calls = 0
    lock = threading.Lock()

    def slow() -> int:
        nonlocal calls
        with lock:
            calls += 1
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get(FakeStore(), "k", slow)))  # type: ignore[arg-type]
        for _ in range(16)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 16 and calls == 1


def test_a_failed_computation_is_not_cached_and_waiters_retry() -> None:
    cache = ResultCache()
    attempts = 0

    def flaky() -> str:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise RuntimeError("boom")
        return "ok"

    with pytest.raises(RuntimeError):
        cache.get(FakeStore(), "k", flaky)  # type: ignore[arg-type]
    assert cache.get(FakeStore(), "k", flaky) == "ok" and attempts == 2  # type: ignore[arg-type]


def test_collector_paused_holds_until_the_last_build_ends() -> None:
    assert gc.isenabled()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_build() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(5)
        seen.append(gc.isenabled())  # the main thread's build still holds it

    thread = threading.Thread(target=other_build)
    with collector_paused():
        thread.start()
        first_in.wait(5)
        assert not gc.isenabled()
        second_done.set()
        thread.join(5)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled()


def test_collector_paused_reenables_after_an_error_and_keeps_a_disabled_collector_off() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()

    @collector_paused()
    def build() -> bool:
        return gc.isenabled()

    gc.disable()
    try:
        assert build() is False
        assert not gc.isenabled()  # whoever turned it off decides when it comes back
    finally:
        gc.enable()
    assert build() is False and gc.isenabled()


def test_a_collector_held_off_too_long_collects_when_the_next_build_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with collector_paused():
            with collector_paused():  # within the bound: nothing collected
                pass
            assert collections == []
            monkeypatch.setattr(cache_module, "MAX_HOLD_SECONDS", 0.0)
            time.sleep(0.01)
            with collector_paused():  # overdue: a full collection first, the collector still held off
                assert not gc.isenabled()
            assert collections == [2]
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled()
