"""One exception family for the whole project; the API maps it to HTTP in one place."""

from __future__ import annotations


class ChainlensError(Exception):
    """Base of every error chainlens raises on purpose."""

    code = "error"


class NotFound(ChainlensError):
    """An id that names nothing in the graph."""

    code = "not_found"


class InvalidInput(ChainlensError):
    """User input that fails validation; ``problems`` lists every problem found, not only the first."""

    code = "invalid_input"

    def __init__(self, message: str, problems: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


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
