"""Report sections about people: 一日三签 attendance and the 星级窗口 ranking."""

from __future__ import annotations

from queue_server.config import HallConfig
from queue_server.reports.attendance import MARK_ZH, ON_TIME, PENDING
from queue_server.reports.booking_sections import booking_sections
from queue_server.reports.model import Report
from queue_server.reports.sections import (
    Cell,
    Section,
    departments,
    green_channel,
    heatmap,
    matters,
    overview,
    quality,
    satisfaction,
    windows,
)
from queue_server.stats import share


def attendance(report: Report) -> Section:
    a = report.attendance
    rows: list[list[Cell]] = [
        [s.staff, s.name, s.days, s.expected, s.on_time, s.late, s.missing, s.rate_pct, s.full_days]
        for s in a.staff
    ]
    return Section(
        "attendance",
        "一日三签考勤",
        ["工号", "姓名", "应签天数", "应签次数", "正常", "迟到", "缺签", "正常率%", "全勤天数"],
        rows,
        [
            "合计",
            "",
            sum(s.days for s in a.staff),
            sum(s.expected for s in a.staff),
            sum(s.on_time for s in a.staff),
            sum(s.late for s in a.staff),
            sum(s.missing for s in a.staff),
            share(sum(s.on_time for s in a.staff), sum(s.expected for s in a.staff)),
            sum(s.full_days for s in a.staff),
        ],
        [f"每个工作日应签：{'、'.join(a.slot_names)}；A角每日应签，B角在顶岗当日应签。"],
    )


def attendance_exceptions(report: Report) -> Section:
    names = {s.staff: s.name for s in report.attendance.staff}
    rows: list[list[Cell]] = []
    for r in report.attendance.records:
        if all(m in (ON_TIME, PENDING) for m in r.marks):  # nothing late or missing (yet)
            continue
        cells = [
            (t or "") if m == ON_TIME else f"{MARK_ZH[m]} {t or ''}".strip()
            for m, t in zip(r.marks, r.times, strict=True)
        ]
        cells += [""] * (len(report.attendance.slot_names) - len(cells))  # a shorter day
        rows.append(
            [
                r.day.isoformat(),
                r.staff,
                names.get(r.staff, r.staff),
                "、".join(map(str, r.windows)),
                *cells,
            ]
        )
    return Section(
        "attendance_exceptions",
        "考勤异常明细",
        ["日期", "工号", "姓名", "窗口", *report.attendance.slot_names],
        rows,
    )


def ranking(report: Report) -> Section:
    rk = report.ranking
    rows: list[list[Cell]] = [
        [
            r.rank,
            f.window,
            f.name,
            f.department,
            f.served,
            f.within_target_pct,
            f.satisfaction_pct,
            f.no_show_pct,
            f.attendance_pct,
            r.score,
            r.standard,
            "★" * r.stars + "☆" * (5 - r.stars),
            r.label,
        ]
        for r in rk.ranked
        for f in [r.figures]
    ]
    notes = [
        "综合得分 = 0.30·z(ln(1+办结量)) + 0.25·z(目标内%) + 0.25·z(满意率) "
        "− 0.10·z(过号率) + 0.10·z(三签正常率)；星级按综合得分的标准分：≥1.0 五星，"
        "≥0.3 四星，≥−0.3 三星，≥−1.0 二星，其余一星。"
    ]
    if rk.unranked:
        listed = "、".join(str(f.window) for f in rk.unranked)
        notes.append(f"办结少于{rk.min_served}件不参评：{listed}号窗口。")
    return Section(
        "ranking",
        "星级窗口评定（三优三差）",
        [
            "名次",
            "窗口",
            "名称",
            "单位",
            "办结",
            "目标内%",
            "满意率%",
            "过号率%",
            "三签正常率%",
            "综合得分",
            "标准分",
            "星级",
            "评定",
        ],
        rows,
        notes=notes,
    )


def all_sections(report: Report, config: HallConfig) -> list[Section]:
    """Every section, in the order of the printed report."""
    depts = {d.code: d.name for d in config.departments}
    info = {
        m.code: (
            depts.get(m.department, m.department),
            "行政审批" if m.category == "approval" else "服务",
            "即办件" if m.kind == "immediate" else "承诺件",
        )
        for m in config.matters
    }
    return [
        overview(report),
        departments(report),
        windows(report),
        matters(report, info),
        quality(report),
        satisfaction(report),
        green_channel(report),
        *booking_sections(report.bookings, report.period.label),
        heatmap(report),
        ranking(report),
        attendance(report),
        attendance_exceptions(report),
    ]
