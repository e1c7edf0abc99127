"""星级窗口 and 三优三差: weighted z-scores, stars and the best and worst three."""

from __future__ import annotations

import math

import pytest

from queue_server.reports.ranking import (
    STAR_CUTS,
    WEIGHTS,
    WindowFigures,
    rank_windows,
    stars,
    zscores,
)


def window(
    n: int,
    served: int = 100,
    within: float | None = 90.0,
    sat: float | None = 90.0,
    no_show: float | None = 5.0,
    att: float | None = 95.0,
) -> WindowFigures:
    return WindowFigures(n, f"{n}号窗口", "测试局", served, within, sat, no_show, att)


def test_the_weights_add_up_to_one() -> None:
    assert math.isclose(sum(w for w, _ in WEIGHTS.values()), 1.0)


def test_zscores_standardise_and_treat_missing_values_as_the_mean() -> None:
    z = zscores([1.0, 2.0, 3.0, None])
    assert z[1] == 0.0 and z[3] == 0.0 and math.isclose(z[2], -z[0])
    assert zscores([5.0, 5.0]) == [0.0, 0.0]  # no spread: nobody stands out
    assert zscores([5.0]) == [0.0]


def test_stars_follow_the_standard_score_cuts() -> None:
    assert [stars(s) for s in (1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -1.5)] == [5, 5, 4, 3, 2, 2, 1]
    assert STAR_CUTS == tuple(sorted(STAR_CUTS, reverse=True))


def test_a_window_better_on_every_figure_ranks_first_with_more_stars() -> None:
    figures = [
        window(1, served=300, within=99, sat=98, no_show=1, att=100),
        window(2),
        window(3),
        window(4, served=40, within=60, sat=70, no_show=12, att=80),
    ]
    ranking = rank_windows(figures)
    assert [r.figures.window for r in ranking.ranked] == [1, 2, 3, 4]
    assert ranking.ranked[0].stars > ranking.ranked[1].stars > ranking.ranked[3].stars
    assert ranking.ranked[0].score > 0 > ranking.ranked[3].score


def test_fewer_no_shows_rank_higher_all_else_equal() -> None:
    ranking = rank_windows([window(1, no_show=9), window(2, no_show=2)])
    assert ranking.ranked[0].figures.window == 2
    assert ranking.ranked[0].z["no_show"] > 0


def test_volume_counts_by_its_logarithm() -> None:
    figures = [window(1, served=19), window(2, served=199), window(3, served=1999)]
    z = {r.figures.window: r.z["volume"] for r in rank_windows(figures, min_served=1).ranked}
    assert math.isclose(z[2], 0.0, abs_tol=1e-3)  # ln(1 + served): 20, 200, 2000 evenly spaced
    assert math.isclose(z[1], -z[3], abs_tol=1e-3)


def test_windows_with_too_few_services_are_not_ranked() -> None:
    ranking = rank_windows([window(1), window(2, served=5), window(3)], min_served=20)
    assert [f.window for f in ranking.unranked] == [2]
    assert {r.figures.window for r in ranking.ranked} == {1, 3}


def test_three_best_and_three_worst_are_named() -> None:
    figures = [window(n, sat=60 + 4 * n) for n in range(1, 9)]
    ranking = rank_windows(figures)
    assert [r.figures.window for r in ranking.best] == [8, 7, 6]
    assert [r.figures.window for r in ranking.worst] == [3, 2, 1]
    assert [r.rank for r in ranking.ranked] == list(range(1, 9))


@pytest.mark.parametrize(("count", "named"), [(1, 0), (2, 1), (4, 2), (5, 2), (6, 3)])
def test_small_halls_name_at_most_half_their_windows_best_or_worst(count: int, named: int) -> None:
    ranking = rank_windows([window(n, sat=60 + n) for n in range(1, count + 1)])
    assert len(ranking.best) == len(ranking.worst) == named
    assert not {r.figures.window for r in ranking.best} & {r.figures.window for r in ranking.worst}


def test_ties_are_broken_by_volume_then_window_number() -> None:
    ranking = rank_windows([window(2), window(1)])
    assert [r.figures.window for r in ranking.ranked] == [1, 2]
    assert all(r.stars == 3 for r in ranking.ranked)  # identical windows are average
