"""The recruitment dossier (招商对象档案) as one printable, self-contained HTML page: no scripts, no
external resources. No storage imports."""

from __future__ import annotations

from datetime import date
from typing import Any

from service.analysis.place import DISTANCE_LABELS
from service.analysis.recruitment import PART_LABELS
from service.analysis.wording import provenance_label
from service.render.jinja import environment
from service.render.numbers import score, wan, weight

FIGURE_LABELS = (
    ("breaks", "断点（环节区内无在营企业）"),
    ("choke_points", "堵点"),
    ("single_source_inputs", "单一来源投入"),
    ("concentrated_inputs", "供应高度集中的投入"),
    ("outside_dependency", "部分依赖区外的投入"),
    ("recovery_gaps", "替换时间超过库存时间的供应关系"),
)


def dossier_html(
    dossier: dict[str, Any],
    labels: dict[str, dict[str, str]],
    version: str,
    names: dict[str, str],
    products: dict[str, str],
) -> str:
    """``labels`` maps scale, status, stage and level codes to Chinese; ``names`` and ``products`` name
    the firms and products the what-if mentions."""
    return (
        environment()
        .get_template("dossier.html")
        .render(
            d=dossier,
            e=dossier["enterprise"],
            w=dossier["what_if"],
            labels=labels,
            names=names,
            products=products,
            version=version,
            generated=date.today().isoformat(),
            figure_labels=FIGURE_LABELS,
            part_labels=PART_LABELS,
            distance_labels=DISTANCE_LABELS,
            wan=wan,
            pts=score,
            weight=weight,
            provenance=provenance_label,
        )
    )
