"""Number entry screens: the resident ID for real-name tickets, and the admin PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.entry import ID_LENGTH, Refusal, accept_id_key, id_keypad_text
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.keys import Keypad
from kiosk.screens.base import GAP, MARGIN, BaseScreen, direction
from kiosk.widgets import DualButton, label


class _KeypadScreen(BaseScreen):
    """A big display of what was keyed, an error line, the keypad and a confirm button."""

    submitted = Signal(str)

    def __init__(self, lang: Languages, *, extra: str, confirm: str, max_len: int) -> None:
        super().__init__(lang)
        self.value = ""
        self.max_len = max_len
        self._error: Refusal | None = None
        self.body = QBoxLayout(direction(False), self)
        self.body.setContentsMargins(MARGIN, 36, MARGIN, 30)
        self.body.setSpacing(GAP * 2)
        left = QVBoxLayout()
        left.setSpacing(GAP)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.display = label("", "display", wrap=False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(120)
        self.counter = label("", "muted", wrap=False)
        self.error = label("", "error")
        self.error.hide()
        self.note = label("", "muted")
        for widget in (self.title, self.subtitle, self.display, self.counter, self.error):
            left.addWidget(widget)
        left.addStretch(1)
        left.addWidget(self.note)
        self.body.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(GAP)
        self.keypad = Keypad(extra=extra, size=118)
        self.confirm_button = DualButton(confirm, lang, role="primary")
        self.confirm_button.setMinimumHeight(130)
        self.confirm_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        right.addWidget(self.keypad)
        right.addWidget(self.confirm_button)
        self.pad = QWidget()
        self.pad.setLayout(right)
        self.pad.setMaximumSize(620, 820)
        self.pad.setMinimumSize(520, 600)
        self.body.addWidget(self.pad, 2)
        self.keypad.key.connect(self._key)
        self.keypad.backspace.connect(lambda: self._set(self.value[:-1]))
        self.keypad.cleared.connect(lambda: self._set(""))
        self.confirm_button.clicked.connect(lambda: self.submitted.emit(self.value))

    def accept_key(self, key: str) -> str:
        """The value after `key` is pressed."""
        return self.value + key if len(self.value) < self.max_len else self.value

    def _key(self, key: str) -> None:
        self._set(self.accept_key(key))

    def _set(self, value: str) -> None:
        self.value = value
        self._error = None
        self.retranslate()

    def show_refusal(self, refusal: Refusal) -> None:
        """Say why the number was refused, under the display."""
        self._error = refusal
        self.retranslate()

    def reset(self) -> None:
        self.value = ""
        self._error = None
        self.retranslate()

    def relayout(self) -> None:
        self.body.setDirection(direction(self.portrait))
        self.body.setAlignment(
            self.pad,
            Qt.AlignmentFlag.AlignHCenter if self.portrait else Qt.AlignmentFlag.AlignVCenter,
        )
        if self.portrait:
            self.pad.setMinimumSize(600, 720)
        else:
            self.pad.setMinimumSize(520, 600)

    def shown_value(self) -> str:
        """What the big display shows for the value."""
        return self.value

    def retranslate(self) -> None:
        self.display.setText(self.shown_value() or "—")
        self.counter.setText(f"{len(self.value)} / {self.max_len}")
        e = self._error
        if e is not None:
            self.error.setText(
                f"{self.lang.pick(e.message_zh, e.message)}\n"
                f"{e.message if self.lang.zh else e.message_zh}"
            )
        self.error.setVisible(e is not None)


class IdentityScreen(_KeypadScreen):
    """Real-name ticket: the 18-character resident ID, checked before it is sent."""

    def __init__(self, lang: Languages) -> None:
        super().__init__(
            lang,
            extra="X",
            confirm=QT_TRANSLATE_NOOP("Kiosk", "Confirm and take a ticket"),
            max_len=ID_LENGTH,
        )
        self.matter_name = ("", "")
        self.retranslate()

    def accept_key(self, key: str) -> str:
        """The value after `key` is pressed."""
        return accept_id_key(self.value, key)

    def set_matter(self, name: str, name_en: str) -> None:
        """The real-name matter the ticket is for."""
        self.matter_name = (name, name_en)
        self.reset()

    def shown_value(self) -> str:
        """What the big display shows for the value."""
        return id_keypad_text(self.value)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please key in your ID card number"))
        name = self.lang.pick(*self.matter_name)
        self.subtitle.setText(
            self.tr("%1 is a real-name matter: the ticket is tied to the applicant's ID.").replace(
                "%1", name
            )
        )
        self.note.setText(
            self.tr(
                "The number is checked here and never stored: the hall keeps only a coded "
                "fingerprint of it and prints it masked."
            )
        )
        super().retranslate()


class PinScreen(_KeypadScreen):
    """Staff only: the admin PIN, shown as dots."""

    def __init__(self, lang: Languages, *, configured: bool) -> None:
        super().__init__(lang, extra="", confirm=QT_TRANSLATE_NOOP("Kiosk", "Unlock"), max_len=8)
        self.configured = configured
        self.retranslate()

    def shown_value(self) -> str:
        """What the big display shows for the value."""
        return "●" * len(self.value)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff settings"))
        self.subtitle.setText(self.tr("Enter the admin PIN."))
        self.note.setText(
            ""
            if self.configured
            else self.tr(
                "No admin PIN is configured for this kiosk (--admin-pin or "
                "HALLQ_KIOSK_ADMIN_PIN): settings stay locked."
            )
        )
        super().retranslate()
