"""A generated month's bookings, as `hallq report` and `hallq audit` read them from the database."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from queue_server.adapters import tables as t
from queue_server.adapters.repository import from_db
from queue_server.adapters.uow import SqlUnitOfWork
from queue_server.cli import main
from queue_server.config import load_hall
from queue_server.ops.audit import audit
from queue_server.reports.model import Period, Report, hall_schedule
from queue_server.reports.source import open_database, read_report

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
AFTER = datetime(2027, 1, 1, tzinfo=UTC)  # the month is over
# The generator's assumed rates (docs/REPORTS.md, "The generated month") and their ranges.
SHOW_UP_PCT = (85.0, 92.0)
CANCELLED_SHARE = (0.03, 0.08)  # of bookings made
LATE_SHARE = (0.02, 0.08)  # of check-ins


@pytest.fixture(scope="module")
def month_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("month") / "oct.sqlite3"
    args = ["report", "generate-month", "--month", "2026-10", "--seed", "1", "--db", str(path)]
    assert main([*args, "--tickets", "60"]) == 0
    return path


@pytest.fixture(scope="module")
def stored(month_db: Path) -> tuple[Report, list[dict[str, Any]], set[str]]:
    """The month's report, its bookings joined with their tickets, and its appointment tickets."""
    engine = open_database(f"sqlite:///{month_db}")
    a, tk = t.appointments, t.tickets
    with SqlUnitOfWork(engine, write=False) as uow:
        report = read_report(uow, load_hall(), OCTOBER, now=AFTER)
        query = select(
            a.c.code,
            a.c.day,
            a.c.status,
            a.c.slot_start,
            a.c.created_at,
            a.c.ticket_token,
            tk.c.day.label("ticket_day"),
            tk.c.appointment_at,
        ).outerjoin(tk, tk.c.token == a.c.ticket_token)
        rows = [dict(r._mapping) for r in uow.conn.execute(query)]
        booked_in = uow.conn.execute(select(tk.c.token).where(tk.c.appointment_at.is_not(None)))
        appointment_tickets = {str(tok) for (tok,) in booked_in}
    engine.dispose()
    return report, rows, appointment_tickets


def test_the_report_of_a_generated_month_has_bookings_that_add_up(
    stored: tuple[Report, list[dict[str, Any]], set[str]],
) -> None:
    report, rows, _ = stored
    b = report.bookings
    total = b.total
    assert total.booked == len(rows) > 0
    assert total.booked == total.checked_in + total.no_show + total.cancelled + total.pending
    assert min(total.checked_in, total.late, total.no_show, total.cancelled) > 0
    assert total.pending == 0
    assert sum(r.counts.booked for r in b.by_day) == total.booked
    assert sum(r.counts.booked for r in b.by_department) == total.booked
    assert sum(r.counts.booked for r in b.by_matter) == total.booked
    assert b.no_show_people > 0 and b.repeat_no_show_people > 0


def test_checked_in_bookings_are_the_appointment_tickets_one_to_one(
    stored: tuple[Report, list[dict[str, Any]], set[str]],
) -> None:
    report, rows, appointment_tickets = stored
    checked = [r for r in rows if r["status"] == "checked_in"]
    tokens = [r["ticket_token"] for r in checked]
    assert len(set(tokens)) == len(tokens) == report.bookings.total.checked_in
    on_time = [r for r in checked if r["appointment_at"] is not None]
    assert {r["ticket_token"] for r in on_time} == appointment_tickets
    assert all(from_db(r["appointment_at"]) == from_db(r["slot_start"]) for r in on_time)
    assert all(r["ticket_day"] == r["day"] for r in checked)
    late = [r for r in checked if r["appointment_at"] is None]
    assert len(late) == report.bookings.total.late
    # 绿色通道与预约 counts the tickets issued by appointment: the on-time check-ins
    assert report.total["appointment"] == len(on_time) == len(appointment_tickets)
    assert not any(r["ticket_token"] for r in rows if r["status"] != "checked_in")


def test_the_generated_rates_are_within_the_documented_ranges(
    stored: tuple[Report, list[dict[str, Any]], set[str]],
) -> None:
    total = stored[0].bookings.total
    assert total.show_up_pct is not None
    assert SHOW_UP_PCT[0] <= total.show_up_pct <= SHOW_UP_PCT[1]
    assert CANCELLED_SHARE[0] <= total.cancelled / total.booked <= CANCELLED_SHARE[1]
    assert LATE_SHARE[0] <= total.late / total.checked_in <= LATE_SHARE[1]


def test_no_shows_are_stored_as_the_server_stores_them(
    stored: tuple[Report, list[dict[str, Any]], set[str]],
) -> None:
    """Swept to `no_show` by the bookings made on a later day; those of the last days
    nobody booked after stay `booked` (the report counts both as no-shows)."""
    _, rows, _ = stored
    schedule = hall_schedule(load_hall())
    made = [from_db(r["created_at"]) for r in rows]
    last_made = max(schedule.hall_day(at) for at in made if at is not None)
    status = Counter((r["status"], r["day"] < last_made) for r in rows)
    assert status["no_show", True] > 0 and status["booked", True] == 0
    assert status["no_show", False] == 0


def test_the_bookings_add_nothing_to_the_audit(month_db: Path) -> None:
    """`hallq audit` reads the booking events in the log without a finding: no gap in seq,
    no actor it does not know, none on a closed day that has only bookings made on it."""
    url = f"sqlite:///{month_db}"
    engine = open_database(url)
    with engine.connect() as conn:
        booking_seqs = {
            int(seq)
            for (seq,) in conn.execute(
                select(t.events.c.seq).where(t.events.c.type.like("appointment.%"))
            )
        }
    engine.dispose()
    assert booking_seqs
    for day in (date(2026, 10, 7), date(2026, 10, 8)):  # 国庆 (bookings only), a hall day
        report = audit(url, load_hall(), day)
        assert report.events > 0
        assert not [f for f in report.findings if f.seq in booking_seqs or "seq" in f.problem]


def test_a_generated_month_audits_clean(month_db: Path) -> None:
    """Every day of a generated month passes `hallq audit`: the phone page's tickets carry
    the citizen as actor, and a window whose clerk left without signing out closes at the
    end of service, not at the afternoon sign-in."""
    url = f"sqlite:///{month_db}"
    for day in (date(2026, 10, 7), date(2026, 10, 8), date(2026, 10, 20), date(2026, 10, 31)):
        report = audit(url, load_hall(), day)
        assert report.clean, (day, report.findings[:5])
