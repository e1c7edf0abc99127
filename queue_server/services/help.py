"""Calls for help (呼叫导服): a kiosk calls the guide staff; the desk or an admin answers.

A call is open while it is not answered and was made within the supervision window
(`[supervision] fault_window_min`, as printer faults): older ones drop off the dashboard,
and the kiosk's next tap makes a new call. A second tap while one is open gets that call
back, so repeated taps never flood the staff with duplicates. An answer given by mistake is
taken back by reopening the call (撤销): it is open again, with its first wait, for the full
window counted from the reopening, however old the call (staff said it is not seen to).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_server.adapters.operations import Operations
from queue_server.domain import errors
from queue_server.domain import help as domain
from queue_server.domain.events import Event
from queue_server.hall import Hall


@dataclass(frozen=True)
class HelpCall:
    """One call for help; `waited_s` up to now, or up to its answer."""

    seq: int
    at: datetime
    actor: str
    device: str
    zone: str | None
    screen: str | None
    lang: str | None
    waited_s: int
    answered_at: datetime | None = None
    answered_by: str | None = None

    @property
    def id(self) -> int:
        """How staff refer to the call (`POST /admin/help/{id}/answer`): its seq."""
        return self.seq

    @property
    def status(self) -> str:
        return "open" if self.answered_at is None else "answered"


@dataclass(frozen=True)
class OpenCalls:
    """The open calls as of `at`, oldest first; `seq` is the log's newest entry before them.
    `remind_s` and `overdue_s`: the hall's settings for the desk's reminder and overdue mark."""

    at: datetime
    seq: int
    calls: list[HelpCall]
    remind_s: int = 0
    overdue_s: int = 0


@dataclass(frozen=True)
class Requested:
    call: HelpCall
    created: bool  # False: the device's open call, returned again


def reminder_settings(hall: Hall) -> tuple[int, int]:
    """(`remind_s`, `overdue_s`): the hall's reminder interval for the pages that show open
    calls (0: no reminder) and the wait from which a call is marked overdue."""
    settings = hall.config.supervision
    return settings.help_remind_s, max(1, round(settings.help_overdue_min * 60))


def window_start(hall: Hall, now: datetime) -> datetime:
    """Calls made before this are no longer open."""
    return now - timedelta(minutes=hall.config.supervision.fault_window_min)


def call_of(request: Event, now: datetime, answer: Event | None = None) -> HelpCall:
    """The wire-neutral view of a request (and of its answer, if any)."""
    until = answer.at if answer is not None else now
    return HelpCall(
        seq=request.seq or 0,
        at=request.at,
        actor=request.actor,
        device=request.actor.split(":", 1)[-1],
        zone=request.zone,
        screen=request.data.get("screen"),
        lang=request.data.get("lang"),
        waited_s=max(0, int((until - request.at).total_seconds())),
        answered_at=answer.at if answer is not None else None,
        answered_by=answer.actor if answer is not None else None,
    )


def _help_events(ops: Operations, since: datetime) -> list[Event]:
    """The calls, answers and reopenings from `since` on, and the older calls reopened since
    (open again for a full window from their reopening), oldest first."""
    kinds = [domain.REQUESTED, domain.ANSWERED, domain.REOPENED]
    # All of them: a kiosk's second tap joins its open call and a new call needs an answer
    # first, so people, not machines, bound their number; a cap would hide the oldest call.
    events = ops.floor.events_among(kinds, since=since)
    return ops.floor.events_of_seqs(domain.reopened_elsewhere(events)) + events


def open_calls(ops: Operations, *, now: datetime, since: datetime) -> list[HelpCall]:
    """The open calls made or reopened from `since` on, oldest first (inside the caller's
    transaction)."""
    requests = domain.open_requests(_help_events(ops, since), since=since)
    return [call_of(e, now) for e in requests]


def list_open(hall: Hall, zone: str | None = None) -> OpenCalls:
    """The open calls now, for the guide desk's page; with `zone`, that zone's and those of
    kiosks standing in no zone (as the event stream filters). `seq` is read first, so a
    client that follows the event stream from it misses no call made or answered after this
    look. An unknown zone is refused (`unknown_zone`, as `GET /state`)."""
    if zone and hall.config.zone(zone) is None:
        raise errors.UnknownZone(
            f"There is no zone {zone!r} in this hall.", f"本大厅没有功能区“{zone}”。"
        )
    now = hall.now()
    with hall.uow(write=False) as uow:
        seq = uow.events.last_seq()
        calls = open_calls(Operations(uow.conn), now=now, since=window_start(hall, now))
    if zone:
        calls = [c for c in calls if c.zone in (zone, None)]
    remind_s, overdue_s = reminder_settings(hall)
    return OpenCalls(at=now, seq=seq, calls=calls, remind_s=remind_s, overdue_s=overdue_s)


def request_help(
    hall: Hall, *, actor: str, screen: str | None = None, lang: str | None = None
) -> Requested:
    """A device calls the guide staff; its open call is returned instead of a second one."""
    now = hall.now()
    device = hall.config.device(actor.removeprefix("device:"))  # its zone, as for faults
    with hall.uow() as uow:
        # Take the log's appenders' lock before looking (PostgreSQL), so two taps that
        # arrive together cannot both find no open call; SQLite writers queue anyway.
        uow.events.serialize()
        since = window_start(hall, now)
        events = _help_events(Operations(uow.conn), since)
        mine = domain.open_request_of(actor, events, since=since)
        if mine is not None:
            return Requested(call_of(mine, now), created=False)
        zone = device.zone if device is not None else None
        event = domain.requested(at=now, actor=actor, zone=zone, screen=screen, lang=lang)
        (stored,) = uow.events.append([event])
        uow.commit()
    hall.notify()
    return Requested(call_of(stored, now), created=True)


def _replies(ops: Operations, request: Event | None) -> list[Event]:
    """Every answer and reopening since `request`: some of them are its own."""
    if request is None or request.type != domain.REQUESTED:
        return []
    return ops.floor.events_among([domain.ANSWERED, domain.REOPENED], since=request.at)


def answer_help(hall: Hall, seq: int, *, actor: str) -> HelpCall:
    """Staff have seen to a call: it leaves the dashboard. 404 unknown, 409 answered."""
    now = hall.now()
    with hall.uow() as uow:
        uow.events.serialize()  # one answer per call, even when two staff press at once
        ops = Operations(uow.conn)
        request = ops.floor.event(seq)
        answer = domain.answer(request, _replies(ops, request), at=now, actor=actor)
        (stored,) = uow.events.append([answer])
        uow.commit()
    hall.notify()
    assert request is not None  # domain.answer refused anything else
    return call_of(request, now, stored)


def reopen_help(hall: Hall, seq: int, *, actor: str) -> HelpCall:
    """An answer taken back (撤销): the call is open again, waiting since it was made, for
    a full supervision window from now. 404 unknown, 409 `help_call_open` when not answered,
    `help_undo_expired` when answered more than `[supervision] help_undo_s` ago, and
    `help_call_superseded` when its kiosk has called again since (one open call a kiosk)."""
    now = hall.now()
    with hall.uow() as uow:
        # Against an answer, another reopening or the kiosk's new tap at the same moment.
        uow.events.serialize()
        ops = Operations(uow.conn)
        request = ops.floor.event(seq)
        since = window_start(hall, now)
        mine = None
        if request is not None and request.type == domain.REQUESTED:
            mine = domain.open_request_of(request.actor, _help_events(ops, since), since=since)
        reopened = domain.reopen(
            request,
            _replies(ops, request),
            at=now,
            actor=actor,
            undo_s=hall.config.supervision.help_undo_s,
            open_of_device=mine,
        )
        uow.events.append([reopened])
        uow.commit()
    hall.notify()
    assert request is not None  # domain.reopen refused anything else
    return call_of(request, now)
