"""The bookings of a generated month: behind every appointment ticket, and beside them."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from queue_server.config import HallConfig
from queue_server.domain.booking import BOOKED, CANCELLED, CHECKED_IN, slot_starts
from queue_server.domain.model import Ticket
from queue_server.reports.booking_plan import GeneratedBooking, capacity
from queue_server.reports.bookings import BookingRecord, booking_figures
from queue_server.reports.generate import GeneratedDay, MonthPlan, generate_month
from queue_server.reports.model import hall_schedule

PLAN = MonthPlan(month=date(2026, 11, 1), seed=3, tickets=30, mix="capacity")
AFTER = datetime(2027, 1, 1, tzinfo=UTC)  # the month is over


@pytest.fixture(scope="module")
def month(mini_config: HallConfig) -> list[GeneratedDay]:
    return list(generate_month(mini_config, PLAN))


def _bookings(month: list[GeneratedDay]) -> list[GeneratedBooking]:
    return [b for d in month for b in d.bookings]


def _tickets(month: list[GeneratedDay]) -> dict[str, Ticket]:
    return {t.token: t for d in month for t in d.tickets}


def _records(bookings: list[GeneratedBooking]) -> list[BookingRecord]:
    return [
        BookingRecord(b.matter, b.day, b.slot_start, b.status, b.late, b.person and b.person[0])
        for b in bookings
    ]


def test_every_appointment_ticket_is_the_check_in_of_one_booking_for_its_slot(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    tickets = _tickets(month)
    issued_for = {e.token: e.matter for d in month for e in d.events if e.type == "ticket.issued"}
    on_time = {b.ticket: b for b in _bookings(month) if b.ticket and not b.late}
    appointment = {tok for tok, t in tickets.items() if t.appointment_at is not None}
    assert appointment and set(on_time) == appointment  # one to one
    assert len(on_time) == sum(1 for b in _bookings(month) if b.ticket and not b.late)
    h = mini_config.hall
    for token, b in on_time.items():
        t = tickets[token]
        assert b.status == CHECKED_IN and (b.day, b.matter) == (t.day, issued_for[token])
        assert b.slot_start == t.appointment_at and t.queued_at == max(t.issued_at, b.slot_start)
        assert t.channel == "kiosk"
        early = b.slot_start - timedelta(minutes=h.appointment_early_min)
        assert early <= t.issued_at <= b.slot_start + timedelta(minutes=h.appointment_late_min)
        if t.id_hash:  # a real-name ticket checks in the booking made with the same ID
            assert b.person is not None and b.person[0] == t.id_hash


def test_late_check_ins_are_kiosk_walk_ins_issued_after_the_late_window(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    tickets = _tickets(month)
    late = [b for b in _bookings(month) if b.late]
    assert late
    for b in late:
        t = tickets[b.ticket or ""]
        assert b.status == CHECKED_IN and t.appointment_at is None and t.channel == "kiosk"
        assert t.issued_at > b.slot_start + timedelta(minutes=mini_config.hall.appointment_late_min)
        assert t.day == b.day and t.queued_at == t.issued_at


def test_bookings_take_only_slots_the_hall_offers_and_never_more_than_their_places(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    schedule = hall_schedule(mini_config)
    minutes = mini_config.appointments.slot_minutes
    places = {m.code: capacity(mini_config, m) for m in mini_config.matters}
    per_slot = Counter((b.matter, b.slot_start) for b in _bookings(month))
    for b in _bookings(month):
        assert b.slot_start in slot_starts(schedule, b.day, minutes=minutes)
    assert max(n - places[m] for (m, _), n in per_slot.items()) <= 0


def test_bookings_are_made_ahead_within_the_horizon_and_logged_on_the_day_they_are_made(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    schedule = hall_schedule(mini_config)
    horizon = timedelta(days=mini_config.appointments.horizon_days)
    bookings = _bookings(month)
    made = Counter[tuple[date, str, datetime]]()
    for b in bookings:
        assert b.created_at < b.slot_start
        assert PLAN.month <= schedule.hall_day(b.created_at) >= b.day - horizon
        made[schedule.hall_day(b.created_at), b.matter, b.slot_start] += 1
        if b.ticket:
            assert b.created_at < _tickets(month)[b.ticket].issued_at
        if b.cancelled_at:
            assert b.created_at < b.cancelled_at < b.slot_start
    logged = Counter(
        (d.day, e.matter, datetime.fromisoformat(e.data["slot"]))
        for d in month
        for e in d.events
        if e.type == "appointment.booked"
    )
    assert logged == made
    cancelled = [e for d in month for e in d.events if e.type == "appointment.cancelled"]
    assert len(cancelled) == sum(b.status == CANCELLED for b in bookings) > 0
    for d in month:  # a closed day comes only with the bookings citizens made on it
        if not schedule.spans_on(d.day):
            assert not d.tickets and not d.bookings
            assert d.events and all(e.type.startswith("appointment.") for e in d.events)


def test_the_booking_figures_add_up_with_every_outcome_present(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    bookings = _bookings(month)
    assert {b.status for b in bookings} == {CHECKED_IN, BOOKED, CANCELLED}
    total = booking_figures(_records(bookings), mini_config, now=AFTER).total
    assert total.booked == len(bookings)
    assert total.booked == total.checked_in + total.no_show + total.cancelled + total.pending
    assert total.checked_in == sum(1 for b in bookings if b.ticket)
    assert min(total.checked_in, total.late, total.no_show, total.cancelled) > 0
    assert total.pending == 0  # the month is over


def test_the_same_seed_gives_the_same_bookings(
    mini_config: HallConfig, month: list[GeneratedDay]
) -> None:
    def key(days: list[GeneratedDay]) -> list[tuple[object, ...]]:
        return [
            (b.code, b.matter, b.slot_start, b.created_at, b.status, b.person, b.late)
            for b in _bookings(days)
        ]

    again = list(generate_month(mini_config, PLAN))
    assert key(again) == key(month)
    other = MonthPlan(month=PLAN.month, seed=PLAN.seed + 1, tickets=PLAN.tickets, mix=PLAN.mix)
    assert key(list(generate_month(mini_config, other))) != key(month)


def test_a_hall_without_booking_issues_no_appointment_ticket(mini_config: HallConfig) -> None:
    rules = mini_config.appointments.model_copy(update={"enabled": False})
    config = mini_config.model_copy(update={"appointments": rules})
    month = list(generate_month(config, PLAN))
    assert month and not _bookings(month)
    assert not any(t.appointment_at for d in month for t in d.tickets)
    assert not any(e.data.get("appointment") for d in month for e in d.events)
