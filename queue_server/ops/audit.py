"""`hallq audit --day`: replay the event log and check the tickets and windows tables by it.

The log is read once, in `seq` order and in batches, never written (SQLite is opened
read-only). Tickets issued on the hall day are followed through every later event of theirs;
windows are replayed from the start of the log, because a window opened yesterday may still be
open. The tables must then say what the replay says: tickets (status, window, matter, calls,
recalls, outcome, rated) and windows (status, ticket in hand).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from queue_server.adapters import tables as t
from queue_server.adapters.repository import event_from_row, from_db
from queue_server.config import HallConfig
from queue_server.domain.model import Ticket, WindowState
from queue_server.ops.common import open_engine
from queue_server.ops.replay import Finding, Replay

BATCH = 5000
# Ticket column → how the replayed ticket says it.
TICKET_FIELDS: tuple[tuple[str, Callable[[Ticket], Any]], ...] = (
    ("status", lambda tk: tk.status.value),
    ("window_no", lambda tk: tk.window),
    ("matter", lambda tk: tk.matter),
    ("calls", lambda tk: tk.calls),
    ("recalls", lambda tk: tk.recalls),
    ("outcome", lambda tk: tk.outcome.value if tk.outcome else None),
    ("rated", lambda tk: tk.rated),
    ("green_category", lambda tk: tk.green_category),
)
WINDOW_FIELDS: tuple[tuple[str, Callable[[WindowState], Any]], ...] = (
    ("status", lambda w: w.status.value),
    ("current", lambda w: w.current),
)


@dataclass(frozen=True)
class Report:
    """The outcome of auditing one hall day."""

    day: date
    events: int
    tickets: int
    windows: int
    findings: list[Finding]

    @property
    def clean(self) -> bool:
        return not self.findings


def day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The hall day `day` as [start, end) in UTC."""
    tz = ZoneInfo(timezone)
    start = datetime.combine(day, time.min, tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def audit(url: str, config: HallConfig, day: date) -> Report:
    """Replay the log into ticket and window states; list where the tables disagree."""
    start, end = day_bounds(day, config.hall.timezone)
    replay = Replay(start=start, end=end, max_recalls=config.hall.max_recalls)
    engine = open_engine(url, read_only=True)
    try:
        with engine.connect() as conn:
            _feed(conn, replay)
            ticket_rows = conn.execute(select(t.tickets).where(t.tickets.c.day == day))
            tickets = [dict(r._mapping) for r in ticket_rows]
            windows = [dict(r._mapping) for r in conn.execute(select(t.windows))]
    finally:
        engine.dispose()
    findings = [
        *replay.findings,
        *compare_tickets(replay, tickets),
        *compare_windows(replay, windows),
    ]
    return Report(day, replay.events_of_day, len(replay.tickets), len(windows), findings)


def _feed(conn: Connection, replay: Replay) -> None:
    last = 0
    while True:
        rows = conn.execute(
            select(t.events).where(t.events.c.seq > last).order_by(t.events.c.seq).limit(BATCH)
        ).all()
        for row in rows:
            try:
                event = event_from_row(row)
            except ValueError:  # a type the model does not know: the row was written by hand
                at = from_db(row._mapping["at"])
                replay.unreadable(int(row._mapping["seq"]), at, str(row._mapping["type"]))
                continue
            replay.feed(event)
        if len(rows) < BATCH:
            return
        last = int(rows[-1]._mapping["seq"])


def compare_tickets(replay: Replay, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for row in rows:
        token = row["token"]
        seen.add(token)
        ticket = replay.tickets.get(token)
        subject = f"ticket {row['number']}"
        if ticket is None:
            found.append(
                Finding(subject, "in the table, never issued in the log / 数据表中有、日志中无")
            )
            continue
        if replay.is_broken(token):
            continue  # already reported where the log broke the rules
        found += _differences(subject, ticket, row, TICKET_FIELDS)
    for token, ticket in replay.tickets.items():
        if token not in seen:
            missing = "issued in the log, missing from the table / 数据表缺失"
            found.append(Finding(f"ticket {ticket.number}", missing))
    return found


def compare_windows(replay: Replay, rows: Iterable[Mapping[str, Any]]) -> list[Finding]:
    found: list[Finding] = []
    for row in rows:
        state = replay.window(int(row["number"]))
        found += _differences(f"window {row['number']}", state, row, WINDOW_FIELDS)
    return found


def _differences(
    subject: str,
    replayed: Any,
    row: Mapping[str, Any],
    fields: tuple[tuple[str, Callable[[Any], Any]], ...],
) -> list[Finding]:
    out = []
    for column, value_of in fields:
        want, have = value_of(replayed), row[column]
        if isinstance(want, bool):
            have = bool(have)
        if want != have:
            out.append(
                Finding(
                    subject,
                    f"{column} differs from the replayed log / 与日志重放结果不一致",
                    log=f"{column}={want!r}",
                    table=f"{column}={have!r}",
                )
            )
    return out
