"""Department case table, busy-hour heat map and 只跑一次, on hand-made events and visits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.reports.figures import (
    BusyHours,
    DepartmentCases,
    Visit,
    run_once,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def done(matter: str, outcome: str = "done", at: datetime = MONDAY) -> Event:
    return Event(
        "ticket.completed",
        at,
        "staff:s1a",
        1,
        "A001",
        f"t-{matter}",
        matter,
        "A",
        {"outcome": outcome, "first_call": True, "service_s": 300},
    )


def issued(at: datetime) -> Event:
    return Event("ticket.issued", at, "device:kiosk1", None, "A001", "t", "yyzz", "A", {})


def test_department_table_splits_cases_by_category_and_the_totals_add_up(
    mini_config: HallConfig,
) -> None:
    acc = DepartmentCases(mini_config)
    for matter, outcome in [
        ("yyzz", "done"),
        ("spjy", "accepted"),
        ("ylbx", "done"),
        ("sybx", "done"),
        ("sybx", "done"),
        ("dbsq", "accepted"),
    ]:
        acc.add(done(matter, outcome))
    table = acc.result()
    rows = {r.code: (r.approval, r.service, r.total) for r in table.rows}
    assert rows == {"scj": (2, 0, 2), "rsj": (0, 3, 3), "mzj": (1, 0, 1)}
    assert (table.approval, table.service, table.total) == (3, 3, 6)
    assert table.total == sum(r.total for r in table.rows)


def test_department_table_leaves_out_refusals_consultations_and_other_events(
    mini_config: HallConfig,
) -> None:
    acc = DepartmentCases(mini_config)
    for outcome in ("needs_more", "rejected", "consulted"):
        acc.add(done("yyzz", outcome))
    acc.add(issued(MONDAY))
    table = acc.result()
    assert table.total == 0
    assert [r.code for r in table.rows] == ["scj", "rsj", "mzj"]  # 暂无业务 rows stay listed


def test_cases_of_a_matter_no_longer_configured_go_to_an_other_row(
    mini_config: HallConfig,
) -> None:
    acc = DepartmentCases(mini_config)
    acc.add(done("gone"))
    table = acc.result()
    assert table.rows[-1].code == "?" and table.total == 1


def test_heatmap_counts_tickets_by_local_weekday_and_hour() -> None:
    busy = BusyHours(SHANGHAI)
    # 01:15 UTC on Monday is 09:15 in the hall; two Mondays, three tickets at 9, one at 14.
    busy.add(issued(datetime(2026, 11, 23, 1, 15, tzinfo=UTC)))
    busy.add(issued(datetime(2026, 11, 23, 1, 45, tzinfo=UTC)))
    busy.add(issued(datetime(2026, 11, 30, 1, 5, tzinfo=UTC)))
    busy.add(issued(datetime(2026, 11, 30, 6, 0, tzinfo=UTC)))
    busy.add(done("yyzz"))  # services do not count as arrivals
    heat = busy.result()
    assert heat.counts[0][9] == 3 and heat.counts[0][14] == 1 and heat.days[0] == 2
    assert heat.average(0, 9) == 1.5
    assert heat.hours() == list(range(9, 15))
    assert heat.busiest(1) == [(0, 9, 1.5)]
    assert heat.daily["2026-11-23"] == {"issued": 2, "served": 1, "no_show": 0}


def test_heatmap_of_an_empty_range_has_no_hours() -> None:
    heat = BusyHours(SHANGHAI).result()
    assert heat.hours() == [] and heat.busiest() == [] and heat.average(0, 9) == 0.0


START = datetime(2026, 11, 1, tzinfo=SHANGHAI)
END = datetime(2026, 12, 1, tzinfo=SHANGHAI)


def visit(who: str, day: int, matter: str = "ylbx", month: int = 11) -> Visit:
    return Visit(who, matter, datetime(2026, month, day, 10, tzinfo=SHANGHAI))


def test_citizen_who_never_came_back_ran_only_once() -> None:
    result = run_once([visit("p1", 3), visit("p2", 5)], start=START, end=END)
    assert (result.episodes, result.returned, result.rate_pct) == (2, 0, 100.0)


def test_coming_back_for_the_same_matter_within_30_days_is_not_only_once() -> None:
    visits = [visit("p1", 3), visit("p1", 20), visit("p2", 5), visit("p3", 7), visit("p4", 9)]
    result = run_once(visits, start=START, end=END)
    assert (result.episodes, result.returned, result.rate_pct) == (4, 1, 75.0)


def test_a_visit_more_than_30_days_later_starts_a_new_episode() -> None:
    visits = [visit("p1", 1), visit("p1", 5, month=12)]  # 34 days later
    result = run_once(visits, start=START, end=datetime(2027, 1, 1, tzinfo=SHANGHAI))
    assert (result.episodes, result.returned) == (2, 0)


def test_another_matter_is_not_a_return() -> None:
    result = run_once([visit("p1", 3), visit("p1", 4, "sybx")], start=START, end=END)
    assert (result.episodes, result.returned) == (2, 0)


def test_a_return_from_a_visit_before_the_range_is_not_a_new_episode() -> None:
    visits = [Visit("p1", "ylbx", datetime(2026, 10, 25, 10, tzinfo=SHANGHAI)), visit("p1", 2)]
    result = run_once(visits, start=START, end=END)
    assert result.episodes == 0


def test_returns_after_the_range_end_still_count() -> None:
    visits = [visit("p1", 28), visit("p1", 3, month=12)]
    result = run_once(visits, start=START, end=END, department_of={"ylbx": "rsj"})
    assert (result.episodes, result.returned) == (1, 1)
    assert result.by_department == {"rsj": (1, 1)}


def test_rate_is_provisional_until_30_days_after_the_range() -> None:
    soon = END + timedelta(days=10)
    assert run_once([visit("p1", 3)], start=START, end=END, observed_until=soon).provisional
    later = END + timedelta(days=31)
    assert not run_once([visit("p1", 3)], start=START, end=END, observed_until=later).provisional
    assert run_once([], start=START, end=END).rate_pct is None
