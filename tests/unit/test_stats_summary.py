"""The per window / department / matter summary, on hand-made event lists of the test hall."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.stats import COLUMNS, GREEN_KEYS, percentile, summarize, to_csv

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 in the hall
ZONE = {"yyzz": "A", "spjy": "A", "ylbx": "B", "sybx": "B", "dbsq": "B"}


def ev(
    kind: str,
    token: str,
    matter: str = "yyzz",
    *,
    minute: float = 0,
    window: int | None = None,
    **data: Any,
) -> Event:
    return Event(
        kind,
        START + timedelta(minutes=minute),
        "test",
        window,
        token.upper(),
        token,
        matter,
        ZONE[matter],
        data,
    )


def issued(token: str, matter: str = "yyzz") -> Event:
    return ev("ticket.issued", token, matter, channel="kiosk")


def called(token: str, wait_min: float, *, window: int = 1, matter: str = "yyzz") -> Event:
    return ev("ticket.called", token, matter, minute=wait_min, window=window, wait_s=wait_min * 60)


def completed(
    token: str,
    outcome: str = "done",
    *,
    window: int = 1,
    matter: str = "yyzz",
    first_call: bool = True,
    service_min: float = 10,
) -> Event:
    return ev(
        "ticket.completed",
        token,
        matter,
        minute=60,
        window=window,
        outcome=outcome,
        first_call=first_call,
        service_s=service_min * 60,
        missing_materials=[],
    )


def rated(token: str, rating: int, *, window: int = 1, matter: str = "yyzz") -> Event:
    return ev("ticket.evaluated", token, matter, minute=61, window=window, rating=rating)


def row(summary: dict[str, Any], level: str, key: str) -> dict[str, Any]:
    return next(r for r in summary[f"by_{level}"] if r["key"] == key)


def test_percentile_is_the_nearest_rank_of_the_sorted_values() -> None:
    assert percentile([4, 1, 3, 2], 50) == 3
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([7.25], 90) == 7.2  # one value is every percentile (rounded to 0.1)
    assert percentile([], 50) is None


def test_waits_are_counted_once_per_ticket_from_its_first_call(mini_config: HallConfig) -> None:
    events = [issued(f"t{i}") for i in range(5)]
    events += [called(f"t{i}", w) for i, w in enumerate([2, 10, 20, 40, 50])]
    events.append(called("t0", 90))  # called again after a transfer: not a second wait
    total = summarize(events, mini_config)["total"]
    assert (total["called"], total["wait_p50_min"], total["wait_p90_min"]) == (5, 20, 50)
    assert total["wait_max_min"] == 50
    assert total["within_target_pct"] == 60.0  # 2, 10, 20 of 5 within 30 minutes


def test_a_wait_exactly_at_the_target_counts_as_within_it(mini_config: HallConfig) -> None:
    events = [issued("a"), issued("b"), called("a", 30), called("b", 30.5)]
    assert summarize(events, mini_config)["total"]["within_target_pct"] == 50.0


def test_served_no_show_and_transfers_land_on_window_department_and_matter(
    mini_config: HallConfig,
) -> None:
    events = [
        issued("a"),
        issued("b"),
        issued("c", "ylbx"),
        called("a", 1),
        completed("a"),
        called("b", 2),
        ev("ticket.no_show", "b", minute=5, window=1),
        called("c", 3, window=3, matter="ylbx"),
        # as the model writes it: `matter` is where the ticket went, `from_matter` its source
        ev("ticket.transferred", "c", "sybx", minute=6, window=3, from_matter="ylbx"),
        called("c", 7, window=4, matter="sybx"),
        completed("c", window=4, matter="sybx"),
    ]
    s = summarize(events, mini_config)
    w1 = row(s, "window", "1")
    assert (w1["called"], w1["served"], w1["no_show"], w1["no_show_pct"]) == (2, 1, 1, 50.0)
    assert row(s, "window", "3")["transferred"] == 1 and row(s, "window", "4")["served"] == 1
    assert row(s, "department", "scj")["issued"] == 2
    assert row(s, "department", "rsj")["served"] == 1
    assert row(s, "matter", "sybx")["served"] == 1 and row(s, "matter", "ylbx")["issued"] == 1
    assert row(s, "matter", "ylbx")["transferred"] == 1  # 转出: the matter it left
    assert row(s, "matter", "sybx")["transferred"] == 0
    assert w1["issued"] == 0  # a ticket is issued to a matter, not to a window


def test_voided_tickets_are_counted_as_cancelled_beside_issued(mini_config: HallConfig) -> None:
    events = [issued("a"), issued("b", "ylbx"), ev("ticket.cancelled", "b", "ylbx", reason="x")]
    s = summarize(events, mini_config)
    assert (s["total"]["issued"], s["total"]["cancelled"]) == (2, 1)
    assert row(s, "matter", "ylbx")["cancelled"] == 1 and row(s, "matter", "yyzz")["cancelled"] == 0
    assert row(s, "department", "rsj")["cancelled"] == 1


def test_ratings_give_the_five_level_distribution_and_satisfaction(
    mini_config: HallConfig,
) -> None:
    ratings = [5, 5, 5, 4, 4, 3, 2, 1, 5, 4]
    events = [rated(f"t{i}", r) for i, r in enumerate(ratings)]
    total = summarize(events, mini_config)["total"]
    dist = [total[f"rating_{r}"] for r in (5, 4, 3, 2, 1)]
    assert dist == [4, 3, 1, 1, 1] and total["ratings"] == 10
    assert total["satisfaction_pct"] == 70.0  # 非常满意 + 满意
    assert total["good_pct"] == 80.0  # everything but 不满意 and 非常不满意
    assert total["rating_avg"] == 3.8


def test_ratings_outside_the_scale_are_ignored(mini_config: HallConfig) -> None:
    events = [rated("a", 0), rated("b", 6), rated("c", 5)]
    assert summarize(events, mini_config)["total"]["ratings"] == 1


def test_onsite_rate_counts_immediate_matters_done_at_the_first_call(
    mini_config: HallConfig,
) -> None:
    events = [
        completed("a"),  # immediate, done at first call: on site
        completed("b", first_call=False),  # done after a transfer
        completed("c", "needs_more"),  # 补正: not finished on site
        completed("d", "consulted"),  # a consultation is not a case: left out
        completed("e", "accepted", matter="spjy"),  # promised matter: left out
    ]
    s = summarize(events, mini_config)
    assert s["total"]["onsite_pct"] == round(100 / 3, 1)
    assert row(s, "matter", "spjy")["onsite_pct"] is None


def test_cases_are_completions_done_or_accepted(mini_config: HallConfig) -> None:
    outcomes = ["done", "accepted", "needs_more", "rejected", "consulted", "done"]
    events = [completed(f"t{i}", o) for i, o in enumerate(outcomes)]
    total = summarize(events, mini_config)["total"]
    assert total["served"] == 6 and total["cases"] == 3
    assert (total["needs_more"], total["rejected"], total["consulted"]) == (1, 1, 1)


def test_departments_and_matters_follow_the_configuration_order(
    mini_config: HallConfig,
) -> None:
    events = [issued("a", "dbsq"), issued("b", "ylbx"), issued("c", "yyzz")]
    s = summarize(events, mini_config)
    assert [r["key"] for r in s["by_department"]] == ["scj", "rsj", "mzj"]
    assert [r["key"] for r in s["by_matter"]] == ["yyzz", "ylbx", "dbsq"]


def test_empty_log_gives_zero_counts_and_no_figures(mini_config: HallConfig) -> None:
    total = summarize([], mini_config)["total"]
    assert total["issued"] == 0 and total["wait_p50_min"] is None
    assert total["satisfaction_pct"] is None and total["onsite_pct"] is None


def test_csv_keeps_the_old_columns_first_and_has_a_total_line(mini_config: HallConfig) -> None:
    text = to_csv(summarize([issued("a"), called("a", 5), completed("a")], mini_config))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:15] == list(COLUMNS[:15]) and list(rows[0]) == list(COLUMNS)
    assert rows[-1]["level"] == "total" and rows[-1]["served"] == "1"


def issued_as(
    token: str, matter: str = "yyzz", *, green: str | None = None, appointment: bool = False
) -> Event:
    """A ticket issued as the issue service writes it; `green` is the category, "" for a
    green ticket without one (an older event: no `green_category` at all)."""
    data: dict[str, Any] = {
        "channel": "kiosk",
        "priority": "normal" if green is None else "green",
        "appointment": appointment,
    }
    if green:
        data["green_category"] = green
    return ev("ticket.issued", token, matter, **data)


def test_green_tickets_are_counted_per_category_and_appointments_beside_them(
    mini_config: HallConfig,
) -> None:
    events = [
        issued_as("a", green="elderly"),
        issued_as("b", green="elderly", appointment=True),  # both: counted in each
        issued_as("c", "ylbx", green="military"),
        issued_as("d", "ylbx", green=""),  # no category: 未注明
        issued_as("e", "dbsq", appointment=True),
        issued_as("f", "dbsq"),
        ev("ticket.called", "a", window=1, wait_s=60),  # only issuing counts
    ]
    s = summarize(events, mini_config)
    total = s["total"]
    assert (total["issued"], total["green"], total["appointment"]) == (6, 4, 2)
    by_category = [total[f"green_{c}"] for c in GREEN_KEYS]
    assert by_category == [2, 0, 0, 1, 0, 1]  # elderly … other, unspecified
    assert (row(s, "matter", "yyzz")["green"], row(s, "matter", "yyzz")["appointment"]) == (2, 1)
    assert row(s, "matter", "ylbx")["green_unspecified"] == 1
    rsj = row(s, "department", "rsj")
    assert (rsj["green"], rsj["green_military"], rsj["appointment"]) == (2, 1, 0)
    assert row(s, "department", "mzj")["appointment"] == 1
    assert row(s, "window", "1")["green"] == 0  # issued to a matter, not a window


def test_a_category_on_a_normal_ticket_is_ignored_and_an_unknown_one_counts_as_other(
    mini_config: HallConfig,
) -> None:
    normal = ev("ticket.issued", "a", priority="normal", green_category="elderly")
    unknown = ev("ticket.issued", "b", priority="green", green_category="student")
    total = summarize([normal, unknown], mini_config)["total"]
    assert (total["green"], total["green_elderly"], total["green_other"]) == (1, 0, 1)
    assert total["green_unspecified"] == 0


def test_csv_has_the_green_and_appointment_columns_per_row(mini_config: HallConfig) -> None:
    events = [issued_as("a", green="pregnant"), issued_as("b", "ylbx", appointment=True)]
    rows = list(csv.DictReader(io.StringIO(to_csv(summarize(events, mini_config)))))
    got = {
        (r["level"], r["key"]): (r["green"], r["green_pregnant"], r["appointment"]) for r in rows
    }
    assert got[("total", "")] == ("1", "1", "1")
    assert got[("matter", "yyzz")] == ("1", "1", "0")
    assert got[("department", "rsj")] == ("0", "0", "1")
