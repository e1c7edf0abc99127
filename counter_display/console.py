"""The counter console (`hallq counter`): sign-in, the ticket in hand, big action buttons.

A thin widget over `CounterSession`. Hardware call keys arrive as keys: F1–F8 by default,
or the hall's `[keys]` map.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_display import theme
from counter_display.console_card import TicketCard, TopBar
from counter_display.console_logic import ACTION_LABELS, ACTIONS, keys_of
from counter_display.console_panels import CompletePanel, PausePanel, TransferPanel, label
from counter_display.counter_session import CounterSession, Message
from counter_display.texts import NO_SUCH_WINDOW, QT_TRANSLATE_NOOP

PANEL_ACTIONS = ("complete", "transfer", "pause")
BUTTON_ROLES = {"call_next": "primary", "complete": "green", "pause": "blue", "resume": "blue"}


class LoginPage(QWidget):
    """The window and what it serves on the left; staff ID and PIN on the right."""

    def __init__(self, session: CounterSession, staff_hint: str = "") -> None:
        super().__init__()
        t = session.texts
        self.session = session
        card = QFrame()
        card.setProperty("role", "card")
        card.setMaximumWidth(1100)
        card.setMinimumHeight(540)
        side = QFrame()
        side.setObjectName("LoginSide")
        info = QVBoxLayout(side)
        info.setContentsMargins(36, 32, 36, 32)
        info.setSpacing(8)
        self.hall_name = label("", "subtitle")
        self.window_title = label("", "title")
        self.window_name = label("", "side-h2")
        self.matters = label("", "side-list")
        self.matters.setWordWrap(False)  # one matter a line
        served = label(
            " ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Matters served here"))), "subtitle"
        )
        rule = QT_TRANSLATE_NOOP("Counter", "Sign in three times a day: morning, noon, afternoon")
        for widget in (self.hall_name, self.window_title, self.window_name):
            info.addWidget(widget)
        info.addSpacing(14)
        info.addWidget(served)
        info.addWidget(self.matters)
        info.addStretch(1)
        info.addWidget(label("\n".join(t.dual(rule)), "subtitle"))
        form = QVBoxLayout()
        form.setContentsMargins(40, 36, 40, 36)
        form.setSpacing(14)
        form.addWidget(label(t.zh(QT_TRANSLATE_NOOP("Counter", "Staff sign-in")), "h2"))
        form.addWidget(label(QT_TRANSLATE_NOOP("Counter", "Staff sign-in"), "muted"))
        self.staff_id = QLineEdit(staff_hint)
        self.staff_id.setPlaceholderText(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Staff ID"))))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "PIN"))))
        self.sign_in = QPushButton(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Sign in"))))
        self.sign_in.setProperty("role", "primary")
        self.message = label("", "error")
        for field in (self.staff_id, self.pin, self.sign_in, self.message):
            form.addWidget(field)
        form.addStretch(1)
        row = QHBoxLayout(card)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side, 5)
        row.addLayout(form, 6)
        self.sign_in.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.staff_id.returnPressed.connect(self.pin.setFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def show_info(self) -> None:
        """The hall, the window and its matters, from the catalogue."""
        s = self.session
        catalog = s.catalog or {}
        info = s.window_info()
        no = s.texts.zh(QT_TRANSLATE_NOOP("Counter", "window (after its number)"))
        self.hall_name.setText(str((catalog.get("hall") or {}).get("name", "")))
        self.window_title.setText(f"{s.window}{no}")
        windows = catalog.get("windows") or []
        if catalog and not any(w.get("number") == s.window for w in windows):
            # Started with a --window the server's hall lacks: signing in could never work.
            zh, en = s.texts.dual(NO_SUCH_WINDOW)
            self.window_name.setText(f"{zh}\n{en}".replace("%1", str(s.window)))
        else:
            self.window_name.setText(str(info.get("name", "")))
        names = [str((s.matter(code) or {}).get("name", code)) for code in info.get("profile", [])]
        shown = names[:8] + (["…"] if len(names) > 8 else [])
        self.matters.setText("\n".join(f"· {name}" for name in shown))

    def _submit(self) -> None:
        if self.staff_id.text().strip() and self.pin.text().strip():
            self.message.clear()
            self.session.login(self.staff_id.text(), self.pin.text())


class ActionPad(QWidget):
    """The big buttons, each with its key."""

    def __init__(self, session: CounterSession, keys: dict[str, str]) -> None:
        super().__init__()
        t = session.texts
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        spots = {
            "call_next": (0, 0, 1, 2),
            "recall": (1, 0, 1, 1),
            "no_show": (1, 1, 1, 1),
            "suspend": (2, 0, 1, 1),
            "transfer": (2, 1, 1, 1),
            "complete": (3, 0, 1, 2),
            "pause": (4, 0, 1, 1),
            "resume": (4, 1, 1, 1),
        }
        for action in ACTIONS:
            zh, en = t.dual(ACTION_LABELS[action])
            hint = " / ".join(keys_of(action, keys)[:2])
            button = QPushButton(f"{zh}\n{en}" + (f" · {hint}" if hint else ""))
            button.setProperty("role", BUTTON_ROLES.get(action, ""))
            button.setObjectName(f"action-{action}")
            button.setSizePolicy(
                button.sizePolicy().horizontalPolicy(), button.sizePolicy().Policy.Expanding
            )
            grid.addWidget(button, *spots[action])
            self.buttons[action] = button


class ConsoleWindow(QWidget):
    """Sign-in page, then the work page; messages at the bottom."""

    def __init__(self, session: CounterSession, *, keys: dict[str, str], staff_hint: str = ""):
        super().__init__()
        self.setWindowTitle(f"HallQ · {session.window}")
        self.setProperty("role", "page")
        self.session = session
        self.keys = keys
        self._scale = 0.0
        self.pages = QStackedWidget()
        self.login_page = LoginPage(session, staff_hint)
        self.work = QWidget()
        self.top = TopBar(session)
        self.card = TicketCard(session)
        self.pad = ActionPad(session, keys)
        self.side = QStackedWidget()
        self.complete_panel = CompletePanel(session)
        self.transfer_panel = TransferPanel(session)
        self.pause_panel = PausePanel(session)
        self.side.addWidget(self.pad)
        for panel in (self.complete_panel, self.transfer_panel, self.pause_panel):
            self.side.addWidget(panel)
            panel.done.connect(lambda: self.side.setCurrentWidget(self.pad))
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.card, 11)
        body.addWidget(self.side, 9)
        work = QVBoxLayout(self.work)
        work.setContentsMargins(20, 16, 20, 8)
        work.addLayout(body, 1)
        self.pages.addWidget(self.login_page)
        self.pages.addWidget(self.work)
        self.message_box = QFrame()
        self.message_box.setProperty("role", "message-none")
        self.message = label("")
        box = QHBoxLayout(self.message_box)
        box.setContentsMargins(16, 8, 16, 8)
        box.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top)
        layout.addWidget(self.pages, 1)
        outer = QHBoxLayout()
        outer.setContentsMargins(20, 0, 20, 14)
        outer.addWidget(self.message_box)
        layout.addLayout(outer)
        for action, button in self.pad.buttons.items():
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
        self.shortcuts = [self._shortcut(k, a) for k, a in keys.items()]
        self.top.sign_out.clicked.connect(session.logout)
        session.changed.connect(self.refresh)
        session.message.connect(self.show_message)
        session.signed_in.connect(self._on_signed_in)
        session.signed_out.connect(self._on_signed_out)
        session.online_changed.connect(self.top.set_online)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(lambda: self.top.tick(session.clock()))
        self._clock.start()
        self._on_signed_out()
        self.resize(1366, 800)

    def _shortcut(self, key: str, action: str) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self.trigger(action))
        return shortcut

    def trigger(self, action: str) -> None:
        """A button or key: panels open for complete / transfer / pause, the rest go out."""
        if self.pages.currentWidget() is not self.work:
            return
        if action in PANEL_ACTIONS and action in self.session.enabled():
            panel = {
                "complete": self.complete_panel,
                "transfer": self.transfer_panel,
                "pause": self.pause_panel,
            }[action]
            panel.open_for(self.session.ticket)
            self.side.setCurrentWidget(panel)
        elif action in PANEL_ACTIONS:
            self.session.check(action)  # says why not
        else:
            self.side.setCurrentWidget(self.pad)
            self.session.act(action)

    def refresh(self) -> None:
        """Show the session's state."""
        enabled = self.session.enabled()
        for action, button in self.pad.buttons.items():
            button.setEnabled(action in enabled)
        if self.side.currentWidget() is not self.pad and not (
            self.session.busy or self._panel_action() in enabled
        ):
            self.side.setCurrentWidget(self.pad)  # the ticket went away meanwhile
        self.card.show_view(self.session.view)
        self.top.show_session()
        self.login_page.show_info()
        self.login_page.sign_in.setEnabled(not self.session.busy)

    def _panel_action(self) -> str:
        panels: dict[Any, str] = {
            self.complete_panel: "complete",
            self.transfer_panel: "transfer",
            self.pause_panel: "pause",
        }
        return panels.get(self.side.currentWidget(), "")

    def show_message(self, message: Message) -> None:
        """A refusal (red) or a confirmation (green), in both languages."""
        self.message_box.setProperty("role", f"message-{message.kind}")
        self.message_box.style().unpolish(self.message_box)
        self.message_box.style().polish(self.message_box)
        self.message.setText(f"{message.zh}    {message.en}")
        if self.pages.currentWidget() is self.login_page:
            self.login_page.message.setText(f"{message.zh}\n{message.en}")
            if message.kind == "error":
                self.login_page.pin.clear()  # a wrong PIN is typed again, not appended to

    def _on_signed_in(self) -> None:
        self.login_page.pin.clear()
        self.pages.setCurrentWidget(self.work)
        self.side.setCurrentWidget(self.pad)
        self.refresh()

    def _on_signed_out(self) -> None:
        self.pages.setCurrentWidget(self.login_page)
        info = self.session.window_info()
        no = self.session.texts.zh(QT_TRANSLATE_NOOP("Counter", "No."))
        self.login_page.window_title.setText(
            f"{self.session.window}{no} {info.get('name', '')}".strip()
        )
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        scale = max(0.75, min(2.0, self.width() / 1366, self.height() / 800))
        if abs(scale - self._scale) > 0.04:
            self._scale = scale
            self.setStyleSheet(theme.light_stylesheet(scale) + theme.console_style(scale))
        super().resizeEvent(event)
