"""The cascades' set of (cascade, firm) keys (supply._KeySet) holds exactly what was added, however the
additions come in batches, grow it, or land on the same slots."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from service.analysis.supply import _KeySet

# small keys crowd a few slots; large ones reach every bit of the hash
keys = st.integers(0, 3000) | st.integers(0, 2**62)


@settings(max_examples=200, deadline=None)
@given(batches=st.lists(st.sets(keys, max_size=900), max_size=6), probes=st.lists(keys, max_size=200))
def test_the_key_set_holds_what_was_added_only(batches: list[set[int]], probes: list[int]) -> None:
    added: set[int] = set()
    held = _KeySet(np.zeros(0, dtype=np.int64))
    for batch in batches:
        fresh = np.array(sorted(batch - added), dtype=np.int64)
        held.add(fresh)
        added |= batch
        asked = np.array([*added, *probes, *batch], dtype=np.int64)
        assert held.holds(asked).tolist() == [k in added for k in asked.tolist()]
