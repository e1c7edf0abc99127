"""The closed screen (not issuing now) and the staff settings behind the admin PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout

from kiosk.catalog import HallStatus
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.screens.base import GAP, MARGIN, BaseScreen
from kiosk.widgets import DualButton, label


class ClosedScreen(BaseScreen):
    """Shown while the catalogue says the hall is not issuing tickets; a hall that takes
    appointments offers their check-in here (a booking is due before walk-ins open)."""

    appointment_requested = Signal()

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self.hall: HallStatus | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN * 3, GAP, MARGIN * 3, GAP)
        card = QFrame()
        card.setProperty("role", "panel")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(60, 36, 60, 36)
        inner.setSpacing(16)
        self.title = label("", "title")
        self.second = label("", "subtitle")
        self.next_opening = label("", "stat-value")
        self.notice = label("", "body")
        for widget in (self.title, self.second, self.next_opening, self.notice):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(widget)
        self.appointment_note = label("", "subtitle")
        self.appointment_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.appointment_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Appointment check-in"), lang, role="blue"
        )
        self.appointment_button.setProperty("hero", True)  # 720 × 150 px, taller in large text
        self.appointment_button.setMaximumWidth(960)
        self.appointment_button.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
        )
        self.appointment_button.clicked.connect(self.appointment_requested)
        box.addStretch(1)
        box.addWidget(card)
        box.addSpacing(GAP)
        box.addWidget(self.appointment_note)
        box.addWidget(self.appointment_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        self.set_appointments(False)

    def set_hall(self, hall: HallStatus) -> None:
        """The hall status from the catalogue."""
        self.hall = hall
        self.retranslate()

    def set_appointments(self, enabled: bool) -> None:
        """Offer appointment check-in (the server takes check-ins today) or not."""
        self.appointment_note.setVisible(enabled)
        self.appointment_button.setVisible(enabled)

    def retranslate(self) -> None:
        main, second = self.lang.dual(QT_TRANSLATE_NOOP("Kiosk", "Not issuing tickets now"))
        self.title.setText(main)
        self.second.setText(second)
        self.appointment_note.setText(
            self.tr("Booked an appointment? You can check in before your booked time.")
        )
        hall = self.hall
        if hall is None:
            return
        if hall.next_opening is not None:
            when = hall.local(hall.next_opening)
            stamp = (
                f"{when.month}月{when.day}日 {when:%H:%M}"
                if self.lang.zh
                else f"{when:%d %b %H:%M}"
            )
            self.next_opening.setText(self.tr("Tickets again from %1").replace("%1", stamp))
        else:
            self.next_opening.setText(self.tr("Please see the notice at the entrance."))
        self.notice.setText(self.lang.pick(hall.notice, hall.notice_en))


class AdminScreen(BaseScreen):
    """Staff settings: what this kiosk is connected to, a printer test, reload, exit."""

    test_print = Signal()
    reload = Signal()
    quit_requested = Signal()
    fullscreen_toggled = Signal()

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self._facts: list[tuple[str, str]] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, 30, MARGIN, MARGIN)
        box.setSpacing(GAP)
        self.title = label("", "title")
        box.addWidget(self.title)
        self.facts = label("", "body")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.facts)
        box.addStretch(1)
        grid = QGridLayout()
        grid.setSpacing(GAP)
        self.test_button = DualButton(QT_TRANSLATE_NOOP("Kiosk", "Print a test page"), lang)
        self.reload_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Reload the catalogue"), lang, role="secondary"
        )
        self.window_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Full screen / window"), lang, role="secondary"
        )
        self.quit_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Exit the kiosk"), lang, role="primary"
        )
        buttons = (self.test_button, self.reload_button, self.window_button, self.quit_button)
        for i, button in enumerate(buttons):
            button.setMinimumHeight(130)
            grid.addWidget(button, i // 2, i % 2)
        box.addLayout(grid)
        self.test_button.clicked.connect(self.test_print)
        self.reload_button.clicked.connect(self.reload)
        self.window_button.clicked.connect(self.fullscreen_toggled)
        self.quit_button.clicked.connect(self.quit_requested)
        self.retranslate()

    def set_facts(self, facts: list[tuple[str, str]]) -> None:
        """(English source label in the Kiosk context, value) pairs."""
        self._facts = facts
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff settings"))
        self.facts.setText("\n".join(f"{self.lang.dual(k)[0]}:  {v}" for k, v in self._facts))
