"""Text measuring and a small scene model for maps drawn as SVG on the server.

A scene is plain data the template draws: ``backgrounds`` (rectangles), ``edges`` (paths), ``labels``
(free text) and ``nodes`` (a clickable box with its lines of text). Coordinates are viewBox units; the
page fits the whole viewBox to the window, so a layout that keeps the viewBox near the window's shape
keeps its text near its stated size. Widths of text are estimated (a CJK character one em, Latin letters
and digits about 0.6 em) with a margin, so a line fitted here does not spill out of its box in the browser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ELLIPSIS = "…"
HANGING = "）)」』，。、；：！？"  # kept at the end of a line rather than starting the next one alone


def char_em(ch: str) -> float:
    """Width of one character in em: wide (CJK, full-width punctuation) 1, narrow about 0.6."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch == " ":
        return 0.33
    return 0.62


def text_width(text: str, size: float) -> float:
    """Estimated drawn width of ``text`` at font ``size`` (an upper estimate for the bundled fonts).

    >>> text_width("长春", 10)
    20.0
    """
    return sum(char_em(c) for c in text) * size


def fit(text: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width``.

    >>> fit("吉林省长春市绿园区", 10, 50)
    '吉林省长…'
    """
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + ELLIPSIS, size) > width:
            break
        out += ch
    return out + ELLIPSIS


def wrap(text: str, size: float, width: float, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; the last cut with an ellipsis. A
    closing bracket or stop that ends the text may overhang by half a character instead of standing alone.

    >>> wrap("一二三四五六七八九十", 10, 40, 2)
    ['一二三四', '五六七…']
    """
    lines: list[str] = []
    line = ""
    for i, ch in enumerate(text):
        hangs = ch in HANGING and i == len(text) - 1 and text_width(line + ch, size) <= width + size / 2
        if text_width(line + ch, size) > width and not hangs:
            if len(lines) == max_lines - 1:
                return [*lines, fit(line + text[i:], size, width)]
            lines.append(line)
            line = ""
        line += ch
    if lines and line and all(c in HANGING for c in line):  # no line of punctuation alone
        line = lines[-1][-1] + line
        lines[-1] = lines[-1][:-1]
    return [*lines, line] if line else lines


@dataclass
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float
    weight: str = "normal"
    fill: str = "#222"
    anchor: str = "start"  # start | middle | end

    def as_dict(self) -> dict[str, Any]:
        return {
            "x": round(self.x, 1),
            "y": round(self.y, 1),
            "text": self.text,
            "size": self.size,
            "weight": self.weight,
            "fill": self.fill,
            "anchor": self.anchor,
        }


@dataclass
class Node:
    id: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    texts: list[Text] = field(default_factory=list)
    title: str = ""  # the tooltip
    stroke_width: float = 1.5
    rx: float = 6
    kind: str = "node"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "x": round(self.x, 1),
            "y": round(self.y, 1),
            "w": round(self.w, 1),
            "h": round(self.h, 1),
            "fill": self.fill,
            "stroke": self.stroke,
            "stroke_width": self.stroke_width,
            "rx": self.rx,
            "kind": self.kind,
            "title": self.title,
            "texts": [t.as_dict() for t in self.texts],
        }


@dataclass
class Scene:
    width: float
    height: float
    backgrounds: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    labels: list[Text] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    dots: list[dict[str, Any]] = field(default_factory=list)
    insets: list[dict[str, Any]] = field(default_factory=list)  # clipped drawings: x, y, w, h, paths

    def background(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "none") -> None:
        self.backgrounds.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "w": round(w, 1),
                "h": round(h, 1),
                "fill": fill,
                "stroke": stroke,
            }
        )

    def edge(
        self,
        d: str,
        stroke: str = "#90a4ae",
        width: float = 1.5,
        opacity: float = 0.8,
        arrow: bool = True,
        dash: bool = False,
        title: str = "",
        group: str = "",
    ) -> None:
        self.edges.append(
            {
                "d": d,
                "stroke": stroke,
                "width": round(width, 1),
                "opacity": opacity,
                "arrow": arrow,
                "dash": dash,
                "title": title,
                "group": group,
            }
        )

    def dot(self, x: float, y: float, r: float, fill: str, stroke: str = "#fff") -> None:
        self.dots.append({"x": round(x, 1), "y": round(y, 1), "r": r, "fill": fill, "stroke": stroke})

    def as_dict(self) -> dict[str, Any]:
        return {
            "width": round(self.width, 1),
            "height": round(self.height, 1),
            "backgrounds": self.backgrounds,
            "edges": self.edges,
            "labels": [t.as_dict() for t in self.labels],
            "nodes": [n.as_dict() for n in self.nodes],
            "dots": self.dots,
            "insets": self.insets,
        }


def curve(x1: float, y1: float, x2: float, y2: float) -> str:
    """A horizontal S-curve from (x1, y1) to (x2, y2) as SVG path data."""
    mid = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(
    points: list[tuple[float, float, float, float]], bounds: Box, obstacles: Sequence[Box] = ()
) -> list[Box]:
    """Boxes for labels of size (w, h) beside points (x, y), in the order given (most important first):
    each takes the nearest spot around its point that overlaps no label placed before it, no obstacle
    and stays inside ``bounds``; failing that, the spot that overlaps least.

    >>> place_labels([(10, 10, 20, 10), (10, 10, 20, 10)], (0, 0, 100, 100))  # the second goes below
    [(16.0, 5.0, 36.0, 15.0), (0.0, 16.0, 20.0, 26.0)]
    """
    placed: list[Box] = []
    for x, y, w, h in points:
        best: tuple[float, float, Box] | None = None
        for distance in (6.0, 14.0, 26.0, 42.0, 62.0, 90.0):
            for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)):
                left = x + distance * dx if dx > 0 else (x - distance - w if dx < 0 else x - w / 2)
                top = y - h / 2 + (distance + h / 2) * dy if dy else y - h / 2
                if dx and dy:
                    top = y - distance - h if dy < 0 else y + distance
                box = (float(left), float(top), float(left + w), float(top + h))
                outside = box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]
                clash = sum(_overlap(box, other) for other in [*placed, *obstacles])
                cost = clash + (1e9 if outside else 0.0)
                if best is None or (cost, distance) < best[:2]:
                    best = (cost, distance, box)
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        placed.append(best[2])
    return placed
