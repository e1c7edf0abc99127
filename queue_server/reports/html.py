"""The report as one self-contained HTML page: plotly.js is embedded, nothing is fetched."""

from __future__ import annotations

from dataclasses import replace
from html import escape

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from queue_server.reports import charts
from queue_server.reports.model import Report
from queue_server.reports.sections import Section
from queue_server.reports.style import CSS
from queue_server.reports.terminal import fmt
from queue_server.stats import share

ATTENTION = 15  # staff listed in the attendance 通报 (the rest are in the full table)
_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def _figure(fig: go.Figure) -> str:
    body = fig.to_html(full_html=False, include_plotlyjs=False, config=_CONFIG)
    return f'<div class="chart">{body}</div>'


def _table(section: Section, *, caption: bool = False) -> str:
    numeric = [
        all(isinstance(r[i], int | float) or r[i] in (None, "") for r in section.rows if i < len(r))
        for i in range(len(section.headers))
    ]

    def cells(row: list, tag: str = "td") -> str:
        out = []
        for i, cell in enumerate(row):
            cls = ' class="num"' if i < len(numeric) and numeric[i] else ""
            if cell in ("三优", "三差"):
                cls = ' class="best"' if cell == "三优" else ' class="worst"'
            if isinstance(cell, str) and cell.startswith(("迟到", "缺签")):
                cls = ' class="warn"'
            out.append(f"<{tag}{cls}>{escape(fmt(cell))}</{tag}>")
        return "".join(out)

    head = "".join(f"<th>{escape(h)}</th>" for h in section.headers)
    body = "".join(f"<tr>{cells(r)}</tr>" for r in section.rows)
    foot = f"<tfoot><tr>{cells(section.total)}</tr></tfoot>" if section.total else ""
    title = f"<caption>{escape(section.title)}</caption>" if caption else ""
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in section.notes)
    return (
        f'<div class="block"><div class="table-wrap"><table>{title}<thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody>{foot}</table></div>{notes}</div>"
    )


def _kpis(report: Report) -> str:
    t = report.total
    att = report.attendance
    b = report.bookings.total
    signs = share(sum(s.on_time for s in att.staff), sum(s.expected for s in att.staff))

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}%"

    cards = [
        (
            "办件总量",
            f"{report.departments.total}",
            f"审批 {report.departments.approval} · 服务 {report.departments.service}",
        ),
        ("取号人次", f"{t['issued']}", f"{report.open_days} 个工作日"),
        (
            f"{report.target_wait_min}分钟内叫号",
            pct(t["within_target_pct"]),
            f"等候中位数 {fmt(t['wait_p50_min'])} 分钟",
        ),
        ("满意率", pct(t["satisfaction_pct"]), f"评价 {t['ratings']} 件"),
        ("现场办结率", pct(t["onsite_pct"]), "即办件首次叫号办结"),
        ("只跑一次率", pct(report.run_once.rate_pct), f"实名 {report.run_once.episodes} 人·事项"),
        ("一日三签正常率", pct(signs), f"{len(att.staff)} 名工作人员"),
        ("预约履约率", pct(b.show_up_pct), f"预约 {b.booked} · 爽约 {b.no_show}"),
    ]
    return "".join(
        f'<div class="kpi"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}</div><div class="sub">{escape(sub)}</div></div>'
        for label, value, sub in cards
    )


def _honours(report: Report) -> str:
    def card(title: str, cls: str, items: list) -> str:
        lis = "".join(
            f"<li><b>{r.figures.window}号</b> {escape(r.figures.name)} "
            f'<span class="stars">{"★" * r.stars}</span> 得分 {r.score:.3f}</li>'
            for r in items
        )
        return f'<div class="honour {cls}"><h3>{title}</h3><ol>{lis or "<li>—</li>"}</ol></div>'

    return (
        '<div class="honours">'
        + card("三优窗口", "best", report.ranking.best)
        + card("三差窗口", "worst", report.ranking.worst)
        + "</div>"
    )


def _attention(section: Section) -> Section:
    """The staff with late or missing signs, most missing first (the 通报 list)."""
    late, missing = section.headers.index("迟到"), section.headers.index("缺签")
    rows = [r for r in section.rows if (r[late] or 0) or (r[missing] or 0)]
    rows.sort(key=lambda r: (-int(r[missing] or 0), -int(r[late] or 0), str(r[0])))
    note = f"共{len(rows)}人有迟到或缺签，按缺签、迟到次数列出前{min(len(rows), ATTENTION)}人。"
    return replace(section, rows=rows[:ATTENTION], total=None, notes=[*section.notes, note])


def _bookings(report: Report, s: dict[str, Section]) -> list[str]:
    """预约履约: the headline, the daily chart (when anything was booked) and the tables."""
    day = s["bookings"]
    parts = [
        '<h3 id="bookings">预约履约</h3>',
        f'<p class="headline">{escape(day.notes[0])}</p>',
    ]
    if report.bookings.total.booked:
        parts.append(_figure(charts.bookings(report)))
    return [
        *parts,
        _table(replace(day, notes=day.notes[1:])),
        _table(s["bookings_departments"], caption=True),
        f"<details><summary>{escape(s['bookings_matters'].title)}</summary>"
        f"{_table(s['bookings_matters'])}</details>",
    ]


def report_html(report: Report, sections: list[Section]) -> str:
    """The whole page; `sections` as made by `staff_sections.all_sections`."""
    s = {sec.key: sec for sec in sections}
    title = f"{report.hall} {report.period.label}政务服务统计报告"
    made = report.generated_at.astimezone(report.tz).strftime("%Y-%m-%d %H:%M")
    parts = [
        f"<header><h1>{escape(title)}</h1><p>统计期间：{escape(report.period.label)}"
        f"（{report.period.start} 至 {report.period.end}，开放 {report.open_days} 个工作日）"
        f" · 生成时间：{made} · 数据来源：HallQ 事件日志</p></header>",
        f'<section class="kpis">{_kpis(report)}</section>',
        f'<p class="headline">{escape(s["departments"].notes[0])}</p>',
        '<h2 id="departments">一、各窗口单位办件情况</h2>',
        '<div class="two">',
        _figure(charts.departments(report)),
        _table(s["departments"]),
        "</div>",
        '<h2 id="trend">二、办件走势与取号高峰</h2>',
        _figure(charts.daily(report)),
        _figure(charts.heatmap(report)),
        f'<p class="note">{escape(s["heatmap"].notes[0])}</p>',
        '<h2 id="quality">三、等候与服务质效</h2>',
        _figure(charts.waits(report)),
        _table(s["quality"]),
        '<h2 id="satisfaction">四、好差评</h2>',
        '<div class="two">',
        _figure(charts.ratings(report)),
        _table(s["satisfaction"]),
        "</div>",
        '<h2 id="green">五、绿色通道与预约</h2>',
        _table(s["green"]),
        *_bookings(report, s),
        '<h2 id="ranking">六、星级窗口与三优三差</h2>',
        _honours(report),
        _figure(charts.ranking(report)),
        _table(s["ranking"]),
        '<h2 id="attendance">七、一日三签考勤</h2>',
        _table(_attention(s["attendance"])),
        f"<details><summary>{escape(s['attendance_exceptions'].title)}"
        f"（{len(s['attendance_exceptions'].rows)}人次）</summary>"
        f"{_table(s['attendance_exceptions'])}</details>",
        f"<details><summary>{escape(s['attendance'].title)}（全部工作人员）</summary>"
        f"{_table(s['attendance'])}</details>",
        '<h2 id="appendix">附表</h2>',
        f"<details><summary>{escape(s['windows'].title)}</summary>{_table(s['windows'])}</details>",
        f"<details><summary>{escape(s['matters'].title)}</summary>{_table(s['matters'])}</details>",
        f"<details open><summary>{escape(s['overview'].title)}</summary>"
        f"{_table(s['overview'])}</details>",
        "<footer>各项指标的含义与计算公式见 docs/REPORTS.md。本页离线可用：图表库已内嵌。</footer>",
    ]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body><main>{''.join(parts)}</main></body></html>"
    )
