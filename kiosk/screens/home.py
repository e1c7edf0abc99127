"""Home: one large button per function zone, the search box, and the special entries."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog import Catalog, HallZone
from kiosk.entry import Refusal
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.screens.base import GAP, MARGIN, BaseScreen, direction
from kiosk.widgets import DualButton, fit_label, label


class SearchField(QLineEdit):
    """A search box that opens the search screen when touched."""

    tapped = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.tapped.emit()
        event.accept()


class ZoneButton(QPushButton):
    """A zone: its ticket letter, both names and how many people wait there."""

    def __init__(self, zone: HallZone) -> None:
        super().__init__()
        self.zone = zone
        self.setProperty("role", "card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(150)
        row = QHBoxLayout(self)
        row.setContentsMargins(26, 16, 26, 16)
        row.setSpacing(26)
        self.prefix = label(zone.prefix, "prefix", wrap=False)
        self.prefix.setFixedSize(96, 96)
        self.prefix.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lines = QVBoxLayout()
        lines.setSpacing(4)
        self.name = fit_label("", "card-title")  # one line, shrunk to fit (landscape)
        self.name_wrapped = label("", "card-title")  # on two lines if need be (portrait)
        self.name_en = fit_label("", "card-sub")
        self.waiting = fit_label("", "card-meta")
        for lab in (self.name, self.name_wrapped, self.name_en, self.waiting):
            lines.addWidget(lab)
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.prefix.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(self.prefix, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(lines, 1)
        self.set_wrapped(False)

    def set_name(self, text: str) -> None:
        """The zone name in the current language."""
        self.name.setText(text)
        self.name_wrapped.setText(text)

    def set_wrapped(self, wrapped: bool) -> None:
        """Portrait cards are narrow but tall: let a long zone name take two lines."""
        self.name.setVisible(not wrapped)
        self.name_wrapped.setVisible(wrapped)


class HomeScreen(BaseScreen):
    """The first screen, and where Home and the idle timeout lead."""

    zone_chosen = Signal(str)
    search_requested = Signal()
    green_requested = Signal()
    appointment_requested = Signal()
    requeue_requested = Signal()

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self._catalog: Catalog | None = None
        self._problem: Refusal | None = None
        self.zone_buttons: dict[str, ZoneButton] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, 30, MARGIN, MARGIN)
        box.setSpacing(GAP)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        box.addLayout(head)
        self.search_box = SearchField()
        self.search_box.setReadOnly(True)
        self.search_box.tapped.connect(self.search_requested)
        self.search_button = DualButton(QT_TRANSLATE_NOOP("Kiosk", "Search"), lang, margins=(20, 2))
        self.search_button.setMinimumWidth(220)
        self.search_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.search_button.clicked.connect(self.search_requested)
        search = QHBoxLayout()
        search.setSpacing(16)
        search.addWidget(self.search_box, 1)
        search.addWidget(self.search_button)
        box.addLayout(search)
        self.status = label("", "error")
        self.status.hide()
        box.addWidget(self.status)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(GAP)
        box.addWidget(self.grid_host, 1)
        self.specials = specials = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        specials.setSpacing(GAP)
        self.green_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Green channel: seniors, disabled, pregnant, military"),
            lang,
            role="green",
        )
        self.appointment_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Appointment check-in"), lang, role="blue"
        )
        self.requeue_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Missed your number? Re-queue"), lang, role="secondary"
        )
        for button in (self.green_button, self.appointment_button, self.requeue_button):
            button.setMinimumHeight(130)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            specials.addWidget(button)
        box.addLayout(specials)
        self.green_button.clicked.connect(self.green_requested)
        self.appointment_button.clicked.connect(self.appointment_requested)
        self.requeue_button.clicked.connect(self.requeue_requested)
        self.set_appointments(False)
        self.retranslate()

    def set_catalog(self, catalog: Catalog) -> None:
        """Zones and their waiting counts from a fresh catalogue."""
        codes = [z.code for z in catalog.zones]
        old = [z.code for z in self._catalog.zones] if self._catalog else None
        self._catalog = catalog
        if codes != old:
            self._build_zones(catalog)
        self.retranslate()

    def set_appointments(self, enabled: bool) -> None:
        """Offer appointment check-in only while the server takes it (hidden until it says)."""
        self.appointment_button.setVisible(enabled)

    def _build_zones(self, catalog: Catalog) -> None:
        for button in self.zone_buttons.values():
            button.setParent(None)
            button.deleteLater()
        self.zone_buttons = {}
        for zone in catalog.zones:
            button = ZoneButton(zone)
            button.clicked.connect(lambda _=False, code=zone.code: self.zone_chosen.emit(code))
            self.zone_buttons[zone.code] = button
        self.relayout()

    def relayout(self) -> None:
        self.specials.setDirection(direction(self.portrait))
        columns = 2 if self.portrait or len(self.zone_buttons) <= 4 else 3
        for i, button in enumerate(self.zone_buttons.values()):
            button.set_wrapped(self.portrait)
            self.grid.addWidget(button, i // columns, i % columns)

    def set_problem(self, problem: Refusal | None) -> None:
        """Say the server cannot be reached (None when it can again)."""
        self._problem = problem
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please choose a service zone"))
        self.subtitle.setText(self.tr("Tap a zone to see its matters, or search for a matter"))
        self.search_box.setPlaceholderText(self.tr("Search by name or pinyin initials, e.g. yyzz"))
        if self._problem is not None:
            p = self._problem
            self.status.setText(
                f"{self.lang.pick(p.message_zh, p.message)}  ·  "
                f"{p.message if self.lang.zh else p.message_zh}"
            )
        elif self._catalog is None:
            self.status.setText(self.tr("Connecting to the hall's server…"))
        self.status.setVisible(self._problem is not None or self._catalog is None)
        if self._catalog is None:
            return
        for code, button in self.zone_buttons.items():
            zone = button.zone
            button.set_name(self.lang.pick(zone.name, zone.name_en))
            button.name_en.setText(zone.name_en if self.lang.zh else zone.name)
            waiting = self._catalog.waiting_in(code)
            count = len(self._catalog.in_zone(code))
            matters = self.tr("%n matters", "", count)
            button.waiting.setText(matters + "  ·  " + self.tr("%n waiting", "", waiting))
