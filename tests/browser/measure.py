"""What a person sees of a map drawn as SVG, measured in the browser at a laptop's window size: where each
node and label is drawn on the screen, at what pixel size, and every request that tried to leave the page.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser.conftest import ARTIFACTS

WINDOW = {"width": 1366, "height": 768}
LOCAL = ("file:", "data:", "blob:", "about:")

# For every label: its drawn box on the screen and its font size in screen pixels, from the scale the
# browser actually drew the SVG at (getScreenCTM), not from the size written in the file.
MEASURE = """() => {
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const labels = [...document.querySelectorAll("#scene text.label")].map((t) => ({
    text: t.textContent,
    px: parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a,
    node: t.closest(".node") ? t.closest(".node").dataset.node : null,
    ...box(t.getBoundingClientRect()),
  }));
  const nodes = [...document.querySelectorAll("#scene .node")].map((g) => ({
    id: g.dataset.node, ...box(g.querySelector("rect").getBoundingClientRect()),
  }));
  const pane = box(document.getElementById("map").getBoundingClientRect());
  return {labels, nodes, pane, window: {width: innerWidth, height: innerHeight}};
}"""


@dataclass
class Opened:
    """A map page opened at the window size, with what was measured at the opening view."""

    page: Any
    seconds: float  # from navigation to the load event, the SVG drawn
    outside: list[str] = field(default_factory=list)
    view: dict[str, Any] = field(default_factory=dict)

    def smallest_label_px(self) -> float:
        return min(label["px"] for label in self.view["labels"])

    def nodes_off_screen(self) -> list[str]:
        pane = self.view["pane"]
        return [
            n["id"]
            for n in self.view["nodes"]
            if n["left"] < pane["left"] - 0.5
            or n["top"] < pane["top"] - 0.5
            or n["right"] > pane["right"] + 0.5
            or n["bottom"] > pane["bottom"] + 0.5
        ]

    def overlapping_labels(self, tolerance: float = 0.5) -> list[tuple[str, str]]:
        """Pairs of labels whose drawn boxes overlap by more than ``tolerance`` px both ways."""
        labels = sorted(self.view["labels"], key=lambda b: b["left"])
        found = []
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                if b["left"] >= a["right"] - tolerance:
                    break  # sorted by left edge: no later label can reach back into a
                if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tolerance:
                    found.append((a["text"], b["text"]))
        return found

    def labels_outside_their_box(self, tolerance: float = 1.0) -> list[str]:
        nodes = {n["id"]: n for n in self.view["nodes"]}
        out = []
        for label in self.view["labels"]:
            n = nodes.get(label["node"])
            if n is not None and (
                label["left"] < n["left"] - tolerance
                or label["right"] > n["right"] + tolerance
                or label["top"] < n["top"] - tolerance
                or label["bottom"] > n["bottom"] + tolerance
            ):
                out.append(label["text"])
        return out


def open_map(browser: Any, html: str, path: Path) -> Opened:
    """Write ``html`` to ``path`` (a file, as it would sit on a USB stick) and open it at 1366×768."""
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport=WINDOW)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("window.svgMap !== undefined")
    seconds = time.perf_counter() - start
    opened = Opened(page, seconds, outside)
    opened.view = page.evaluate(MEASURE)
    return opened


def keep(opened: Opened, name: str, record: dict[str, Any]) -> None:
    """Save the screenshot and the measurements as test artifacts (test-artifacts/maps/), and close."""
    folder = ARTIFACTS / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(folder / f"{name}.png"))
    (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    opened.page.close()
