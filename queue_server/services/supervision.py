"""The live supervision dashboard (`/admin`): per zone waiting and the longest wait, windows,
open follow-ups, printer faults and calls for help, with the alerts they raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from queue_server.adapters.operations import Operations
from queue_server.domain.model import WindowStatus
from queue_server.hall import Hall
from queue_server.services.followups import ensure_synced
from queue_server.services.help import HelpCall, open_calls, reminder_settings

MAX_FAULTS = 20


@dataclass(frozen=True)
class Fault:
    seq: int
    at: datetime
    actor: str
    zone: str | None
    printer: str
    reason: str
    message: str


@dataclass(frozen=True)
class ZoneFigures:
    code: str
    prefix: str
    name: str
    name_en: str
    waiting: int
    oldest_since: datetime | None
    longest_wait_s: int
    longest_wait_min: int
    windows_open: int
    windows_paused: int
    windows_closed: int
    followups_open: int
    followups_overdue: int
    printer_faults: int
    long_wait: bool
    help_calls: int = 0


@dataclass(frozen=True)
class WindowFigures:
    number: int
    name: str
    name_en: str
    zone: str
    status: str
    staff_id: str | None
    staff_name: str | None
    pause_reason: str
    current: str | None


@dataclass(frozen=True)
class Alert:
    kind: str  # long_wait | printer_fault | followup_overdue | help_call
    zone: str | None = None
    minutes: int | None = None
    count: int | None = None
    fault: Fault | None = None
    help_call: HelpCall | None = None
    overdue: bool | None = None  # help_call: waiting `help_overdue_s` or longer
    message: str | None = None  # help_call: the alert in words, English
    message_zh: str | None = None  # help_call: the alert in words, Chinese


@dataclass(frozen=True)
class Overview:
    at: datetime
    seq: int
    target_wait_min: int
    wait_alert_min: float
    zones: list[ZoneFigures]
    windows: list[WindowFigures]
    followups_open: int
    followups_overdue: int
    printer_faults: list[Fault]
    alerts: list[Alert] = field(default_factory=list)
    help_calls: list[HelpCall] = field(default_factory=list)
    help_remind_s: int = 0
    help_overdue_s: int = 0


def _wait_words(seconds: int) -> tuple[str, str]:
    """A wait in words: (English, Chinese)."""
    if seconds < 60:
        return f"{seconds} s", f"{seconds} 秒"
    return f"{seconds // 60} min", f"{seconds // 60} 分钟"


def help_alert(hall: Hall, call: HelpCall, *, overdue_s: int) -> Alert:
    """The alert of an open call for help, marked overdue (in words too) from `overdue_s`."""
    zone = hall.config.zone(call.zone) if call.zone else None
    where = zone.name_en if zone else "Hall"
    where_zh = zone.name if zone else "大厅"
    wait, wait_zh = _wait_words(call.waited_s)
    overdue = call.waited_s >= overdue_s
    return Alert(
        kind="help_call",
        zone=call.zone,
        minutes=call.waited_s // 60,
        help_call=call,
        overdue=overdue,
        message=f"{where} · kiosk {call.device}: a citizen is calling for staff, waiting {wait}"
        + (" — overdue" if overdue else ""),
        message_zh=f"{where_zh} · 取号机 {call.device}：市民呼叫工作人员，已等候 {wait_zh}"
        + ("，超时未处理" if overdue else ""),
    )


def overview(hall: Hall) -> Overview:
    """The hall floor now. `seq` is read first, so the figures are at least that new."""
    ensure_synced(hall)
    cfg = hall.config
    now = hall.now()
    day = hall.schedule.hall_day(now)
    threshold = cfg.supervision.wait_alert_min or float(cfg.hall.target_wait_min)
    since = now - timedelta(minutes=cfg.supervision.fault_window_min)
    with hall.uow(write=False) as uow:
        ops = Operations(uow.conn)
        seq = uow.events.last_seq()
        states = {s.number: s for s in uow.windows.all()}
        in_hand = uow.tickets.in_hand()
        waiting = ops.floor.waiting_by_zone(day)
        follow = ops.followups.open_by_zone(now)
        fault_events = ops.floor.events_of_type("printer.fault", since=since, limit=MAX_FAULTS)
        calls = open_calls(ops, now=now, since=since)
    device_zone = {f"device:{d.id}": d.zone or None for d in cfg.devices}
    faults = [
        Fault(
            seq=e.seq or 0,
            at=e.at,
            actor=e.actor,
            zone=device_zone.get(e.actor),
            printer=str(e.data.get("printer", "")),
            reason=str(e.data.get("reason", "")),
            message=str(e.data.get("message", "")),
        )
        for e in fault_events
    ]
    windows = []
    for w in cfg.windows:
        state = states.get(w.number)
        staff = cfg.staff_member(state.staff_id) if state and state.staff_id else None
        current = in_hand.get(w.number)
        windows.append(
            WindowFigures(
                number=w.number,
                name=w.name,
                name_en=w.name_en,
                zone=w.zone,
                status=(state.status if state else WindowStatus.CLOSED).value,
                staff_id=state.staff_id if state else None,
                staff_name=staff.name if staff else None,
                pause_reason=state.pause_reason if state else "",
                current=current.number if current else None,
            )
        )
    zones = []
    alerts = []
    for z in cfg.zones:
        count, oldest = waiting.get(z.code, (0, None))
        waited = max(0, int((now - oldest).total_seconds())) if count and oldest else 0
        mine = [w for w in windows if w.zone == z.code]
        opened, overdue = follow.get(z.code, (0, 0))
        long_wait = count > 0 and waited >= threshold * 60
        zones.append(
            ZoneFigures(
                code=z.code,
                prefix=z.prefix,
                name=z.name,
                name_en=z.name_en,
                waiting=count,
                oldest_since=oldest if count else None,
                longest_wait_s=waited,
                longest_wait_min=waited // 60,
                windows_open=sum(1 for w in mine if w.status == WindowStatus.OPEN.value),
                windows_paused=sum(1 for w in mine if w.status == WindowStatus.PAUSED.value),
                windows_closed=sum(1 for w in mine if w.status == WindowStatus.CLOSED.value),
                followups_open=opened,
                followups_overdue=overdue,
                printer_faults=sum(1 for f in faults if f.zone == z.code),
                long_wait=long_wait,
                help_calls=sum(1 for c in calls if c.zone == z.code),
            )
        )
        if long_wait:
            alerts.append(Alert(kind="long_wait", zone=z.code, minutes=waited // 60))
    remind_s, overdue_s = reminder_settings(hall)
    alerts += [help_alert(hall, c, overdue_s=overdue_s) for c in calls]
    alerts += [Alert(kind="printer_fault", zone=f.zone, fault=f) for f in faults]
    overdue_total = sum(o for _, o in follow.values())
    if overdue_total:
        alerts.append(Alert(kind="followup_overdue", count=overdue_total))
    return Overview(
        at=now,
        seq=seq,
        target_wait_min=cfg.hall.target_wait_min,
        wait_alert_min=threshold,
        zones=zones,
        windows=windows,
        followups_open=sum(n for n, _ in follow.values()),
        followups_overdue=overdue_total,
        printer_faults=faults,
        alerts=alerts,
        help_calls=calls,
        help_remind_s=remind_s,
        help_overdue_s=overdue_s,
    )
