"""The seeded month generator: deterministic, consistent with the domain, people included."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from queue_server.config import HallConfig
from queue_server.domain.model import GREEN_CATEGORIES
from queue_server.reports.generate import GeneratedDay, MonthPlan, generate_month
from queue_server.reports.model import Period, ReportBuilder

PLAN = MonthPlan(month=date(2026, 11, 1), seed=3, tickets=30, mix="capacity")


@pytest.fixture(scope="module")
def month(mini_config: HallConfig) -> list[GeneratedDay]:
    return list(generate_month(mini_config, PLAN))


def test_the_same_seed_gives_the_same_month(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    again = list(generate_month(mini_config, PLAN))
    key = [(e.type, e.at, e.window, e.ticket, e.matter, e.data) for d in month for e in d.events]
    assert key == [
        (e.type, e.at, e.window, e.ticket, e.matter, e.data) for d in again for e in d.events
    ]
    other = list(
        generate_month(mini_config, MonthPlan(month=PLAN.month, seed=4, tickets=30, mix="capacity"))
    )
    assert [e.at for d in other for e in d.events] != [e.at for d in month for e in d.events]


def test_tickets_come_only_on_hall_days(month: list[GeneratedDay]) -> None:
    worked = [d for d in month if d.tickets]
    assert all(d.day.weekday() < 5 for d in worked)
    assert len(worked) == 21  # November 2026 has 21 weekdays
    assert [d.day for d in month] == sorted({d.day for d in month})  # each day once, in order


def test_every_ticket_is_finished_and_its_events_follow_the_state_machine(
    month: list[GeneratedDay],
) -> None:
    for day in month:
        assert [e.at for e in day.events] == sorted(e.at for e in day.events)
        per_ticket: defaultdict[str, list[str]] = defaultdict(list)
        for e in day.events:
            if e.token:
                per_ticket[e.token].append(e.type)
        for ticket in day.tickets:
            types = per_ticket[ticket.token]
            assert types[0] == "ticket.issued" and ticket.status.value in ("done", "no_show")
            assert types.count("ticket.completed") == (ticket.status.value == "done")
            assert types.count("ticket.called") == 1 + types.count("ticket.transferred")


def test_a_window_is_signed_in_before_it_calls(month: list[GeneratedDay]) -> None:
    for day in month:
        first_sign: dict[int, datetime] = {}
        for s in sorted(day.signins, key=lambda s: s.at):
            first_sign.setdefault(s.window, s.at)
        for e in day.events:
            if e.type == "ticket.called":
                assert e.window in first_sign and first_sign[e.window] < e.at


def test_outcomes_ratings_and_returning_citizens_are_all_present(
    month: list[GeneratedDay],
) -> None:
    outcomes = Counter(
        e.data["outcome"] for d in month for e in d.events if e.type == "ticket.completed"
    )
    assert {"done", "accepted", "needs_more"} <= set(outcomes)
    ratings = [r.rating for d in month for r in d.ratings]
    assert ratings and set(ratings) <= {1, 2, 3, 4, 5}
    ids = Counter(t.id_hash for d in month for t in d.tickets if t.id_hash)
    assert ids and max(ids.values()) >= 2  # somebody came back for the same matter
    issued_for = {e.token: e.matter for d in month for e in d.events if e.type == "ticket.issued"}
    real_name = {issued_for[t.token] for d in month for t in d.tickets if t.id_hash}
    assert real_name == {"ylbx"}  # the one real-name matter (a transfer may move it on)
    assert all(t.id_masked and "*" in t.id_masked for d in month for t in d.tickets if t.id_hash)


def test_green_tickets_say_whom_they_served_and_normal_ones_do_not(
    month: list[GeneratedDay],
) -> None:
    issued = [e for d in month for e in d.events if e.type == "ticket.issued"]
    green = [e for e in issued if e.data["priority"] == "green"]
    assert green, "the month has green-channel tickets"
    assert all(e.data["green_category"] in GREEN_CATEGORIES for e in green)
    assert Counter(e.data["green_category"] for e in green).most_common(1)[0][0] == "elderly"
    assert not any("green_category" in e.data for e in issued if e.data["priority"] != "green")


def test_the_department_table_of_a_generated_month_adds_up(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    builder = ReportBuilder(mini_config, Period(date(2026, 11, 1), date(2026, 11, 30)))
    for day in month:
        builder.add_all(day.events)
    table = builder.finish(now=month[-1].events[-1].at).departments
    cases = sum(
        1
        for d in month
        for e in d.events
        if e.type == "ticket.completed" and e.data["outcome"] in ("done", "accepted")
    )
    assert table.total == table.approval + table.service == cases
    assert sum(r.total for r in table.rows) == cases
