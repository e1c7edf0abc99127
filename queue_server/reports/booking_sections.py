"""预约履约 as titled tables (per day, per department, per matter), for every output.

They take the booking figures and the period's label only, so `/stats/bookings?format=csv`
makes them without reading the event log.
"""

from __future__ import annotations

from datetime import date

from queue_server.reports.bookings import (
    BOOKING_LABELS,
    REPEAT_NO_SHOWS,
    BookingCounts,
    BookingRow,
    Bookings,
)
from queue_server.reports.figures import WEEKDAYS_ZH
from queue_server.reports.sections import Cell, Section

BOOKING_SECTIONS = ("bookings", "bookings_departments", "bookings_matters")
FIGURES = ("booked", "checked_in", "late", "no_show", "cancelled", "pending", "show_up_pct")
HEADERS = [BOOKING_LABELS[k][0] for k in FIGURES]


def counts_row(counts: BookingCounts) -> list[Cell]:
    values = counts.to_dict()
    return [values[k] for k in FIGURES]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def booking_headline(bookings: Bookings, label: str) -> str:
    """The 通报 sentence, e.g. 2026年11月预约9个：已签到4个（其中迟到1个）、爽约3个、…"""
    t = bookings.total
    if not t.booked:
        return f"{label}无预约，履约率—。"
    pending = f"、待签到{t.pending}个" if t.pending else ""
    return (
        f"{label}预约{t.booked}个：已签到{t.checked_in}个（其中迟到{t.late}个）、"
        f"爽约{t.no_show}个、已取消{t.cancelled}个{pending}，履约率{pct(t.show_up_pct)}。"
    )


def _notes(bookings: Bookings, label: str) -> list[str]:
    return [
        booking_headline(bookings, label),
        "按预约日期统计。履约率 = 已签到 ÷（已签到 + 爽约），已取消和待签到不计。"
        f"预约时段开始{bookings.late_min}分钟后仍未签到即为爽约；迟到签到按现场取号办理，"
        "计入已签到并另列迟到。",
        f"爽约{bookings.no_show_people}人，其中统计期内爽约{REPEAT_NO_SHOWS}次及以上"
        f"{bookings.repeat_no_show_people}人（按身份证号；未登记身份证号的预约不计人数）。",
    ]


def by_day(bookings: Bookings, label: str) -> Section:
    rows: list[list[Cell]] = [
        [r.key, WEEKDAYS_ZH[date.fromisoformat(r.key).weekday()], *counts_row(r.counts)]
        for r in bookings.by_day
    ]
    return Section(
        "bookings",
        "预约履约情况（按日）",
        ["日期", "星期", *HEADERS],
        rows,
        ["合计", "", *counts_row(bookings.total)],
        _notes(bookings, label),
    )


def _named(rows: list[BookingRow]) -> list[list[Cell]]:
    return [[r.name, *counts_row(r.counts)] for r in rows]


def by_department(bookings: Bookings) -> Section:
    return Section(
        "bookings_departments",
        "预约履约情况（按单位）",
        ["单位", *HEADERS],
        _named(bookings.by_department),
        ["合计", *counts_row(bookings.total)],
    )


def by_matter(bookings: Bookings) -> Section:
    rows: list[list[Cell]] = [
        [r.key, r.name, r.department, *counts_row(r.counts)] for r in bookings.by_matter
    ]
    return Section(
        "bookings_matters",
        "预约履约情况（按事项）",
        ["事项编码", "事项名称", "单位", *HEADERS],
        rows,
        ["合计", "", "", *counts_row(bookings.total)],
    )


def booking_sections(bookings: Bookings, label: str) -> list[Section]:
    """The three 预约履约 tables; `label` names the period in the headline."""
    return [by_day(bookings, label), by_department(bookings), by_matter(bookings)]
