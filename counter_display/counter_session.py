"""The counter console's controller: sign-in, the window's state, and every staff action.

No widgets: `ConsoleWindow` shows what this session knows and calls its methods. Requests go
through the injected QueueClient (non-blocking); notices print through a `NoticeDesk`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from counter_display.console_logic import (
    DONE_TEXTS,
    enabled_actions,
    outcome,
    promised_date,
    why_not,
)
from counter_display.i18n import Texts
from counter_display.notice import NoticeDesk, notice_renderer
from counter_display.texts import QT_TRANSLATE_NOOP
from queue_server.client import ApiError, QueueClient, Reply

log = logging.getLogger(__name__)
REFRESH_DELAY_MS = 250  # coalesce a burst of events into one GET /windows/{n}


@dataclass(frozen=True)
class Message:
    """A line for the staff: `error` (a refusal, in both languages) or `info`."""

    kind: str
    zh: str
    en: str


class CounterSession(QObject):
    """One window's console session."""

    changed = Signal()
    message = Signal(object)  # Message
    signed_in = Signal()
    signed_out = Signal()
    online_changed = Signal(bool)

    def __init__(
        self,
        client: QueueClient,
        texts: Texts,
        notices: NoticeDesk,
        *,
        window: int,
        holidays: tuple[date, ...] = (),
        extra_workdays: tuple[date, ...] = (),
        clock: Callable[[], datetime] = datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client, self.texts, self.notices = client, texts, notices
        self.window = window
        self.holidays, self.extra_workdays = holidays, extra_workdays
        self.clock = clock
        self.login_answer: dict[str, Any] | None = None
        self.catalog: dict[str, Any] | None = None
        self.view: dict[str, Any] | None = None
        self.busy = False
        self._awaiting_catalog = False
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self.refresh)
        client.event.connect(self._on_event)
        client.resynced.connect(lambda _state: self.refresh())
        client.online_changed.connect(self.online_changed)
        notices.printed.connect(self._on_printed)
        notices.failed.connect(self._on_print_failed)

    # -- what the console shows --------------------------------------------------------------
    @property
    def ticket(self) -> dict[str, Any] | None:
        """The ticket in hand (TicketPublic), if any."""
        return (self.view or {}).get("current")

    @property
    def hall_tz(self) -> ZoneInfo:
        """The hall's time zone (from the catalogue)."""
        name = ((self.catalog or {}).get("hall") or {}).get("timezone") or "Asia/Shanghai"
        return ZoneInfo(name)

    def enabled(self) -> frozenset[str]:
        """The actions that make sense now."""
        ticket = self.ticket
        return enabled_actions(
            signed_in=self.login_answer is not None and self.catalog is not None,
            busy=self.busy,
            window_status=(self.view or {}).get("status"),
            ticket_status=ticket.get("status") if ticket else None,
        )

    def matter(self, code: str | None) -> dict[str, Any] | None:
        """A catalogue matter by code."""
        return next((m for m in (self.catalog or {}).get("matters", []) if m["code"] == code), None)

    def window_info(self, number: int | None = None) -> dict[str, Any]:
        """A catalogue window (this one by default)."""
        wanted = self.window if number is None else number
        windows = (self.catalog or {}).get("windows", [])
        return next((w for w in windows if w["number"] == wanted), {"number": wanted})

    def promised(self, matter: dict[str, Any] | None) -> date | None:
        """The promised completion date when a promised matter is accepted today."""
        if not matter or matter.get("kind") != "promised":
            return None
        today = self.clock().astimezone(self.hall_tz).date()
        return promised_date(
            today,
            int(matter.get("promise_days") or 0),
            holidays=self.holidays,
            extra_workdays=self.extra_workdays,
        )

    # -- sign-in -----------------------------------------------------------------------------
    def login(self, staff_id: str, pin: str) -> None:
        """Sign in at this window; `signed_in` or an error message follows."""
        if self.busy:
            return
        self._busy(True)
        reply = self.client.login(staff_id.strip(), pin.strip(), self.window)
        reply.finished.connect(self._on_login)
        reply.failed.connect(self._on_error)

    def start(self) -> None:
        """Fetch the catalogue: the window's name on the sign-in page, matters, materials."""
        self._load_catalog()

    def _on_login(self, answer: Any) -> None:
        self.login_answer = answer if isinstance(answer, dict) else {}
        self._awaiting_catalog = True
        self._load_catalog()  # fresh at each sign-in (the hall file may have changed)

    def _load_catalog(self) -> None:
        reply = self.client.catalog()
        reply.finished.connect(self._on_catalog)
        reply.failed.connect(self._on_catalog_failed)

    def _on_catalog(self, catalog: Any) -> None:
        if isinstance(catalog, dict):
            self.catalog = catalog
        self.changed.emit()
        if self.login_answer is not None and self._awaiting_catalog and self.catalog:
            self._awaiting_catalog = False
            self._busy(False)
            self.client.connect_events()
            self.signed_in.emit()
            self.refresh()

    def _on_catalog_failed(self, error: ApiError) -> None:
        if self.login_answer is not None:
            self._say("error", error.message_zh, error.message)
        QTimer.singleShot(3000, self, self._load_catalog)  # the console needs its matters

    def logout(self) -> None:
        """Sign out (the window closes) and go back to the sign-in page."""
        reply = self.client.logout()
        reply.finished.connect(lambda _d: self._signed_out())
        reply.failed.connect(lambda _e: self._signed_out())

    def _signed_out(self) -> None:
        self.client.close()
        self.client.token = None
        self.login_answer, self.view, self.busy = None, None, False
        self.signed_out.emit()
        self.changed.emit()

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fetch the window's state: ticket in hand, people waiting, served today."""
        if self.login_answer is None:
            return
        reply = self.client.window(self.window)
        reply.finished.connect(self._on_view)
        reply.failed.connect(self._on_refresh_failed)

    def _on_view(self, view: Any) -> None:
        if isinstance(view, dict) and self.login_answer is not None:
            self.view = view
            self.changed.emit()

    def _on_refresh_failed(self, error: ApiError) -> None:
        if error.status == 401:  # signed in elsewhere, or the session expired
            self._say("error", error.message_zh, error.message)
            self._signed_out()

    def _on_event(self, event: Any) -> None:
        if not isinstance(event, dict) or self.login_answer is None:
            return
        profile = self.window_info().get("profile") or []
        if event.get("window") == self.window or event.get("matter") in profile:
            self._refresh.start()

    # -- actions -----------------------------------------------------------------------------
    def act(self, action: str) -> None:
        """One of the simple actions: call_next, recall, no_show, suspend, resume."""
        calls: dict[str, Callable[[int], Reply]] = {
            "call_next": self.client.call_next,
            "recall": self.client.recall,
            "no_show": self.client.no_show,
            "suspend": self.client.suspend,
            "resume": self.client.resume,
        }
        if action in calls and self._start(action):
            self._send(action, calls[action](self.window))

    def complete(self, outcome_code: str, missing: list[str], note: str = "") -> None:
        """办结 with an outcome; for 补正 the ticked materials are sent and printed."""
        if not self._start("complete"):
            return
        ticket = self.ticket or {}
        chosen = outcome(outcome_code)
        promised = self.promised(self.matter(ticket.get("matter")))
        if chosen.promises_date and promised:
            note = f"承诺办结日期 {promised.isoformat()} " + note
        reply = self.client.complete(self.window, outcome_code, missing, note.strip())
        self._send("complete", reply)
        if chosen.needs_materials:
            reply.finished.connect(lambda _d: self._print_notice(ticket, missing))

    def transfer(self, *, matter: str | None = None, to_window: int | None = None) -> None:
        """Send the ticket in hand to another matter or window."""
        if self._start("transfer"):
            self._send("transfer", self.client.transfer(self.window, matter, to_window))

    def pause(self, reason: str) -> None:
        """暂停服务 with a reason."""
        if self._start("pause"):
            self._send("pause", self.client.pause(self.window, reason))

    def check(self, action: str) -> bool:
        """True when `action` makes sense now; else the staff are told why (both languages)."""
        if action in self.enabled():
            return True
        log.info("%s ignored: not possible now", action)
        status = (self.view or {}).get("status")
        if not self.busy and self.login_answer is not None:
            self._say("error", *self.texts.dual(why_not(action, status, self.ticket is not None)))
        return False

    def _start(self, action: str) -> bool:
        if not self.check(action):
            return False
        self._busy(True)
        return True

    def _send(self, action: str, reply: Reply) -> None:
        reply.finished.connect(lambda data: self._on_done(action, data))
        reply.failed.connect(self._on_error)

    def _on_done(self, action: str, data: Any) -> None:
        self._busy(False)
        ticket = (data or {}).get("ticket") if isinstance(data, dict) else None
        number = ticket.get("number", "") if isinstance(ticket, dict) else ""
        if action == "call_next" and data is None:
            self._say("info", *self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Nobody is waiting")))
        else:
            zh, en = self.texts.dual(DONE_TEXTS.get(action, QT_TRANSLATE_NOOP("Counter", "Done")))
            self._say("info", zh.replace("%1", number).strip(), en.replace("%1", number).strip())
        self.refresh()

    def _on_error(self, error: ApiError) -> None:
        self._busy(False)
        self._say("error", error.message_zh, error.message)
        self.refresh()

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.changed.emit()

    def _say(self, kind: str, zh: str, en: str) -> None:
        self.message.emit(Message(kind, zh, en))

    # -- the 补正 notice ----------------------------------------------------------------------
    def _print_notice(self, ticket: dict[str, Any], missing: list[str]) -> None:
        render = notice_renderer(
            self.catalog or {},
            ticket.get("matter"),
            missing,
            paper_mm=self.notices.paper_mm,
            issued_at=self.clock().astimezone(self.hall_tz).replace(tzinfo=None),
        )
        if render is not None:
            self.notices.submit(render, f"notice {ticket.get('number', '')}")

    def _on_printed(self, _what: str) -> None:
        self._say(
            "info",
            *self.texts.dual(
                QT_TRANSLATE_NOOP("Counter", "The notice of missing materials was printed")
            ),
        )

    def _on_print_failed(self, failure: tuple[str, str, str]) -> None:
        zh, en, _detail = failure
        lead_zh, lead_en = self.texts.dual(QT_TRANSLATE_NOOP("Counter", "Notice not printed:"))
        self._say("error", f"{lead_zh}{zh}", f"{lead_en} {en}")
