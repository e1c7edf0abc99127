"""The counter console's rules without Qt: which actions make sense, keys, dates, sign-ins.

Action labels and reasons are English source texts marked for translation; the Chinese is
in `assets/i18n/counter_zh_CN.ts`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from counter_display.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

ACTIONS = (
    "call_next",
    "recall",
    "no_show",
    "suspend",
    "transfer",
    "complete",
    "pause",
    "resume",
)
DEFAULT_KEYS: dict[str, str] = {f"F{i}": action for i, action in enumerate(ACTIONS, 1)}
ACTION_LABELS: dict[str, str] = {
    "call_next": QT_TRANSLATE_NOOP("Counter", "Call next"),
    "recall": QT_TRANSLATE_NOOP("Counter", "Recall"),
    "no_show": QT_TRANSLATE_NOOP("Counter", "No-show"),
    "suspend": QT_TRANSLATE_NOOP("Counter", "Suspend"),
    "transfer": QT_TRANSLATE_NOOP("Counter", "Transfer"),
    "complete": QT_TRANSLATE_NOOP("Counter", "Complete"),
    "pause": QT_TRANSLATE_NOOP("Counter", "Pause"),
    "resume": QT_TRANSLATE_NOOP("Counter", "Resume"),
}


@dataclass(frozen=True)
class Outcome:
    """A way a service ends (the `outcome` of POST /windows/{n}/complete)."""

    code: str
    label: str
    hint: str
    needs_materials: bool = False
    promises_date: bool = False


OUTCOMES = (
    Outcome(
        "done",
        QT_TRANSLATE_NOOP("Counter", "Done"),
        QT_TRANSLATE_NOOP("Counter", "Finished on the spot"),
    ),
    Outcome(
        "accepted",
        QT_TRANSLATE_NOOP("Counter", "Accepted"),
        QT_TRANSLATE_NOOP("Counter", "Application accepted; result by the promised date"),
        promises_date=True,
    ),
    Outcome(
        "needs_more",
        QT_TRANSLATE_NOOP("Counter", "Needs materials"),
        QT_TRANSLATE_NOOP("Counter", "Tick the missing materials; a notice prints"),
        needs_materials=True,
    ),
    Outcome(
        "rejected",
        QT_TRANSLATE_NOOP("Counter", "Not accepted"),
        QT_TRANSLATE_NOOP("Counter", "The application cannot be accepted"),
    ),
    Outcome(
        "consulted",
        QT_TRANSLATE_NOOP("Counter", "Enquiry"),
        QT_TRANSLATE_NOOP("Counter", "Information given only"),
    ),
)
PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("Counter", "Lunch break"),
    QT_TRANSLATE_NOOP("Counter", "Meeting"),
    QT_TRANSLATE_NOOP("Counter", "Away for a moment"),
    QT_TRANSLATE_NOOP("Counter", "Training"),
    QT_TRANSLATE_NOOP("Counter", "System maintenance"),
)
# 一日三签: the sign-in of the morning, around noon, and of the afternoon (hall time).
SIGNIN_SLOTS = (
    ("morning", QT_TRANSLATE_NOOP("Counter", "Morning"), time(0, 0)),
    ("noon", QT_TRANSLATE_NOOP("Counter", "Noon"), time(11, 0)),
    ("afternoon", QT_TRANSLATE_NOOP("Counter", "Afternoon"), time(14, 30)),
)


def outcome(code: str) -> Outcome:
    """The outcome with this code."""
    return next(o for o in OUTCOMES if o.code == code)


def enabled_actions(
    *, signed_in: bool, busy: bool, window_status: str | None, ticket_status: str | None
) -> frozenset[str]:
    """The actions that make sense now; none while a request is in flight."""
    if not signed_in or busy or window_status in (None, "closed"):
        return frozenset()
    if window_status == "paused":
        return frozenset({"resume"})
    if ticket_status == "called":
        return frozenset({"recall", "no_show", "suspend", "transfer", "complete"})
    if ticket_status == "serving":
        return frozenset({"suspend", "transfer", "complete"})
    return frozenset({"call_next", "pause"})


def key_map(configured: Mapping[str, str] | None = None) -> dict[str, str]:
    """Key name → action: F1–F8 by default, then the hall's `[keys]` (unknown actions skipped)."""
    keys = dict(DEFAULT_KEYS)
    for name, action in (configured or {}).items():
        if action not in ACTIONS:
            log.warning("[keys] %s = %r is not a console action; ignored", name, action)
            continue
        keys[name] = action
    return keys


def keys_of(action: str, keys: Mapping[str, str]) -> list[str]:
    """The key names bound to `action`, F-keys first."""
    names = [k for k, a in keys.items() if a == action]
    return sorted(names, key=lambda k: (not k.startswith("F"), len(k), k))


def signin_slots(times: Collection[datetime], tz: tzinfo) -> dict[str, time | None]:
    """Today's sign-ins as morning / noon / afternoon → the first sign-in time in that slot."""
    slots: dict[str, time | None] = {code: None for code, _, _ in SIGNIN_SLOTS}
    for moment in sorted(times):
        local = moment.astimezone(tz).time() if moment.tzinfo else moment.time()
        code = [c for c, _, start in SIGNIN_SLOTS if local >= start][-1]
        if slots[code] is None:
            slots[code] = local.replace(second=0, microsecond=0)
    return slots


def is_workday(day: date, *, holidays: Collection[date], extra_workdays: Collection[date]) -> bool:
    """Mon–Fri except holidays, plus the weekend days worked (调休)."""
    if day in extra_workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def promised_date(
    start: date,
    days: int,
    *,
    holidays: Collection[date] = (),
    extra_workdays: Collection[date] = (),
) -> date:
    """The day a promised matter (承诺件) is due: `days` working days after `start`."""
    day, left = start, max(0, days)
    while left:
        day += timedelta(days=1)
        if is_workday(day, holidays=holidays, extra_workdays=extra_workdays):
            left -= 1
    return day


def waited_minutes(issued_at: datetime | None, until: datetime | None) -> int | None:
    """Whole minutes between taking the ticket and being called (None when unknown)."""
    if issued_at is None or until is None:
        return None
    return max(0, int((until - issued_at).total_seconds() // 60))


DONE_TEXTS = {
    "call_next": QT_TRANSLATE_NOOP("Counter", "Called %1"),
    "recall": QT_TRANSLATE_NOOP("Counter", "Called %1 again"),
    "no_show": QT_TRANSLATE_NOOP("Counter", "%1 marked as no-show"),
    "suspend": QT_TRANSLATE_NOOP("Counter", "%1 suspended until the citizen is back"),
    "transfer": QT_TRANSLATE_NOOP("Counter", "%1 transferred"),
    "complete": QT_TRANSLATE_NOOP("Counter", "%1 completed"),
    "pause": QT_TRANSLATE_NOOP("Counter", "Service paused"),
    "resume": QT_TRANSLATE_NOOP("Counter", "Service resumed"),
}


def why_not(action: str, window_status: str | None, has_ticket: bool) -> str:
    """Why `action` cannot be done now (a source text; the console shows it in both languages)."""
    if window_status == "paused" and action != "resume":
        return QT_TRANSLATE_NOOP("Counter", "The window is paused; resume it first.")
    if action == "resume":
        return QT_TRANSLATE_NOOP("Counter", "The window is not paused.")
    if has_ticket:
        return QT_TRANSLATE_NOOP(
            "Counter", "Finish the current ticket first (complete, no-show, suspend or transfer)."
        )
    return QT_TRANSLATE_NOOP("Counter", "This window has no ticket in hand.")
