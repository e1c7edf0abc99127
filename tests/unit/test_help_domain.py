"""Calls for help in the pure domain: which requests are open, and who may be answered."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from queue_server.domain import errors
from queue_server.domain import help as domain
from queue_server.domain.events import Event

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def request(seq: int, actor: str = "device:kiosk1", zone: str | None = "A") -> Event:
    made = domain.requested(
        at=T0 + timedelta(seconds=seq), actor=actor, zone=zone, screen="home", lang=None
    )
    return replace(made, seq=seq)


def test_a_request_records_screen_and_language_only_when_given() -> None:
    ev = domain.requested(at=T0, actor="device:kiosk1", zone="", screen="guide", lang=None)
    assert (ev.type, ev.zone, ev.data) == ("help.requested", None, {"screen": "guide"})


def test_answered_requests_are_no_longer_open_and_the_rest_stay_oldest_first() -> None:
    first, second, third = request(3), request(1, "device:kiosk2"), request(7, "device:kiosk3")
    answer = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=9)
    assert answer.data == {"request": 3} and answer.zone == "A"
    assert domain.open_requests([first, third, answer, second]) == [second, third]
    assert domain.open_request_of("device:kiosk1", [first, answer]) is None
    assert domain.open_request_of("device:kiosk3", [first, third, answer]) == third


def test_only_an_unanswered_request_can_be_answered() -> None:
    first = request(3)
    with pytest.raises(errors.UnknownHelpCall):
        domain.answer(None, [], at=T0, actor="staff:desk1")
    printer = Event(type="printer.fault", at=T0, actor="device:kiosk1", seq=4)
    with pytest.raises(errors.UnknownHelpCall):
        domain.answer(printer, [], at=T0, actor="staff:desk1")
    done = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=5)
    with pytest.raises(errors.HelpCallAnswered):
        domain.answer(first, [done], at=T0, actor="staff:admin")


def test_a_reopened_request_is_open_again_until_answered_anew() -> None:
    first, second = request(3), request(5, "device:kiosk2")
    answered = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=6)
    reopened = replace(domain.reopen(first, [answered], at=T0, actor="staff:desk1"), seq=8)
    assert (reopened.type, reopened.data, reopened.zone) == ("help.reopened", {"request": 3}, "A")
    assert domain.open_requests([second, reopened, first, answered]) == [first, second]
    assert domain.open_request_of("device:kiosk1", [first, answered, reopened]) == first
    again = replace(domain.answer(first, [reopened, answered], at=T0, actor="staff:admin"), seq=9)
    assert domain.open_requests([first, second, answered, reopened, again]) == [second]


def test_only_an_answered_request_can_be_reopened() -> None:
    first = request(3)
    with pytest.raises(errors.UnknownHelpCall):
        domain.reopen(None, [], at=T0, actor="staff:desk1")
    with pytest.raises(errors.HelpCallOpen):
        domain.reopen(first, [], at=T0, actor="staff:desk1")
    answered = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=4)
    reopened = replace(domain.reopen(first, [answered], at=T0, actor="staff:desk1"), seq=5)
    with pytest.raises(errors.HelpCallOpen):
        domain.reopen(first, [reopened, answered], at=T0, actor="staff:admin")
    other = replace(domain.answer(request(7), [], at=T0, actor="staff:desk1"), seq=8)
    with pytest.raises(errors.HelpCallOpen):  # another call's answer is not this one's
        domain.reopen(first, [answered, reopened, other], at=T0, actor="staff:desk1")


def test_a_reopened_request_is_open_for_the_window_counted_from_its_reopening() -> None:
    """`since`: the start of the supervision window. A request made before it is open again
    when staff reopen it after it; one reopened before it (and left) has dropped off."""
    old = replace(request(1), at=T0)
    answered = replace(domain.answer(old, [], at=T0 + timedelta(minutes=119), actor="s"), seq=2)
    reopened = replace(
        domain.reopen(old, [answered], at=T0 + timedelta(minutes=121), actor="s"), seq=3
    )
    events = [old, answered, reopened]
    assert domain.open_requests(events, since=T0 + timedelta(minutes=1)) == [old]
    assert domain.open_requests(events, since=T0 + timedelta(minutes=121)) == [old]
    assert domain.open_requests(events, since=T0 + timedelta(minutes=122)) == []
    assert domain.open_requests([old], since=T0 + timedelta(minutes=1)) == []  # never reopened
    assert domain.open_request_of("device:kiosk1", events, since=T0 + timedelta(minutes=2)) == old
    again = replace(domain.answer(old, [reopened], at=T0, actor="s"), seq=4)
    assert domain.open_requests([*events, again], since=T0 + timedelta(minutes=2)) == []


def test_the_requests_reopened_but_not_among_the_events_are_named_to_be_read() -> None:
    """The window's events name the old requests reopened in it, which the caller reads."""
    old, other, recent = request(1), request(2, "device:kiosk2"), request(9, "device:kiosk3")
    answered = replace(domain.answer(old, [], at=T0, actor="s"), seq=5)
    reopened = replace(domain.reopen(old, [answered], at=T0, actor="s"), seq=6)
    other_answered = replace(domain.answer(other, [], at=T0, actor="s"), seq=7)
    other_reopened = replace(domain.reopen(other, [other_answered], at=T0, actor="s"), seq=8)
    other_again = replace(domain.answer(other, [other_reopened], at=T0, actor="s"), seq=10)
    window = [answered, reopened, other_answered, other_reopened, recent, other_again]
    assert domain.reopened_elsewhere(window) == [1]  # `other` is answered again: not open
    assert domain.reopened_elsewhere([old, *window]) == []  # read already


def test_an_answer_is_taken_back_only_within_the_undo_window() -> None:
    first = request(3)
    answered = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=4)
    late = T0 + timedelta(seconds=61)
    with pytest.raises(errors.HelpUndoExpired) as refused:
        domain.reopen(first, [answered], at=late, actor="staff:desk1", undo_s=60)
    assert "60" in refused.value.message and "60 秒" in refused.value.message_zh
    in_time = T0 + timedelta(seconds=60)
    taken_back = domain.reopen(first, [answered], at=in_time, actor="s", undo_s=60)
    assert taken_back.type == "help.reopened"


def test_an_answer_is_not_taken_back_once_its_kiosk_has_a_newer_open_call() -> None:
    first, newer = request(3), request(5)
    answered = replace(domain.answer(first, [], at=T0, actor="staff:desk1"), seq=4)
    mine = domain.open_request_of("device:kiosk1", [first, answered, newer])
    assert mine == newer
    with pytest.raises(errors.HelpCallSuperseded):
        domain.reopen(first, [answered], at=T0, actor="staff:desk1", open_of_device=mine)
    assert domain.reopen(first, [answered], at=T0, actor="s", open_of_device=None).data == {
        "request": 3
    }
