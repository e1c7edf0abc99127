"""Read models: the catalogue with live waits, and the hall state for displays."""

from __future__ import annotations

from collections import Counter
from typing import Any

from queue_server.domain.dispatch import queue_order
from queue_server.domain.estimate import tickets_ahead
from queue_server.domain.model import Ticket, WindowStatus
from queue_server.hall import Hall
from queue_server.services import waits

RECENT_CALLS = 12


def catalog(hall: Hall) -> dict[str, Any]:
    """Zones, departments, matters with guide + live waiting + estimate, windows."""
    cfg = hall.config
    now = hall.now()
    day = hall.schedule.hall_day(now)
    with hall.uow(write=False) as uow:
        waiting = uow.tickets.waiting(day)
        states = {s.number: s for s in uow.windows.all()}
        load = waits.read_load(uow, hall.window_numbers())
        minutes = waits.typical_minutes(hall, uow, [m.code for m in cfg.matters])
    untargeted = Counter(t.matter for t in waiting if t.target_window is None)
    matters = []
    for m in cfg.matters:
        pool = hall.pools[m.code]
        probe = Ticket(day=day, number="~", token="~", matter=m.code, zone=m.zone, issued_at=now)
        ahead = tickets_ahead(probe, waiting, pool, now, hall.policy)
        est = waits.wait_minutes(
            hall,
            load,
            m.code,
            windows=waits.serving_windows(hall, load, m.code),
            ahead=Counter(t.matter for t in ahead if t.target_window is None),
            waiting={x: untargeted[x] for x in pool.matters},
            now=now,
            minutes=minutes,
        )
        matters.append(
            {
                **m.model_dump(mode="json"),
                "windows": hall.windows_of[m.code],
                "waiting": sum(1 for t in waiting if t.matter == m.code),
                "waiting_ahead": len(ahead),
                "estimated_wait_min": round(est),
            }
        )
    return {
        "hall": {
            "name": cfg.hall.name,
            "name_en": cfg.hall.name_en,
            "timezone": cfg.hall.timezone,
            "notice": cfg.hall.notice,
            "notice_en": cfg.hall.notice_en,
            "issuing": hall.open_all_hours or hall.schedule.issuing(now),
            "next_opening": _iso(hall.schedule.next_opening(now)),
        },
        "zones": [z.model_dump(mode="json") for z in cfg.zones],
        "departments": [d.model_dump(mode="json") for d in cfg.departments],
        "matters": matters,
        "windows": [
            {**w.model_dump(mode="json"), "status": _status(states, w.number).value}
            for w in cfg.windows
        ],
    }


def _status(states: dict[int, Any], number: int) -> WindowStatus:
    state = states.get(number)
    return state.status if state else WindowStatus.CLOSED


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def hall_state(hall: Hall, zone: str | None = None) -> dict[str, Any]:
    """Snapshot for displays. `seq` is read first, so the snapshot is at least that new."""
    day = hall.schedule.hall_day(hall.now())
    with hall.uow(write=False) as uow:
        seq = uow.events.last_seq()
        states = {s.number: s for s in uow.windows.all()}
        in_hand = uow.tickets.in_hand()
        calls = uow.events.recent_calls(RECENT_CALLS, hall.schedule.day_start(day), zone)
        waiting = uow.tickets.waiting_counts(day)
    windows = []
    for w in hall.config.windows:
        if zone and w.zone != zone:
            continue
        current = in_hand.get(w.number)
        windows.append(
            {
                "number": w.number,
                "name": w.name,
                "name_en": w.name_en,
                "zone": w.zone,
                "status": _status(states, w.number).value,
                "pause_reason": states[w.number].pause_reason if w.number in states else "",
                "current": current.number if current else None,
                "current_status": current.status.value if current else None,
            }
        )
    zones = [z.code for z in hall.config.zones if not zone or z.code == zone]
    return {
        "seq": seq,
        "calls": [
            {
                "seq": e.seq,
                "type": e.type,
                "number": e.ticket,
                "window": e.window,
                "matter": e.matter,
                "zone": e.zone,
                "at": e.at.isoformat(),
            }
            for e in calls
        ],
        "windows": windows,
        "waiting": {z: waiting.get(z, 0) for z in zones},
    }


def window_view(hall: Hall, number: int) -> dict[str, Any]:
    """What the counter console shows: state, ticket in hand, waiting for me, served today."""
    now = hall.now()
    day = hall.schedule.hall_day(now)
    profile = hall.profiles[number]
    with hall.uow(write=False) as uow:
        state = uow.windows.get(number)
        current = uow.tickets.by_token(state.current) if state.current else None
        waiting = uow.tickets.waiting(day, profile.matters)
        served = uow.tickets.served_count(day, number)
    return {
        "number": number,
        "status": state.status.value,
        "staff_id": state.staff_id,
        "pause_reason": state.pause_reason,
        "current_ticket": current if current and current.window == number else None,
        "waiting": len(queue_order(waiting, profile, now, hall.policy)),
        "served_today": served,
    }
