"""One exception family for the whole project; the API maps it to HTTP in one place."""

from __future__ import annotations


class ChainlensError(Exception):
    """Base of every error chainlens raises on purpose."""

    code = "error"


class NotFound(ChainlensError):
    """An id that names nothing in the graph."""

    code = "not_found"


# Problems one error lists; past it the message gives the total and ``problem_count`` carries it.
MAX_PROBLEMS = 1_000


class InvalidInput(ChainlensError):
    """User input that fails validation; ``problems`` lists the problems found, not only the first: at
    most ``MAX_PROBLEMS`` of them, in order, with ``problem_count`` the total found."""

    code = "invalid_input"

    def __init__(self, message: str, problems: list[dict[str, object]] | None = None) -> None:
        found = problems or []
        self.problem_count = len(found)
        if self.problem_count > MAX_PROBLEMS:
            message += f"（共{self.problem_count}处，只列出前{MAX_PROBLEMS}处）"
        super().__init__(message)
        self.problems = found[:MAX_PROBLEMS]


class TooLarge(InvalidInput):
    """An upload over the size limit."""

    code = "too_large"


class Unauthorized(ChainlensError):
    """No API key, or one that is unknown or revoked."""

    code = "unauthorized"


class Forbidden(InvalidInput):
    """A valid key whose role or chains do not allow the request; ``problems`` may name the rows."""

    code = "forbidden"


class Conflict(ChainlensError):
    """A write that would break a uniqueness rule."""

    code = "conflict"


class BackendUnavailable(ChainlensError):
    """The graph store cannot be reached or opened."""

    code = "backend_unavailable"


class QueryFailed(ChainlensError):
    """The engine rejected or failed a statement; a bug in chainlens, never the user's fault."""

    code = "query_failed"


class ConfigurationError(ChainlensError):
    """Settings that cannot work (unknown backend, missing file)."""

    code = "configuration_error"
