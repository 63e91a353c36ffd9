"""A self-contained HTML page (a map, a dossier) that shows inline in a notebook."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """One page as the service serves it; a notebook shows it in a frame, ``save`` writes the file."""

    title: str
    html: str
    height: int = 560

    def _repr_html_(self) -> str:
        return (
            f'<iframe title="{html.escape(self.title)}" srcdoc="{html.escape(self.html)}" '
            f'style="width:100%;height:{self.height}px;border:0"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (it opens offline in a browser); the path written."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target
