"""How long a chain map of a few thousand firms takes to open in headless Chromium, and its size.

python -m benchmarks.map_open --enterprises 20000 --links 80000 --chain auto
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import ledger_for
from service import maps, weaklinks
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.backends import open_store
from tests.browser.conftest import FLAGS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=80_000)
    parser.add_argument("--chain", default="auto")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Settings(backend="embedded", embedded_path=Path(tmp) / "graph.lbdb"))
        import_ledger(store, read_ledger(ledger_for(args.enterprises, args.links)))
        firms = len(weaklinks.chain_view(store, args.chain).firms)
        start = time.perf_counter()
        html = maps.chain_map(store, args.chain)
        build_s = time.perf_counter() - start
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 800})
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function("window.chainMap !== undefined")
            open_s = time.perf_counter() - start
            biggest = page.evaluate(
                "(() => { const d = JSON.parse(document.getElementById('map-data').textContent);"
                " const n = (s) => s.district_firms.length + s.outside_firms.length;"
                " const s = d.segments.reduce((a, s) => n(s) > n(a) ? s : a);"
                " return {id: s.id, firms: n(s)}; })()"
            )
            start = time.perf_counter()
            page.evaluate(f"window.chainMap.toggle({biggest['id']!r})")
            page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
            expand_s = time.perf_counter() - start
            browser.close()
        store.close()
    json.dump(
        {
            "chain": args.chain,
            "firms_in_chain": firms,
            "html_bytes": len(html.encode()),
            "build_seconds": round(build_s, 3),
            "open_seconds": round(open_s, 3),
            "largest_segment_firms": biggest["firms"],
            "expand_largest_segment_seconds": round(expand_s, 3),
        },
        sys.stdout,
        indent=2,
    )
    print()


if __name__ == "__main__":
    main()
