"""The explorer over the district's shared service: each question is one HTTP call (httpx) with the
API key; the answer is the JSON the API sends, and an error answer becomes :class:`ExploreError` with
the API's Chinese message (``ErrorBody.detail``)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import httpx

from service.explore.errors import ExploreError
from service.explore.explorer import Explorer

# question -> (method, path); path parameters are filled from the call's parameters of the same name.
ROUTES: dict[str, tuple[str, str]] = {
    "chains": ("GET", "/chains"),
    "chain": ("GET", "/chains/{chain_id}"),
    "breaks": ("GET", "/chains/{chain_id}/breaks"),
    "risks": ("GET", "/chains/{chain_id}/risks"),
    "anchors": ("GET", "/chains/{chain_id}/anchors"),
    "sme_candidates": ("GET", "/chains/{chain_id}/sme-candidates"),
    "impact": ("GET", "/enterprises/{enterprise_id}/impact"),
    "what_if": ("POST", "/scenarios/disruption"),
    "recruitment": ("GET", "/chains/{chain_id}/recruitment"),
    "dossier": ("GET", "/recruitment/{enterprise_id}"),
    "lists": ("GET", "/chains/{chain_id}/lists/{name}"),
    "changes": ("GET", "/chains/{chain_id}/changes"),
    "report": ("GET", "/chains/{chain_id}/reports/{period}"),
    "history": ("GET", "/updates"),
    "enterprise": ("GET", "/enterprises/{enterprise_id}"),
    "risk_register": ("GET", "/chains/{chain_id}/risk-register"),
}
PAGE_ROUTES: dict[str, tuple[str, str]] = {
    "map": ("GET", "/chains/{chain_id}/maps/{name}.html"),
    "dossier_page": ("GET", "/recruitment/{enterprise_id}"),
}
QUERY_NAMES = {"start": "from", "end": "to"}  # Python names the API spells otherwise
MAX_ANSWER_BYTES = 200 * 1024 * 1024  # a larger answer is refused while it is read


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _error(response: httpx.Response) -> ExploreError:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return ExploreError(
            body["detail"],
            code=str(body.get("code", "error")),
            status=response.status_code,
            problems=body.get("problems"),
        )
    return ExploreError(
        f"服务答复 HTTP {response.status_code}：{response.text[:300]}", status=response.status_code
    )


class RemoteExplorer(Explorer):
    """Questions asked of a running chainlens service over HTTP."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.where = str(client.base_url)

    def _request(self, routes: dict[str, tuple[str, str]], name: str, params: dict[str, Any]) -> bytes:
        if name not in routes:
            raise ExploreError(f"没有这个问题：{name}（可选：{'、'.join(routes)}）", code="unknown_question")
        method, template = routes[name]
        rest = dict(params)
        path = template.format_map(
            {k: quote(str(rest.pop(k)), safe="") for k in list(rest) if "{" + k + "}" in template}
        )
        query: list[tuple[str, Any]] = []
        for key, value in (rest.pop("weights", None) or {}).items():
            query.append(("weight", f"{key}:{value}"))
        if "as_of" in rest:
            query.append(("as_of", _text(rest.pop("as_of"))))
        body = None
        if method == "POST":
            body, rest = rest, {}
        query += [(QUERY_NAMES.get(k, k), _text(v)) for k, v in rest.items()]
        if name == "dossier_page":
            query.append(("format", "html"))
        try:
            with self.client.stream(method, path, params=query, json=body) as response:
                if response.status_code >= 400:
                    response.read()
                    raise _error(response)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_ANSWER_BYTES:
                        raise ExploreError(f"答复超过 {MAX_ANSWER_BYTES // 1024 // 1024} MB，已停止读取")
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as e:
            raise ExploreError(f"无法连接到 {self.where}：{e}", code="unreachable") from e

    def answer(self, question: str, /, **params: Any) -> dict[str, Any]:
        import json

        result: dict[str, Any] = json.loads(self._request(ROUTES, question, params))
        return result

    def page(self, name: str, /, **params: Any) -> str:
        return self._request(PAGE_ROUTES, name, params).decode("utf-8")

    def close(self) -> None:
        self.client.close()


def connect(url: str, key: str | None = None, *, timeout: float = 120.0) -> RemoteExplorer:
    """An explorer over the chainlens service at ``url`` (``https://chainlens.example/``), sending
    ``key`` as ``Authorization: Bearer <key>`` (a viewer key reads everything). It checks the service
    answers ``/health`` and that the key is accepted, and says so in Chinese if not."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    client = httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=timeout)
    explorer = RemoteExplorer(client)
    try:
        explorer._request(ROUTES, "history", {})  # the cheapest read that needs the key
    except ExploreError:
        client.close()
        raise
    return explorer
