"""Reason sentences stay short however large the chain, and say why idle firms give no capacity."""

from __future__ import annotations

from service.analysis.breaks import BREAK, CHOKE_SINGLE_FIRM, Firm, Segment, find_breaks
from service.analysis.supply import SupplyNetwork
from service.analysis.wording import NAMED, STATUS_LABELS, not_active, some


def _hub(neighbours: int) -> tuple[list[Segment], list[tuple[str, str]]]:
    """A segment fed by ``neighbours`` segments and feeding as many, all with one active district firm;
    the hub's only district firms are ``neighbours`` stopped ones."""
    up = [
        Segment(f"u{i:03d}", f"上游环节{i:03d}", 1, (Firm(f"a{i}", f"上游企业{i}", True, "active"),))
        for i in range(neighbours)
    ]
    down = [
        Segment(f"d{i:03d}", f"下游环节{i:03d}", 3, (Firm(f"b{i}", f"下游企业{i}", True, "active"),))
        for i in range(neighbours)
    ]
    idle = tuple(Firm(f"x{i:03d}", f"停产企业{i:03d}", True, "inactive") for i in range(neighbours))
    hub = Segment("hub", "枢纽", 2, idle)
    feeds = [(s.id, "hub") for s in up] + [("hub", s.id) for s in down]
    return [*up, hub, *down], feeds


def test_a_break_with_a_hundred_neighbours_names_five_of_each_and_lists_all_in_its_fields() -> None:
    segments, feeds = _hub(120)
    found = find_breaks(segments, feeds, SupplyNetwork.build([]), {}, {}, {})
    hub = next(b for b in found if b["segment_id"] == "hub")
    assert hub["kind"] == BREAK
    assert len(hub["upstream"]) == len(hub["downstream"]) == 120 and len(hub["firms"]) == 120
    reason = hub["reason"]
    assert len(reason) < 200, reason
    assert "上游上游环节000、上游环节001、上游环节002、上游环节003、上游环节004等120个环节" in reason
    assert "下游下游环节000、下游环节001、下游环节002、下游环节003、下游环节004等120个环节" in reason
    assert "停产企业000、停产企业001、停产企业002、停产企业003、停产企业004等120家企业，均已停产" in reason
    assert "上游环节005" not in reason and "停产企业005" not in reason
    chokes = [b for b in found if b["kind"] == CHOKE_SINGLE_FIRM]  # each neighbour names the hub only
    assert chokes and all(len(b["reason"]) < 100 for b in chokes)


def test_a_break_caused_by_one_planned_firm_says_so() -> None:
    planned = Segment("s8", "新能源三电", 8, (Firm("lvneng", "长春绿能", True, "planned"),))
    (found,) = find_breaks([planned], [], SupplyNetwork.build([]), {}, {}, {})
    assert found["reason"] == "「新能源三电」环节区内仅有长春绿能一家企业，尚在筹建。"
    assert "均" not in found["reason"]


def test_idle_firms_are_phrased_by_status_and_number() -> None:
    assert not_active(["closed"]) == "已注销" and not_active(["closed", "closed"]) == "均已注销"
    assert not_active(["planned", "planned"]) == "均在筹建"
    assert not_active(["closed", "inactive"]) == "均未在营（其中停产1家、注销1家）"
    assert set(STATUS_LABELS) == {"active", "inactive", "planned", "closed"}  # every status is phrased


def test_at_most_five_names_then_the_count() -> None:
    names = [f"n{i}" for i in range(NAMED + 1)]
    assert some(names[:NAMED], "个环节") == "、".join(names[:NAMED])
    assert some(names, "个环节") == "、".join(names[:NAMED]) + f"等{NAMED + 1}个环节"
