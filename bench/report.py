"""Machine facts, the targets of issue #7, and the rich tables of `python -m bench`."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import sys
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Target:
    key: str
    limit: float
    higher_is_better: bool
    text: str

    def met(self, value: float) -> bool | None:
        if value is None or math.isnan(value):
            return None
        return value >= self.limit if self.higher_is_better else value <= self.limit


TARGETS = (
    Target("server.cycles_per_s", 500, True, "≥ 500 cycles/s (SQLite, FULL)"),
    Target("server.normal.cycles_per_s", 500, True, "≥ 500 cycles/s (SQLite, NORMAL)"),
    Target("server.call_next_p99_ms", 25, False, "< 25 ms, 120 windows + 40 kiosks"),
    Target("fanout.p99_ms", 100, False, "< 100 ms to 500 subscribers"),
    Target("slip.render_ms", 30, False, "< 30 ms"),
    Target("simulate.day_s", 10, False, "< 10 s"),
    Target("simulate.estimate_mae_min", 4, False, "< 4 min"),
    Target("simulate.erlang_ratio_comprehensive", 1.3, False, "≤ 1.3 (stationary M/M/c)"),
    Target("simulate.erlang_ratio_comprehensive_hourly", 1.3, False, "≤ 1.3 (hourly M/M/c)"),
)

UNITS = {
    "_per_s": "/s",
    "_ms": "ms",
    "_s": "s",
    "_min": "min",
    "_pct": "%",
    "_cpu": "CPU s/s",
    "_bytes": "B",
    "_px": "px",
}


def load_average() -> float:
    return os.getloadavg()[0]


def machine_facts(pg_url: str | None) -> dict[str, Any]:
    """Cores, Python, SQLite, PostgreSQL (when reachable), load average now."""
    facts: dict[str, Any] = {
        "machine.cores": float(os.cpu_count() or 0),
        "machine.cores_usable": float(len(os.sched_getaffinity(0))),
        "machine.python": platform.python_version(),
        "machine.implementation": sys.implementation.name,
        "machine.sqlite": sqlite3.sqlite_version,
        "machine.platform": platform.platform(terse=True),
        "machine.load_1m_start": load_average(),
    }
    if pg_url:
        facts.update(_pg_facts(pg_url))
    return facts


def _pg_facts(pg_url: str) -> dict[str, Any]:
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(pg_url)
        with engine.connect() as conn:
            version = conn.execute(sa.text("SHOW server_version")).scalar_one()
            fsync = conn.execute(sa.text("SHOW fsync")).scalar_one()
        engine.dispose()
    except sa.exc.SQLAlchemyError as exc:
        return {"machine.postgresql": f"unreachable ({type(exc).__name__})"}
    return {"machine.postgresql": str(version), "machine.postgresql_fsync": str(fsync)}


def unit_of(key: str) -> str:
    for suffix, unit in UNITS.items():
        if key.endswith(suffix):
            return unit
    return ""


def fmt(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3g}"
    return str(value)


def print_tables(figures: dict[str, Any], console: Console | None = None) -> None:
    """The machine, every figure, and the targets with met / not met."""
    console = console or Console()
    machine = Table(title="machine")
    machine.add_column("fact")
    machine.add_column("value")
    for key, value in figures.items():
        if key.startswith(("machine.", "run.")):
            machine.add_row(key, fmt(value))
    console.print(machine)
    table = Table(title="figures")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for key, value in figures.items():
        if not key.startswith(("machine.", "run.")):
            table.add_row(key, fmt(value), unit_of(key))
    console.print(table)
    targets = Table(title="targets (issue #7)")
    for name in ("figure", "value", "target", "met"):
        targets.add_column(name)
    for t in TARGETS:
        value = figures.get(t.key)
        if value is None:
            continue
        met = t.met(value)
        mark = "—" if met is None else ("[green]yes[/green]" if met else "[red]no[/red]")
        targets.add_row(t.key, fmt(value), t.text, mark)
    console.print(targets)
