"""Supervision: `GET /api/v1/admin/overview` (admin) and the dashboard page `/admin`."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from queue_server.api.deps import AdminPrincipal, HallDep, error_docs
from queue_server.api.pages import PAGE_HEADERS, serve_page
from queue_server.protocol import OverviewOut
from queue_server.services import supervision

router = APIRouter(prefix="/admin", tags=["admin"])
page = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/overview", responses=error_docs(401, 403))
def overview(hall: HallDep, _admin: AdminPrincipal) -> OverviewOut:
    """Per zone: waiting, the longest current wait, windows, open follow-ups, printer faults;
    and the alerts they raise."""
    return OverviewOut.model_validate(supervision.overview(hall))


@page.get("/admin")
def admin_page(request: Request) -> Response:
    """The live supervision dashboard (admin sign-in on the page; token in sessionStorage)."""
    return serve_page(request, "admin.html", PAGE_HEADERS)
