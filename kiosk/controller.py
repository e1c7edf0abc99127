"""The kiosk's behaviour, between the screens and the outside world (server and printer).

Screens call the intent methods (`open_zone`, `take_ticket`, …); the controller moves the
`Flow`, talks to the `QueueClient` (non-blocking replies) and the `PrintService` (worker
thread), and reports back by signals. No widget code and no waiting here.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import messages as msg
from kiosk.catalog import Catalog, CatalogError
from kiosk.entry import PinLock, Refusal, appointment_code, check_id_number, ticket_token
from kiosk.finder import Finder
from kiosk.flow import Flow, Issue, Step
from kiosk.helpcall import HelpDesk
from kiosk.i18n import Languages
from kiosk.settings import KioskSettings
from kiosk.slipdesk import SlipDesk
from queue_server.client import ApiError, QueueClient, new_request_key

log = logging.getLogger(__name__)

OFFLINE_RETRY_MS = 5000
# A ticket request that got no answer (timeout, connection refused or reset) or a "try again"
# (502/503/504) is sent again after these delays, with the same Idempotency-Key: if the
# server did commit the first one, it hands that ticket over instead of issuing a second.
ISSUE_RETRY_DELAYS_MS = (500, 1500)
RETRY_STATUSES = (0, 502, 503, 504)


class KioskController(QObject):
    """Flow + server + printer: one citizen at a time."""

    step_changed = Signal(object)  # Step
    catalog_changed = Signal(object)  # Catalog
    online_changed = Signal(object)  # None when online, else a Refusal to show
    ticket_ready = Signal(object, bool)  # ticket dict, re-queued?
    problem = Signal(str, object, str)  # title source, Refusal, hint source
    id_refused = Signal(object)  # Refusal, shown on the keypad screen
    pin_refused = Signal()
    busy = Signal(bool)
    reset = Signal()  # forget what was typed
    appointments_changed = Signal(bool)  # the hall takes appointment check-ins (today)

    def __init__(
        self,
        *,
        client: QueueClient,
        slips: SlipDesk,
        helpdesk: HelpDesk,
        settings: KioskSettings,
        lang: Languages,
    ) -> None:
        super().__init__()
        self.client, self.slips, self.settings, self.lang = client, slips, settings, lang
        self.help = helpdesk
        self.flow = Flow()
        self.finder = Finder(self)
        self.catalog: Catalog | None = None
        self.catalog_json: Any = None
        self.online: bool | None = None
        self.ticket: dict[str, Any] = {}
        self._pending = False
        self._pin = PinLock(settings.admin_pin)
        self._loading = False
        self._stopped = False
        # Whether the server takes appointment check-ins (`check_in` of
        # GET /appointments/matters); None until it has said so. `_appointments_on`: it said
        # `enabled`, which only a restart with another hall config changes.
        self.appointments: bool | None = None
        self._appointments_on = False
        self._asking_appointments = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.timeout.connect(self.refresh_catalog)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._send_issue)
        self._attempt: tuple[Issue, str, int] | None = None  # the ticket request in hand

    def start(self) -> None:
        """Load the catalogue and show the home screen."""
        self._stopped = False
        self.refresh_catalog()
        self._emit_step()

    def stop(self) -> None:
        """No more catalogue refreshes; late answers are ignored (shutdown, tests)."""
        self._stopped = True
        self._refresh.stop()
        self._retry.stop()
        self.help.stop()

    def _emit_step(self) -> None:
        self.step_changed.emit(self.flow.current)

    def _go(self, _step: Step) -> None:
        self._emit_step()

    # -- the catalogue --------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """A catalogue request is in flight."""
        return self._loading

    def refresh_catalog(self) -> None:
        """Fetch the catalogue (live waits, whether issuing); a no-op while one is in flight."""
        if self._loading or self._stopped:
            return
        self._loading = True
        reply = self.client.catalog()
        reply.finished.connect(self.apply_catalog)
        reply.failed.connect(self._on_catalog_failed)

    def apply_catalog(self, data: Any) -> None:
        """Show a `/catalog` answer (the screenshot script feeds its own)."""
        self._loading = False
        if self._stopped:
            return
        self.catalog_json = data
        try:
            catalog = Catalog.from_json(data, zones=self.settings.zones)
        except CatalogError as exc:
            log.error("%s", exc)
            zh = self.lang.chinese(msg.BAD_CATALOG)
            self._on_catalog_failed(ApiError(0, "bad_catalog", msg.BAD_CATALOG, zh, str(exc)))
            return
        self.catalog = catalog
        self.finder.update(catalog)
        self._set_online(None)
        self.catalog_changed.emit(catalog)
        before, was_closed = self.flow.current, self.flow.closed
        if self.flow.set_closed(not catalog.hall.issuing) != before:
            self.reset.emit()
            self._emit_step()
        if not self._appointments_on or (self.flow.closed and not was_closed):
            self._check_appointments()  # home and closed screens offer check-in only if taken
        self._refresh.start(int(self.settings.catalog_refresh_s * 1000))

    def _check_appointments(self) -> None:
        """Ask the server whether it takes check-ins today: at each catalogue refresh while
        appointments are off (check-in then lasts only while bookings made before are due) or
        not known; once they are on, again on each closing (another config needs a restart)."""
        if self._asking_appointments or self._stopped:
            return
        self._asking_appointments = True
        reply = self.client.get("/appointments/matters")
        reply.finished.connect(self._on_appointments)
        reply.failed.connect(self._on_appointments_failed)

    def _on_appointments(self, data: Any) -> None:
        self._asking_appointments = False
        if self._stopped:
            return
        answer = data if isinstance(data, dict) else {}
        self._appointments_on = answer.get("enabled") is True
        # A server from before `check_in`: its `enabled`, as before.
        enabled = answer.get("check_in", answer.get("enabled")) is True
        if enabled != self.appointments:
            self.appointments = enabled
            self.appointments_changed.emit(enabled)

    def _on_appointments_failed(self, error: ApiError) -> None:
        self._asking_appointments = False
        log.warning("appointments look-up: %s (%s)", error.code, error.detail or error.message)

    def _on_catalog_failed(self, error: ApiError) -> None:
        self._loading = False
        if self._stopped:
            return
        log.warning("catalogue: %s (%s)", error.code, error.detail)
        self._set_online(Refusal(error.code, error.message, error.message_zh))
        self._refresh.start(OFFLINE_RETRY_MS)

    def _set_online(self, problem: Refusal | None) -> None:
        if problem is None and self.online:
            return
        self.online = problem is None
        self.online_changed.emit(problem)

    # -- navigation -----------------------------------------------------------------------
    def open_zone(self, zone: str) -> None:
        """Home → a zone's matters."""
        self._go(self.flow.open_zone(zone))

    def open_search(self) -> None:
        """Home → search over all matters."""
        self._go(self.flow.open_search())

    def open_matter(self, code: str) -> None:
        """A matter's guide, with live waiting figures."""
        self._go(self.flow.open_matter(code))
        self.refresh_catalog()  # live waiting figures for the guide page

    def back(self) -> None:
        """One screen back."""
        self._go(self.flow.back())

    def home(self) -> None:
        """The Home button: start over."""
        self.flow.home()
        self.reset.emit()
        self._emit_step()

    def idle(self) -> None:
        """Nobody touched the kiosk for the idle timeout: start over for the next citizen."""
        log.debug("idle: back to the home screen")
        self.home()

    def start_green(self) -> None:
        """The green-channel entry: who is the ticket for?"""
        self._go(self.flow.start_green())

    def choose_green(self, category: str) -> None:
        """A green-channel category chosen: now the matter."""
        log.info("green channel: %s", category)
        self._go(self.flow.choose_green(category))

    def start_appointment(self) -> None:
        """The appointment check-in entry."""
        self._go(self.flow.start_appointment())

    def submit_appointment(self, text: str) -> None:
        """The appointment code typed: look up its matter (or let the citizen choose it)."""
        code = appointment_code(text)
        if code is None:
            self._refuse(msg.NOT_READ, "bad_appointment_code", msg.BAD_APPOINTMENT)
            return
        if self._pending:
            return
        self._begin()
        reply = self.client.get(f"/appointments/{code}")
        reply.finished.connect(lambda booking: self._on_booking(code, booking))
        reply.failed.connect(lambda e: self._on_booking(code, None, e))

    def _on_booking(self, code: str, booking: Any, error: ApiError | None = None) -> None:
        if error is not None and error.code == "unknown_appointment":
            self._on_refused(msg.NO_TICKET, error)
            return
        self._end()  # a server without the look-up, or no answer: the matter list will do
        self.flow.enter_appointment(code)
        matter = booking.get("matter") if isinstance(booking, dict) else None
        if matter and self.catalog is not None and self.catalog.matter(str(matter)):
            self.flow.open_matter(str(matter))
        self._emit_step()

    def start_requeue(self) -> None:
        """The re-queue entry for a missed ticket."""
        self._go(self.flow.start_requeue())

    # -- tickets --------------------------------------------------------------------------
    def take_ticket(self, code: str) -> None:
        """Take a ticket for a matter (asks for the ID first when it is real-name)."""
        matter = self.catalog.matter(code) if self.catalog else None
        if matter is None or self._pending:
            return
        issue = self.flow.take_ticket(code, real_name=matter.real_name)
        self._emit_step()
        if issue is not None:
            self._issue(issue)

    def submit_id(self, raw: str) -> None:
        """The ID number keyed in: check it here, then issue."""
        checked = check_id_number(raw)
        if isinstance(checked, Refusal):
            self.id_refused.emit(checked)
            return
        if not self._pending:
            self._issue(self.flow.enter_id(checked))

    def _issue(self, issue: Issue) -> None:
        """One tap, one Idempotency-Key: its retries resend the same key."""
        self._begin()
        self._attempt = (issue, new_request_key(), 0)
        self._send_issue()

    def _send_issue(self) -> None:
        if self._attempt is None or self._stopped:
            return
        issue, key, tries = self._attempt
        reply = self.client.issue_ticket(
            issue.matter,
            priority=issue.priority,
            id_number=issue.id_number,
            appointment_code=issue.appointment_code,
            green_category=issue.green_category,
            idempotency_key=key,
        )
        reply.finished.connect(lambda t: self._on_issued(t, key))
        reply.failed.connect(lambda e: self._on_issue_error(e, issue, key, tries))

    def _on_issued(self, ticket: dict[str, Any], key: str) -> None:
        if self._attempt is not None and self._attempt[1] == key:
            self._attempt = None
        self._on_ticket(ticket, requeued=False)

    def _on_issue_error(self, error: ApiError, issue: Issue, key: str, tries: int) -> None:
        if self._attempt is None or self._attempt[1] != key:
            return  # a request given up on already
        retries = min(self.settings.issue_retries, len(ISSUE_RETRY_DELAYS_MS))
        if error.status in RETRY_STATUSES and tries < retries and not self._stopped:
            delay = ISSUE_RETRY_DELAYS_MS[tries]
            log.warning(
                "ticket request: %s %s (%s); again in %d ms with the same key",
                error.status,
                error.code,
                error.detail or error.message,
                delay,
            )
            self._attempt = (issue, key, tries + 1)
            self._retry.start(delay)
            return
        self._attempt = None
        self._on_issue_failed(error, issue)

    def submit_requeue(self, text: str) -> None:
        """A scanned or typed ticket code: put that missed ticket back in line."""
        token = ticket_token(text)
        if token is None:
            self._refuse(msg.NOT_READ, "bad_ticket_code", msg.BAD_TICKET_CODE)
            return
        if self._pending:
            return
        self._begin()
        reply = self.client.requeue(token)
        reply.finished.connect(lambda t: self._on_ticket(t, requeued=True))
        reply.failed.connect(lambda e: self._on_refused(msg.NOT_REQUEUED, e))

    def _on_ticket(self, ticket: dict[str, Any], *, requeued: bool) -> None:
        self._end()
        log.info("ticket %s for %s (%s)", ticket["number"], ticket["matter"], ticket["priority"])
        self.ticket = ticket
        self.flow.show_ticket()
        self.reset.emit()
        self.ticket_ready.emit(ticket, requeued)
        self._emit_step()
        if self.catalog is not None:
            self.slips.print_ticket(ticket, self.catalog)

    def _on_issue_failed(self, error: ApiError, issue: Issue) -> None:
        self._end()
        if error.code == "id_required":
            self._go(self.flow.ask_id(issue.matter))
            return
        if error.code == "invalid_id_number":
            self.id_refused.emit(Refusal(error.code, error.message, error.message_zh))
            return
        if error.code == "hall_closed":
            self.refresh_catalog()
        self._on_refused(msg.NO_TICKET, error)

    def _on_refused(self, title: str, error: ApiError) -> None:
        self._end()
        log.warning("refused: %s %s %s", error.status, error.code, error.detail or error.message)
        hint = msg.TRY_AGAIN if error.code == "network" or error.status >= 500 else msg.ASK_DESK
        self.problem.emit(title, Refusal(error.code, error.message, error.message_zh), hint)

    def _refuse(self, title: str, code: str, source: str) -> None:
        self.problem.emit(title, Refusal(code, source, self.lang.chinese(source)), msg.ASK_DESK)

    def _begin(self) -> None:
        self._pending = True
        self.busy.emit(True)

    def _end(self) -> None:
        if self._pending:
            self._pending = False
            self.busy.emit(False)

    def print_notice(self, code: str) -> None:
        """The one-time notice of a matter's guide (printed on the worker)."""
        matter = self.catalog.matter(code) if self.catalog else None
        if matter is not None and self.catalog is not None:
            self.slips.print_notice(matter, self.catalog)

    def call_staff(self) -> None:
        """呼叫工作人员: tell the guide desk which screen the citizen is stuck on."""
        self.help.call(screen=self.flow.current.screen.value, lang=self.lang.language)

    # -- staff ----------------------------------------------------------------------------
    def open_admin(self) -> None:
        """The admin gesture: ask for the PIN."""
        log.info("admin gesture")
        self._go(self.flow.open_admin())

    def submit_pin(self, pin: str) -> None:
        """Unlock the staff settings with the admin PIN."""
        if self._pin.check(pin):
            log.info("admin unlocked")
            self._go(self.flow.unlock_admin())
        else:
            log.warning("wrong admin PIN (%d)", self._pin.failures)
            self.pin_refused.emit()
