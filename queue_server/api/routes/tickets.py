"""Tickets: issue, follow, re-queue, return from suspension, rate.

`async def` endpoints that run the use case in the thread pool: one hop per request instead
of FastAPI's two for a plain `def` endpoint with a response model (see routes/windows.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response, status
from starlette.concurrency import run_in_threadpool

from queue_server.api.deps import (
    CurrentPrincipal,
    HallDep,
    TicketToken,
    error_docs,
    require,
    run_write,
)
from queue_server.domain.model import Ticket
from queue_server.hall import Hall
from queue_server.protocol import (
    CancelIn,
    EvaluationIn,
    PrinterFaultIn,
    TicketCreate,
    TicketPublic,
)
from queue_server.services import tickets as svc
from queue_server.services.tickets import Position

router = APIRouter(prefix="/tickets", tags=["tickets"])
ISSUERS = ("kiosk", "staff", "desk", "admin")
_ERR = error_docs(401, 403, 404, 409, 422, 429)


def status_url(hall: Hall, request: Request, token: str) -> str:
    base = hall.config.hall.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/t/{token}"


def public(hall: Hall, request: Request, ticket: Ticket, position: Position | None) -> TicketPublic:
    matter = hall.matter(ticket.matter)
    windows = (
        [ticket.window]
        if ticket.window
        else ([ticket.target_window] if ticket.target_window else hall.windows_of[ticket.matter])
    )
    return TicketPublic(
        number=ticket.number,
        token=ticket.token,
        matter=ticket.matter,
        matter_name=matter.name,
        matter_name_en=matter.name_en,
        zone=ticket.zone,
        priority=ticket.priority.value,
        green_category=ticket.green_category,
        status=ticket.status.value,
        windows=windows,
        window=ticket.window,
        waiting_ahead=position.waiting_ahead if position else None,
        estimated_wait_min=position.estimated_wait_min if position else None,
        issued_at=ticket.issued_at,
        called_at=ticket.called_at,
        recalls=ticket.recalls,
        outcome=ticket.outcome.value if ticket.outcome else None,
        id_masked=ticket.id_masked,
        rated=ticket.rated,
        requeued=ticket.requeued,
        status_url=status_url(hall, request, ticket.token),
    )


IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description=(
            "Optional. One key per request the caller means to make once (8–64 characters "
            "of A–Z a–z 0–9 _ -, e.g. a uuid4 hex), sent again unchanged on every retry. "
            "Scoped to the caller (device key or staff member) and the hall day: a retry "
            "with the same key and body answers 200 with the ticket already issued (same "
            "number and token, position as of now), without taking a second one or counting "
            "again against quotas and per-ID limits; the same key with another body is "
            "refused 409 `idempotency_conflict`."
        ),
    ),
]
_ISSUE_DOCS: dict[int | str, dict[str, Any]] = {
    **_ERR,
    200: {
        "model": TicketPublic,
        "description": "A retry: the ticket this caller already took today with the same "
        "Idempotency-Key (the response carries `Idempotent-Replayed: true`).",
    },
}


@router.post("", status_code=status.HTTP_201_CREATED, responses=_ISSUE_DOCS)
async def issue(
    body: TicketCreate,
    hall: HallDep,
    who: CurrentPrincipal,
    request: Request,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> TicketPublic:
    """Take a numbered ticket for a matter (kiosk, desk or staff); 201 with the new ticket,
    or 200 with the one already taken when the request is a retry (`Idempotency-Key`)."""
    require(who, *ISSUERS)
    issued = await run_write(
        hall,
        svc.take_ticket,
        hall,
        matter=body.matter,
        channel=svc.channel_for(
            who.role, body.channel if "channel" in body.model_fields_set else None
        ),
        priority=body.priority,
        actor=who.actor,
        id_number=body.id_number,
        phone=body.phone,
        appointment_code=body.appointment_code,
        request_key=idempotency_key,
        green_category=body.green_category,
    )
    if issued.replayed:
        response.status_code = status.HTTP_200_OK
        response.headers["Idempotent-Replayed"] = "true"
    return public(hall, request, issued.ticket, issued.position)


@router.get("/{token}", responses=_ERR)
async def follow(token: TicketToken, hall: HallDep, request: Request) -> TicketPublic:
    """A ticket's status, people ahead and estimated wait (anyone with the token)."""
    ticket, position = await run_in_threadpool(svc.ticket_status, hall, token)
    return public(hall, request, ticket, position)


@router.post("/{token}/requeue", responses=_ERR)
async def requeue(
    token: TicketToken, hall: HallDep, who: CurrentPrincipal, request: Request
) -> TicketPublic:
    """Put a missed (no-show) ticket back in line once, scanned at the kiosk."""
    require(who, *ISSUERS)
    ticket, position = await run_write(hall, svc.requeue, hall, token, actor=who.actor)
    return public(hall, request, ticket, position)


@router.post("/{token}/return", responses=_ERR)
async def return_(
    token: TicketToken, hall: HallDep, who: CurrentPrincipal, request: Request
) -> TicketPublic:
    """A suspended ticket's citizen is back with the material: front of the line."""
    require(who, *ISSUERS)
    ticket, position = await run_write(
        hall, svc.return_from_suspension, hall, token, actor=who.actor
    )
    return public(hall, request, ticket, position)


@router.post("/{token}/evaluation", status_code=status.HTTP_201_CREATED, responses=_ERR)
async def evaluate(
    token: TicketToken, body: EvaluationIn, hall: HallDep, request: Request
) -> TicketPublic:
    """好差评: rate a finished service once, 1 (非常不满意) … 5 (非常满意)."""
    ticket = await run_write(
        hall,
        svc.evaluate,
        hall,
        token,
        rating=body.rating,
        reasons=body.reasons,
        comment=body.comment,
    )
    return public(hall, request, ticket, None)


@router.post("/{token}/cancel", responses=_ERR)
async def cancel(
    token: TicketToken, body: CancelIn, hall: HallDep, who: CurrentPrincipal, request: Request
) -> TicketPublic:
    """作废: the guide desk (or an admin) voids a waiting or suspended ticket, with a reason;
    it no longer counts against quotas and per-ID limits. 409 once called or finished."""
    require(who, "desk", "admin")
    ticket = await run_write(hall, svc.cancel, hall, token, actor=who.actor, reason=body.reason)
    return public(hall, request, ticket, None)


devices = APIRouter(prefix="/devices", tags=["devices"])


@devices.post("/printer-fault", status_code=status.HTTP_204_NO_CONTENT, responses=_ERR)
def printer_fault(body: PrinterFaultIn, hall: HallDep, who: CurrentPrincipal) -> None:
    """A kiosk or counter reports its printer down (paper out, offline…) for the hall staff."""
    require(who, "kiosk", "counter", "staff", "desk", "admin")
    svc.report_printer_fault(
        hall,
        actor=who.actor,
        printer=body.printer,
        reason=body.reason,
        message=body.message,
        ticket=body.ticket,
    )
