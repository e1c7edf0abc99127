"""How the hall TV pages its windows (Qt-free): every window once, in order, on as few
pages as the per-page limit allows, the pages as even as can be."""

from __future__ import annotations

import math

import pytest

from counter_display.highlight import (
    fit_page,
    grid_shape,
    largest_page,
    page_count,
    page_items,
    page_sizes,
    tile_height,
)

COUNTS = range(1, 201)
LIMITS = (1, 2, 3, 4, 7, 10, 11, 12, 18, 20, 24)


@pytest.mark.parametrize("per_page", LIMITS)
def test_every_window_is_on_exactly_one_page_in_number_order(per_page: int) -> None:
    for count in COUNTS:
        windows = list(range(1, count + 1))
        pages = [page_items(windows, p, per_page) for p in range(page_count(count, per_page))]
        assert sum(pages, []) == windows, (count, per_page)


@pytest.mark.parametrize("per_page", LIMITS)
def test_pages_differ_by_at_most_one_window_and_none_is_over_the_limit_or_empty(
    per_page: int,
) -> None:
    for count in COUNTS:
        windows = list(range(count))
        sizes = [len(page_items(windows, p, per_page)) for p in range(page_count(count, per_page))]
        assert max(sizes) - min(sizes) <= 1, (count, per_page, sizes)
        assert max(sizes) <= per_page and min(sizes) >= 1, (count, per_page, sizes)
        assert sizes == page_sizes(count, per_page)
        assert largest_page(count, per_page) == max(sizes) == math.ceil(count / len(sizes))


@pytest.mark.parametrize("per_page", LIMITS)
def test_the_number_of_pages_is_the_fewest_the_limit_allows(per_page: int) -> None:
    for count in COUNTS:
        assert page_count(count, per_page) == math.ceil(count / per_page), (count, per_page)
        assert len(page_sizes(count, per_page)) == page_count(count, per_page)


def test_53_windows_eleven_to_a_page_page_11_11_11_10_10_not_11_11_11_11_9() -> None:
    windows = list(range(1, 54))
    pages = [page_items(windows, p, 11) for p in range(page_count(53, 11))]
    assert [len(p) for p in pages] == [11, 11, 11, 10, 10]
    assert [p[0] for p in pages] == [1, 12, 23, 34, 44]
    assert page_items(windows, 5, 11) == pages[0]  # the page after the last is the first
    assert page_sizes(53, 20) == [18, 18, 17]


def test_a_hall_with_no_windows_has_one_empty_page() -> None:
    assert page_count(0, 20) == 1
    assert page_sizes(0, 20) == [0]
    assert page_items([], 0, 20) == [] and page_items([], 3, 20) == []


@pytest.mark.parametrize("height", [100, 250, 414, 500, 620, 900])
def test_a_fitted_page_limit_leaves_every_page_room_for_full_size_tiles(height: float) -> None:
    # The grid is shaped for the fullest page: the limit fit_page picks must hold it.
    for count in (5, 17, 53, 120, 200):
        per = fit_page(count, 992, height, gap=14, min_w=220, min_h=110, most=20)
        fullest = largest_page(count, per)
        cols, rows = grid_shape(fullest, 992, height, max_cols=4)  # 4 columns of 220 fit
        assert cols * rows >= fullest == max(page_sizes(count, per)), (count, height)
        tall_enough = tile_height(cols, rows, 992, height, 14) >= 110
        assert tall_enough or per == 1, (count, height, per)  # one at a time at the least
        assert per <= 20
