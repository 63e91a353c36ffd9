"""Points inside long computations where background work lets requests go first.

Python runs one thread's code at a time: a request computing beside the background warm-up (service.warmup)
gets about half the interpreter and takes about twice its cold time. The warm-up therefore installs a
hook on its own thread, and the long loops of the analyses call :func:`step_aside` every so often (every
round, every few thousand rows): on the warm-up's thread the hook waits while a request is being
answered, or stops a warm-up a newer write has superseded; on any other thread there is no hook and the
call costs one attribute lookup. Depends on nothing, so the pure analyses may call it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# How many rows a Python loop handles between two calls of step_aside: a few milliseconds of work at most.
EVERY = 2048

_local = threading.local()


def step_aside() -> None:
    """Let requests go first, where this thread's background work asked for it; else nothing."""
    hook: Callable[[], None] | None = getattr(_local, "hook", None)
    if hook is not None:
        hook()


@contextmanager
def stepping_aside(hook: Callable[[], None]) -> Iterator[None]:
    """Call ``hook`` at every :func:`step_aside` this thread reaches inside the block."""
    outer = getattr(_local, "hook", None)
    _local.hook = hook
    try:
        yield
    finally:
        _local.hook = outer
