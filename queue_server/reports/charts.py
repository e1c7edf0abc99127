"""Plotly figures of the HTML report (rendered by the plotly.js embedded in the page)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from queue_server.reports.figures import WEEKDAYS_ZH
from queue_server.reports.model import Report
from queue_server.stats import RATING_LEVELS, RATING_NAMES

FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
APPROVAL, SERVICE = "#1f5fa8", "#f39c12"
STAR_COLOURS = {5: "#1b7f3b", 4: "#5aa469", 3: "#9e9e9e", 2: "#e59866", 1: "#c0392b"}
RATING_COLOURS = {5: "#1b7f3b", 4: "#7cb342", 3: "#fbc02d", 2: "#ef6c00", 1: "#c62828"}


def _layout(fig: go.Figure, *, height: int, title: str = "", **extra: Any) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT, "size": 13},
        title={"text": title, "x": 0.01, "font": {"size": 15}} if title else None,
        height=height,
        margin={"l": 10, "r": 20, "t": 40 if title else 10, "b": 10},
        legend={"orientation": "h", "y": 1.08, "x": 0 if not title else 0.35},
        **extra,
    )
    return fig


def departments(report: Report) -> go.Figure:
    """办件 per department, approval and service stacked, largest first."""
    rows = sorted((r for r in report.departments.rows if r.total), key=lambda r: r.total)
    names = [r.name for r in rows]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=[r.approval for r in rows],
                name="行政审批类",
                orientation="h",
                marker_color=APPROVAL,
            ),
            go.Bar(
                y=names,
                x=[r.service for r in rows],
                name="服务类",
                orientation="h",
                marker_color=SERVICE,
                text=[r.total for r in rows],
                textposition="outside",
            ),
        ]
    )
    fig.update_traces(cliponaxis=False)
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(range=[0, max((r.total for r in rows), default=1) * 1.12])
    _layout(fig, height=max(320, 24 * len(rows) + 80), barmode="stack")
    return fig.update_layout(legend_traceorder="normal")


def daily(report: Report) -> go.Figure:
    """Tickets issued and services finished per hall day."""
    days = list(report.heatmap.daily)
    fig = go.Figure(
        [
            go.Bar(
                x=days,
                y=[report.heatmap.daily[d]["issued"] for d in days],
                name="取号",
                marker_color="#90caf9",
            ),
            go.Scatter(
                x=days,
                y=[report.heatmap.daily[d]["served"] for d in days],
                name="办结",
                mode="lines+markers",
                line={"color": APPROVAL, "width": 2},
            ),
        ]
    )
    fig.update_xaxes(type="category", tickangle=-45)
    return _layout(fig, height=340, title="每日取号与办结（人次）")


def heatmap(report: Report) -> go.Figure:
    """Average tickets issued per hour on each weekday."""
    h = report.heatmap
    hours = h.hours()
    days = [d for d in range(7) if h.days[d]]
    z = [[h.average(d, hr) for hr in hours] for d in days]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[f"{hr}:00" for hr in hours],
            y=[WEEKDAYS_ZH[d] for d in days],
            colorscale="YlOrRd",
            text=[[f"{v:.1f}" if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="%{y} %{x}：日均取号 %{z} 人<extra></extra>",
            colorbar={"title": {"text": "日均人次"}},
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=110 + 44 * max(1, len(days)), title="取号热力图：各时段日均取号人次")


def ratings(report: Report) -> go.Figure:
    """The 好差评 distribution over the five national levels."""
    t = report.total
    fig = go.Figure(
        go.Bar(
            x=[RATING_NAMES[r] for r in RATING_LEVELS],
            y=[t[f"rating_{r}"] for r in RATING_LEVELS],
            marker_color=[RATING_COLOURS[r] for r in RATING_LEVELS],
            text=[t[f"rating_{r}"] for r in RATING_LEVELS],
            textposition="outside",
        )
    )
    fig.update_yaxes(title_text="件数")
    return _layout(fig, height=320, showlegend=False)


def waits(report: Report) -> go.Figure:
    """Median and 90th-percentile wait per department, against the hall's target."""
    rows = [r for r in report.summary["by_department"] if r["called"]]
    rows.sort(key=lambda r: -(r["wait_p90_min"] or 0))
    names = [r["name"] for r in rows]
    fig = go.Figure(
        [
            go.Bar(
                x=names,
                y=[r["wait_p50_min"] for r in rows],
                name="等候中位数",
                marker_color="#64b5f6",
            ),
            go.Bar(
                x=names, y=[r["wait_p90_min"] for r in rows], name="等候P90", marker_color="#1565c0"
            ),
        ]
    )
    fig.add_hline(
        y=report.target_wait_min,
        line_dash="dash",
        line_color="#c0392b",
        annotation_text=f"目标 {report.target_wait_min} 分钟",
    )
    fig.update_xaxes(tickangle=-40)
    fig.update_yaxes(title_text="分钟")
    return _layout(fig, height=380, barmode="group")


def ranking(report: Report) -> go.Figure:
    """Composite score per ranked window, coloured by stars."""
    ranked = list(reversed(report.ranking.ranked))
    labels = [f"{r.figures.window}号 {r.figures.name}" for r in ranked]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[r.score for r in ranked],
            orientation="h",
            marker_color=[STAR_COLOURS[r.stars] for r in ranked],
            text=["★" * r.stars + (f"  {r.label}" if r.label else "") for r in ranked],
            textposition="outside",
            hovertemplate="%{y}<br>综合得分 %{x}<extra></extra>",
        )
    )
    scores = [r.score for r in ranked] or [0.0]
    low, high = min(0.0, min(scores)), max(0.0, max(scores))
    pad = 0.35 * (high - low or 1.0)  # room for the stars and 三优/三差 beside the bars
    fig.update_traces(cliponaxis=False)
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(
        title_text="综合得分（加权z分）",
        zeroline=True,
        zerolinecolor="#666",
        range=[low - (pad if low < 0 else 0), high + pad],
    )
    return _layout(fig, height=max(320, 22 * len(ranked) + 80), showlegend=False)


def bookings(report: Report) -> go.Figure:
    """Bookings per day by what became of them, with the show-up rate (履约率) on the right."""
    rows = report.bookings.by_day
    days = [r.key for r in rows]
    parts = (
        ("按时签到", "#1b7f3b", [r.counts.checked_in - r.counts.late for r in rows]),
        ("迟到签到", "#7cb342", [r.counts.late for r in rows]),
        ("爽约", "#c62828", [r.counts.no_show for r in rows]),
        ("已取消", "#9e9e9e", [r.counts.cancelled for r in rows]),
        ("待签到", "#90caf9", [r.counts.pending for r in rows]),
    )
    fig = go.Figure(
        [go.Bar(x=days, y=values, name=name, marker_color=colour) for name, colour, values in parts]
    )
    fig.add_trace(
        go.Scatter(
            x=days,
            y=[r.counts.show_up_pct for r in rows],
            name="履约率%",
            mode="lines+markers",
            yaxis="y2",
            line={"color": APPROVAL, "width": 2},
        )
    )
    fig.update_xaxes(type="category", tickangle=-45)
    fig.update_yaxes(title_text="预约（个）")
    return _layout(
        fig,
        height=340,
        title="每日预约履约情况",
        barmode="stack",
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "tickvals": [0, 25, 50, 75, 100],
            "showgrid": False,
            "title": "履约率%",
        },
        legend_traceorder="normal",
    )
