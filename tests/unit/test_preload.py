"""What every process pays once is paid by the start-up preload, not by the first weekly update."""

from __future__ import annotations

import sys

from seed.reference import hs_codes, industry_codes, regions
from service.warmup import preload_in_background


def test_the_preload_loads_the_reference_lists_and_pyarrow_pandas_shim() -> None:
    for cached in (regions, industry_codes, hs_codes):
        cached.cache_clear()
    preload_in_background().join(timeout=60)
    assert all(f.cache_info().currsize == 1 for f in (regions, industry_codes, hs_codes))
    assert "pandas" in sys.modules
