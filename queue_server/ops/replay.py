"""Replay the event log through the domain's state machines (no database, no framework).

Every `ticket.*` event is applied by calling the `Ticket` method that produced it, every
`window.*` event by the `WindowState` method; the model then says whether the transition was
allowed, and the event it records must be the one in the log. What the rules forbid, or what
the log says differently from the model, becomes a `Finding`. The rules are the model's own:
nothing here restates them, except rating (a service-layer use case with no model method).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.domain.model import (
    Outcome,
    Priority,
    Rank,
    Status,
    Ticket,
    WindowState,
    WindowStatus,
)

ACTOR = re.compile(r"^(?:(?:staff|device):\S+|citizen|system)$")
# Ticket events after which the window no longer holds the ticket.
LEAVES_HAND = frozenset(
    {"ticket.no_show", "ticket.completed", "ticket.suspended", "ticket.transferred"}
)


@dataclass(frozen=True)
class Finding:
    """One disagreement: between the log and the rules, or the log and the tables."""

    subject: str  # "ticket A003", "window 2", "event log"
    problem: str
    log: str = ""
    table: str = ""
    seq: int | None = None


@dataclass
class Replay:
    """Feed the whole log in `seq` order; tickets issued within [start, end) are followed."""

    start: datetime
    end: datetime
    max_recalls: int
    tickets: dict[str, Ticket] = field(default_factory=dict)
    windows: dict[int, WindowState] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    events_of_day: int = 0
    _broken: set[str] = field(default_factory=set)
    _last_seq: int = 0
    _last_in_day: bool = False
    _fed_in_day: bool = True  # the event being fed is of the day audited

    def feed(self, ev: Event) -> None:
        in_day = self.start <= ev.at < self.end
        self._fed_in_day = in_day
        self._check_seq(ev, in_day)
        if in_day:
            self.events_of_day += 1
            if not ACTOR.fullmatch(ev.actor or ""):
                self._find(ev, "event log", "entry without a valid actor / 缺少操作人", ev.actor)
        if ev.type.startswith("window.") or ev.type == "staff.signed_in":
            self._window_event(ev)
        elif ev.type.startswith("ticket."):
            self._ticket_event(ev, in_day)

    def unreadable(self, seq: int, at: datetime | None, kind: str) -> None:
        """A row that is no event of the model (an unknown type): reported, seq kept."""
        placeholder = Event(type="printer.fault", at=at or self.start, actor="system", seq=seq)
        self._check_seq(placeholder, self.start <= placeholder.at < self.end)
        self.findings.append(
            Finding("event log", "unknown event type / 未知的事件类型", kind, seq=seq)
        )

    def is_broken(self, token: str) -> bool:
        """Whether the ticket's replay stopped at an event the rules refuse."""
        return token in self._broken

    def window(self, number: int) -> WindowState:
        return self.windows.setdefault(number, WindowState(number))

    # --- the log itself -----------------------------------------------------------------------
    def _check_seq(self, ev: Event, in_day: bool) -> None:
        seq = ev.seq or 0
        if seq != self._last_seq + 1 and (in_day or self._last_in_day):
            first, last = self._last_seq + 1, seq - 1
            missing = str(first) if first == last else f"{first}–{last}" if last > first else "-"
            self._find(
                ev,
                "event log",
                "gap in seq: entries deleted (or, on PostgreSQL only, a transaction that "
                "died before commit) / 日志序号不连续",
                f"missing seq {missing}",
            )
        self._last_seq, self._last_in_day = seq, in_day

    # --- tickets ------------------------------------------------------------------------------
    def _ticket_event(self, ev: Event, in_day: bool) -> None:
        token = ev.token or ""
        if ev.type == "ticket.issued":
            if in_day:
                self.tickets[token] = _issued(ev)
        elif token in self.tickets and token not in self._broken:
            self._apply(self.tickets[token], ev)
        if ev.type == "ticket.called" and ev.window is not None:
            self._window_takes(ev)
        elif ev.type in LEAVES_HAND and ev.window is not None:
            self._window_releases(ev)

    def _apply(self, ticket: Ticket, ev: Event) -> None:
        ticket.events.clear()
        try:
            if ev.type == "ticket.evaluated":
                _rate(ticket)
            else:
                TICKET_STEPS[ev.type](ticket, ev, self.max_recalls)
        except (errors.HallqError, KeyError, TypeError, ValueError) as exc:
            self._broken.add(ticket.token)
            self._find(ev, f"ticket {ticket.number}", _refusal(exc, ticket, ev))
            return
        if ticket.events:
            got = ticket.events[-1]
            if (got.type, got.window) != (ev.type, ev.window):
                self._find(
                    ev,
                    f"ticket {ticket.number}",
                    "the model records a different event / 状态机记录的事件与日志不同",
                    f"{ev.type} @ {ev.window}",
                    f"model: {got.type} @ {got.window}",
                )

    # --- windows ------------------------------------------------------------------------------
    def _window_event(self, ev: Event) -> None:
        if ev.window is None:
            return
        state = self.window(ev.window)
        staff_id = ev.actor.removeprefix("staff:")
        try:
            if ev.type == "staff.signed_in":
                # Signing in at a window another holds open takes it over: no window event.
                if state.staff_id != staff_id:
                    state.staff_id = None
                if state.status is not WindowStatus.CLOSED:
                    state.open(staff_id, ev.at, role=str(ev.data.get("ab_role", "")))
            else:
                WINDOW_STEPS[ev.type](state, ev, staff_id)
        except (errors.HallqError, KeyError) as exc:
            self._find_window(ev, f"window {ev.window}", _refusal(exc, None, ev))
        state.events.clear()

    def _window_takes(self, ev: Event) -> None:
        assert ev.window is not None
        state = self.window(ev.window)
        try:
            state.ensure_can_call()
        except errors.HallqError as exc:
            self._find_window(ev, f"window {ev.window}", _refusal(exc, None, ev))
        state.took(ev.token or "", Rank.NORMAL)

    def _window_releases(self, ev: Event) -> None:
        assert ev.window is not None
        state = self.window(ev.window)
        if state.current != ev.token:
            self._find_window(
                ev,
                f"window {ev.window}",
                "the window did not hold this ticket / 窗口当前并无此号票",
                f"{ev.type} {ev.ticket}",
                f"replayed current: {state.current}",
            )
        else:
            state.release()

    def _find(self, ev: Event, subject: str, problem: str, log: str = "", table: str = "") -> None:
        self.findings.append(Finding(subject, problem, log or ev.type, table, ev.seq))

    def _find_window(self, ev: Event, subject: str, problem: str, *details: str) -> None:
        """A window's finding counts for the day audited only: the days before are replayed
        to know each window's state, and are audited on their own."""
        if self._fed_in_day:
            self._find(ev, subject, problem, *details)


def _issued(ev: Event) -> Ticket:
    data = ev.data
    return Ticket(
        day=ev.at.date(),
        number=ev.ticket or "",
        token=ev.token or "",
        matter=ev.matter or "",
        zone=ev.zone or "",
        issued_at=ev.at,
        channel=str(data.get("channel", "kiosk")),
        priority=Priority(data.get("priority", "normal")),
        green_category=data.get("green_category") or None,
    )


def _rate(ticket: Ticket) -> None:
    """The evaluation use case's rule: once, and only for a finished service."""
    if ticket.rated:
        raise errors.AlreadyRated()
    if ticket.status is not Status.DONE:
        raise errors.NotRateable()
    ticket.rated = True


def _refusal(exc: Exception, ticket: Ticket | None, ev: Event) -> str:
    if isinstance(exc, errors.HallqError):
        state = f" (ticket was {ticket.status.value})" if ticket else ""
        return f"not allowed by the rules{state}: {exc.message} / {exc.message_zh}"
    return f"malformed log entry ({type(exc).__name__}: {exc}) / 日志条目格式错误"


Step = Callable[[Ticket, Event, int], None]
TICKET_STEPS: dict[str, Step] = {
    "ticket.called": lambda t, e, _m: t.call(e.window, e.at, actor=e.actor),  # type: ignore[arg-type]
    "ticket.recalled": lambda t, e, m: t.recall(e.at, actor=e.actor, max_recalls=m),
    "ticket.serving": lambda t, e, _m: t.start(e.at, actor=e.actor),
    "ticket.no_show": lambda t, e, _m: t.no_show(e.at, actor=e.actor),
    "ticket.suspended": lambda t, e, _m: t.suspend(e.at, actor=e.actor),
    "ticket.returned": lambda t, e, _m: t.resume_from_suspension(e.at, actor=e.actor),
    "ticket.requeued": lambda t, e, _m: t.requeue(e.at, actor=e.actor, queued_at=e.at),
    "ticket.cancelled": lambda t, e, _m: t.cancel(
        e.at, actor=e.actor, reason=str(e.data.get("reason", ""))
    ),
    "ticket.transferred": lambda t, e, _m: t.transfer(
        e.at,
        actor=e.actor,
        matter=e.data["to_matter"],
        zone=e.zone or t.zone,
        window=e.data.get("to_window"),
    ),
    "ticket.completed": lambda t, e, _m: t.complete(
        Outcome(e.data["outcome"]),
        e.at,
        actor=e.actor,
        missing=list(e.data.get("missing_materials", [])),
        note=str(e.data.get("note", "")),
    ),
}
WindowStep = Callable[[WindowState, Event, str], None]
WINDOW_STEPS: dict[str, WindowStep] = {
    "window.opened": lambda w, e, s: w.open(s, e.at, role=str(e.data.get("role", ""))),
    "window.closed": lambda w, e, _s: w.close(e.at, actor=e.actor),
    "window.paused": lambda w, e, _s: w.pause(str(e.data.get("reason", "")), e.at, actor=e.actor),
    "window.resumed": lambda w, e, _s: w.resume(e.at, actor=e.actor),
}
