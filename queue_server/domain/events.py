"""Domain events: what happened, recorded by the model and appended to the event log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TYPES = frozenset(
    {
        "ticket.issued",
        "ticket.called",
        "ticket.recalled",
        "ticket.serving",
        "ticket.no_show",
        "ticket.transferred",
        "ticket.suspended",
        "ticket.returned",
        "ticket.requeued",
        "ticket.cancelled",
        "ticket.completed",
        "ticket.evaluated",
        "window.opened",
        "window.closed",
        "window.paused",
        "window.resumed",
        "staff.signed_in",
        "printer.fault",
        # hall operations (services.appointments, services.followups)
        "appointment.booked",
        "appointment.cancelled",
        "followup.opened",
        "followup.contacted",
        "followup.closed",
        # a citizen at a kiosk calls the guide staff (domain.help, services.help)
        "help.requested",
        "help.answered",
        "help.reopened",
    }
)


@dataclass(frozen=True)
class Event:
    """One entry of the hall's event log; `seq` is assigned when it is stored."""

    type: str
    at: datetime
    actor: str
    window: int | None = None
    ticket: str | None = None
    token: str | None = None
    matter: str | None = None
    zone: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown event type {self.type!r}")
