"""The report as titled tables with Chinese headers: one shape for CSV, XLSX, terminal, HTML.

Cells stay numbers (None for "no data") so a spreadsheet can compute with them; each output
formats them itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from queue_server.reports.figures import WEEKDAYS_ZH
from queue_server.reports.model import Report
from queue_server.stats import (
    GREEN_CATEGORY_NAMES,
    GREEN_KEYS,
    RATING_LEVELS,
    RATING_NAMES,
    UNSPECIFIED,
    share,
)

Cell = str | int | float | None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    notes: list[str] = field(default_factory=list)


def headline(report: Report) -> str:
    """The sentence of a monthly 通报, as seed 000 words it."""
    d = report.departments
    return (
        f"{report.period.label}各窗口办结业务共计{d.total}件，"
        f"其中行政审批类{d.approval}件、服务类{d.service}件。"
    )


def overview(report: Report) -> Section:
    t = report.total
    att = report.attendance
    b = report.bookings.total
    expected = sum(s.expected for s in att.staff)
    rows: list[list[Cell]] = [
        ["统计期间", report.period.label],
        ["开放工作日（天）", report.open_days],
        ["取号（人次）", t["issued"]],
        ["办件（件）", report.departments.total],
        ["　其中行政审批类（件）", report.departments.approval],
        ["　其中服务类（件）", report.departments.service],
        ["补正 / 不予受理 / 咨询（件）", f"{t['needs_more']} / {t['rejected']} / {t['consulted']}"],
        ["过号（人次）", t["no_show"]],
        ["过号率（%）", t["no_show_pct"]],
        ["转办（次）", t["transferred"]],
        ["等候时长中位数（分钟）", t["wait_p50_min"]],
        ["等候时长P90（分钟）", t["wait_p90_min"]],
        ["最长等候（分钟）", t["wait_max_min"]],
        [f"{report.target_wait_min}分钟内叫号（%）", t["within_target_pct"]],
        ["办理时长中位数（分钟）", t["service_p50_min"]],
        ["评价（件）", t["ratings"]],
        ["满意率（%，非常满意+满意）", t["satisfaction_pct"]],
        ["好评率（%，差评以外）", t["good_pct"]],
        ["差评（件）", t["rating_2"] + t["rating_1"]],
        ["现场办结率（%，即办件首次叫号办结）", t["onsite_pct"]],
        ["只跑一次率（%）", report.run_once.rate_pct],
        ["一日三签正常率（%）", share(sum(s.on_time for s in att.staff), expected)],
        ["预约（个）", b.booked],
        ["　已签到 / 爽约 / 已取消（个）", f"{b.checked_in} / {b.no_show} / {b.cancelled}"],
        ["预约履约率（%）", b.show_up_pct],
    ]
    notes = [headline(report)]
    if report.run_once.provisional:
        notes.append("只跑一次率为暂计数：统计期结束后30天尚未届满。")
    return Section("overview", "概览", ["指标", "数值"], rows, notes=notes)


def departments(report: Report) -> Section:
    d = report.departments
    rows: list[list[Cell]] = [
        [r.name, r.approval, r.service, r.total, "" if r.total else "暂无业务"] for r in d.rows
    ]
    return Section(
        "departments",
        "各窗口单位办件情况",
        ["单位", "行政审批类（件）", "服务类（件）", "合计（件）", "备注"],
        rows,
        ["合计", d.approval, d.service, d.total, ""],
        [headline(report), "办件 = 办结（即办件）+ 受理（承诺件）；补正、不予受理、咨询不计。"],
    )


_FLOW = [
    "叫号",
    "办结",
    "过号",
    "过号率%",
    "转出",
    "等候P50",
    "等候P90",
    "最长等候",
    "办理P50",
    "目标内%",
    "评价",
    "满意率%",
]


def _flow(row: dict[str, Any]) -> list[Cell]:
    keys = (
        "called",
        "served",
        "no_show",
        "no_show_pct",
        "transferred",
        "wait_p50_min",
        "wait_p90_min",
        "wait_max_min",
        "service_p50_min",
        "within_target_pct",
        "ratings",
        "satisfaction_pct",
    )
    return [row[k] for k in keys]


def windows(report: Report) -> Section:
    rows = [[int(r["key"]), r["name"], *_flow(r)] for r in report.summary["by_window"]]
    return Section(
        "windows",
        "窗口办理情况",
        ["窗口", "名称", *_FLOW],
        rows,
        ["合计", "", *_flow(report.total)],
        ["时长单位为分钟；等候从取号（预约号从预约时段）到首次叫号。"],
    )


def matters(report: Report, config_names: dict[str, tuple[str, str, str]]) -> Section:
    """`config_names`: matter code → (department name, 行政审批/服务, 即办/承诺)."""
    rows = []
    for r in report.summary["by_matter"]:
        dept, category, kind = config_names.get(r["key"], ("", "", ""))
        rows.append(
            [
                r["key"],
                r["name"],
                dept,
                category,
                kind,
                r["issued"],
                r["cases"],
                *_flow(r)[1:],
                r["onsite_pct"],
            ]
        )
    t = report.total
    return Section(
        "matters",
        "事项办理情况",
        [
            "事项编码",
            "事项名称",
            "单位",
            "类别",
            "办件类型",
            "取号",
            "办件",
            *_FLOW[1:],
            "现场办结率%",
        ],
        rows,
        ["合计", "", "", "", "", t["issued"], t["cases"], *_flow(t)[1:], t["onsite_pct"]],
    )


def quality(report: Report) -> Section:
    """服务质效 per department: waits, 现场办结率, satisfaction, 只跑一次."""
    once = report.run_once.by_department
    rows: list[list[Cell]] = []
    for r in report.summary["by_department"]:
        episodes, returned = once.get(r["key"], (0, 0))
        rows.append(
            [
                r["name"],
                r["issued"],
                r["cases"],
                r["no_show_pct"],
                r["wait_p50_min"],
                r["within_target_pct"],
                r["onsite_pct"],
                r["satisfaction_pct"],
                episodes,
                share(episodes - returned, episodes),
            ]
        )
    t, o = report.total, report.run_once
    return Section(
        "quality",
        "各单位服务质效",
        [
            "单位",
            "取号",
            "办件",
            "过号率%",
            "等候P50",
            "目标内%",
            "现场办结率%",
            "满意率%",
            "实名办事（人·事项）",
            "只跑一次率%",
        ],
        rows,
        [
            "合计",
            t["issued"],
            t["cases"],
            t["no_show_pct"],
            t["wait_p50_min"],
            t["within_target_pct"],
            t["onsite_pct"],
            t["satisfaction_pct"],
            o.episodes,
            o.rate_pct,
        ],
        [
            "现场办结率：即办件中首次叫号即办结（未转办、未补正）的比例，咨询不计。",
            "只跑一次率：实名办事群众（按身份证号哈希）30天内未因同一事项再次取号的比例。",
        ],
    )


def satisfaction(report: Report) -> Section:
    t = report.total
    rows: list[list[Cell]] = [
        [RATING_NAMES[r], r, t[f"rating_{r}"], share(t[f"rating_{r}"], t["ratings"])]
        for r in RATING_LEVELS
    ]
    return Section(
        "satisfaction",
        "好差评",
        ["评价等级", "分值", "件数", "占比%"],
        rows,
        ["合计", None, t["ratings"], 100.0 if t["ratings"] else None],
        [
            f"满意率 {t['satisfaction_pct']}%（非常满意+满意）；"
            f"好评率 {t['good_pct']}%（差评以外）；平均 {t['rating_avg']} 分。"
        ],
    )


def green_channel(report: Report) -> Section:
    """绿色通道与预约: green tickets per category and appointments, as shares of tickets issued."""
    t = report.total
    issued, green, booked = t["issued"], t["green"], t["appointment"]
    rows: list[list[Cell]] = [
        ["取号（全部）", issued, share(issued, issued), None],
        ["绿色通道", green, share(green, issued), share(green, green)],
    ]
    for c in GREEN_KEYS:
        n = t[f"green_{c}"]
        if c != UNSPECIFIED or n:  # 未注明 only when there is some
            rows.append([f"　{GREEN_CATEGORY_NAMES[c]}", n, share(n, issued), share(n, green)])
    rows.append(["预约", booked, share(booked, issued), None])
    green_pct, booked_pct = (share(n, issued) for n in (green, booked))
    return Section(
        "green",
        "绿色通道与预约",
        ["类别", "取号（人次）", "占取号%", "占绿色通道%"],
        rows,
        notes=[
            f"{report.period.label}绿色通道取号{green}人次，占取号总数的{_pct(green_pct)}；"
            f"预约取号{booked}人次，占{_pct(booked_pct)}。",
            "绿色通道：老年人、残疾人、孕妇、军人等优先办理；未注明为取号时未登记类别的绿色通道号。"
            "预约：按预约时段签到取号，迟到签到按现场取号计。",
        ],
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def heatmap(report: Report) -> Section:
    h = report.heatmap
    hours = h.hours()
    rows: list[list[Cell]] = [
        [WEEKDAYS_ZH[d], *(h.average(d, hr) for hr in hours)] for d in range(7) if h.days[d]
    ]
    busiest = "、".join(f"{WEEKDAYS_ZH[d]}{hr}时（{avg}人）" for d, hr, avg in h.busiest())
    return Section(
        "heatmap",
        "取号热力图（日均取号人次）",
        ["星期", *(f"{hr}时" for hr in hours)],
        rows,
        notes=[f"最忙时段：{busiest}" if busiest else "统计期内无取号。"],
    )
