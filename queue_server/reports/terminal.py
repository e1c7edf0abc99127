"""The report in a terminal (rich tables) and as CSV text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from queue_server.reports.sections import Cell, Section

EXCEPTIONS_SHOWN = 30  # the terminal lists the first attendance exceptions only
_HEAT = ("", "on #fff3e0", "on #ffe0b2", "on #ffb74d", "on #fb8c00", "bold on #e65100")


def fmt(cell: Cell) -> str:
    """A cell as people read it: '—' for no data, one decimal for measures."""
    if cell is None:
        return "—"
    if isinstance(cell, float):
        return f"{cell:.1f}" if abs(cell * 10 - round(cell * 10)) < 1e-9 else f"{cell:.3f}"
    return str(cell)


def _numeric(rows: Sequence[Sequence[Cell]], col: int) -> bool:
    values = [r[col] for r in rows if col < len(r) and r[col] not in (None, "")]
    return bool(values) and all(isinstance(v, int | float) for v in values)


def section_table(section: Section) -> Table:
    """One section as a rich table; the heat map is shaded by intensity."""
    table = Table(title=section.title, title_style="bold", header_style="bold cyan")
    for i, header in enumerate(section.headers):
        table.add_column(header, justify="right" if _numeric(section.rows, i) else "left")
    rows = section.rows
    if section.key == "attendance_exceptions" and len(rows) > EXCEPTIONS_SHOWN:
        rows = rows[:EXCEPTIONS_SHOWN]
    peak = _peak(section) if section.key == "heatmap" else 0.0
    for row in rows:
        cells: list[str | Text] = [fmt(c) for c in row]
        if peak:
            cells = [cells[0]] + [
                Text(fmt(c), style=_HEAT[min(5, int(5 * float(c or 0) / peak + 0.999))])
                for c in row[1:]
            ]
        table.add_row(*cells)
    if section.total is not None:
        table.add_section()
        table.add_row(*(fmt(c) for c in section.total), style="bold")
    if len(rows) < len(section.rows):
        table.caption = f"…另有{len(section.rows) - len(rows)}行，完整明细请用 --format xlsx"
    return table


def _peak(section: Section) -> float:
    values = [float(c) for r in section.rows for c in r[1:] if isinstance(c, int | float)]
    return max(values, default=0.0)


def print_report(sections: list[Section], console: Console, *, title: str) -> None:
    console.rule(f"[bold]{title}")
    for section in sections:
        console.print(section_table(section))
        for note in section.notes:
            console.print(f"  [dim]{note}[/dim]")
        console.print()


def to_csv(sections: list[Section]) -> str:
    """One section: a plain CSV. Several: each titled 【…】 and separated by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, section in enumerate(sections):
        if len(sections) > 1:
            if i:
                writer.writerow([])
            writer.writerow([f"【{section.title}】"])
        writer.writerow(section.headers)
        writer.writerows([("" if c is None else c) for c in row] for row in section.rows)
        if section.total is not None:
            writer.writerow(["" if c is None else c for c in section.total])
    return out.getvalue()
