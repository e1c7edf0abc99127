"""The kiosk window: top bar, the screens, Back/Home, overlays; shows what the controller says."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk import messages as msg
from kiosk import theme
from kiosk.bars import NavBar, TopBar
from kiosk.catalog import Catalog
from kiosk.controller import KioskController
from kiosk.entry import Refusal
from kiosk.flow import Screen, Step
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.overlays import BusyOverlay, MessagePanel, SlipPreview
from kiosk.screens.base import BaseScreen
from kiosk.screens.guide import GuideScreen
from kiosk.screens.home import HomeScreen
from kiosk.screens.keypad_screens import IdentityScreen, PinScreen
from kiosk.screens.matters import MattersScreen
from kiosk.screens.special import AppointmentScreen, GreenScreen, RequeueScreen
from kiosk.screens.staff import AdminScreen, ClosedScreen
from kiosk.screens.ticket import TicketScreen
from kiosk.widgets import IdleWatcher

log = logging.getLogger(__name__)

WRONG_PIN = QT_TRANSLATE_NOOP("Kiosk", "Wrong PIN.")
PRINTING = QT_TRANSLATE_NOOP("Kiosk", "Printing…")
PRINTED = QT_TRANSLATE_NOOP("Kiosk", "Printed: please take the slip below")
NOT_PRINTED = QT_TRANSLATE_NOOP("Kiosk", "The printer cannot print right now")


class KioskWindow(QWidget):
    """One window, full screen in the hall; every screen built once and reused."""

    quit_requested = Signal()
    fullscreen_toggled = Signal()

    def __init__(self, controller: KioskController, lang: Languages) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.controller, self.lang = controller, lang
        self.settings = controller.settings
        self.locked = True
        self.elderly = False
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        self.top = TopBar(lang, hold_ms=int(self.settings.admin_hold_s * 1000))
        self.stack = QStackedWidget()
        self.stack.setObjectName("Screens")
        self.nav = NavBar(lang)
        box.addWidget(self.top)
        box.addWidget(self.stack, 1)
        box.addWidget(self.nav)
        self.home = HomeScreen(lang)
        self.matters = MattersScreen(lang)
        self.guide = GuideScreen(lang)
        self.green = GreenScreen(lang)
        self.identity = IdentityScreen(lang)
        self.appointment = AppointmentScreen(lang)
        self.requeue = RequeueScreen(lang)
        self.ticket = TicketScreen(lang)
        self.closed = ClosedScreen(lang)
        self.pin = PinScreen(lang, configured=bool(self.settings.admin_pin))
        self.admin = AdminScreen(lang)
        self.screens: dict[Screen, BaseScreen] = {
            Screen.HOME: self.home,
            Screen.MATTERS: self.matters,
            Screen.GUIDE: self.guide,
            Screen.GREEN: self.green,
            Screen.IDENTITY: self.identity,
            Screen.APPOINTMENT: self.appointment,
            Screen.REQUEUE: self.requeue,
            Screen.TICKET: self.ticket,
            Screen.CLOSED: self.closed,
            Screen.PIN: self.pin,
            Screen.ADMIN: self.admin,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.busy = BusyOverlay(self, lang)
        self.message = MessagePanel(self, lang)
        self.preview = SlipPreview(self, lang)
        self.idle = IdleWatcher(self.settings.idle_timeout_s, self)
        self.setStyleSheet(theme.stylesheet())
        self._wire()

    # -- wiring ---------------------------------------------------------------------------
    def _wire(self) -> None:
        c, slips = self.controller, self.controller.slips
        c.step_changed.connect(self.show_step)
        c.catalog_changed.connect(self._on_catalog)
        c.online_changed.connect(self.home.set_problem)
        c.finder.ready.connect(self._refresh_results)
        c.ticket_ready.connect(self._on_ticket)
        c.problem.connect(self.message.show_refusal)
        c.id_refused.connect(self.identity.show_refusal)
        c.pin_refused.connect(self._wrong_pin)
        c.busy.connect(lambda on: self.busy.begin() if on else self.busy.end())
        c.reset.connect(self._reset)
        c.appointments_changed.connect(self.closed.set_appointments)
        c.appointments_changed.connect(self.home.set_appointments)
        slips.rendered.connect(self._on_rendered)
        slips.printed.connect(self._on_printed)
        slips.failed.connect(self._on_print_failed)
        self.idle.idle.connect(self._on_idle)
        self.top.language_clicked.connect(self.lang.toggle)
        self.top.elderly_toggled.connect(self.set_elderly)
        self.top.emblem.held.connect(c.open_admin)
        self.top.help_clicked.connect(c.call_staff)
        c.help.state_changed.connect(self.top.set_help_state)
        c.help.called.connect(self._help_called)
        c.help.failed.connect(self._help_failed)
        self.nav.back.connect(c.back)
        self.nav.home.connect(c.home)
        self.home.zone_chosen.connect(c.open_zone)
        self.home.search_requested.connect(c.open_search)
        self.home.green_requested.connect(c.start_green)
        self.home.appointment_requested.connect(c.start_appointment)
        self.home.requeue_requested.connect(c.start_requeue)
        self.closed.appointment_requested.connect(c.start_appointment)
        self.matters.matter_chosen.connect(c.open_matter)
        self.matters.query_changed.connect(lambda _q: self._refresh_results())
        self.guide.take_ticket.connect(c.take_ticket)
        self.guide.print_notice.connect(c.print_notice)
        self.green.chosen.connect(c.choose_green)
        self.identity.submitted.connect(c.submit_id)
        self.appointment.submitted.connect(c.submit_appointment)
        self.requeue.submitted.connect(c.submit_requeue)
        self.ticket.done.connect(self._ticket_done)
        self.pin.submitted.connect(c.submit_pin)
        self.admin.test_print.connect(slips.print_test_page)
        self.admin.reload.connect(c.refresh_catalog)
        self.admin.quit_requested.connect(self._quit)
        self.admin.fullscreen_toggled.connect(self.fullscreen_toggled)

    # -- showing --------------------------------------------------------------------------
    def current(self) -> BaseScreen:
        """The screen on show."""
        return self.screens[self.controller.flow.current.screen]

    def show_step(self, step: Step) -> None:
        """Configure and raise the screen of `step`."""
        catalog, mode = self.controller.catalog, self.controller.flow.mode
        matter = catalog.matter(step.matter or "") if catalog else None
        if step.screen is Screen.MATTERS:
            zone = catalog.zone(step.zone) if catalog and step.zone else None
            self.matters.set_scope(zone, mode, keyboard=step.zone is None)
            self._refresh_results(keep_page=True)
        elif step.screen is Screen.GUIDE and matter is not None and catalog is not None:
            self.guide.set_matter(matter, catalog, mode)
        elif step.screen is Screen.IDENTITY and matter is not None:
            self.identity.set_matter(matter.name, matter.name_en)
        elif step.screen is Screen.PIN:
            self.pin.reset()
        elif step.screen is Screen.ADMIN:
            self.admin.set_facts(self._facts())
        self.stack.setCurrentWidget(self.screens[step.screen])
        self.nav.setVisible(step.screen not in (Screen.HOME, Screen.CLOSED))
        self.nav.back_button.setVisible(self.controller.flow.can_go_back)
        self.top.help_button.setVisible(step.screen not in (Screen.PIN, Screen.ADMIN))
        if step.screen is Screen.HOME:
            self.message.dismiss()

    def _refresh_results(self, keep_page: bool = False) -> None:
        step = self.controller.flow.current
        if step.screen is Screen.MATTERS:
            found = self.controller.finder.search(self.matters.search_box.text(), step.zone)
            self.matters.set_results(found, keep_page=keep_page)

    def _on_catalog(self, catalog: Catalog) -> None:
        self.top.set_hall(catalog.hall.name, catalog.hall.name_en, catalog.hall.timezone)
        self.home.set_catalog(catalog)
        self.closed.set_hall(catalog.hall)
        screen = self.controller.flow.current.screen
        if screen is Screen.GUIDE:
            self.guide.set_live(catalog)
        elif screen is Screen.MATTERS:
            self._refresh_results(keep_page=True)

    def _on_ticket(self, ticket: dict[str, Any], requeued: bool) -> None:
        self.ticket.set_ticket(ticket, requeued=requeued)

    def _on_idle(self) -> None:
        """The citizen has gone: the next one starts in the default language and type size."""
        self.message.dismiss()
        self.lang.set_language(self.settings.language)
        self.set_elderly(False)
        self.controller.idle()

    def _ticket_done(self) -> None:
        if self.controller.flow.current.screen is Screen.TICKET:
            self.controller.home()

    def _reset(self) -> None:
        for screen in self.screens.values():
            screen.reset()
        self.preview.close_preview()

    def _help_called(self, _call: Any) -> None:
        self.message.show_notice(
            msg.CALL_STAFF, msg.HELP_CALLED, msg.HELP_COMING, code="help_called"
        )

    def _help_failed(self, refusal: Refusal) -> None:
        self.message.show_refusal(msg.HELP_FAILED, refusal, msg.ASK_DESK)

    def _wrong_pin(self) -> None:
        self.pin.show_refusal(Refusal("wrong_pin", WRONG_PIN, self.lang.chinese(WRONG_PIN)))

    # -- slips ----------------------------------------------------------------------------
    def _is_ticket(self, job: str) -> bool:
        return job == self.controller.slips.ticket_job

    def _on_rendered(self, job: str, image: QImage) -> None:
        if self._is_ticket(job):
            self.ticket.set_preview(image)
        elif not job.startswith("ticket"):
            self.preview.show_slip(QPixmap.fromImage(image), PRINTING)

    def _on_printed(self, job: str) -> None:
        if self._is_ticket(job):
            self.ticket.set_print_state("printed", seconds=self.settings.ticket_screen_s)
        elif not job.startswith("ticket"):
            self.preview.set_status(PRINTED)

    def _on_print_failed(self, job: str, fault: Refusal) -> None:
        if self._is_ticket(job):
            state = "failed" if self.controller.slips.has_printer else "no_printer"
            self.ticket.set_print_state(state, seconds=self.settings.fault_screen_s, fault=fault)
        elif not job.startswith("ticket"):
            self.preview.set_status(NOT_PRINTED)
            self.message.show_refusal(NOT_PRINTED, fault, "")

    # -- modes and lock-down --------------------------------------------------------------
    def set_elderly(self, on: bool) -> None:
        """Elderly mode: larger text, fewer items per page."""
        self.elderly = on
        scale = theme.ELDERLY_SCALE if on else 1.0
        self.setStyleSheet(theme.stylesheet(scale))
        self.matters.set_scale(scale)
        if self.top.elderly_button.isChecked() != on:
            self.top.elderly_button.setChecked(on)

    def _facts(self) -> list[tuple[str, str]]:
        s, c = self.settings, self.controller
        key = f"{s.key[:4]}…" if s.key else "—"
        return [
            (QT_TRANSLATE_NOOP("Kiosk", "Server"), c.client.api_url),
            (QT_TRANSLATE_NOOP("Kiosk", "Device key"), key),
            (
                QT_TRANSLATE_NOOP("Kiosk", "Printer"),
                c.slips.printer.name if c.slips.has_printer else "—",
            ),
            (QT_TRANSLATE_NOOP("Kiosk", "Zones"), ", ".join(s.zones) or "—"),
            (QT_TRANSLATE_NOOP("Kiosk", "Idle timeout"), f"{s.idle_timeout_s:g} s"),
            (
                QT_TRANSLATE_NOOP("Kiosk", "Matters"),
                str(len(c.catalog.matters) if c.catalog else 0),
            ),
        ]

    def _quit(self) -> None:
        log.info("kiosk exit from the staff settings")
        self.locked = False
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.locked:
            event.ignore()  # Alt+F4 and friends: only the staff settings may close the kiosk
            return
        self.idle.stop()
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        portrait = event.size().height() > event.size().width()
        self.top.set_portrait(portrait)
        for screen in self.screens.values():
            screen.set_portrait(portrait)
        super().resizeEvent(event)
