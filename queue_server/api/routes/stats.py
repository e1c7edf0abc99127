"""Statistics for the hall's management (admin only)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from queue_server.api.deps import AdminPrincipal, HallDep, error_docs
from queue_server.domain import errors
from queue_server.stats import summarize, to_csv

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("/summary", response_model=None, responses=error_docs(401, 403, 422))
def summary(
    hall: HallDep,
    _admin: AdminPrincipal,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: Annotated[date | None, Query()] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> dict[str, Any] | Response:
    """Per window / department / matter for the hall days `from`..`to` (inclusive)."""
    today = hall.schedule.hall_day(hall.now())
    start_day, end_day = from_ or today, to or from_ or today
    sane = date(2000, 1, 1) <= start_day and end_day <= date(2999, 12, 31)
    if not sane or end_day < start_day or (end_day - start_day).days > 366:
        raise errors.BadRange()
    tz = hall.schedule.tz
    start = datetime.combine(start_day, time.min, tz)
    end = datetime.combine(end_day + timedelta(days=1), time.min, tz)
    with hall.uow(write=False) as uow:
        events = uow.events.between(start, end)
    result = summarize(events, hall.config)
    result.update({"from": start_day.isoformat(), "to": end_day.isoformat()})
    if format == "csv":
        return Response(to_csv(result), media_type="text/csv; charset=utf-8")
    return result
