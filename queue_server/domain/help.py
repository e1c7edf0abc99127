"""Calls for help (呼叫导服): a citizen at a kiosk calls the guide staff, who answer.

A call lives in the event log only: `help.requested` by the device (`data`: the kiosk
screen and language), `help.answered` by a staff member (`data.request`: the request's seq),
and `help.reopened` when staff take an answer back (撤销, same `data.request`). A request is
open until answered, and again once reopened: the latest of its answers and reopenings
decides. A call is open for a while (the service's supervision window) counted from its
latest opening, its request or its latest reopening: a call staff reopen is open for the
full window again, however old its request.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from queue_server.domain import errors
from queue_server.domain.events import Event

REQUESTED = "help.requested"
ANSWERED = "help.answered"
REOPENED = "help.reopened"


def requested(
    *, at: datetime, actor: str, zone: str | None, screen: str | None, lang: str | None
) -> Event:
    """The event of a new call for help from `actor` (a device)."""
    data = {k: v for k, v in (("screen", screen), ("lang", lang)) if v}
    return Event(type=REQUESTED, at=at, actor=actor, zone=zone or None, data=data)


def answered_request(event: Event) -> int | None:
    """The seq of the request an answer (or a reopening) refers to."""
    value = event.data.get("request")
    return value if isinstance(value, int) else None


def _latest_replies(events: Iterable[Event]) -> dict[int, Event]:
    """Request seq → its latest answer or reopening among `events`."""
    latest: dict[int, Event] = {}
    for e in sorted(events, key=lambda e: e.seq or 0):
        ref = answered_request(e)
        if ref is not None and e.type in (ANSWERED, REOPENED):
            latest[ref] = e
    return latest


def _answered(events: Iterable[Event]) -> dict[int, bool]:
    """Request seq → answered now: the latest answer or reopening of each decides."""
    return {ref: e.type == ANSWERED for ref, e in _latest_replies(events).items()}


def open_requests(events: Iterable[Event], *, since: datetime | None = None) -> list[Event]:
    """The requests among `events` not answered (or reopened since), oldest first. With
    `since`, only those made or reopened from `since` on: a call reopened by staff is open
    for the full window again, counted from its reopening."""
    events = list(events)
    latest = _latest_replies(events)

    def is_open(request: Event) -> bool:
        reply = latest.get(request.seq or 0)
        if reply is not None and reply.type == ANSWERED:
            return False
        opened = max(request.at, reply.at) if reply is not None else request.at
        return since is None or opened >= since

    return sorted(
        (e for e in events if e.type == REQUESTED and is_open(e)), key=lambda e: e.seq or 0
    )


def reopened_elsewhere(events: Iterable[Event]) -> list[int]:
    """The seqs of the requests reopened (and not answered since) among `events` whose
    request is not among them: an old call staff took an answer back from, which is open
    again and has to be read as well."""
    events = list(events)
    present = {e.seq for e in events if e.type == REQUESTED}
    return sorted(
        ref
        for ref, e in _latest_replies(events).items()
        if e.type == REOPENED and ref not in present
    )


def open_request_of(
    actor: str, events: Iterable[Event], *, since: datetime | None = None
) -> Event | None:
    """The oldest open request of `actor`: a second tap joins it instead of calling again."""
    return next((e for e in open_requests(events, since=since) if e.actor == actor), None)


def _stored(request: Event | None) -> tuple[Event, int]:
    """`request` and its seq; refused when it is not a stored call for help."""
    if request is None or request.type != REQUESTED or request.seq is None:
        raise errors.UnknownHelpCall()
    return request, request.seq


def answer(request: Event | None, replies: Iterable[Event], *, at: datetime, actor: str) -> Event:
    """The event answering `request`; refused when it is no request or already answered.
    `replies`: the answers and reopenings since the request, in any order."""
    request, seq = _stored(request)
    if _answered(replies).get(seq, False):
        raise errors.HelpCallAnswered()
    return Event(type=ANSWERED, at=at, actor=actor, zone=request.zone, data={"request": seq})


def reopen(
    request: Event | None,
    replies: Iterable[Event],
    *,
    at: datetime,
    actor: str,
    undo_s: int | None = None,
    open_of_device: Event | None = None,
) -> Event:
    """The event taking back the answer of `request` (撤销, a tap by mistake): it is open
    again. Refused when it is no request, or not answered now; when its answer is more than
    `undo_s` seconds old (an undo, not a way to revive old calls); and when its kiosk has
    called again since (`open_of_device`, that kiosk's open call, is another): a kiosk has
    at most one open call, and its newer one is the one to answer."""
    request, seq = _stored(request)
    latest = _latest_replies(replies).get(seq)
    if latest is None or latest.type != ANSWERED:
        raise errors.HelpCallOpen()
    if undo_s is not None and (at - latest.at).total_seconds() > undo_s:
        raise errors.HelpUndoExpired(
            f"This call was answered more than {undo_s} s ago: the answer can no longer be"
            " taken back. If the citizen still needs help, the kiosk can call again.",
            f"该求助已处理超过 {undo_s} 秒，不能再撤销；市民如仍需帮助，可在取号机上再次呼叫。",
        )
    if open_of_device is not None and open_of_device.seq != seq:
        raise errors.HelpCallSuperseded()
    return Event(type=REOPENED, at=at, actor=actor, zone=request.zone, data={"request": seq})
