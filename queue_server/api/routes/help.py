"""Calls for help (呼叫导服): a kiosk calls the guide staff; the desk or an admin sees the
open calls and answers them, on `/admin` or on the guide desk's page `/help-desk`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, status

from queue_server.api.deps import CurrentPrincipal, HallDep, error_docs, require, run_write
from queue_server.api.pages import PAGE_HEADERS, serve_page
from queue_server.api.routes.hall import ZoneQuery
from queue_server.protocol import HelpCallOut, HelpCallsOut, HelpIn
from queue_server.services import help as svc

devices = APIRouter(prefix="/devices", tags=["help"])
handling = APIRouter(prefix="/admin/help", tags=["help"])
page = APIRouter(tags=["pages"], include_in_schema=False)
HelpId = Annotated[int, Path(ge=1, le=2**62)]
_REQUEST_DOCS: dict[int | str, dict[str, Any]] = {
    **error_docs(401, 403, 422),
    200: {
        "model": HelpCallOut,
        "description": "This kiosk's call still open (a repeated tap): no second call.",
    },
}


@devices.post("/help", status_code=status.HTTP_201_CREATED, responses=_REQUEST_DOCS)
async def request_help(
    hall: HallDep, who: CurrentPrincipal, response: Response, body: HelpIn | None = None
) -> HelpCallOut:
    """A citizen at a kiosk calls the guide staff: 201 with the new call, or 200 with the
    kiosk's call still open. It shows on `/admin` (`help_calls`, a `help_call` alert), on
    `/help-desk` and on the event stream (`help.requested`)."""
    require(who, "kiosk")
    body = body or HelpIn()
    done = await run_write(hall, svc.request_help, hall, actor=who.actor, **body.model_dump())
    if not done.created:
        response.status_code = status.HTTP_200_OK
    return HelpCallOut.model_validate(done.call)


@handling.get("", responses=error_docs(401, 403, 404, 422))
def open_help_calls(hall: HallDep, who: CurrentPrincipal, zone: ZoneQuery = None) -> HelpCallsOut:
    """The open calls for help, oldest first, with the server's clock, the `seq` to follow
    the event stream from, and the desk's reminder settings (the guide desk's page). With
    `zone`, that zone's calls and those of kiosks in no zone; 404 `unknown_zone`."""
    require(who, "desk", "admin")
    return HelpCallsOut.model_validate(svc.list_open(hall, zone or None))


@handling.post("/{help_id}/answer", responses=error_docs(401, 403, 404, 409, 422))
async def answer_help(help_id: HelpId, hall: HallDep, who: CurrentPrincipal) -> HelpCallOut:
    """Staff have seen to a call for help (`help.answered`): it leaves the dashboard.
    404 `unknown_help_call`, 409 `help_call_answered`."""
    require(who, "desk", "admin")
    call = await run_write(hall, svc.answer_help, hall, help_id, actor=who.actor)
    return HelpCallOut.model_validate(call)


@handling.post("/{help_id}/reopen", responses=error_docs(401, 403, 404, 409, 422))
async def reopen_help(help_id: HelpId, hall: HallDep, who: CurrentPrincipal) -> HelpCallOut:
    """Take an answer back (撤销, `help.reopened`): the call is open again, on every page.
    404 `unknown_help_call`, 409 `help_call_open` when it is not answered, `help_undo_expired`
    when answered more than `help_undo_s` ago, `help_call_superseded` when its kiosk has
    called again since."""
    require(who, "desk", "admin")
    call = await run_write(hall, svc.reopen_help, hall, help_id, actor=who.actor)
    return HelpCallOut.model_validate(call)


@page.get("/help-desk")
def help_desk_page(request: Request) -> Response:
    """The guide desk's page of open calls for help, with a chime (desk or admin sign-in on
    the page; token in sessionStorage)."""
    return serve_page(request, "helpdesk.html", PAGE_HEADERS)
