"""The evaluator facing the citizen (`hallq evaluator`): idle, five faces, reasons, thanks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_display import theme
from counter_display.evaluation import EvaluatorController
from counter_display.icons import face_icon, tick_icon
from counter_display.rating import BAD, REASONS, SCALE, Level, Step
from counter_display.texts import QT_TRANSLATE_NOOP


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class FaceButton(QPushButton):
    """One level of the scale: a face above its Chinese and English names."""

    def __init__(self, level: Level, zh: str, en: str) -> None:
        super().__init__()
        self.level = level
        self.setProperty("role", "face")
        self.setStyleSheet(f"QPushButton {{ background: {level.colour}; border: none; }}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.face = QLabel()
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zh = _label(zh, "face-zh")
        self.en = _label(en, "face-en")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 16, 8, 16)
        layout.setSpacing(10)
        layout.addStretch(1)
        for child in (self.face, self.zh, self.en):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        layout.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        # Half the button's height at most: the texts keep their room, nothing grows.
        side = max(40, min(self.width() - 40, int(self.height() * 0.5)))
        if self.face.height() != side:
            self.face.setFixedHeight(side)
            self.face.setPixmap(face_icon(self.level.rating, side))


class EvaluatorWindow(QWidget):
    """Shows the controller's step; touches go back to the controller."""

    def __init__(self, controller: EvaluatorController, *, window_name: str = "") -> None:
        super().__init__()
        self.setWindowTitle(f"HallQ · {controller.window}")
        self.controller = controller
        self._scale = 0.0
        t = controller.texts
        self.setProperty("role", "page")
        top = QFrame()
        top.setObjectName("TopBar")
        bar = QHBoxLayout(top)
        bar.setContentsMargins(28, 14, 28, 14)
        self.window_label = _label("", "title")
        self.window_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.set_window_name(window_name)
        self.offline = _label(
            "  ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Reconnecting"))), "offline"
        )
        self.offline.hide()
        title = _label(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Service rating"))), "title")
        bar.addWidget(self.window_label, 1)
        bar.addWidget(self.offline)
        bar.addWidget(title)
        self.pages = QStackedWidget()
        self.idle = self._idle_page()
        self.ask = self._ask_page()
        self.reasons_page = self._reasons_page()
        self.thanks = self._thanks_page()
        for page in (self.idle, self.ask, self.reasons_page, self.thanks):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top)
        layout.addWidget(self.pages, 1)
        controller.changed.connect(self.refresh)
        controller.online_changed.connect(lambda online: self.offline.setVisible(not online))
        self.resize(1280, 800)
        self.refresh()

    def set_window_name(self, name: str) -> None:
        """The window's number and name in the top bar."""
        no = self.controller.texts.zh(QT_TRANSLATE_NOOP("Counter", "No."))
        self.window_label.setText(f"{self.controller.window}{no}  {name}".strip())

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        page.setProperty("role", "page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(12)
        return page, layout

    def _idle_page(self) -> QWidget:
        t = self.controller.texts
        page, layout = self._page()
        zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Please rate our service"))
        hint = t.dual(QT_TRANSLATE_NOOP("Counter", "When your service is finished, rate it here"))
        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 36, 40, 36)
        inner.setSpacing(14)
        inner.addWidget(_label(zh, "hero"))
        inner.addWidget(_label(en, "hero-en"))
        faces = QHBoxLayout()
        faces.setSpacing(28)
        faces.addStretch(1)
        for level in SCALE:
            column = QVBoxLayout()
            icon = QLabel()
            icon.setPixmap(face_icon(level.rating, 84, level.colour))
            icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(icon)
            column.addWidget(_label(t.zh(level.label), "face-caption"))
            faces.addLayout(column)
        faces.addStretch(1)
        inner.addSpacing(12)
        inner.addLayout(faces)
        inner.addSpacing(12)
        inner.addWidget(_label(hint[0], "h2"))
        inner.addWidget(_label(hint[1], "muted"))
        layout.addStretch(1)
        layout.addWidget(card)
        layout.addStretch(1)
        return page

    def _ask_page(self) -> QWidget:
        t = self.controller.texts
        page, layout = self._page()
        self.ask_title = _label("", "h1")
        layout.addWidget(self.ask_title)
        layout.addWidget(
            _label(
                "  ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Please rate this service"))), "muted"
            )
        )
        row = QHBoxLayout()
        row.setSpacing(16)
        self.faces: dict[int, FaceButton] = {}
        for level in SCALE:
            button = FaceButton(level, *t.dual(level.label))
            button.clicked.connect(lambda _=False, r=level.rating: self.controller.choose(r))
            row.addWidget(button, 1)
            self.faces[level.rating] = button
        layout.addLayout(row, 1)
        self.ask_message = _label("", "error")
        layout.addWidget(self.ask_message)
        return page

    def _reasons_page(self) -> QWidget:
        t = self.controller.texts
        page, layout = self._page()
        zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "What was not good? (tick any)"))
        layout.addWidget(_label(zh, "h1"))
        layout.addWidget(_label(en, "muted"))
        grid = QGridLayout()
        grid.setSpacing(16)
        self.reasons: dict[str, QPushButton] = {}
        for i, reason in enumerate(REASONS):
            rz, re_ = t.dual(reason)
            button = QPushButton(f"{rz}  {re_}")
            button.setProperty("role", "reason")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            grid.addWidget(button, i // 2, i % 2)
            self.reasons[reason] = button
        layout.addLayout(grid, 3)
        self.reasons_message = _label("", "error")
        layout.addWidget(self.reasons_message)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Back"))))
        self.submit_button = QPushButton(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Submit"))))
        self.submit_button.setProperty("role", "primary")
        self.back_button.clicked.connect(self.controller.back)
        self.submit_button.clicked.connect(self._submit)
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.submit_button, 2)
        layout.addLayout(buttons)
        return page

    def _thanks_page(self) -> QWidget:
        t = self.controller.texts
        page, layout = self._page()
        zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Thank you for your rating"))
        layout.addStretch(2)
        tick = QLabel()
        tick.setPixmap(tick_icon(150))
        tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(tick)
        layout.addWidget(_label(zh, "hero"))
        layout.addWidget(_label(en, "hero-en"))
        self.thanks_note = _label("", "h2")
        layout.addWidget(self.thanks_note)
        layout.addStretch(3)
        return page

    def _submit(self) -> None:
        chosen = [r for r, b in self.reasons.items() if b.isChecked()]
        self.controller.submit_reasons(chosen)

    def refresh(self) -> None:
        """Show the controller's step."""
        c, t = self.controller, self.controller.texts
        step = c.step
        busy = step is Step.SENDING
        for button in (*self.faces.values(), self.submit_button, self.back_button):
            button.setEnabled(not busy)
        message = "  ".join(c.message) if c.message else ""
        for label in (self.ask_message, self.reasons_message):
            label.setText(message)
            label.setVisible(bool(message))
        bad = c.flow.rating in BAD
        if step is Step.ASKING or (step is Step.SENDING and not bad):
            zh = t.zh(QT_TRANSLATE_NOOP("Counter", "Your number %1: how was our service?"))
            self.ask_title.setText(zh.replace("%1", c.flow.ticket or ""))
            page = self.ask
        elif step in (Step.REASONS, Step.SENDING):
            page = self.reasons_page
        elif step is Step.THANKS:
            note = QT_TRANSLATE_NOOP("Counter", "We will look into it and get back to you")
            self.thanks_note.setText("  ".join(t.dual(note)) if bad else message)
            page = self.thanks
        else:
            page = self.idle
        if page is self.reasons_page and self.pages.currentWidget() is not page:
            for button in self.reasons.values():
                button.setChecked(False)
        self.pages.setCurrentWidget(page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        scale = max(0.6, min(2.5, self.width() / 1280, self.height() / 800))
        if abs(scale - self._scale) > 0.04:
            self._scale = scale
            self.setStyleSheet(theme.light_stylesheet(scale) + evaluator_style(scale))
        super().resizeEvent(event)


def evaluator_style(scale: float) -> str:
    """The evaluator's own styles on top of the light style sheet."""

    def f(size: float) -> str:
        return f"{round(size * scale)}px"

    return f"""
QLabel[role="hero"] {{ font-size: {f(76)}; font-weight: bold; color: {theme.NAVY_DARK}; }}
QLabel[role="hero-en"] {{ font-size: {f(34)}; color: {theme.MUTED}; }}
QLabel[role="h1"] {{ font-size: {f(42)}; font-weight: bold; color: {theme.NAVY_DARK}; }}
QLabel[role="error"] {{ font-size: {f(24)}; color: {theme.RED}; font-weight: bold; }}
QLabel[role="face-zh"] {{ font-size: {f(32)}; font-weight: bold; color: white; }}
QLabel[role="face-en"] {{ font-size: {f(20)}; color: white; }}
QLabel[role="face-caption"] {{ font-size: {f(20)}; color: {theme.MUTED}; }}
QPushButton[role="face"] {{ border-radius: {f(24)}; min-height: {f(300)}; min-width: 0px;
    padding: 0px; }}
QPushButton[role="face"]:disabled {{ background: #B8C0CE; }}
QPushButton[role="reason"] {{ background: white; border: {f(3)} solid {theme.BORDER};
    color: {theme.TEXT}; font-size: {f(23)}; min-height: {f(64)}; border-radius: {f(18)}; }}
QPushButton[role="reason"]:checked {{ background: {theme.RED}; border-color: {theme.RED};
    color: white; }}
"""
