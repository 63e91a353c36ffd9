"""The Jinja2 environment for every server-rendered page (templates in service/render/templates)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("service.render", "templates"), autoescape=select_autoescape())
