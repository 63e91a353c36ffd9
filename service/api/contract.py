"""What the OpenAPI document promises beyond what the routes declare one by one: the error answers every
operation may give (each the ``ErrorBody`` of api/errors.py), and the parameters a dependency declares
that only some methods honour."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from service.api.models_errors import ErrorBody

ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
# Every error, from every route (HTML and file routes included), is the JSON body of api/errors.py; the
# component is added by install() (a "model" here would be filed under an HTML route's media type).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": description, "content": ERROR_CONTENT}
    for status, description in (
        (400, "请求无法解析"),
        (401, "缺少或无效的API密钥"),
        (403, "密钥无权执行该操作"),
        (404, "不存在"),
        (413, "上传过大"),
        (422, "请求参数无效"),
        (500, "服务器内部错误"),
        (503, "图数据库不可用"),
    )
}
# A write that meets the graph as other writes left it: a uniqueness rule, or an undo of rows that a later
# update changed again.
CONFLICT: dict[int | str, dict[str, Any]] = {409: {"description": "与现有数据冲突", "content": ERROR_CONTENT}}
READ_ONLY_PARAMETERS = ("as_of",)  # get_store refuses them on writes (api/deps.py)


FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _form_fields(body: dict[str, Any]) -> None:
    """A form field is text or absent: it has no null (FastAPI writes ``anyOf [T, null]`` for an optional
    one, and ``null`` would arrive as the text "null"), and a required list needs one item at least (an
    empty list sends nothing, so it reads as missing)."""
    required = set(body.get("required", ()))
    for name, field in body.get("properties", {}).items():
        branches = field.get("anyOf", [])
        kept = [b for b in branches if b.get("type") != "null"]
        if len(kept) == 1 and len(branches) == 2:
            del field["anyOf"]
            field.update(kept[0])
        if name in required and field.get("type") == "array":
            field["minItems"] = max(1, field.get("minItems", 0))


def _tidy(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorBody"] = ErrorBody.model_json_schema()
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                ref = content.get("schema", {}).get("$ref", "")
                if media in FORMS and ref.startswith("#/components/schemas/"):
                    _form_fields(components[ref.rsplit("/", 1)[1]])
            if method in ("get", "head") or operation.pop("x-chainlens-read", False):
                continue
            operation["parameters"] = [
                p for p in operation.get("parameters", []) if p.get("name") not in READ_ONLY_PARAMETERS
            ]
            if not operation["parameters"]:
                del operation["parameters"]
    return schema


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` say what the service does: errors as ``ErrorBody``, ``as_of`` on reads only,
    form fields as a form carries them."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _tidy(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
