"""Chain maps as one self-contained HTML file each: vis-network and every style inlined, so the page opens
from a USB stick on a machine with no network. No storage imports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from service.render.jinja import environment as _env

# pyvis ships vis-network; its own HTML templates link Bootstrap from a CDN, so only the library is used.
VIS_DIR = "templates/lib/vis-9.1.2"


@lru_cache
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis").joinpath(VIS_DIR)
    return (
        lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
        lib.joinpath("vis-network.css").read_text(encoding="utf-8"),
    )


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def graph_map_html(title: str, legend: str, data: dict[str, Any]) -> str:
    """A map of positioned nodes and edges (``data``: ``nodes`` with id, label, x, y, colour, details;
    ``edges`` with from, to, label), each node's details shown on click."""
    js, css = _vis_assets()
    template = _env().get_template("graph_map.html")
    return template.render(title=title, legend=legend, data_json=_script_json(data), vis_js=js, vis_css=css)


def index_html(
    chains: list[dict[str, Any]],
    maps: list[tuple[str, str]],
    lists: list[tuple[str, str]],
    version: str,
    work: Sequence[tuple[str, str]] = (),
    signed_in: str | None = None,
) -> str:
    """The front page: each chain with links to its maps, lists and working documents (paths relative
    to the chain), its breaks and its top risks; a sign-out button for a browser session."""
    template = _env().get_template("index.html")
    return template.render(
        chains=chains, maps=maps, lists=lists, version=version, work=work, signed_in=signed_in
    )


def chain_map_html(title: str, data: dict[str, Any]) -> str:
    """The industrial-chain map (产业链图): segments left to right, firms on demand, supply links between
    the firms shown, breaks and risks coloured. ``data`` holds ``segments``, ``feeds``, ``firms``, ``links``.
    """
    js, css = _vis_assets()
    template = _env().get_template("chain_map.html")
    return template.render(title=title, data_json=_script_json(data), vis_js=js, vis_css=css)
