"""Random supply links for the property tests of the cascade, demand, risk and what-if code."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from service.analysis.supply import Link

NONE = st.none()


def links(
    firms: Sequence[str],
    products: Sequence[str],
    *,
    share: st.SearchStrategy[float | None] = NONE,
    value: st.SearchStrategy[float | None] = NONE,
    days: st.SearchStrategy[int | None] = NONE,
    max_size: int = 40,
    self_links: bool = True,
) -> st.SearchStrategy[list[Link]]:
    """Lists of links among ``firms`` for ``products``; ``days`` draws recovery and stock days alike.
    Without ``self_links``, a firm never supplies itself."""
    drawn = st.lists(
        st.builds(
            Link,
            st.sampled_from(firms),
            st.sampled_from(firms),
            st.sampled_from(products),
            share=share,
            value=value,
            recovery_days=days,
            stock_days=days,
        ),
        max_size=max_size,
    )
    return drawn if self_links else drawn.map(lambda ls: [x for x in ls if x.supplier != x.buyer])


def whole_values() -> st.SearchStrategy[float | None]:
    """Annual values that are whole numbers (sums of them are exact), or none."""
    return st.none() | st.integers(0, 1000).map(float)


def floats(top: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(0, top, allow_nan=False)


def customers(firms: Sequence[str], products: Sequence[str]) -> st.SearchStrategy[dict[str, tuple[str, ...]]]:
    """A what-if firm's customers: product -> up to four buying firms, sorted."""
    return st.dictionaries(
        st.sampled_from(products), st.sets(st.sampled_from(firms), max_size=4).map(lambda s: tuple(sorted(s)))
    )
