"""The report as an Excel workbook (openpyxl): one sheet per section, Chinese headers, totals."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from queue_server.reports.sections import Cell, Section

_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Microsoft YaHei"  # present on the hall's Windows PCs; others fall back
SHEET_NAMES = {
    "overview": "概览",
    "departments": "部门办件",
    "windows": "窗口统计",
    "matters": "事项统计",
    "quality": "服务质效",
    "satisfaction": "好差评",
    "green": "绿色通道与预约",
    "bookings": "预约履约（按日）",
    "bookings_departments": "预约履约（按单位）",
    "bookings_matters": "预约履约（按事项）",
    "heatmap": "取号热力图",
    "ranking": "星级窗口",
    "attendance": "一日三签",
    "attendance_exceptions": "考勤异常",
}


def _width(value: Cell) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet(ws: Worksheet, section: Section, *, caption: str) -> None:
    ncols = len(section.headers)
    ws.append([section.title])
    ws.cell(1, 1).font = Font(name=_FONT, bold=True, size=14)
    ws.append([caption])
    ws.cell(2, 1).font = Font(name=_FONT, color="666666", size=9)
    ws.append(section.headers)
    header_row = ws.max_row
    for col in range(1, ncols + 1):
        c = ws.cell(header_row, col)
        c.font = Font(name=_FONT, bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in section.rows:
        ws.append(list(row))
    last_data = ws.max_row
    if section.total is not None:
        ws.append(list(section.total))
        for col in range(1, ncols + 1):
            c = ws.cell(ws.max_row, col)
            c.font = Font(name=_FONT, bold=True)
            c.fill = _TOTAL_FILL
    table_end = ws.max_row
    for r in range(header_row, table_end + 1):
        for col in range(1, ncols + 1):
            c = ws.cell(r, col)
            c.border = _BORDER
            if r > header_row:
                if c.font.name != _FONT:
                    c.font = Font(name=_FONT, bold=c.font.bold)
                if isinstance(c.value, float):
                    c.number_format = "0.0##"
    for note in section.notes:
        ws.append([])
        ws.append([note])
        ws.cell(ws.max_row, 1).font = Font(name=_FONT, color="444444")
    for col in range(1, ncols + 1):
        cells = [section.headers[col - 1]] + [r[col - 1] for r in section.rows if col <= len(r)]
        width = max((_width(v) for v in cells), default=8)
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 48)
    ws.freeze_panes = ws.cell(header_row + 1, 2 if ncols > 2 else 1)
    if section.key == "heatmap" and section.rows:
        area = f"B{header_row + 1}:{get_column_letter(ncols)}{last_data}"
        ws.conditional_formatting.add(
            area,
            ColorScaleRule(
                start_type="min",
                start_color="FFFFFF",
                mid_type="percentile",
                mid_value=50,
                mid_color="FFD180",
                end_type="max",
                end_color="E65100",
            ),
        )


def write_xlsx(sections: list[Section], path: Path, *, caption: str) -> None:
    """Write the workbook; `caption` (hall and period) goes under each sheet's title."""
    wb = Workbook()
    first = True
    for section in sections:
        name = SHEET_NAMES.get(section.key, section.title)[:31]
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = name
        first = False
        _sheet(ws, section, caption=caption)
    wb.save(path)
