"""The report's sections and their plain outputs (terminal, CSV), and the CLI's period."""

from __future__ import annotations

import argparse
import csv
import io
from datetime import UTC, date, datetime

import pytest
from rich.console import Console

from queue_server.config import HallConfig
from queue_server.domain.events import Event
from queue_server.reports.cli import SECTIONS, _period
from queue_server.reports.html import report_html
from queue_server.reports.model import Period, PeriodNotBegun, Report, ReportBuilder
from queue_server.reports.sections import Section
from queue_server.reports.staff_sections import all_sections
from queue_server.reports.terminal import fmt, print_report, to_csv
from queue_server.reports.xlsx import SHEET_NAMES

MONDAY = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in the hall


def _report(config: HallConfig) -> Report:
    events = [
        Event("ticket.issued", MONDAY, "k", None, "A001", "a", "yyzz", "A", {}),
        Event("ticket.called", MONDAY, "staff:s1a", 1, "A001", "a", "yyzz", "A", {"wait_s": 60}),
        Event(
            "ticket.completed",
            MONDAY,
            "staff:s1a",
            1,
            "A001",
            "a",
            "yyzz",
            "A",
            {"outcome": "done", "first_call": True, "service_s": 300},
        ),
        Event(
            "ticket.completed",
            MONDAY,
            "staff:s3a",
            3,
            "B001",
            "b",
            "ylbx",
            "B",
            {"outcome": "done", "first_call": True, "service_s": 200},
        ),
        Event("staff.signed_in", MONDAY, "staff:s1a", 1, data={"ab_role": "A"}),
    ]
    period = Period(date(2026, 11, 23), date(2026, 11, 23))
    return ReportBuilder(config, period).add_all(events).finish(now=MONDAY)


def test_every_section_has_chinese_headers_and_rows_as_wide_as_them(
    mini_config: HallConfig,
) -> None:
    sections = all_sections(_report(mini_config), mini_config)
    assert [s.key for s in sections][:2] == ["overview", "departments"]
    for s in sections:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(s.headers)), s.key
        assert all(len(r) == len(s.headers) for r in s.rows), s.key
        assert s.total is None or len(s.total) == len(s.headers), s.key


def test_department_section_reads_like_the_monthly_notice(mini_config: HallConfig) -> None:
    dept = next(
        s for s in all_sections(_report(mini_config), mini_config) if s.key == "departments"
    )
    assert dept.total == ["合计", 1, 1, 2, ""]
    assert (
        dept.notes[0]
        == "2026-11-23 至 2026-11-23各窗口办结业务共计2件，其中行政审批类1件、服务类1件。"
    )
    assert ["民政局", 0, 0, 0, "暂无业务"] in dept.rows


def test_one_section_is_a_plain_csv_and_several_are_titled(mini_config: HallConfig) -> None:
    sections = all_sections(_report(mini_config), mini_config)
    single = list(csv.reader(io.StringIO(to_csv(sections[1:2]))))
    assert single[0][0] == "单位" and single[-1][:4] == ["合计", "1", "1", "2"]
    several = to_csv(sections)
    assert several.startswith("【概览】") and "\n\n【各窗口单位办件情况】\n" in several


def test_terminal_report_prints_every_title_and_the_headline(mini_config: HallConfig) -> None:
    console = Console(record=True, width=200)
    print_report(all_sections(_report(mini_config), mini_config), console, title="测试")
    text = console.export_text()
    assert "各窗口单位办件情况" in text and "一日三签考勤" in text and "共计2件" in text


def test_cells_read_as_people_expect() -> None:
    assert [fmt(None), fmt(3), fmt(90.0), fmt(0.755), fmt("三优")] == [
        "—",
        "3",
        "90.0",
        "0.755",
        "三优",
    ]


def args(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**{"month": None, "start": None, "end": None, **kw})


def test_a_month_is_its_first_to_its_last_day() -> None:
    assert _period(args(month=date(2026, 2, 1))) == (date(2026, 2, 1), date(2026, 2, 28))
    assert _period(args(month=date(2026, 12, 1))) == (date(2026, 12, 1), date(2026, 12, 31))
    assert _period(args(start=date(2026, 10, 9))) == (date(2026, 10, 9), date(2026, 10, 9))


@pytest.mark.parametrize(
    "kw",
    [
        {"month": date(2026, 10, 1), "start": date(2026, 10, 1)},
        {"start": date(2026, 10, 31), "end": date(2026, 10, 1)},
        {"start": date(2025, 1, 1), "end": date(2026, 11, 23)},
        {},
    ],
    ids=["month-and-from", "backwards", "over-a-year", "nothing"],
)
def test_a_bad_period_is_refused_in_both_languages(kw: dict[str, date]) -> None:
    with pytest.raises(ValueError, match="/") as info:
        _period(args(**kw))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))


def test_a_period_past_the_halls_today_is_cut_there_and_says_so() -> None:
    december = Period(date(2026, 12, 1), date(2026, 12, 31))
    cut = december.until(date(2026, 12, 2))
    assert (cut.start, cut.end, cut.asked_end, cut.to_date) == (
        date(2026, 12, 1),
        date(2026, 12, 2),
        date(2026, 12, 31),
        True,
    )
    assert len(cut.days()) == 2 and cut.label == "2026年12月（截至2026-12-02）"
    assert cut.until(date(2026, 12, 2)) == cut  # cutting again changes nothing
    assert december.until(date(2026, 12, 31)) == december and december.label == "2026年12月"
    week = Period(date(2026, 11, 23), date(2026, 11, 29)).until(date(2026, 11, 24))
    assert week.label == "2026-11-23 至 2026-11-29（截至2026-11-24）"
    with pytest.raises(PeriodNotBegun, match="尚未开始") as info:
        december.until(date(2026, 11, 30))
    assert "has not begun" in str(info.value)


def test_a_report_is_made_as_of_its_now(mini_config: HallConfig) -> None:
    """The builder cuts the period at the hall's today of `now` and judges only passed slots."""
    events = [Event("staff.signed_in", MONDAY, "staff:s1a", 1, data={"ab_role": "A"})]
    week = Period(date(2026, 11, 23), date(2026, 11, 27))
    report = ReportBuilder(mini_config, week).add_all(events).finish(now=MONDAY)  # 10:00
    assert report.period.end == date(2026, 11, 23) and report.period.to_date
    assert report.open_days == 1 and report.to_dict()["asked_to"] == "2026-11-27"
    s1a = next(s for s in report.attendance.staff if s.staff == "s1a")
    assert (s1a.expected, s1a.late, s1a.missing) == (1, 1, 0)
    exceptions = next(
        s for s in all_sections(report, mini_config) if s.key == "attendance_exceptions"
    )
    assert exceptions.rows == [["2026-11-23", "s1a", "张敏", "1", "迟到 10:00", "未到时", "未到时"]]
    assert next(s for s in all_sections(report, mini_config) if s.key == "overview").rows[0] == [
        "统计期间",
        "2026-11-23 至 2026-11-27（截至2026-11-23）",
    ]


def _green_report(config: HallConfig, issued: list[tuple[str | None, bool]]) -> Report:
    """A day whose tickets are (green category or None for a normal ticket, appointment);
    a category of "" is a green ticket issued without one."""
    events = []
    for i, (green, appointment) in enumerate(issued):
        data: dict[str, object] = {
            "channel": "kiosk",
            "priority": "normal" if green is None else "green",
            "appointment": appointment,
        }
        if green:
            data["green_category"] = green
        events.append(
            Event("ticket.issued", MONDAY, "k", None, f"A{i:03d}", f"t{i}", "yyzz", "A", data)
        )
    period = Period(date(2026, 11, 23), date(2026, 11, 23))
    return ReportBuilder(config, period).add_all(events).finish(now=MONDAY)


def _section(report: Report, config: HallConfig, key: str) -> Section:
    return next(s for s in all_sections(report, config) if s.key == key)


def test_green_section_counts_each_category_and_appointments_with_their_shares(
    mini_config: HallConfig,
) -> None:
    tickets = [("elderly", False)] * 3 + [("military", True), ("disabled", False)]
    tickets += [(None, True), (None, False), (None, False)]  # 8 tickets, 5 green, 2 booked
    green = _section(_green_report(mini_config, tickets), mini_config, "green")
    assert green.rows == [
        ["取号（全部）", 8, 100.0, None],
        ["绿色通道", 5, 62.5, 100.0],
        ["　老年人", 3, 37.5, 60.0],
        ["　残疾人", 1, 12.5, 20.0],
        ["　孕妇", 0, 0.0, 0.0],
        ["　军人", 1, 12.5, 20.0],
        ["　其他", 0, 0.0, 0.0],  # no 未注明 line: every green ticket has a category
        ["预约", 2, 25.0, None],
    ]
    assert green.notes[0] == (
        "2026-11-23 至 2026-11-23绿色通道取号5人次，占取号总数的62.5%；预约取号2人次，占25.0%。"
    )
    rows = list(csv.reader(io.StringIO(to_csv([green]))))
    assert rows[0] == ["类别", "取号（人次）", "占取号%", "占绿色通道%"]
    assert rows[2] == ["绿色通道", "5", "62.5", "100.0"] and rows[-1] == ["预约", "2", "25.0", ""]


def test_green_tickets_without_a_category_are_listed_as_unspecified(
    mini_config: HallConfig,
) -> None:
    report = _green_report(mini_config, [("", False), ("pregnant", False), (None, False)])
    rows = _section(report, mini_config, "green").rows
    assert rows[-2:] == [["　未注明", 1, 33.3, 50.0], ["预约", 0, 0.0, None]]
    assert ["　孕妇", 1, 33.3, 50.0] in rows


def test_green_section_of_a_day_without_tickets_shows_no_shares(
    mini_config: HallConfig,
) -> None:
    report = _green_report(mini_config, [])
    green = _section(report, mini_config, "green")
    assert green.rows[:2] == [["取号（全部）", 0, None, None], ["绿色通道", 0, None, None]]
    assert "未注明" not in str(green.rows)
    assert "占取号总数的—；预约取号0人次，占—。" in green.notes[0]
    console = Console(record=True, width=200)
    print_report([green], console, title="测试")
    cells = [
        [c.strip() for c in line.split("│")[1:-1]] for line in console.export_text().splitlines()
    ]
    assert ["绿色通道", "0", "—", "—"] in cells and ["预约", "0", "—", "—"] in cells
    html = report_html(report, all_sections(report, mini_config))
    assert '<tr><td>绿色通道</td><td class="num">0</td><td class="num">—</td>' in html


def test_every_section_can_be_asked_for_and_has_its_own_sheet(mini_config: HallConfig) -> None:
    keys = [s.key for s in all_sections(_report(mini_config), mini_config)]
    assert list(SECTIONS) == keys and list(SHEET_NAMES) == keys
