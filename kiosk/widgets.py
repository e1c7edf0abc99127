"""Building blocks of the kiosk screens: card buttons, the top and bottom bars, idle watch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Languages

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


def label(text: str = "", role: str = "body", *, wrap: bool = True) -> QLabel:
    """A QLabel styled by `role` (see kiosk.theme)."""
    lab = QLabel(text)
    lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return lab


class FitLabel(QLabel):
    """One line of text that shrinks its type (to 70 %), then elides, rather than clip."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        text, rect = self.text(), self.contentsRect()
        font = QFont(self.font())
        width = QFontMetrics(font).horizontalAdvance(text)
        if width > rect.width() > 0 and font.pixelSize() > 0:
            size = font.pixelSize()
            font.setPixelSize(max(int(size * 0.7), int(size * rect.width() / width)))
            text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(rect, self.alignment() | Qt.AlignmentFlag.AlignVCenter, text)


def fit_label(text: str = "", role: str = "body") -> FitLabel:
    """A single-line FitLabel styled by `role`."""
    lab = FitLabel(text)
    lab.setProperty("role", role)
    return lab


class CardButton(QPushButton):
    """A big touch button holding several lines of text, each styled by its own role."""

    def __init__(
        self,
        roles: tuple[str, ...] = ("btn-main", "btn-sub"),
        *,
        role: str = "blue",
        margins: tuple[int, int] = (28, 14),
    ) -> None:
        super().__init__()
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        box = QVBoxLayout(self)
        box.setContentsMargins(margins[0], margins[1], margins[0], margins[1])
        box.setSpacing(4)
        self._labels: list[FitLabel] = []
        for r in roles:
            lab = fit_label("", r)
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(lab)
            self._labels.append(lab)

    def set_texts(self, *texts: str) -> None:
        """One text per line; an empty text hides its line."""
        for lab, text in zip(self._labels, texts, strict=False):
            lab.setText(text)
            lab.setVisible(bool(text))
        self.setAccessibleName(" / ".join(t for t in texts if t))

    def texts(self) -> list[str]:
        """The text of each line."""
        return [lab.text() for lab in self._labels]

    def align(self, flags: Qt.AlignmentFlag) -> None:
        """Align every line."""
        for lab in self._labels:
            lab.setAlignment(flags)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint, box = super().sizeHint(), self.layout()
        return hint.expandedTo(box.sizeHint()) if box is not None else hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        box = self.layout()
        return box.minimumSize() if box is not None else super().minimumSizeHint()


class DualButton(CardButton):
    """A button in the current language with the other language underneath."""

    def __init__(
        self,
        source: str,
        lang: Languages,
        *,
        role: str = "blue",
        margins: tuple[int, int] = (28, 14),
    ) -> None:
        super().__init__(role=role, margins=margins)
        self.source = source
        self.lang = lang
        self.prefix = ""  # e.g. an arrow, on the main line only
        self.retranslate()

    def set_source(self, source: str) -> None:
        """A new English source text (of the Kiosk context)."""
        self.source = source
        self.retranslate()

    def retranslate(self) -> None:
        """The texts in the current language, then the other one."""
        main, second = self.lang.dual(self.source)
        self.set_texts(self.prefix + main, second)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HoldArea(QLabel):
    """Emits `held` after being pressed for `hold_ms` without release (the admin gesture)."""

    held = Signal()

    def __init__(self, text: str, hold_ms: int) -> None:
        super().__init__(text)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._timer.stop()
        event.accept()


class IdleWatcher(QObject):
    """`idle` after `timeout_s` without a touch or key anywhere in the application."""

    idle = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(timeout_s * 1000))
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def poke(self) -> None:
        """Someone is here: start counting again."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self._timer.start()
        return False

    def stop(self) -> None:
        """Stop watching (the kiosk is closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def spacer(height: int) -> QWidget:
    """A fixed vertical gap."""
    gap = QWidget()
    gap.setFixedHeight(height)
    return gap
