"""The day simulator: reproducible, conserving, driven by the real dispatch policy."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from queue_server.cli import main
from queue_server.config import load_hall
from queue_server.domain.dispatch import Policy, Profile
from queue_server.domain.schedule import Schedule
from queue_server.simulation.arrivals import Arrival, day_shape, generate_arrivals
from queue_server.simulation.engine import DaySimulation
from queue_server.simulation.hallmodel import MatterSpec, SimHall, from_config
from queue_server.simulation.metrics import erlang_b, erlang_c, mmc_wait
from queue_server.simulation.params import SimParams, matter_weights
from queue_server.simulation.runner import Run, simulate

FIXTURES = Path(__file__).parent.parent / "fixtures"
MONDAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def sample() -> SimHall:
    return from_config(load_hall())


@pytest.fixture(scope="module")
def mini() -> SimHall:
    return from_config(load_hall(FIXTURES / "mini_hall.toml"))


def one_window_hall(cap: int) -> SimHall:
    """One window serving one 10-minute matter, open 08:30–17:30 on weekdays."""
    span = ((time(8, 30), time(17, 30)),)
    return SimHall(
        name="one window",
        matters={"a": MatterSpec("a", "d", "service", "A", "A", 10.0)},
        profiles=(Profile(window=1, matters=("a",)),),
        policy=Policy(max_wait_min=600, priority_streak_cap=cap),
        schedule=Schedule(timezone="Asia/Shanghai", weekly=(span,) * 5 + ((), ())),
    )


def issued(run: Run) -> list[tuple[str, float]]:
    return sorted((r.number, r.issued) for r in run.days[0].records)


def served_order(hall: SimHall, arrivals: list[Arrival]) -> list[str]:
    sim = DaySimulation(hall, day=MONDAY, opening=[(510.0, 1050.0)], issuing=[(510.0, 1020.0)])
    return [r.number for r in sim.run(arrivals).records]


# --- reproducibility and conservation ---------------------------------------------------
def test_same_seed_gives_identical_results(sample: SimHall) -> None:
    first = simulate(sample, SimParams(seed=7))
    again = simulate(sample, SimParams(seed=7))
    assert first.result == again.result
    assert [r.number for r in first.days[0].records] == [r.number for r in again.days[0].records]


def test_different_seed_gives_different_results(sample: SimHall) -> None:
    assert simulate(sample, SimParams(seed=1)).result != simulate(sample, SimParams(seed=2)).result


def test_every_issued_ticket_ends_served_or_no_show(sample: SimHall) -> None:
    run = simulate(sample, SimParams(seed=3, days=2, no_show_prob=0.2))
    for day in run.days:
        issued = day.arrivals - day.refused
        assert len(day.records) == issued
        assert len({r.number for r in day.records}) == issued  # each called exactly once
        assert day.statuses == {"done": issued - sum(r.no_show for r in day.records)} | {
            "no_show": sum(r.no_show for r in day.records)
        }
    result = run.result
    assert result.served + result.no_shows == result.tickets > 0


def test_daily_quota_turns_citizens_away_at_issue(mini: SimHall) -> None:
    run = simulate(mini, SimParams(seed=1, tickets=180, mix="capacity"))
    day = run.days[0]
    assert day.refused > 0
    assert sum(r.matter == "spjy" for r in day.records) == mini.matters["spjy"].daily_quota


# --- the policy is the domain's ---------------------------------------------------------
def test_priority_streak_cap_changes_the_order_of_service() -> None:
    arrivals = [Arrival(510.0, "a", 10.0), Arrival(511.0, "a", 10.0)] + [
        Arrival(512.0 + i, "a", 10.0, green=True) for i in range(4)
    ]
    # A001 is served first; A002 (walk-in) and four green tickets wait behind it.
    assert served_order(one_window_hall(cap=3), arrivals) == [
        "A001", "A003", "A004", "A005", "A002", "A006",
    ]  # fmt: skip
    assert served_order(one_window_hall(cap=1), arrivals) == [
        "A001", "A003", "A002", "A004", "A005", "A006",
    ]  # fmt: skip


def test_pruned_candidates_give_the_same_day_as_the_full_queues(sample: SimHall) -> None:
    params = SimParams(seed=5, tickets=1300, green_share=0.3, appointment_share=0.3)
    for pooled in (False, True):
        fast = simulate(sample, replace(params, comprehensive=pooled))
        full = simulate(sample, replace(params, comprehensive=pooled, exact=True))
        assert fast.result == full.result
        assert [(r.number, r.window, r.ahead) for r in fast.days[0].records] == [
            (r.number, r.window, r.ahead) for r in full.days[0].records
        ]


def test_green_tickets_wait_less_than_others_in_a_loaded_hall(mini: SimHall) -> None:
    result = simulate(
        mini, SimParams(seed=7, tickets=180, mix="capacity", green_share=0.15, days=2)
    ).result
    assert result.offered_load > 0.6
    assert result.green_wait_mean is not None and result.normal_wait_mean is not None
    assert result.green_wait_mean < result.normal_wait_mean


def test_fully_pooled_hall_waits_no_longer_than_the_sample_profiles(sample: SimHall) -> None:
    profiles = simulate(sample, SimParams(seed=1))
    pooled = simulate(sample, SimParams(seed=1, comprehensive=True))
    assert issued(profiles) == issued(pooled)  # the same citizens at the same moments
    assert all(len(p.matters) == len(sample.matters) for p in pooled.hall.profiles)
    assert pooled.result.wait_mean <= profiles.result.wait_mean


def test_estimate_error_is_measured_and_finite(sample: SimHall) -> None:
    result = simulate(sample, SimParams(seed=2)).result
    assert math.isfinite(result.estimate_mae) and result.estimate_mae > 0
    assert math.isfinite(result.estimate_bias)
    assert abs(result.estimate_bias) <= result.estimate_mae


# --- hall variants, arrivals ------------------------------------------------------------
def test_windows_option_clones_the_configured_profiles(sample: SimHall) -> None:
    run = simulate(sample, SimParams(seed=1, windows=120, tickets=400))
    profiles = run.hall.profiles
    assert len(profiles) == 120 and len({p.window for p in profiles}) == 120
    assert profiles[53].matters == sample.profiles[0].matters


def test_staffing_a_fraction_still_covers_every_matter(sample: SimHall) -> None:
    run = simulate(sample, SimParams(seed=1, open_fraction=0.3, tickets=300))
    assert len(run.hall.profiles) < len(sample.profiles)
    assert run.hall.uncovered() == []


def test_arrivals_peak_in_the_morning_and_follow_the_seed_mix(sample: SimHall) -> None:
    import random

    weights = matter_weights(sample, "seed")
    arrivals = generate_arrivals(
        sample, day=MONDAY, expected=5000, weights=weights, params=SimParams(), rng=random.Random(1)
    )
    first_hour = sum(510 <= a.at < 570 for a in arrivals)
    peak_hour = sum(555 <= a.at < 615 for a in arrivals)
    assert day_shape(585) > day_shape(510) and peak_hour > first_hour
    by_dept: dict[str, int] = {}
    for a in arrivals:
        dept = sample.matters[a.matter].department
        by_dept[dept] = by_dept.get(dept, 0) + 1
    assert max(by_dept, key=lambda d: by_dept[d]) == "rsj"  # 3,900 of 8,492 cases in seed 000
    # issuing stops 30 min before each span closes: 08:30–11:30 and 13:30–17:00
    assert all(510 <= a.at < 690 or 810 <= a.at < 1020 for a in arrivals)


# --- Erlang C ---------------------------------------------------------------------------
def test_erlang_c_matches_textbook_values() -> None:
    assert erlang_b(1, 1.0) == pytest.approx(0.5)
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    # M/M/1: Wq = ρ / (μ − λ)
    lam, mu = 0.8, 1.0
    assert mmc_wait(1, lam, 1 / mu) == pytest.approx((lam / mu) / (mu - lam))
    # The closed form C = (a^c/c!)(c/(c−a)) / (Σ_{k<c} a^k/k! + (a^c/c!)(c/(c−a)))
    for c, a in ((10, 8.0), (53, 45.0), (120, 110.0)):
        top = a**c / math.factorial(c) * c / (c - a)
        closed = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
        assert erlang_c(c, a) == pytest.approx(closed, rel=1e-9)
    assert mmc_wait(3, 3.0, 1.0) == math.inf


# --- the command ------------------------------------------------------------------------
def test_hallq_simulate_compares_both_variants_as_json(tmp_path: Path) -> None:
    out = tmp_path / "sim.json"
    argv = ["simulate", "--seed", "1", "--tickets", "300", "--compare", "--json", str(out)]
    assert main(argv) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [r["variant"] for r in doc["results"]] == ["profiles", "comprehensive"]
    first = doc["results"][0]
    assert first["tickets"] == first["served"] + first["no_shows"]
    assert {"estimate_mae", "erlang_c_wait", "ratio", "utilization_mean"} <= first.keys()


@pytest.mark.parametrize("bad", [["--windows", "0"], ["--windows", "-3"], ["--tickets", "-5"]])
def test_hallq_simulate_refuses_an_impossible_hall_in_both_languages(
    bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", *bad]) == 2
    err = capsys.readouterr().err
    assert "--windows must be ≥ 1" in err and "窗口数至少为1" in err


def test_hallq_simulate_json_into_a_missing_folder_is_a_bilingual_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "sim.json"
    assert main(["simulate", "--tickets", "100", "--json", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "无法写入文件" in err
