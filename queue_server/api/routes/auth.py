"""Staff sign-in and sign-out."""

from __future__ import annotations

from fastapi import APIRouter

from queue_server.api.deps import BearerToken, CurrentPrincipal, HallDep, error_docs
from queue_server.protocol import LoginIn, LoginOut, StaffOut
from queue_server.services import staff as svc

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", responses=error_docs(401, 403, 404, 409, 422, 429))
def login(body: LoginIn, hall: HallDep) -> LoginOut:
    """Sign in at a window (records the sign-in, opens the window) and get a token."""
    result = svc.login(hall, staff_id=body.staff_id, pin=body.pin, window=body.window)
    return LoginOut(
        token=result.token,
        staff=StaffOut(
            id=result.staff.id,
            name=result.staff.name,
            role=result.staff.role,
            department=result.staff.department or None,
        ),
        window=result.window,
        role=result.role,
        ab_role=result.ab_role,
        signins_today=result.signins_today,
        expires_at=result.expires_at,
    )


@router.post("/logout", status_code=204, responses=error_docs(401))
def logout(hall: HallDep, who: CurrentPrincipal, token: BearerToken) -> None:
    """End the session; the window closes."""
    svc.logout(hall, who, token)


@router.get("/me", responses=error_docs(401))
def me(who: CurrentPrincipal, hall: HallDep) -> dict[str, object]:
    """Who this token belongs to; `department`: a staff member's department code (a lead's
    follow-ups are that department's), else null."""
    staff = hall.config.staff_member(who.id) if who.kind == "staff" else None
    department = staff.department if staff and staff.department else None
    return {
        "kind": who.kind,
        "id": who.id,
        "role": who.role,
        "window": who.window,
        "department": department,
    }
