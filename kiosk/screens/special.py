"""Special entries: green channel (绿色通道), appointment check-in, re-queue of a missed ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout

from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.keys import Keyboard
from kiosk.screens.base import GAP, MARGIN, BaseScreen
from kiosk.widgets import DualButton, label
from queue_server.domain.model import GREEN_CATEGORIES

CATEGORY_TEXTS = {
    "elderly": QT_TRANSLATE_NOOP("Kiosk", "Seniors (60 and over)"),
    "disabled": QT_TRANSLATE_NOOP("Kiosk", "People with disabilities"),
    "pregnant": QT_TRANSLATE_NOOP("Kiosk", "Pregnant women"),
    "military": QT_TRANSLATE_NOOP("Kiosk", "Military, veterans and their families"),
    "other": QT_TRANSLATE_NOOP("Kiosk", "Others who need help (ill or injured)"),
}


class GreenScreen(BaseScreen):
    """Who the green channel is for; the category chosen leads to the matter list."""

    chosen = Signal(str)

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, 30, MARGIN, MARGIN)
        box.setSpacing(GAP)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        self.grid = QGridLayout()
        self.grid.setSpacing(GAP)
        box.addLayout(self.grid, 1)
        self.note = label("", "muted")
        box.addWidget(self.note)
        self.buttons: dict[str, DualButton] = {}
        for category in GREEN_CATEGORIES:
            button = DualButton(CATEGORY_TEXTS[category], lang, role="card-green")
            button.setMinimumHeight(160)
            button.clicked.connect(lambda _=False, c=category: self.chosen.emit(c))
            self.buttons[category] = button
        self.relayout()
        self.retranslate()

    def relayout(self) -> None:
        columns = 1 if self.portrait else 2
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Green channel: served first"))
        self.subtitle.setText(self.tr("Who is the ticket for?"))
        self.note.setText(
            self.tr(
                "Staff may ask to see a document (senior citizen card, disability certificate…)."
            )
        )


class _CodeScreen(BaseScreen):
    """A code typed on the on-screen keyboard or read by the scanner, then one button."""

    submitted = Signal(str)

    def __init__(self, lang: Languages, *, action: str, upper: bool, extra: str) -> None:
        super().__init__(lang)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, 20, MARGIN, 16)
        box.setSpacing(14)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.setSpacing(GAP)
        self.field = QLineEdit()
        self.field.setMaxLength(300)
        self.submit_button = DualButton(action, lang, role="primary")
        self.submit_button.setMinimumSize(300, 100)
        row.addWidget(self.field, 1)
        row.addWidget(self.submit_button)
        box.addLayout(row)
        self.note = label("", "muted")
        box.addWidget(self.note)
        box.addStretch(1)
        self.keyboard = Keyboard(lowercase=not upper, extra=extra, shift=not upper)
        self.keyboard.attach(self.field)
        box.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignBottom)
        self.field.returnPressed.connect(self._submit)  # scanners end with Enter
        self.submit_button.clicked.connect(self._submit)

    def _submit(self) -> None:
        self.submitted.emit(self.field.text())

    def reset(self) -> None:
        self.field.clear()

    def showEvent(self, event: object) -> None:  # noqa: N802
        self.field.setFocus()  # a barcode scanner types into the focused field
        super().showEvent(event)  # type: ignore[arg-type]


class AppointmentScreen(_CodeScreen):
    """预约签到: the code from the booking message; the matter is chosen next."""

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang, action=QT_TRANSLATE_NOOP("Kiosk", "Next"), upper=True, extra="-")
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Appointment check-in"))
        self.subtitle.setText(
            self.tr(
                "Key in the appointment code from your booking message, then choose the matter."
            )
        )
        self.field.setPlaceholderText(self.tr("Appointment code"))
        self.note.setText(
            self.tr(
                "Check in shortly before your booked time; late arrivals are served as walk-ins."
            )
        )


class RequeueScreen(_CodeScreen):
    """A missed (no-show) ticket back in line once: scan its QR code or type its code."""

    def __init__(self, lang: Languages) -> None:
        super().__init__(
            lang, action=QT_TRANSLATE_NOOP("Kiosk", "Re-queue"), upper=False, extra="-_"
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Missed your number?"))
        self.subtitle.setText(
            self.tr(
                "Hold your ticket's QR code under the scanner, or type the code from the "
                "address of your phone's queue page."
            )
        )
        self.field.setPlaceholderText(self.tr("Ticket code or queue page address"))
        self.note.setText(
            self.tr(
                "A missed ticket can go back in line once, on the same day, behind a few people."
            )
        )
