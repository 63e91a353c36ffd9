"""The Jinja2 environment for every server-rendered page (templates in service/render/templates)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from service.render import numbers


@lru_cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("service.render", "templates"), autoescape=select_autoescape())
    env.filters["score"] = numbers.score  # {{ x | score }}: two decimals, as people read scores
    env.filters["wan"] = numbers.wan  # {{ x | wan }}: 万元 to one decimal
    return env
