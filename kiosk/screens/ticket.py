"""The ticket: the number huge, where to go, how long, and the slip (or its QR) beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMargins, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout

from kiosk.entry import Refusal
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.printjob import to_qimage
from kiosk.screens.base import GAP, MARGIN, BaseScreen, direction
from kiosk.slip_canvas import qr_image
from kiosk.widgets import DualButton, label

SCAN = QT_TRANSLATE_NOOP("Kiosk", "Scan to keep your place")
STATUS = {
    "printing": QT_TRANSLATE_NOOP("Kiosk", "Printing your ticket…"),
    "printed": QT_TRANSLATE_NOOP("Kiosk", "Please take your ticket below"),
    "failed": QT_TRANSLATE_NOOP("Kiosk", "The printer cannot print right now"),
    "no_printer": QT_TRANSLATE_NOOP("Kiosk", "This kiosk does not print tickets"),
}
QR_BOX = 10  # dots per QR module on screen: easy for any phone camera


class TicketScreen(BaseScreen):
    """Shown after a ticket is issued (or re-queued); counts down back to the home screen."""

    done = Signal()

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self.ticket: dict[str, Any] = {}
        self.requeued = False
        self.state = "printing"
        self.fault: Refusal | None = None
        self.seconds_left = 0
        self._preview: QImage | None = None
        self.body = QBoxLayout(direction(False), self)
        self.body.setContentsMargins(MARGIN, 20, MARGIN, 20)
        self.body.setSpacing(GAP * 2)
        card = QFrame()
        card.setProperty("role", "card")
        info = QVBoxLayout(card)
        info.setContentsMargins(44, 24, 44, 24)
        info.setSpacing(10)
        head = QHBoxLayout()
        self.heading = label("", "subtitle", wrap=False)
        self.badge = label("", "badge-green", wrap=False)
        head.addWidget(self.heading, 1)
        head.addWidget(self.badge)
        info.addLayout(head)
        self.number = label("", "number", wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.matter = label("", "card-title")
        self.windows = label("", "title")
        self.ahead = label("", "body")
        self.status = label("", "banner-blue")
        self.fault_text = label("", "muted")
        for widget in (self.number, self.matter, self.windows, self.ahead):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            info.addWidget(widget)
        info.addStretch(1)
        info.addWidget(self.status)
        info.addWidget(self.fault_text)
        bottom = QHBoxLayout()
        self.countdown = label("", "muted")
        self.done_button = DualButton(QT_TRANSLATE_NOOP("Kiosk", "Done"), lang, role="blue")
        self.done_button.setMinimumSize(300, 100)
        bottom.addWidget(self.countdown, 1)
        bottom.addWidget(self.done_button)
        info.addLayout(bottom)
        self.body.addWidget(card, 3)
        side = QVBoxLayout()
        side.setSpacing(12)
        self.preview = label("", "", wrap=False)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the slip is scaled to the space there is, so it must not claim space itself
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.installEventFilter(self)
        self.qr = label("", "", wrap=False)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scan_text = label("", "title")
        self.scan_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.preview, self.qr, self.scan_text):
            side.addWidget(widget, 0 if widget is not self.preview else 1)
        self.body.addLayout(side, 2)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count)
        self.done_button.clicked.connect(self._finish)

    def set_ticket(self, ticket: dict[str, Any], *, requeued: bool = False) -> None:
        """A new ticket: printing starts; no preview until the slip is rendered."""
        self.ticket, self.requeued = ticket, requeued
        self._preview, self.fault = None, None
        self.state = "printing"
        self.qr.clear()
        self.preview.clear()
        self._tick.stop()
        self.seconds_left = 0
        self.retranslate()

    def set_preview(self, image: QImage) -> None:
        """The rendered slip, shown beside the number."""
        self._preview = image
        self._show_side()

    def set_print_state(self, state: str, *, seconds: float, fault: Refusal | None = None) -> None:
        """`printed`, `failed` (with the printer's reason) or `no_printer`; starts the countdown."""
        self.state, self.fault = state, fault
        self.seconds_left = max(1, round(seconds))
        self._tick.start()
        self.retranslate()

    def _count(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self._finish()
        else:
            self._countdown_text()

    def _finish(self) -> None:
        self._tick.stop()
        self.done.emit()

    def reset(self) -> None:
        self._tick.stop()

    @property
    def qr_visible(self) -> bool:
        """The slip did not print: the QR code is on the screen instead."""
        return self.state in ("failed", "no_printer")

    def _show_side(self) -> None:
        if self.qr_visible and self.ticket.get("status_url"):
            code = to_qimage(qr_image(str(self.ticket["status_url"]), box=QR_BOX))
            self.qr.setPixmap(QPixmap.fromImage(code))
            self.preview.clear()
        elif self._preview is not None:
            pix = QPixmap.fromImage(self._preview)
            box = self.preview.size().shrunkBy(QMargins(8, 8, 8, 8))
            if pix.height() > box.height() or pix.width() > box.width():
                pix = pix.scaled(
                    box,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.preview.setPixmap(pix)
        self.qr.setVisible(self.qr_visible)
        self.scan_text.setVisible(self.qr_visible)
        self.preview.setVisible(not self.qr_visible)

    def _countdown_text(self) -> None:
        self.countdown.setText(
            self.tr("Back to the start in %n seconds", "", self.seconds_left)
            if self._tick.isActive()
            else ""
        )

    def relayout(self) -> None:
        self.body.setDirection(direction(self.portrait))
        self.body.setStretch(0, 5 if self.portrait else 3)
        self.body.setStretch(1, 4 if self.portrait else 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.preview and event.type() == QEvent.Type.Resize and self.ticket:
            self._show_side()
        return False

    def retranslate(self) -> None:
        t = self.ticket
        if not t:
            return
        self.heading.setText(self.tr("Your number"))
        green = t.get("priority") == "green"
        self.badge.setText(self.tr("Re-queued") if self.requeued else self.tr("Green channel"))
        self.badge.setVisible(green or self.requeued)
        self.number.setText(str(t.get("number", "")))
        self.matter.setText(self.lang.pick(t.get("matter_name", ""), t.get("matter_name_en", "")))
        windows = t.get("windows") or []
        go = self.tr("Please go to window %1", "", len(windows))  # English: window(s)
        self.windows.setText(go.replace("%1", self.lang.join(windows)) if windows else "")
        ahead = int(t.get("waiting_ahead") or 0)
        parts = [self.tr("%n people ahead of you", "", ahead)]
        if ahead:
            parts.append(self.tr("about %n min", "", int(t.get("estimated_wait_min") or 0)))
        self.ahead.setText("  ·  ".join(parts))
        self.status.setText(self.lang.dual(STATUS[self.state])[0])
        self.status.setProperty("role", "error" if self.qr_visible else "banner-blue")
        self.status.style().polish(self.status)
        f = self.fault
        self.fault_text.setText(
            f"{self.lang.pick(f.message_zh, f.message)}" if f and self.state == "failed" else ""
        )
        self.fault_text.setVisible(bool(self.fault_text.text()))
        self.scan_text.setText("\n".join(self.lang.dual(SCAN)))
        self._countdown_text()
        self._show_side()
