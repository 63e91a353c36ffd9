"""The pure layout helpers behind the SVG maps: text fitted to a width, labels placed without overlap, and
the chain map's layout drawn no smaller than its text size at a laptop's window."""

from __future__ import annotations

import random

from service.render import svg
from service.render.maps import MIN_FONT, chain_scene, pane_scale


def test_fit_and_wrap_stay_within_the_width() -> None:
    text = "长春市绿园区皓月清真肉业股份有限公司（ABC-123）冷鲜分割牛肉"
    for width in (40.0, 90.0, 200.0):
        assert svg.text_width(svg.fit(text, 13, width), 13) <= width
        lines = svg.wrap(text, 13, width, 3)
        assert 1 <= len(lines) <= 3
        assert all(svg.text_width(line, 13) <= width + 13 / 2 for line in lines)  # a stop may hang
    assert "".join(svg.wrap(text, 13, 1000, 3)) == text  # nothing lost when it fits
    assert svg.wrap("原材料（钢材）", 16, 16 * 6, 2) == ["原材料（钢", "材）"]  # no bracket alone on a line


def test_placed_labels_never_overlap_where_there_is_room() -> None:
    rng = random.Random(3)
    points = [(rng.uniform(50, 450), rng.uniform(50, 350), rng.uniform(40, 90), 18.0) for _ in range(25)]
    boxes = svg.place_labels(points, (0, 0, 500, 400))
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= 500 and a[3] <= 400
        for b in boxes[i + 1 :]:
            assert svg._overlap(a, b) == 0


def _segment(i: int, stage: str, reason: str | None = None) -> dict[str, object]:
    return {
        "id": f"s{i}",
        "name": f"环节{i}",
        "stage": stage,
        "state": "break" if reason else "ok",
        "reason": reason,
        "district": 3,
        "outside": 4,
        "leaders": ["★ 长春某某集团有限公司", "长春某某制造有限公司", "长春某某科技有限公司"],
        "district_more": 5,
    }


def test_the_chain_layout_keeps_text_at_full_size_for_a_crowded_band() -> None:
    """Eight midstream segments, one with a long reason: the band splits into columns rather than
    shrinking the map below 12 px."""
    reason = "「环节2」环节区内没有企业，影响下游环节3与环节4；区外有5家企业在该环节。" * 2
    segments = [_segment(0, "upstream"), *(_segment(i, "midstream") for i in range(1, 9))]
    segments[2] = _segment(2, "midstream", reason)
    segments.append(_segment(9, "downstream"))
    scene = chain_scene(segments, [["s0", "s1"], ["s8", "s9"]])
    assert {n.id for n in scene.nodes} == {f"seg:s{i}" for i in range(10)}
    assert pane_scale(scene.width, scene.height) * MIN_FONT >= 12
    boxes = [(n.x, n.y, n.x + n.w, n.y + n.h) for n in scene.nodes]
    assert all(svg._overlap(a, b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1 :])
