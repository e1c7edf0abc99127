"""On-screen keyboard (letters for pinyin and codes) and number keypad (ID numbers, PINs).

A kiosk has no physical keyboard: every text field is filled from these. A barcode scanner
acts as a keyboard and types straight into the focused field.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
KEY_W, KEY_H = 72, 76  # fingers, not mice: well above the 64 px minimum


def _key(text: str, role: str = "key") -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class Keyboard(QWidget):
    """Letters, digits, dash, backspace, space and clear, typing into an attached field."""

    def __init__(self, *, lowercase: bool = True, extra: str = "", shift: bool = False) -> None:
        super().__init__()
        self._target: QLineEdit | None = None
        self._lower = lowercase
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for i, chars in enumerate(_ROWS):
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addStretch(1 + i % 2)
            for ch in chars + (extra if i == 2 else ""):
                button = _key(ch.lower() if lowercase else ch)
                button.setMinimumSize(KEY_W, KEY_H)
                button.clicked.connect(lambda _=False, c=ch: self._type(c))
                row.addWidget(button, 3)
                self.keys[ch] = button
            if i == 3:
                self.backspace = _key("", "key-action")
                self.backspace.setAutoRepeat(True)
                self.backspace.setMinimumSize(KEY_W * 2, KEY_H)
                self.backspace.clicked.connect(self._backspace)
                row.addWidget(self.backspace, 5)
            row.addStretch(1 + i % 2)
            rows.addLayout(row)
        last = QHBoxLayout()
        last.setSpacing(8)
        self.clear = _key("", "key-action")
        self.space = _key("", "key")
        self.shift = _key("", "key-action")
        self.shift.setCheckable(True)
        self.shift.setVisible(shift)
        self.shift.toggled.connect(self._set_case)
        for button, stretch in ((self.shift, 2), (self.clear, 2), (self.space, 5)):
            button.setMinimumHeight(KEY_H)
            last.addWidget(button, stretch)
        self.clear.clicked.connect(self._clear)
        self.space.clicked.connect(lambda: self._type(" "))
        rows.addLayout(last)
        self.retranslate()

    def attach(self, target: QLineEdit) -> None:
        """Type into `target` from now on."""
        self._target = target

    def _set_case(self, upper: bool) -> None:
        self._lower = not upper
        for ch, button in self.keys.items():
            button.setText(ch.lower() if self._lower else ch)

    def _type(self, ch: str) -> None:
        if self._target is not None:
            self._target.insert(ch.lower() if self._lower else ch)

    def _backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()

    def _clear(self) -> None:
        if self._target is not None:
            self._target.clear()
            self._target.textEdited.emit("")

    def retranslate(self) -> None:
        """Set the key labels for the current language."""
        self.clear.setText(self.tr("Clear"))
        self.shift.setText(self.tr("Shift"))
        self.backspace.setText(self.tr("← Delete"))
        self.space.setText(self.tr("Space"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Keypad(QWidget):
    """1–9, an optional extra key (X for ID numbers), 0, backspace and clear."""

    key = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, *, extra: str = "", size: int = 112) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        self.keys: dict[str, QPushButton] = {}
        for n, ch in enumerate("123456789"):
            self._add(grid, ch, n // 3, n % 3, size)
        if extra:
            self._add(grid, extra, 3, 0, size)
        self._add(grid, "0", 3, 1, size)
        self.back_key = _key("", "key-action")
        self.back_key.setAutoRepeat(True)
        self.back_key.setMinimumSize(size, size)
        self.back_key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.back_key.clicked.connect(self.backspace)
        grid.addWidget(self.back_key, 3, 2)
        self.clear_key = _key("", "key-action")
        self.clear_key.setMinimumHeight(size * 3 // 4)
        self.clear_key.clicked.connect(self.cleared)
        grid.addWidget(self.clear_key, 4, 0, 1, 3)
        self.retranslate()

    def _add(self, grid: QGridLayout, ch: str, row: int, col: int, size: int) -> None:
        button = _key(ch)
        button.setMinimumSize(size, size)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda _=False, c=ch: self.key.emit(c))
        grid.addWidget(button, row, col)
        self.keys[ch] = button

    def retranslate(self) -> None:
        """Set the key labels for the current language."""
        self.clear_key.setText(self.tr("Clear all"))
        self.back_key.setText(self.tr("← Delete"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
