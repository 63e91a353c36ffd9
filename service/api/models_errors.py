"""The one body every error answer carries (api/errors.py), as the OpenAPI component ``ErrorBody``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    detail: str = Field(description="给人看的说明（中文）")
    code: str = Field(description="稳定的错误代码，如 invalid_input、not_found、unauthorized")
    problems: list[dict[str, Any]] | None = Field(
        default=None, description="逐条列出的问题（文件、行、字段），只在输入无效时给出"
    )
    problem_count: int | None = Field(default=None, description="问题总数（列表可能只给出前若干条）")
    preview: dict[str, Any] | None = Field(
        default=None, description="需要确认的写入将改动什么（confirmation_required 时给出）"
    )
