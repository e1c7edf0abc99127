"""The guide desk (导办台): real-name look-up of a citizen's tickets of the day."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from queue_server.api.deps import CurrentPrincipal, HallDep, error_docs, require
from queue_server.api.routes.appointments import out as appointment_out
from queue_server.protocol import DeskLookupIn, DeskLookupOut, DeskTicketOut
from queue_server.services import desk as svc

router = APIRouter(prefix="/desk", tags=["desk"])


@router.post("/lookup", responses=error_docs(401, 403, 422))
def lookup(body: DeskLookupIn, hall: HallDep, who: CurrentPrincipal) -> DeskLookupOut:
    """The person's tickets of today (found by the ID's keyed hash) and coming bookings."""
    require(who, "desk", "admin")
    found = svc.lookup(hall, id_number=body.id_number, actor=who.actor)
    tickets = []
    for t in found.tickets:
        matter = hall.config.matter(t.matter)
        tickets.append(
            DeskTicketOut.model_validate(
                {**asdict(t), "matter_name": matter.name if matter else ""}
            )
        )
    return DeskLookupOut(
        id_masked=found.id_masked,
        day=found.day,
        tickets=tickets,
        appointments=[appointment_out(hall, b) for b in found.appointments],
    )
