"""Window actions of the counter console; staff act only at their own window.

The endpoints are `async def` and hand their use case to `run_write` themselves (the hall's
writer thread on SQLite, the thread pool on PostgreSQL): a plain `def` endpoint costs FastAPI
two thread-pool hops (the endpoint, then validating its answer), each costing more CPU than the
checks around the use case.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from queue_server.api.deps import (
    CurrentPrincipal,
    HallDep,
    error_docs,
    require_window,
    run_write,
)
from queue_server.api.routes.tickets import public
from queue_server.domain import errors
from queue_server.domain.model import Ticket, WindowState
from queue_server.hall import Hall
from queue_server.protocol import (
    CompleteIn,
    EvaluationIn,
    PauseIn,
    TicketPublic,
    TransferIn,
    WindowOut,
)
from queue_server.services import tickets as tickets_svc
from queue_server.services import windows as svc
from queue_server.services.views import window_view

router = APIRouter(prefix="/windows", tags=["windows"])
_ERR = error_docs(401, 403, 404, 409, 422)


def _answer(hall: Hall, request: Request, ticket: Ticket) -> dict[str, TicketPublic]:
    return {"ticket": public(hall, request, ticket, None)}


@router.get("/{number}", responses=_ERR)
async def show(
    number: int, hall: HallDep, who: CurrentPrincipal, request: Request
) -> dict[str, Any]:
    """The window's state, its ticket in hand, people waiting for it, served today."""
    hall.check_window(number)
    if who.kind == "device":
        if who.window != number and who.role != "display":
            raise errors.Forbidden(
                f"This device is not at window {number}.", f"该设备不属于{number}号窗口。"
            )
    elif who.role not in ("admin", "desk"):
        require_window(who, number)
    view = await run_in_threadpool(window_view, hall, number)
    current = view.pop("current_ticket")
    view["current"] = public(hall, request, current, None) if current else None
    return view


@router.post(
    "/{number}/call-next",
    response_model=None,
    responses={**_ERR, 204: {"description": "nobody waits"}},
)
async def call_next(
    number: int, hall: HallDep, who: CurrentPrincipal, request: Request
) -> dict[str, TicketPublic] | Response:
    """Call the next ticket by the window's work profile; 204 when nobody waits."""
    require_window(who, number)
    try:
        ticket = await run_write(hall, svc.call_next, hall, number, actor=who.actor)
    except errors.NothingWaiting:
        return Response(status_code=204)
    return _answer(hall, request, ticket)


def _simple(
    action: Callable[..., Ticket],
) -> Callable[..., Coroutine[Any, Any, dict[str, TicketPublic]]]:
    async def endpoint(
        number: int, hall: HallDep, who: CurrentPrincipal, request: Request
    ) -> dict[str, TicketPublic]:
        require_window(who, number)
        ticket = await run_write(hall, action, hall, number, actor=who.actor)
        return _answer(hall, request, ticket)

    return endpoint


for _path, _action, _doc in (
    ("recall", svc.recall, "Call the ticket in hand again (counted; limited)."),
    ("no-show", svc.no_show, "The citizen did not come: 过号."),
    ("suspend", svc.suspend, "挂起: the citizen fetches a missing material."),
    ("start", svc.start, "The citizen is at the counter: called → serving."),
):
    _ep = _simple(_action)
    _ep.__doc__ = _doc
    router.add_api_route(
        f"/{{number}}/{_path}",
        _ep,
        methods=["POST"],
        responses=_ERR,
        name=f"window_{_path.replace('-', '_')}",
        summary=_doc,
    )


@router.post("/{number}/complete", responses=_ERR)
async def complete(
    number: int, body: CompleteIn, hall: HallDep, who: CurrentPrincipal, request: Request
) -> dict[str, TicketPublic]:
    """Finish the service: 办结 done / 受理 accepted / 补正 needs_more / 不予受理 / 咨询."""
    require_window(who, number)
    ticket = await run_write(
        hall,
        svc.complete,
        hall,
        number,
        actor=who.actor,
        outcome=body.outcome,
        missing_materials=body.missing_materials,
        note=body.note,
    )
    return _answer(hall, request, ticket)


@router.post("/{number}/transfer", responses=_ERR)
async def transfer(
    number: int, body: TransferIn, hall: HallDep, who: CurrentPrincipal, request: Request
) -> dict[str, TicketPublic]:
    """Send the ticket to another matter or window, at the front of its line."""
    require_window(who, number)
    ticket, position = await run_write(
        hall, svc.transfer, hall, number, actor=who.actor, matter=body.matter, to_window=body.window
    )
    return {"ticket": public(hall, request, ticket, position)}


def _window_out(state: WindowState) -> WindowOut:
    return WindowOut(
        number=state.number, status=state.status.value, pause_reason=state.pause_reason
    )


@router.post("/{number}/evaluation", status_code=201, responses=_ERR)
async def evaluate_last(
    number: int, body: EvaluationIn, hall: HallDep, who: CurrentPrincipal, request: Request
) -> TicketPublic:
    """The evaluator facing the citizen rates the service this window just finished."""
    if not (who.role == "evaluator" and who.window == number):
        require_window(who, number)
    ticket = await run_write(
        hall,
        tickets_svc.evaluate,
        hall,
        window=number,
        rating=body.rating,
        reasons=body.reasons,
        comment=body.comment,
    )
    return public(hall, request, ticket, None)


@router.post("/{number}/pause", responses=_ERR)
async def pause(number: int, body: PauseIn, hall: HallDep, who: CurrentPrincipal) -> WindowOut:
    """暂停服务 with a reason (lunch, meeting…); nothing may be in hand."""
    require_window(who, number)
    state = await run_write(hall, svc.pause, hall, number, actor=who.actor, reason=body.reason)
    return _window_out(state)


@router.post("/{number}/resume", responses=_ERR)
async def resume(number: int, hall: HallDep, who: CurrentPrincipal) -> WindowOut:
    """恢复服务."""
    require_window(who, number)
    return _window_out(await run_write(hall, svc.resume, hall, number, actor=who.actor))
