"""Each chart draws what its answer says, in a font that has the Chinese glyphs; a PNG of each chart
kind is kept in test-artifacts/explore/."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from service.explore import charts
from service.explore.local import LocalExplorer
from tests.explore.conftest import ARTIFACTS, SEED_DAY

OUT = ARTIFACTS / "explore"


@pytest.fixture(scope="module", autouse=True)
def _out() -> Iterator[None]:
    OUT.mkdir(parents=True, exist_ok=True)
    yield
    print(f"\nchart PNGs: {OUT}")


def save(fig: Figure, name: str, engine: str) -> Path:
    """Draw ``fig`` to a PNG; any warning while drawing (a missing glyph above all) fails the test."""
    path = OUT / f"{name}-{engine}.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(path, dpi=90)
    glyphs = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not glyphs, glyphs
    assert path.stat().st_size > 10_000
    return path


def bars(fig: Figure, axes: int = 0) -> list[Rectangle]:
    ax = fig.axes[axes]
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_fill()]


def test_segments_stack_district_on_outside_and_mark_the_breaks(local: LocalExplorer) -> None:
    kinds: dict[str, set[str]] = {}
    for as_of, name in ((SEED_DAY, "segments-before"), (None, "segments")):
        fig = charts.segments(local, "auto", as_of=as_of)
        save(fig, name, local.where)
        params = {"as_of": as_of} if as_of else {}
        segments = local.answer("chain", chain_id="auto", **params)["segments"]
        drawn = bars(fig)
        n = len(segments)
        idle = [s.get("district_inactive_count", 0) for s in segments]
        stacks = [[s["district_enterprise_count"] for s in segments]]
        stacks += [idle] if any(idle) else []
        stacks += [
            [
                s["enterprise_count"] - s["district_enterprise_count"] - i
                for s, i in zip(segments, idle, strict=True)
            ]
        ]
        for k, stack in enumerate(stacks):
            assert [b.get_height() for b in drawn[k * n : (k + 1) * n]] == stack
        assert sum(map(sum, stacks)) == sum(s["enterprise_count"] for s in segments)
        marks = sorted((round(t.xy[0]), t.get_text()) for t in fig.axes[0].texts)
        position = {s["id"]: i for i, s in enumerate(segments)}
        found = local.answer("breaks", chain_id="auto", **params)["data"]
        expected = sorted(
            (position[b["segment_id"]], "断点" if b["kind"] == "break" else "堵点") for b in found
        )
        assert marks == expected and expected
        kinds[name] = {m for _, m in marks}
        labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert labels == [s["name"] for s in segments]
    assert kinds == {"segments-before": {"断点", "堵点"}, "segments": {"堵点"}}  # the week closed the break


def test_risk_ranking_stacks_parts_that_add_up_to_the_score(local: LocalExplorer) -> None:
    fig = charts.risk_ranking(local, "auto", top=5)
    save(fig, "risk-ranking", local.where)
    nodes = local.answer("risks", chain_id="auto", limit=5)["risk_nodes"]
    drawn = bars(fig)
    widths: dict[float, float] = {}
    for b in drawn:
        widths[b.get_y()] = widths.get(b.get_y(), 0.0) + b.get_width()
    totals = [widths[y] for y in sorted(widths, reverse=True)]
    assert totals == pytest.approx([n["score"] for n in nodes], abs=1e-3)
    ax = fig.axes[0]
    top_down = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))[::-1]
    assert [name for _, name in top_down] == [n["enterprise_name"] for n in nodes]


def test_anchor_suppliers_by_tier_and_dependence(local: LocalExplorer) -> None:
    fig = charts.anchor_suppliers(local, "auto")
    save(fig, "anchor-suppliers", local.where)
    anchor = local.answer("anchors", chain_id="auto")["anchors"][0]
    assert [b.get_height() for b in bars(fig, 0)] == anchor["district_suppliers_by_tier"]
    shares = sorted(s["share_of_sales"] or 0 for s in anchor["supplier_dependence"])
    assert sorted(b.get_width() for b in bars(fig, 1)) == shares
    names = {t.get_text() for t in fig.axes[1].get_yticklabels()}
    assert "长春宏锐动力部件有限公司" in names and not any(n.startswith("ent.") for n in names)
    assert anchor["enterprise_name"] in fig.get_suptitle()


def test_trend_draws_each_count_at_each_update(local: LocalExplorer) -> None:
    fig = charts.trend(local, "auto")
    save(fig, "trend", local.where)
    rows = local.trend("auto").attrs["raw"]["data"]
    lines = {ax.get_title(): list(ax.get_lines()[0].get_ydata()) for ax in fig.axes}
    assert [list(ax.get_lines()[0].get_xdata()) for ax in fig.axes] == [[r["at"] for r in rows]] * 6
    assert lines["断点"] == [r["breaks"] for r in rows] == [1, 0]
    assert lines["堵点"] == [r["choke_points"] for r in rows]
    assert lines["风险企业"] == [r["risk_nodes"] for r in rows]


def test_target_parts_show_points_against_weights(local: LocalExplorer) -> None:
    fig = charts.target_parts(local, "auto")
    save(fig, "target-parts", local.where)
    target = local.answer("recruitment", chain_id="auto", limit=1)["targets"][0]
    parts = list(target["parts"].values())[::-1]
    drawn = bars(fig)
    assert [b.get_width() for b in drawn[: len(parts)]] == [p["weight"] for p in parts]
    assert [b.get_width() for b in drawn[len(parts) :]] == [p["points"] for p in parts]
    assert sum(p["points"] for p in parts) == pytest.approx(target["score"], abs=1e-3)
    assert target["enterprise_name"] in fig.axes[0].get_title()


def test_the_font_chosen_draws_chinese() -> None:
    family = charts.use_cjk_font()
    paths = [f.fname for f in font_manager.fontManager.ttflist if f.name == family]
    assert paths and all(charts._covers(p, charts.SAMPLE + "链主断点堵点") for p in paths)


def test_without_a_chinese_font_the_charts_refuse_loudly() -> None:
    latin = [f for f in font_manager.fontManager.ttflist if not charts._covers(f.fname, charts.SAMPLE)]
    with pytest.raises(charts.MissingFont, match="fonts-wqy-zenhei"):
        charts.find_cjk_font(latin)
