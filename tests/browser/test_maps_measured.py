"""Every map of every seed chain, and of a generated chain of about 5,000 firms, opened from a file in
headless Chromium at 1366×768 and measured at the opening view: how long it took to open, every node inside
the map pane, every label at least 12 px on the screen (from the scale the browser drew at), no two label
boxes overlapping, each label inside its box, and no request leaving the page. Screenshots and the
measurements are kept in test-artifacts/maps/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service import maps
from service.storage.port import GraphStore
from tests.browser.measure import keep, open_map

CHAINS = ["beef", "auto", "ha", "cons"]
KINDS = ["chain", "technology", "application", "region"]
MIN_PX = 12.0
GENERATED_FIRMS = 20_000  # over the four chains: the beef chain gets 5,386 of them (measured)
SEED_SECONDS = 5.0
GENERATED_SECONDS = 15.0


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """seed/generate.py's province-scale ledger in an embedded store."""
    from seed import dataset_path
    from seed.generate import generate
    from service.ledger.load import import_ledger
    from service.ledger.read import read_ledger
    from service.storage.ladybug_store import LadybugStore

    folder = tmp_path_factory.mktemp("generated")
    with dataset_path() as path:
        generate(path, folder / "ledger", GENERATED_FIRMS, 2 * GENERATED_FIRMS)
    store = LadybugStore(folder / "graph.lbdb")
    store.apply_schema()
    import_ledger(store, read_ledger(folder / "ledger"))
    yield store
    store.close()


def check(browser: object, html: str, path: Path, name: str, limit: float) -> None:
    opened = open_map(browser, html, path)
    record = {
        "seconds_to_open": round(opened.seconds, 3),
        "html_bytes": len(html.encode()),
        "labels": len(opened.view["labels"]),
        "nodes": len(opened.view["nodes"]),
        "smallest_label_px": round(opened.smallest_label_px(), 2),
        "nodes_off_screen": opened.nodes_off_screen(),
        "overlapping_labels": opened.overlapping_labels(),
        "labels_outside_their_box": opened.labels_outside_their_box(),
        "requests_leaving": opened.outside,
    }
    keep(opened, name, record)
    print(name, record["seconds_to_open"], "s", record["smallest_label_px"], "px")
    assert record["nodes"] > 0 and record["labels"] > 0
    assert record["nodes_off_screen"] == []
    assert record["smallest_label_px"] >= MIN_PX
    assert record["overlapping_labels"] == []
    assert record["labels_outside_their_box"] == []
    assert record["requests_leaving"] == []
    assert opened.seconds < limit


@pytest.mark.parametrize("chain", CHAINS)
@pytest.mark.parametrize("kind", KINDS)
def test_seed_map_is_legible_at_the_opening_view(
    seed_store: GraphStore, browser: object, tmp_path: Path, kind: str, chain: str
) -> None:
    html = maps.MAPS[kind](seed_store, chain)
    check(browser, html, tmp_path / "map.html", f"{kind}-{chain}-{seed_store.engine}", SEED_SECONDS)


@pytest.mark.parametrize("kind", KINDS)
def test_generated_chain_map_is_legible_at_the_opening_view(
    generated_store: GraphStore, browser: object, tmp_path: Path, kind: str
) -> None:
    html = maps.MAPS[kind](generated_store, "beef")
    check(browser, html, tmp_path / "map.html", f"{kind}-generated-beef", GENERATED_SECONDS)
