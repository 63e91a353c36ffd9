"""``chainlens serve`` in a child process, for the tests that need a real server: started on a free port,
awaited until ``/health`` answers, stopped at the end (terminate, then kill)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import ROOT, free_port

SERVE = [sys.executable, "-c", "from service.cli import app; app()", "serve"]


def start(env: Mapping[str, str], log: Path, *extra: str) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``chainlens serve`` with ``env``, its output in ``log``; its URL and process."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), *extra],
            cwd=ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return f"http://127.0.0.1:{port}", process


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 120) -> None:
    """Return once ``/health`` answers 200; fail with the server's log if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, f"{url} did not start:\n{log.read_text()}"
        time.sleep(0.2)


def stop(process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def served(env: Mapping[str, str], log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """One server for the block; its URL and process."""
    url, process = start(env, log)
    try:
        wait_healthy(url, process, log)
        yield url, process
    finally:
        stop(process)
