"""Tickets, windows and their state machines: pure dataclasses, no I/O.

State changes record domain events on the object (`ticket.events`) instead of doing I/O;
the service layer collects them into the event log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Any, Literal, get_args

from queue_server.domain import errors
from queue_server.domain.events import Event


class Status(StrEnum):
    """Ticket states. A transfer re-queues the same ticket (the citizen keeps the number);
    it is recorded by the `ticket.transferred` event, not by a resting state."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    SUSPENDED = "suspended"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


IN_HAND = frozenset({Status.CALLED, Status.SERVING})
FINISHED = frozenset({Status.DONE, Status.NO_SHOW, Status.CANCELLED})


class Priority(StrEnum):
    NORMAL = "normal"
    GREEN = "green"


# Whom a green-channel (绿色通道) ticket is for; counted in the statistics and monthly report.
GreenCategory = Literal["elderly", "disabled", "pregnant", "military", "other"]
GREEN_CATEGORIES: tuple[GreenCategory, ...] = get_args(GreenCategory)


class Outcome(StrEnum):
    DONE = "done"  # 办结
    ACCEPTED = "accepted"  # 受理 (promised matters)
    NEEDS_MORE = "needs_more"  # 补正
    REJECTED = "rejected"  # 不予受理
    CONSULTED = "consulted"  # 咨询


class Rank(IntEnum):
    """Dispatch classes, lower is called first (ARCHITECTURE §3)."""

    STARVED = 0  # waited past max_wait_min: promoted above everything
    GREEN = 1
    APPOINTMENT = 2
    RETURNING = 3  # transferred or back from suspension
    NORMAL = 4


PRIORITY_RANKS = frozenset({Rank.GREEN, Rank.APPOINTMENT})


class WindowStatus(StrEnum):
    CLOSED = "closed"  # nobody signed in
    OPEN = "open"
    PAUSED = "paused"


@dataclass
class Ticket:
    """One numbered ticket of one hall day."""

    day: date
    number: str
    token: str
    matter: str
    zone: str
    issued_at: datetime
    channel: str = "kiosk"
    priority: Priority = Priority.NORMAL
    # Whom a green ticket is for (a `GREEN_CATEGORIES` code); None when not given.
    green_category: str | None = None
    status: Status = Status.WAITING
    queued_at: datetime | None = None  # the time that orders it in the queue
    appointment_at: datetime | None = None
    returning: bool = False
    target_window: int | None = None
    window: int | None = None
    called_at: datetime | None = None
    served_at: datetime | None = None
    finished_at: datetime | None = None
    recalls: int = 0
    calls: int = 0
    transfers: int = 0
    requeued: bool = False
    outcome: Outcome | None = None
    id_hash: str | None = None
    id_masked: str | None = None
    phone: str | None = None
    rated: bool = False
    id: int | None = None
    events: list[Event] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.queued_at is None:
            self.queued_at = self.issued_at

    @property
    def order_time(self) -> datetime:
        return self.queued_at or self.issued_at

    def rank(self, now: datetime, *, max_wait_min: float) -> Rank:
        """The ticket's dispatch class at `now`."""
        if (now - self.order_time).total_seconds() > max_wait_min * 60:
            return Rank.STARVED
        if self.priority is Priority.GREEN:
            return Rank.GREEN
        if self.appointment_at is not None and self.appointment_at <= now:
            return Rank.APPOINTMENT
        if self.returning:
            return Rank.RETURNING
        return Rank.NORMAL

    # --- state machine ------------------------------------------------------------------
    def _require(self, *allowed: Status) -> None:
        if self.status not in allowed:
            raise errors.InvalidTransition(
                f"Ticket {self.number} is {self.status.value}; this needs "
                + " or ".join(s.value for s in allowed)
                + ".",
                f"号票{self.number}当前为{_ZH[self.status]}状态，不能进行该操作。",
            )

    def call(self, window: int, now: datetime, *, actor: str) -> None:
        self._require(Status.WAITING)
        self.status = Status.CALLED
        self.window = window
        self.called_at = now
        self.calls += 1
        self.target_window = None
        self._emit("ticket.called", now, actor, window, wait_s=self.waited_s(now))

    def recall(self, now: datetime, *, actor: str, max_recalls: int) -> None:
        self._require(Status.CALLED)
        if self.recalls >= max_recalls:
            raise errors.RecallLimit()
        self.recalls += 1
        self._emit("ticket.recalled", now, actor, self.window, recalls=self.recalls)

    def start(self, now: datetime, *, actor: str) -> None:
        """called → serving: the citizen is at the counter."""
        self._require(Status.CALLED)
        self.status = Status.SERVING
        self.served_at = now
        self._emit("ticket.serving", now, actor, self.window)

    def _ensure_serving(self, now: datetime, actor: str) -> None:
        """The first staff action implies the service began when the ticket was called."""
        if self.status is Status.CALLED:
            self.start(now, actor=actor)
            self.served_at = self.called_at

    def no_show(self, now: datetime, *, actor: str) -> None:
        self._require(Status.CALLED)
        self.status = Status.NO_SHOW
        self.finished_at = now
        self._emit("ticket.no_show", now, actor, self.window, recalls=self.recalls)

    def complete(
        self, outcome: Outcome, now: datetime, *, actor: str, missing: list[str], note: str
    ) -> None:
        self._require(Status.CALLED, Status.SERVING)
        self._ensure_serving(now, actor)
        self.status = Status.DONE
        self.outcome = outcome
        self.finished_at = now
        self._emit(
            "ticket.completed",
            now,
            actor,
            self.window,
            outcome=outcome.value,
            service_s=self.service_s(now),
            first_call=self.calls == 1 and self.transfers == 0,
            missing_materials=missing,
            note=note,
        )

    def suspend(self, now: datetime, *, actor: str) -> None:
        """挂起: the citizen fetches a missing material; the window stays free."""
        self._require(Status.CALLED, Status.SERVING)
        self._ensure_serving(now, actor)
        self.status = Status.SUSPENDED
        self.target_window = self.window
        self._emit("ticket.suspended", now, actor, self.window)

    def resume_from_suspension(self, now: datetime, *, actor: str) -> None:
        """Back with the material: waits at the front, for the window that suspended it."""
        self._require(Status.SUSPENDED)
        self.status = Status.WAITING
        self.returning = True
        window = self.window
        self.window = None
        self._emit("ticket.returned", now, actor, window)

    def transfer(
        self, now: datetime, *, actor: str, matter: str, zone: str, window: int | None
    ) -> None:
        """Back to waiting at the front of another matter or window, original time kept."""
        self._require(Status.CALLED, Status.SERVING)
        self._ensure_serving(now, actor)
        source = self.window
        old_matter = self.matter
        self.status = Status.WAITING
        self.returning = True
        self.transfers += 1
        self.matter = matter
        self.zone = zone
        self.target_window = window
        self.window = None
        self.queued_at = self.issued_at
        self._emit(
            "ticket.transferred",
            now,
            actor,
            source,
            from_matter=old_matter,
            to_matter=matter,
            to_window=window,
            service_s=self.service_s(now),
        )
        self.served_at = None
        self.called_at = None

    def requeue(self, now: datetime, *, actor: str, queued_at: datetime) -> None:
        """A no-show ticket scanned again at the kiosk: back in line, once."""
        if self.status is not Status.NO_SHOW or self.requeued:
            raise errors.RequeueNotAllowed()
        self.status = Status.WAITING
        self.requeued = True
        self.window = None
        self.finished_at = None
        self.recalls = 0
        self.queued_at = queued_at
        self._emit("ticket.requeued", now, actor, None)

    def cancel(self, now: datetime, *, actor: str, reason: str = "") -> None:
        """作废: a ticket taken by mistake leaves the line (waiting or suspended only)."""
        self._require(Status.WAITING, Status.SUSPENDED)
        self.status = Status.CANCELLED
        self.finished_at = now
        self._emit("ticket.cancelled", now, actor, self.window, reason=reason)

    # --- derived figures ----------------------------------------------------------------
    def waited_s(self, now: datetime) -> float:
        return max(0.0, (now - self.order_time).total_seconds())

    def service_s(self, now: datetime) -> float:
        start = self.served_at or self.called_at or now
        return max(0.0, (now - start).total_seconds())

    def _emit(self, kind: str, now: datetime, actor: str, window: int | None, **data: Any) -> None:
        self.events.append(
            Event(
                type=kind,
                at=now,
                actor=actor,
                window=window,
                ticket=self.number,
                token=self.token,
                matter=self.matter,
                zone=self.zone,
                data=data,
            )
        )


_ZH = {
    Status.WAITING: "等候",
    Status.CALLED: "已叫号",
    Status.SERVING: "办理中",
    Status.SUSPENDED: "挂起",
    Status.DONE: "已办结",
    Status.NO_SHOW: "过号",
    Status.CANCELLED: "已取消",
}


@dataclass
class WindowState:
    """The live state of one window; its configuration lives in `HallConfig`."""

    number: int
    status: WindowStatus = WindowStatus.CLOSED
    staff_id: str | None = None
    current: str | None = None  # token of the ticket in hand
    pause_reason: str = ""
    priority_streak: int = 0
    events: list[Event] = field(default_factory=list, repr=False, compare=False)

    def ensure_can_call(self) -> None:
        if self.status is WindowStatus.PAUSED:
            raise errors.WindowPaused()
        if self.status is WindowStatus.CLOSED:
            raise errors.WindowClosed()
        if self.current is not None:
            raise errors.TicketInProgress()

    def open(self, staff_id: str, now: datetime, *, role: str) -> None:
        """Sign-in at the window: it opens (if closed) with this staff member."""
        if self.staff_id not in (None, staff_id) and self.status is not WindowStatus.CLOSED:
            raise errors.WindowTaken()
        was_closed = self.status is WindowStatus.CLOSED
        self.staff_id = staff_id
        if was_closed:
            self.status = WindowStatus.OPEN
            self._emit("window.opened", now, f"staff:{staff_id}", role=role)

    def close(self, now: datetime, *, actor: str) -> None:
        if self.current is not None:
            raise errors.TicketInProgress()
        self.status = WindowStatus.CLOSED
        self.staff_id = None
        self.pause_reason = ""
        self._emit("window.closed", now, actor)

    def pause(self, reason: str, now: datetime, *, actor: str) -> None:
        if self.status is WindowStatus.CLOSED:
            raise errors.WindowClosed()
        if self.current is not None:
            raise errors.TicketInProgress()
        self.status = WindowStatus.PAUSED
        self.pause_reason = reason
        self._emit("window.paused", now, actor, reason=reason)

    def resume(self, now: datetime, *, actor: str) -> None:
        if self.status is not WindowStatus.PAUSED:
            raise errors.InvalidTransition("The window is not paused.", "窗口未处于暂停状态。")
        self.status = WindowStatus.OPEN
        self.pause_reason = ""
        self._emit("window.resumed", now, actor)

    def took(self, token: str, rank: Rank) -> None:
        """Record a call: the ticket in hand and the run of consecutive priority calls."""
        self.current = token
        self.priority_streak = self.priority_streak + 1 if rank in PRIORITY_RANKS else 0

    def release(self) -> None:
        self.current = None

    def _emit(self, kind: str, now: datetime, actor: str, **data: Any) -> None:
        self.events.append(Event(type=kind, at=now, actor=actor, window=self.number, data=data))
