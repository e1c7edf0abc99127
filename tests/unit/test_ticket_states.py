"""Ticket and window state machines, and the events they record."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from queue_server.domain import errors
from queue_server.domain.model import Outcome, Rank, Status, Ticket, WindowState, WindowStatus

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def fresh() -> Ticket:
    return Ticket(
        day=date(2026, 11, 23), number="A001", token="t", matter="m", zone="A", issued_at=T0
    )


def test_call_then_complete_records_wait_service_time_and_outcome() -> None:
    t = fresh()
    t.call(5, T0 + timedelta(minutes=12), actor="staff:x")
    t.complete(Outcome.ACCEPTED, T0 + timedelta(minutes=20), actor="staff:x", missing=[], note="")
    kinds = [e.type for e in t.events]
    assert kinds == ["ticket.called", "ticket.serving", "ticket.completed"]
    assert t.events[0].data["wait_s"] == 12 * 60
    assert t.events[-1].data["service_s"] == 8 * 60
    assert t.status is Status.DONE and t.outcome is Outcome.ACCEPTED


def test_recall_is_counted_and_limited_then_no_show() -> None:
    t = fresh()
    t.call(5, T0, actor="s")
    t.recall(T0, actor="s", max_recalls=2)
    t.recall(T0, actor="s", max_recalls=2)
    with pytest.raises(errors.RecallLimit):
        t.recall(T0, actor="s", max_recalls=2)
    t.no_show(T0, actor="s")
    assert t.status is Status.NO_SHOW and t.recalls == 2


def test_no_show_ticket_can_be_requeued_once_only() -> None:
    t = fresh()
    t.call(5, T0, actor="s")
    t.no_show(T0, actor="s")
    t.requeue(T0, actor="kiosk", queued_at=T0)
    assert t.status is Status.WAITING
    t.call(5, T0, actor="s")
    t.no_show(T0, actor="s")
    with pytest.raises(errors.RequeueNotAllowed):
        t.requeue(T0, actor="kiosk", queued_at=T0)


def test_transfer_keeps_original_issue_time_and_returns_to_the_front() -> None:
    t = fresh()
    t.call(5, T0 + timedelta(minutes=30), actor="s")
    t.transfer(T0 + timedelta(minutes=35), actor="s", matter="n", zone="B", window=7)
    assert t.status is Status.WAITING and t.returning
    assert t.order_time == T0 and t.matter == "n" and t.target_window == 7
    assert t.rank(T0 + timedelta(minutes=36), max_wait_min=60) is Rank.RETURNING


def test_suspended_ticket_returns_waiting_at_the_front_for_the_same_window() -> None:
    t = fresh()
    t.call(5, T0, actor="s")
    t.suspend(T0, actor="s")
    assert t.status is Status.SUSPENDED
    t.resume_from_suspension(T0, actor="s")
    assert t.status is Status.WAITING and t.returning and t.target_window == 5


def test_finished_ticket_cannot_be_called_again() -> None:
    t = fresh()
    t.call(5, T0, actor="s")
    t.complete(Outcome.DONE, T0, actor="s", missing=[], note="")
    with pytest.raises(errors.InvalidTransition) as info:
        t.call(6, T0, actor="s")
    assert "已办结" in info.value.message_zh


def test_paused_or_closed_or_busy_window_cannot_call() -> None:
    w = WindowState(5)
    with pytest.raises(errors.WindowClosed):
        w.ensure_can_call()
    w.open("s", T0, role="A")
    w.pause("午休", T0, actor="s")
    with pytest.raises(errors.WindowPaused):
        w.ensure_can_call()
    w.resume(T0, actor="s")
    w.took("tok", Rank.NORMAL)
    with pytest.raises(errors.TicketInProgress):
        w.ensure_can_call()
    assert [e.type for e in w.events] == ["window.opened", "window.paused", "window.resumed"]


def test_window_counts_consecutive_priority_calls_and_resets_on_a_walk_in() -> None:
    w = WindowState(5, status=WindowStatus.OPEN)
    for rank in (Rank.GREEN, Rank.APPOINTMENT):
        w.took("x", rank)
        w.release()
    assert w.priority_streak == 2
    w.took("y", Rank.NORMAL)
    assert w.priority_streak == 0


def test_window_cannot_pause_with_a_ticket_in_hand() -> None:
    w = WindowState(5, status=WindowStatus.OPEN, current="tok")
    with pytest.raises(errors.TicketInProgress):
        w.pause("lunch", T0, actor="s")
