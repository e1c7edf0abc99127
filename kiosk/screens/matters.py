"""The matter list: a zone's matters or search results, paged with big buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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

from kiosk.catalog import HallZone, MatterInfo
from kiosk.flow import Mode
from kiosk.i18n import Languages
from kiosk.keys import Keyboard
from kiosk.screens.base import GAP, MARGIN, BaseScreen, direction
from kiosk.widgets import CardButton, label

ITEM_HEIGHT = 140
ROW_GAP = 16


class MattersScreen(BaseScreen):
    """Search box, on-screen keyboard, a page of matter buttons and the pager."""

    matter_chosen = Signal(str)
    query_changed = Signal(str)

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self.scale = 1.0
        self._zone: HallZone | None = None
        self._mode = Mode()
        self._results: list[MatterInfo] = []
        self.page = 0
        self.buttons: list[CardButton] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, 26, MARGIN, 20)
        box.setSpacing(18)
        head = QHBoxLayout()
        self.title = label("", "title")
        self.banner = label("", "banner", wrap=False)
        head.addWidget(self.title, 1)
        head.addWidget(self.banner)
        box.addLayout(head)
        search = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(False)
        self.search_box.textChanged.connect(self._on_text)
        self.keyboard_button = QPushButton()
        self.keyboard_button.setProperty("role", "page")
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keyboard_button.toggled.connect(self._show_keyboard)
        search.addWidget(self.search_box, 1)
        search.addWidget(self.keyboard_button)
        box.addLayout(search)
        self.body = QBoxLayout(direction(False))
        self.body.setSpacing(GAP)
        left = QVBoxLayout()
        self.results = QWidget()
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.results.installEventFilter(self)
        self.grid = QGridLayout(self.results)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(ROW_GAP)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty = label("", "body")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.empty)
        left.addWidget(self.results, 1)
        pager = QHBoxLayout()
        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.page_label = label("", "muted", wrap=False)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for button in (self.prev_button, self.next_button):
            button.setProperty("role", "page")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(240, 80)
        pager.addWidget(self.prev_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)
        left.addLayout(pager)
        self.body.addLayout(left, 3)
        self.keyboard = Keyboard()
        self.keyboard.attach(self.search_box)
        self.body.addWidget(self.keyboard, 2)
        box.addLayout(self.body, 1)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self._show_keyboard(False)
        self.retranslate()

    # -- what to show --------------------------------------------------------------------
    def set_scope(self, zone: HallZone | None, mode: Mode, *, keyboard: bool) -> None:
        """A zone's list, or search over all matters (with the keyboard out)."""
        self._zone, self._mode = zone, mode
        self.keyboard_button.setChecked(keyboard)
        self._show_keyboard(keyboard)
        if keyboard:
            self.search_box.setFocus()
        self.retranslate()

    def set_results(self, matters: list[MatterInfo], *, keep_page: bool = False) -> None:
        """The matters to list, best first."""
        self._results = list(matters)
        self.show_page(self.page if keep_page else 0)

    def set_scale(self, scale: float) -> None:
        """Type scale (large text): taller items, fewer per page."""
        self.scale = scale
        self.show_page(0)

    def reset(self) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.page = 0

    def _on_text(self, text: str) -> None:
        self.query_changed.emit(text)

    def _show_keyboard(self, visible: bool) -> None:
        self.keyboard.setVisible(visible)
        self.show_page(0)

    # -- paging --------------------------------------------------------------------------
    @property
    def columns(self) -> int:
        """Two columns on a wide, keyboard-free landscape page."""
        wide = not self.portrait and not self.keyboard.isVisible()
        return 2 if wide and self.scale < 1.2 else 1

    @property
    def page_size(self) -> int:
        """How many matters fit on a page now."""
        item = ITEM_HEIGHT * self.scale
        rows = int((max(self.results.height(), 1) + ROW_GAP) // (item + ROW_GAP))
        return max(1, rows) * self.columns

    @property
    def pages(self) -> int:
        """Number of pages of the results."""
        return max(1, -(-len(self._results) // self.page_size))

    def show_page(self, page: int) -> None:
        """Fill the grid with page `page` (clamped) of the results."""
        self.page = max(0, min(page, self.pages - 1))
        for button in self.buttons:
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.buttons = []
        size, cols = self.page_size, self.columns
        for i, matter in enumerate(self._results[self.page * size : (self.page + 1) * size]):
            button = CardButton(
                ("card-title", "card-sub", "card-meta"), role="card", margins=(28, 8)
            )
            button.setFixedHeight(int(ITEM_HEIGHT * self.scale))
            button.align(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            button.setProperty("matter", matter.code)
            button.clicked.connect(lambda _=False, c=matter.code: self.matter_chosen.emit(c))
            self._texts(button, matter)
            self.grid.addWidget(button, i // cols, i % cols)
            button.show()
            self.buttons.append(button)
        self.empty.setVisible(not self._results)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages - 1)
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(self.page + 1))
            .replace("%2", str(self.pages))
        )

    def _texts(self, button: CardButton, m: MatterInfo) -> None:
        pick = self.lang.pick
        other = m.name_en if self.lang.zh else m.name
        windows = self.lang.join(m.windows)
        meta = [self.tr("%n waiting", "", m.waiting)]
        if m.waiting:
            meta.append(self.tr("about %n min", "", m.estimated_wait_min))
        if windows:
            meta.append(self.tr("window %1").replace("%1", windows))
        if m.real_name:
            meta.append(self.tr("ID card needed"))
        button.set_texts(pick(m.name, m.name_en), other, "  ·  ".join(meta))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.results and event.type() == QEvent.Type.Resize:
            self.show_page(self.page)
        return False

    def relayout(self) -> None:
        self.body.setDirection(direction(self.portrait))
        self.show_page(0)

    def retranslate(self) -> None:
        zone, mode = self._zone, self._mode
        if zone is not None:
            self.title.setText(self.lang.pick(zone.name, zone.name_en))
        else:
            self.title.setText(self.tr("Find your matter"))
        self.banner.setVisible(mode.green or bool(mode.appointment_code))
        self.banner.setProperty("role", "banner" if mode.green else "banner-blue")
        self.banner.style().polish(self.banner)
        if mode.green:
            self.banner.setText(self.tr("Green channel"))
        elif mode.appointment_code:
            self.banner.setText(self.tr("Appointment %1").replace("%1", mode.appointment_code))
        self.search_box.setPlaceholderText(self.tr("Type a name, pinyin initials or English"))
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.prev_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.empty.setText(self.tr("No matter found. Try fewer letters, or ask at the help desk."))
        self.show_page(self.page)
