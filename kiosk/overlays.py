"""Layers over the whole kiosk: the busy indicator, bilingual messages, the notice preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.entry import Refusal
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.widgets import DualButton, label

BUSY_DELAY_MS = 200


class _Layer(QWidget):
    """A widget covering its parent, dimming what is under it and swallowing touches."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def appear(self) -> None:
        """Cover the window and come to the front."""
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        QPainter(self).fillRect(self.rect(), QColor(6, 32, 80, 150))


class BusyOverlay(_Layer):
    """Shown when work has been pending for more than 200 ms; nested begin/end."""

    spinner_turned = Signal()  # each animation step: the GUI thread is alive

    def __init__(self, parent: QWidget, lang: Languages, *, delay_ms: int = BUSY_DELAY_MS) -> None:
        super().__init__(parent)
        self.lang = lang
        self._count = 0
        self._angle = 0
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(delay_ms)
        self._delay.timeout.connect(self._show)
        self._spin = QTimer(self)
        self._spin.setInterval(40)
        self._spin.timeout.connect(self._turn)

    @property
    def pending(self) -> bool:
        """Some work is in hand."""
        return self._count > 0

    def begin(self) -> None:
        """Work started: show the indicator if it lasts over 200 ms."""
        self._count += 1
        if self._count == 1:
            self._delay.start()

    def end(self) -> None:
        """Work finished: hide when none is left."""
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self._delay.stop()
            self._spin.stop()
            self.hide()

    def _show(self) -> None:
        self.appear()
        self._spin.start()

    def _turn(self) -> None:
        self._angle = (self._angle + 12) % 360
        self.update()
        self.spinner_turned.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(0, 0, 520, 340)
        card.moveCenter(QRectF(self.rect()).center())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.CARD))
        p.drawRoundedRect(card, 28, 28)
        ring = QRectF(0, 0, 120, 120)
        ring.moveCenter(card.center())
        ring.moveTop(card.top() + 44)
        p.setPen(QPen(QColor(theme.NAVY_SOFT), 14))
        p.drawEllipse(ring)
        arc = QPen(QColor(theme.RED), 14)
        arc.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(arc)
        p.drawArc(ring, -self._angle * 16, 100 * 16)
        main, second = self.lang.dual(QT_TRANSLATE_NOOP("Kiosk", "Please wait…"))
        font = p.font()
        font.setPixelSize(40)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor(theme.NAVY_DARK))
        text = QRectF(card.left(), ring.bottom() + 24, card.width(), 56)
        p.drawText(text, Qt.AlignmentFlag.AlignCenter, main)
        font.setPixelSize(26)
        font.setBold(False)
        p.setFont(font)
        p.setPen(QColor(theme.MUTED))
        p.drawText(text.translated(0, 56), Qt.AlignmentFlag.AlignCenter, second)


class MessagePanel(_Layer):
    """A bilingual message (refusal, fault, notice) in a card with one big OK button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget, lang: Languages) -> None:
        super().__init__(parent)
        self.lang = lang
        self._content: tuple[str, Refusal, str] | None = None
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setProperty("role", "panel-error")
        self.card.setFixedWidth(900)
        box = QVBoxLayout(self.card)
        box.setContentsMargins(52, 44, 52, 40)
        box.setSpacing(22)
        self.title = label("", "title")
        self.message = label("", "error")
        self.second = label("", "muted")
        self.hint = label("", "body")
        self.ok = DualButton(QT_TRANSLATE_NOOP("Kiosk", "OK"), lang, role="blue")
        self.ok.setMinimumHeight(120)
        self.ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for widget in (self.title, self.message, self.second, self.hint, self.ok):
            box.addWidget(widget)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        self.ok.clicked.connect(self.dismiss)

    @property
    def code(self) -> str:
        """The code of the message on show ("" when hidden)."""
        return self._content[1].code if self._content and self.isVisible() else ""

    def show_refusal(self, title: str, refusal: Refusal, hint: str = "") -> None:
        """`title` and `hint` are English source texts of the Kiosk context."""
        self._content = (title, refusal, hint)
        self._set_tone("panel-error", "error")
        self.retranslate()
        self.appear()

    def show_notice(self, title: str, text: str, hint: str = "", *, code: str) -> None:
        """Good news (green, not red); `title`, `text` and `hint` are English source texts."""
        self._content = (title, Refusal(code, text, self.lang.chinese(text)), hint)
        self._set_tone("panel-ok", "notice")
        self.retranslate()
        self.appear()

    def _set_tone(self, card: str, message: str) -> None:
        for widget, role in ((self.card, card), (self.message, message)):
            if widget.property("role") != role:
                widget.setProperty("role", role)
                widget.style().unpolish(widget)  # a dynamic property: restyle by hand
                widget.style().polish(widget)

    def dismiss(self) -> None:
        """Hide the message (OK, Home, idle)."""
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    def texts(self) -> list[str]:
        """Everything the panel says, for tests and logs."""
        return [w.text() for w in (self.title, self.message, self.second, self.hint)]

    def retranslate(self) -> None:
        """Show the message in the current language first."""
        if self._content is None:
            return
        title, refusal, hint = self._content
        self.title.setText(self.lang.dual(title)[0])
        self.message.setText(self.lang.pick(refusal.message_zh, refusal.message))
        self.second.setText(refusal.message if self.lang.zh else refusal.message_zh)
        self.hint.setText("\n".join(self.lang.dual(hint)) if hint else "")
        self.hint.setVisible(bool(hint))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SlipPreview(_Layer):
    """The one-time notice as it prints: the slip image and what the printer did."""

    closed = Signal()

    def __init__(self, parent: QWidget, lang: Languages) -> None:
        super().__init__(parent)
        self.lang = lang
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame()
        card.setProperty("role", "panel")
        box = QVBoxLayout(card)
        box.setContentsMargins(36, 30, 36, 30)
        box.setSpacing(18)
        self.status = label("", "title")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = label("", "")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setMinimumSize(640, 700)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.close_button = DualButton(QT_TRANSLATE_NOOP("Kiosk", "Close"), lang, role="blue")
        self.close_button.setMinimumHeight(110)
        for widget in (self.status, self.scroll_area, self.close_button):
            box.addWidget(widget)
        outer.addWidget(card)
        self.close_button.clicked.connect(self.close_preview)
        self._status = ""

    def show_slip(self, pixmap: QPixmap | None, status: str) -> None:
        """Show (or update) the preview; `status` is an English source text."""
        if pixmap is not None:
            self.image.setPixmap(pixmap)
        self.set_status(status)
        self.appear()

    def set_status(self, status: str) -> None:
        """What the printer is doing (an English source text)."""
        self._status = status
        self.status.setText(self.lang.dual(status)[0] if status else "")

    def close_preview(self) -> None:
        """Hide the preview."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.set_status(self._status)
        super().changeEvent(event)
