"""The one exception a notebook sees from either explorer, carrying the service's Chinese message."""

from __future__ import annotations

from typing import Any


class ExploreError(Exception):
    """A question the service refused or could not answer: ``detail`` is the API's Chinese message
    (``ErrorBody.detail``), ``code`` its stable code, ``status`` the HTTP status it maps to (the local
    explorer reports the status the API would answer with), ``problems`` the rows of an invalid input."""

    def __init__(
        self,
        detail: str,
        *,
        code: str = "error",
        status: int | None = None,
        problems: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.status = status
        self.problems = problems or []

    def __str__(self) -> str:
        return f"{self.detail}（{self.code}{f'，HTTP {self.status}' if self.status else ''}）"
