"""好差评 follow-ups of bad ratings: list, record a contact, close with a note — by an admin
(every department's) or by a department's lead (首席代表, their own department's only); and
the leads' page `/followups`.

Contact and close are `async def` and hand their use case to `run_write`, as the window
actions do: on SQLite they run on the hall's writer thread (group commit), never on the event
loop and never beside it for the database lock. A list opens the follow-ups of new bad
ratings first; that write goes to the writer too (`services.followups.ensure_synced`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from queue_server.api.deps import (
    CurrentPrincipal,
    FollowupDepartment,
    HallDep,
    error_docs,
    run_write,
)
from queue_server.api.pages import PAGE_HEADERS, serve_page
from queue_server.hall import Hall
from queue_server.protocol import RATING_LABELS, FollowupCloseIn, FollowupContactIn, FollowupOut
from queue_server.services import followups as svc

router = APIRouter(prefix="/followups", tags=["followups"])
page = APIRouter(tags=["pages"], include_in_schema=False)
_ERR = error_docs(401, 403, 404, 409, 422)
FollowupId = Annotated[int, Path(ge=1, le=2**62)]


def out(hall: Hall, f: svc.Followup) -> FollowupOut:
    matter = hall.config.matter(f.matter)
    dept = hall.config.department(f.department)
    zh, en = RATING_LABELS.get(f.rating, ("", ""))
    return FollowupOut.model_validate(
        {
            **asdict(f),
            "matter_name": matter.name if matter else "",
            "matter_name_en": matter.name_en if matter else "",
            "department_name": dept.name if dept else "",
            "department_name_en": dept.name_en if dept else "",
            "rating_label": zh,
            "rating_label_en": en,
        }
    )


@router.get("", responses=_ERR)
def list_(
    hall: HallDep,
    department: FollowupDepartment,
    status: Literal["open", "overdue", "closed"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[FollowupOut]:
    """Follow-ups, newest first: `open` (not yet closed), `overdue`, `closed`, or all. An
    admin gets every department's, a lead (首席代表) their own department's."""
    found = svc.list_followups(hall, status=status, department=department, limit=limit)
    return [out(hall, f) for f in found]


@router.post("/{followup_id}/contact", responses=_ERR)
async def contact(
    followup_id: FollowupId,
    body: FollowupContactIn,
    hall: HallDep,
    who: CurrentPrincipal,
    department: FollowupDepartment,
) -> FollowupOut:
    """Record a contact with the citizen; a note is required. 404 `unknown_followup` for
    a follow-up of another department than a lead's own."""
    found = await run_write(
        hall,
        svc.contact,
        hall,
        followup_id,
        note=body.note,
        actor=who.actor,
        department=department,
    )
    return out(hall, found)


@router.post("/{followup_id}/close", responses=_ERR)
async def close(
    followup_id: FollowupId,
    body: FollowupCloseIn,
    hall: HallDep,
    who: CurrentPrincipal,
    department: FollowupDepartment,
) -> FollowupOut:
    """Close with a resolution (contacted | fixed | appeal) and a note; 404 as for contact."""
    found = await run_write(
        hall,
        svc.close,
        hall,
        followup_id,
        resolution=body.resolution,
        note=body.note,
        actor=who.actor,
        department=department,
    )
    return out(hall, found)


@page.get("/followups")
def followups_page(request: Request) -> Response:
    """The page of a department's lead (首席代表) for its 差评回访: sign in on the page (a
    lead, or an admin who sees every department's); token in sessionStorage."""
    return serve_page(request, "followups.html", PAGE_HEADERS)
