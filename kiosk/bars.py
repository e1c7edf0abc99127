"""The top bar (hall, clock, call staff, language, elderly mode, admin corner) and the
Back/Home bar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import messages as msg
from kiosk.helpcall import CALLING, READY, RESTING
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.widgets import CardButton, DualButton, FitLabel, HoldArea, label

_WEEKDAYS_ZH = "一二三四五六日"


# What the call-staff button says while ready, while the call is on its way, and resting.
HELP_TEXTS = {READY: msg.CALL_STAFF, CALLING: msg.CALLING_STAFF, RESTING: msg.STAFF_CALLED}


class TopBar(QFrame):
    """Hall name, clock, call staff, language and elderly-mode switches, the admin corner."""

    language_clicked = Signal()
    elderly_toggled = Signal(bool)
    help_clicked = Signal()

    def __init__(self, lang: Languages, *, hold_ms: int) -> None:
        super().__init__()
        self.setObjectName("TopBar")
        self.lang = lang
        self._names = ("", "")
        self._tz: ZoneInfo | None = None  # the hall's, from the catalogue; else the machine's
        self._portrait = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 28, 12)
        outer.setSpacing(8)
        self.row = QHBoxLayout()
        self.row.setSpacing(22)
        self.emblem = HoldArea("政", hold_ms)
        self.emblem.setObjectName("Emblem")
        self.emblem.setFixedSize(76, 76)
        self.emblem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row.addWidget(self.emblem)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.hall_name = FitLabel()
        self.hall_name.setObjectName("HallName")
        self.hall_name_en = FitLabel()
        self.hall_name_en.setObjectName("HallNameEn")
        names.addWidget(self.hall_name)
        names.addWidget(self.hall_name_en)
        self.row.addLayout(names, 1)
        self.switches = QWidget()
        switches = QHBoxLayout(self.switches)
        switches.setContentsMargins(0, 0, 0, 0)
        switches.setSpacing(18)
        # Both languages at once: a citizen stuck in the wrong one can still find it.
        self.help_button = CardButton(("bar-main", "bar-sub"), role="help", margins=(18, 4))
        self.help_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.help_button.setMinimumWidth(250)
        self.help_button.clicked.connect(self.help_clicked)
        self._help_state = READY
        switches.addWidget(self.help_button)
        self.elderly_button = QPushButton()
        self.elderly_button.setCheckable(True)
        self.language_button = QPushButton()
        for button in (self.elderly_button, self.language_button):
            button.setProperty("role", "bar")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            switches.addWidget(button)
        self.elderly_button.toggled.connect(self.elderly_toggled)
        self.language_button.clicked.connect(self.language_clicked)
        self.row.addWidget(self.switches)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        self.clock = label("", "", wrap=False)
        self.clock.setObjectName("Clock")
        self.date = label("", "", wrap=False)
        self.date.setObjectName("Date")
        for lab in (self.clock, self.date):
            lab.setAlignment(Qt.AlignmentFlag.AlignRight)
            clock.addWidget(lab)
        self.row.addLayout(clock)
        outer.addLayout(self.row)
        self.second_row = QHBoxLayout()  # the switches go here on a portrait screen
        self.second_row.addStretch(1)
        outer.addLayout(self.second_row)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.update_clock)
        self._tick.start(1000)
        self.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        """Switches beside the name (landscape) or on a row of their own (portrait)."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        if portrait:
            self.row.removeWidget(self.switches)
            self.second_row.addWidget(self.switches)
        else:
            self.second_row.removeWidget(self.switches)
            self.row.insertWidget(2, self.switches)

    def set_help_state(self, state: str) -> None:
        """ready (tap to call), calling (on its way) or resting (called: wait a while)."""
        self._help_state = state
        self.help_button.setEnabled(state == READY)
        self._help_texts()

    def _help_texts(self) -> None:
        self.help_button.set_texts(*self.lang.dual(HELP_TEXTS[self._help_state]))

    def set_hall(self, name: str, name_en: str, timezone: str = "") -> None:
        """The hall's names and time zone (for the clock), from the catalogue."""
        self._names = (name, name_en)
        self._tz = ZoneInfo(timezone) if timezone else None
        self.retranslate()

    def update_clock(self) -> None:
        """Show the hall's local time and date."""
        now = datetime.now(self._tz)
        self.clock.setText(now.strftime("%H:%M"))
        if self.lang.zh:
            self.date.setText(
                f"{now.year}年{now.month}月{now.day}日 星期{_WEEKDAYS_ZH[now.weekday()]}"
            )
        else:
            self.date.setText(now.strftime("%a %d %b %Y"))

    def retranslate(self) -> None:
        """Set every text for the current language."""
        name, name_en = self._names
        self.hall_name.setText(self.lang.pick(name, name_en))
        self.hall_name_en.setText(name_en if self.lang.zh else name)
        self.language_button.setText("English" if self.lang.zh else "中文")
        self.elderly_button.setText(self.tr("Large text"))
        self._help_texts()
        self.update_clock()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class NavBar(QFrame):
    """Back and Home, on every screen but the home screen."""

    back = Signal()
    home = Signal()

    def __init__(self, lang: Languages) -> None:
        super().__init__()
        self.setObjectName("NavBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 10, 28, 10)
        row.setSpacing(24)
        self.back_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Back"), lang, role="nav", margins=(20, 2)
        )
        self.back_button.prefix = "◀  "
        self.home_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Home"), lang, role="nav", margins=(20, 2)
        )
        for button in (self.back_button, self.home_button):
            button.retranslate()
            button.setMinimumWidth(380)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hint = label("", "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.back_button)
        row.addWidget(self.hint, 1)
        row.addWidget(self.home_button)
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
