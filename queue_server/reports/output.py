"""Write a built report in the chosen format: terminal table, CSV, XLSX, HTML or JSON."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from rich.console import Console

from queue_server.config import HallConfig
from queue_server.reports.model import Report
from queue_server.reports.staff_sections import all_sections
from queue_server.reports.terminal import print_report, to_csv

log = logging.getLogger(__name__)


def default_out(report: Report, ext: str) -> Path:
    return Path(f"hallq-report-{report.period.start}_{report.period.end}.{ext}")


def write_report(
    report: Report,
    config: HallConfig,
    *,
    fmt: str,
    out: str | None = None,
    section: str | None = None,
) -> int:
    """Render `report` as `fmt` to `out` (stdout for table/csv/json without a file)."""
    sections = all_sections(report, config)
    if section:
        sections = [s for s in sections if s.key == section]
    title = f"{report.hall} · {report.period.label}"
    if fmt == "table":
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                print_report(sections, Console(file=fh, width=200, color_system=None), title=title)
        else:
            console = Console()
            if not console.is_terminal:  # piped: wide enough for every column
                console = Console(width=200)
            print_report(sections, console, title=title)
    elif fmt in ("csv", "json"):
        text = (
            to_csv(sections)
            if fmt == "csv"
            else json.dumps(report.to_dict(), ensure_ascii=False, indent=1, default=str)
        )
        if out:
            # The BOM lets Excel open a Chinese CSV as UTF-8.
            Path(out).write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        else:
            sys.stdout.write(text)
    elif fmt == "xlsx":
        from queue_server.reports.xlsx import write_xlsx

        path = Path(out) if out else default_out(report, "xlsx")
        write_xlsx(
            sections, path, caption=f"{title}（{report.period.start} 至 {report.period.end}）"
        )
        log.info("wrote %s", path)
    elif fmt == "html":
        from queue_server.reports.html import report_html

        path = Path(out) if out else default_out(report, "html")
        path.write_text(report_html(report, sections), encoding="utf-8")
        log.info("wrote %s (%.1f MB, plotly.js embedded)", path, path.stat().st_size / 1e6)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return 0
