"""The per-version cache computes each answer once, even when many threads ask at the same time."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from service.cache import ResultCache


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
