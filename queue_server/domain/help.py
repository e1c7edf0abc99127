"""Calls for help (呼叫导服): a citizen at a kiosk calls the guide staff, who answer.

A call lives in the event log only: `help.requested` by the device (`data`: the kiosk
screen and language), `help.answered` by a staff member (`data.request`: the request's seq).
A request is open until it is answered; the service layer decides how far back it looks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from queue_server.domain import errors
from queue_server.domain.events import Event

REQUESTED = "help.requested"
ANSWERED = "help.answered"


def requested(
    *, at: datetime, actor: str, zone: str | None, screen: str | None, lang: str | None
) -> Event:
    """The event of a new call for help from `actor` (a device)."""
    data = {k: v for k, v in (("screen", screen), ("lang", lang)) if v}
    return Event(type=REQUESTED, at=at, actor=actor, zone=zone or None, data=data)


def answered_request(event: Event) -> int | None:
    """The seq of the request an answer refers to."""
    value = event.data.get("request")
    return value if isinstance(value, int) else None


def open_requests(events: Iterable[Event]) -> list[Event]:
    """The requests among `events` that no answer among them refers to, oldest first."""
    events = list(events)
    done = {answered_request(e) for e in events if e.type == ANSWERED}
    return sorted(
        (e for e in events if e.type == REQUESTED and e.seq not in done),
        key=lambda e: e.seq or 0,
    )


def open_request_of(actor: str, events: Iterable[Event]) -> Event | None:
    """The oldest open request of `actor`: a second tap joins it instead of calling again."""
    return next((e for e in open_requests(events) if e.actor == actor), None)


def answer(request: Event | None, answers: Iterable[Event], *, at: datetime, actor: str) -> Event:
    """The event answering `request`; refused when it is no request or already answered."""
    if request is None or request.type != REQUESTED or request.seq is None:
        raise errors.UnknownHelpCall()
    if any(answered_request(e) == request.seq for e in answers):
        raise errors.HelpCallAnswered()
    return Event(
        type=ANSWERED, at=at, actor=actor, zone=request.zone, data={"request": request.seq}
    )
