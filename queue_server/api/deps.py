"""Dependencies: the hall, who is calling, and what they may do.

They are `async def` on purpose: FastAPI runs a plain `def` dependency in the thread pool,
and each such hop (waking a worker thread, handing the result back) cost more than the
dependency itself. Only a staff token not seen for `HALLQ_SESSION_CACHE_S` goes to the
thread pool, to read its session from the database.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from queue_server.adapters.writer import WriteTiming
from queue_server.api import timing
from queue_server.domain import errors
from queue_server.hall import Hall
from queue_server.protocol import TOKEN_PATTERN, ErrorOut
from queue_server.services.staff import Principal, authenticate, cached_principal

T = TypeVar("T")


async def run_write(hall: Hall, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a write use case off the event loop: on the hall's writer thread (SQLite, group
    commit, adapters/writer.py) or in the thread pool (PostgreSQL). Its times go to the
    response's Server-Timing header (api/timing.py), for an error too."""
    if hall.writer is not None:
        spent = WriteTiming()
        try:
            return await hall.writer.run_timed(spent, fn, *args, **kwargs)
        finally:
            timing.note("wait", spent.wait_s)
            timing.note("write", spent.run_s)
    start = time.perf_counter()
    try:
        return await run_in_threadpool(fn, *args, **kwargs)
    finally:
        timing.note("write", time.perf_counter() - start)


_bearer = HTTPBearer(auto_error=False)


def error_docs(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entry documenting the bilingual error body for `codes`."""
    return {code: {"model": ErrorOut} for code in codes}


async def get_hall(request: Request) -> Hall:
    hall: Hall = request.app.state.hall
    return hall


HallDep = Annotated[Hall, Depends(get_hall)]


async def principal_of(hall: Hall, token: str) -> Principal:
    """Who sends `token`: from the device keys or the session cache, else the database."""
    principal = cached_principal(hall, token)
    if principal is None:
        principal = await run_in_threadpool(authenticate, hall, token)
    return principal


async def get_principal(
    hall: HallDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if creds is None or not creds.credentials:
        raise errors.Unauthorized()
    return await principal_of(hall, creds.credentials)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def bearer_token(
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    return creds.credentials if creds else ""


BearerToken = Annotated[str, Depends(bearer_token)]


async def ticket_token(token: str) -> str:
    """A path token that cannot be one we issued is an unknown ticket, not a query."""
    if not re.fullmatch(TOKEN_PATTERN, token):
        raise errors.UnknownTicket()
    return token


TicketToken = Annotated[str, Depends(ticket_token)]


def require(principal: Principal, *roles: str) -> None:
    if principal.role not in roles:
        raise errors.Forbidden(
            f"This needs one of these roles: {', '.join(roles)}.",
            "当前身份无权进行该操作。",
        )


def require_window(principal: Principal, window: int) -> None:
    """Staff act only at the window they signed in at; admin anywhere."""
    if principal.role == "admin":
        return
    if principal.kind != "staff" or principal.window != window:
        raise errors.Forbidden(
            f"You are not signed in at window {window}.", f"您未在{window}号窗口签到。"
        )


async def get_admin(principal: CurrentPrincipal) -> Principal:
    require(principal, "admin")
    return principal


AdminPrincipal = Annotated[Principal, Depends(get_admin)]


def followup_department(hall: Hall, principal: Principal) -> str | None:
    """Whose 差评回访 the caller handles: every department's (None) for an admin; for a lead
    (首席代表) only their own department's, as the hall's config says now (a lead moved to
    another department, or no longer a lead, counts from the next restart); anyone else 403.
    A follow-up of another department is then unknown to the lead (404), so its id tells
    nothing."""
    require(principal, "admin", "lead")
    if principal.role == "admin":
        return None
    staff = hall.config.staff_member(principal.id) if principal.kind == "staff" else None
    if staff is None or staff.role != "lead" or not staff.department:
        raise errors.Forbidden(
            "This account no longer leads a department; sign in again.",
            "该账号已不是单位首席代表，请重新登录。",
        )
    return staff.department


async def get_followup_department(hall: HallDep, principal: CurrentPrincipal) -> str | None:
    return followup_department(hall, principal)


# None: every department (an admin); else the lead's department code.
FollowupDepartment = Annotated[str | None, Depends(get_followup_department)]
