"""Statistics for the hall's management (admin only), computed from the event log."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from queue_server.api.deps import AdminPrincipal, HallDep, error_docs
from queue_server.domain import errors
from queue_server.hall import Hall
from queue_server.reports.booking_sections import booking_sections
from queue_server.reports.bookings import booking_figures
from queue_server.reports.figures import run_once
from queue_server.reports.model import Period, Report
from queue_server.reports.ranking import MIN_SERVED
from queue_server.reports.source import read_bookings, read_report, real_name_visits
from queue_server.reports.staff_sections import all_sections
from queue_server.reports.terminal import to_csv as sections_csv
from queue_server.stats import Summary, to_csv

router = APIRouter(prefix="/stats", tags=["stats"])

From = Annotated[date | None, Query(alias="from", description="first hall day (default today)")]
To = Annotated[date | None, Query(description="last hall day, inclusive (default `from`)")]
Format = Annotated[Literal["json", "csv"], Query()]
MinServed = Annotated[int, Query(ge=0, le=100_000, description="services to be ranked")]
_DOCS = error_docs(401, 403, 422)
# `format=csv` answers the same figures as a CSV download.
_TABLE_DOCS: dict[int | str, dict[str, Any]] = {
    **_DOCS,
    200: {
        "description": "The figures: JSON, or with `format=csv` a CSV download",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
}


def _period(hall: Hall, from_: date | None, to: date | None) -> Period:
    """The hall days asked for, cut at the hall's today (the answer then runs to date); at
    most a year, never backwards (bilingual `bad_range`), not all to come (`period_not_begun`)."""
    today = hall.schedule.hall_day(hall.now())
    start_day, end_day = from_ or today, to or from_ or today
    sane = date(2000, 1, 1) <= start_day and end_day <= date(2999, 12, 31)
    if not sane or end_day < start_day or (end_day - start_day).days > 366:
        raise errors.BadRange()
    if start_day > today:
        raise errors.PeriodNotBegun()
    return Period(start_day, end_day).until(today)


def _report(hall: Hall, period: Period, min_served: int = MIN_SERVED) -> Report:
    with hall.uow(write=False) as uow:
        return read_report(uow, hall.config, period, now=hall.now(), min_served=min_served)


def _csv_response(text: str, name: str, period: Period) -> Response:
    """A CSV download named after what it holds and its days
    (e.g. hallq-summary-2026-12-01_2026-12-02.csv)."""
    filename = f"hallq-{name}-{period.start.isoformat()}_{period.end.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv(report: Report, hall: Hall, period: Period, *keys: str) -> Response:
    sections = [s for s in all_sections(report, hall.config) if s.key in keys]
    return _csv_response(sections_csv(sections), "-".join(keys), period)


def _dated(period: Period, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "to_date": period.to_date,
        **body,
    }


@router.get("/summary", response_model=None, responses=_TABLE_DOCS)
def summary(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None, format: Format = "json"
) -> dict[str, Any] | Response:
    """Per window / department / matter for the hall days `from`..`to` (inclusive)."""
    period = _period(hall, from_, to)
    start, end = period.bounds(hall.schedule)
    acc = Summary(hall.config)
    with hall.uow(write=False) as uow:
        for ev in uow.events.between(start, end):
            acc.add(ev)
        visits = real_name_visits(uow.conn, *period.visit_bounds(hall.schedule))
        bookings = read_bookings(uow.conn, period)
    result = acc.result()
    if format == "csv":
        return _csv_response(to_csv(result), "summary", period)
    once = run_once(
        visits,
        start=start,
        end=end,
        department_of={m.code: m.department for m in hall.config.matters},
        observed_until=hall.now(),
    )
    figures = booking_figures(bookings, hall.config, now=hall.now())
    return _dated(period, {**result, "run_once": once.to_dict(), "bookings": figures.to_dict()})


@router.get("/departments", response_model=None, responses=_TABLE_DOCS)
def departments(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None, format: Format = "json"
) -> dict[str, Any] | Response:
    """办件 per department: approval (行政审批类) and service (服务类) counts, with totals."""
    period = _period(hall, from_, to)
    report = _report(hall, period)
    if format == "csv":
        return _csv(report, hall, period, "departments")
    return _dated(period, report.departments.to_dict())


@router.get("/ranking", response_model=None, responses=_TABLE_DOCS)
def ranking(
    hall: HallDep,
    _: AdminPrincipal,
    from_: From = None,
    to: To = None,
    min_served: MinServed = MIN_SERVED,
    format: Format = "json",
) -> dict[str, Any] | Response:
    """星级窗口 and 三优三差: windows ranked by the weighted z-score of docs/REPORTS.md."""
    period = _period(hall, from_, to)
    report = _report(hall, period, min_served)
    if format == "csv":
        return _csv(report, hall, period, "ranking")
    return _dated(period, report.ranking.to_dict())


@router.get("/attendance", response_model=None, responses=_TABLE_DOCS)
def attendance(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None, format: Format = "json"
) -> dict[str, Any] | Response:
    """一日三签: per staff member signs on time, late and missing; per day records."""
    period = _period(hall, from_, to)
    report = _report(hall, period)
    if format == "csv":
        return _csv(report, hall, period, "attendance", "attendance_exceptions")
    return _dated(period, report.attendance.to_dict())


@router.get("/heatmap", response_model=None, responses=_TABLE_DOCS)
def heatmap(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None, format: Format = "json"
) -> dict[str, Any] | Response:
    """Tickets issued by weekday and hour (counts, and per open day), and per day."""
    period = _period(hall, from_, to)
    report = _report(hall, period)
    if format == "csv":
        return _csv(report, hall, period, "heatmap")
    return _dated(period, report.heatmap.to_dict())


@router.get("/bookings", response_model=None, responses=_TABLE_DOCS)
def bookings(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None, format: Format = "json"
) -> dict[str, Any] | Response:
    """预约履约: bookings made, checked in, no-shows, cancelled and the show-up rate, per day,
    department and matter (a booking still `booked` past its slot counts as a no-show)."""
    period = _period(hall, from_, to)
    with hall.uow(write=False) as uow:
        records = read_bookings(uow.conn, period)
    figures = booking_figures(records, hall.config, now=hall.now())
    if format == "csv":
        text = sections_csv(booking_sections(figures, period.label))
        return _csv_response(text, "bookings", period)
    return _dated(period, figures.to_dict())


@router.get("/report", response_model=None, responses=_DOCS)
def full_report(
    hall: HallDep, _: AdminPrincipal, from_: From = None, to: To = None
) -> dict[str, Any]:
    """Every figure of the monthly report in one answer."""
    return _report(hall, _period(hall, from_, to)).to_dict()
