"""The hall as its screens see it: windows, recent calls and people waiting (Qt-free).

A `HallBoard` starts from a `GET /api/v1/state` snapshot and follows the live events; the
hall TV, the window display and the standalone announcer all read it. A board for one zone
(or one window) ignores everything else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

CALL_TYPES = ("ticket.called", "ticket.recalled")
# Events after which a window no longer has the ticket in hand.
RELEASES = ("ticket.completed", "ticket.no_show", "ticket.suspended", "ticket.transferred")
# Events that put a ticket (back) in the waiting line of its zone.
JOINS = ("ticket.issued", "ticket.returned", "ticket.requeued", "ticket.transferred")


def parse_time(value: object) -> datetime | None:
    """An ISO time from the wire, or None when missing or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Call:
    """One call (or recall) of a ticket to a window."""

    seq: int
    number: str
    window: int
    zone: str | None = None
    matter: str | None = None
    at: datetime | None = None
    recall: bool = False


@dataclass
class WindowTile:
    """One window as the screens show it."""

    number: int
    name: str = ""
    name_en: str = ""
    zone: str = ""
    status: str = "closed"  # open | paused | closed
    pause_reason: str = ""
    current: str | None = None  # the ticket number in hand
    current_status: str | None = None  # called | serving

    @property
    def state(self) -> str:
        """What the screens show: calling, serving, idle, paused or closed."""
        if self.status == "closed":
            return "closed"
        if self.current:
            return "serving" if self.current_status == "serving" else "calling"
        return "paused" if self.status == "paused" else "idle"


@dataclass
class HallBoard:
    """Windows, the latest calls (newest first) and waiting counts, for a zone or the hall."""

    zone: str | None = None
    window: int | None = None  # a window display follows one window only
    recent: int = 10
    seq: int = 0
    synced: bool = False
    windows: dict[int, WindowTile] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    waiting: dict[str, int] = field(default_factory=dict)

    def reset(self, state: Mapping[str, Any]) -> list[Call]:
        """Take a snapshot; returns its calls that are newer than the board knew, oldest first."""
        known = max((c.seq for c in self.calls), default=0)
        was_synced = self.synced
        self.seq = int(state.get("seq") or 0)
        self._take_windows(state.get("windows") or [])
        self.waiting = self._zones_only(state.get("waiting") or {})
        calls = [c for c in map(_call_from_state, state.get("calls") or []) if c is not None]
        calls = [c for c in calls if self._mine(c.zone, c.window)]
        self.calls = sorted(calls, key=lambda c: c.seq, reverse=True)[: self.recent]
        self.synced = True
        if not was_synced:
            return []  # the first picture of the hall: nothing is new to it
        return sorted((c for c in self.calls if c.seq > known), key=lambda c: c.seq)

    def refresh(self, state: Mapping[str, Any]) -> bool:
        """A periodic snapshot corrects windows and counts; ignored when older than the board."""
        if not self.synced or int(state.get("seq") or 0) < self.seq:
            return False
        self._take_windows(state.get("windows") or [])
        self.waiting = self._zones_only(state.get("waiting") or {})
        return True

    def apply(self, event: Mapping[str, Any]) -> Call | None:
        """Follow one live event; returns the Call when it is a (re)call this board shows."""
        kind = str(event.get("type", ""))
        seq = event.get("seq")
        if isinstance(seq, int):
            self.seq = max(self.seq, seq)
        zone, window = event.get("zone"), event.get("window")
        number = event.get("ticket")
        tile = self.windows.get(window) if isinstance(window, int) else None
        if kind in JOINS and self._counts(zone):
            self.waiting[str(zone)] = self.waiting.get(str(zone), 0) + 1
        if kind.startswith("window.") and tile is not None:
            self._window_event(kind, tile, event)
        elif kind in CALL_TYPES and tile is not None and isinstance(number, str):
            if kind == "ticket.called" and self._counts(zone):
                self.waiting[str(zone)] = max(0, self.waiting.get(str(zone), 0) - 1)
            tile.current, tile.current_status = number, "called"
            if tile.status == "closed":
                tile.status = "open"
            call = Call(
                seq=seq if isinstance(seq, int) else self.seq,
                number=number,
                window=tile.number,
                zone=str(zone) if zone else None,
                matter=event.get("matter"),
                at=parse_time(event.get("at")),
                recall=kind == "ticket.recalled",
            )
            self.calls = [call, *self.calls][: self.recent]
            return call
        elif kind == "ticket.serving" and tile is not None and tile.current == number:
            tile.current_status = "serving"
        elif kind in RELEASES and tile is not None and tile.current == number:
            tile.current, tile.current_status = None, None
        elif kind == "ticket.cancelled" and self._counts(zone):
            self.waiting[str(zone)] = max(0, self.waiting.get(str(zone), 0) - 1)
        return None

    def tiles(self) -> list[WindowTile]:
        """The windows in number order."""
        return [self.windows[n] for n in sorted(self.windows)]

    def _window_event(self, kind: str, tile: WindowTile, event: Mapping[str, Any]) -> None:
        if kind == "window.opened":
            tile.status = "open"
        elif kind == "window.closed":
            tile.status, tile.pause_reason = "closed", ""
            tile.current, tile.current_status = None, None
        elif kind == "window.paused":
            tile.status, tile.pause_reason = "paused", str(event.get("reason") or "")
        elif kind == "window.resumed":
            tile.status, tile.pause_reason = "open", ""

    def _take_windows(self, windows: Iterable[Mapping[str, Any]]) -> None:
        tiles: dict[int, WindowTile] = {}
        for w in windows:
            number = w.get("number")
            if not isinstance(number, int) or not self._mine(w.get("zone"), number):
                continue
            tiles[number] = WindowTile(
                number=number,
                name=str(w.get("name") or ""),
                name_en=str(w.get("name_en") or ""),
                zone=str(w.get("zone") or ""),
                status=str(w.get("status") or "closed"),
                pause_reason=str(w.get("pause_reason") or ""),
                current=w.get("current") or None,
                current_status=w.get("current_status") or None,
            )
        self.windows = tiles

    def _zones_only(self, waiting: Mapping[str, Any]) -> dict[str, int]:
        return {str(z): int(n) for z, n in waiting.items() if not self.zone or z == self.zone}

    def _mine(self, zone: object, window: object) -> bool:
        if self.window is not None and window != self.window:
            return False
        return not self.zone or not zone or zone == self.zone

    def _counts(self, zone: object) -> bool:
        return bool(zone) and (not self.zone or zone == self.zone)


def _call_from_state(raw: Mapping[str, Any]) -> Call | None:
    try:
        return Call(
            seq=int(raw["seq"]),
            number=str(raw["number"]),
            window=int(raw["window"]),
            zone=raw.get("zone"),
            matter=raw.get("matter"),
            at=parse_time(raw.get("at")),
            recall=raw.get("type") == "ticket.recalled",
        )
    except (KeyError, TypeError, ValueError):
        log.warning("ignoring a call the snapshot cannot describe: %r", raw)
        return None
