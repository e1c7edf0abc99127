"""The guide page (办事指南): materials, conditions, steps, fees, time limit, live wait."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk import theme
from kiosk.catalog import Catalog, MatterInfo
from kiosk.flow import Mode
from kiosk.i18n import QT_TRANSLATE_NOOP, Languages
from kiosk.screens.base import GAP, MARGIN, BaseScreen, direction
from kiosk.widgets import DualButton, label

TAKE = QT_TRANSLATE_NOOP("Kiosk", "Take a ticket")
TAKE_GREEN = QT_TRANSLATE_NOOP("Kiosk", "Take a green-channel ticket")
TAKE_ID = QT_TRANSLATE_NOOP("Kiosk", "Take a ticket with your ID card")
CHECK_IN = QT_TRANSLATE_NOOP("Kiosk", "Check in and take a ticket")


def _chip(text: str, red: bool) -> str:
    colour = theme.RED if red else theme.NAVY
    return (
        f'<span style="background-color:{colour}; color:white; font-weight:bold;">'
        f"&nbsp;{html.escape(text)}&nbsp;</span>"
    )


class Stat(QFrame):
    """A live figure: its caption, then the value in big red type."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "stat")
        box = QHBoxLayout(self)
        box.setContentsMargins(24, 10, 24, 10)
        box.setSpacing(16)
        self.caption = label("", "stat-label", wrap=False)
        self.value = label("", "stat-value", wrap=False)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(self.caption)
        box.addWidget(self.value, 1)


class GuideScreen(BaseScreen):
    """Everything the citizen must bring and know, then "Take a ticket"."""

    take_ticket = Signal(str)
    print_notice = Signal(str)

    def __init__(self, lang: Languages) -> None:
        super().__init__(lang)
        self.matter: MatterInfo | None = None
        self._catalog: Catalog | None = None
        self._mode = Mode()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, 24, MARGIN, 20)
        outer.setSpacing(16)
        self.title = label("", "title")
        self.subtitle = label("", "subtitle")
        self.chips = label("", "chips")  # rich text: the chips wrap on a narrow screen
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        for item in (self.title, self.subtitle):
            outer.addWidget(item)
        outer.addWidget(self.chips)
        self.grid = QGridLayout()
        self.grid.setSpacing(GAP)
        outer.addLayout(self.grid, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.content = QWidget()
        self.sections = QVBoxLayout(self.content)
        self.sections.setContentsMargins(0, 0, 16, 0)
        self.sections.setSpacing(14)
        self.scroll_area.setWidget(self.content)
        self.stats_host = QWidget()
        self.stats = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.stats_host)
        self.stats.setContentsMargins(0, 0, 0, 0)
        self.stats.setSpacing(12)
        self.waiting, self.wait, self.windows = Stat(), Stat(), Stat()
        for stat in (self.waiting, self.wait, self.windows):
            self.stats.addWidget(stat)
        self.actions_host = QWidget()
        self.action_box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.actions_host)
        self.action_box.setContentsMargins(0, 0, 0, 0)
        self.action_box.setSpacing(16)
        self.notice_button = DualButton(
            QT_TRANSLATE_NOOP("Kiosk", "Print the one-time notice"), lang, role="secondary"
        )
        self.take_button = DualButton(TAKE, lang, role="primary")
        self.notice_button.setMinimumHeight(104)
        self.take_button.setMinimumHeight(150)
        self.action_box.addWidget(self.notice_button)
        self.action_box.addWidget(self.take_button)
        self.take_button.clicked.connect(self._take)
        self.notice_button.clicked.connect(self._notice)
        self.relayout()

    def _take(self) -> None:
        if self.matter is not None:
            self.take_ticket.emit(self.matter.code)

    def _notice(self) -> None:
        if self.matter is not None:
            self.print_notice.emit(self.matter.code)

    def set_matter(self, matter: MatterInfo, catalog: Catalog, mode: Mode) -> None:
        """Show a matter's guide, with the ticket button worded for the mode."""
        self.matter, self._catalog, self._mode = matter, catalog, mode
        if mode.appointment_code:
            self.take_button.set_source(CHECK_IN)
        elif mode.green:
            self.take_button.set_source(TAKE_GREEN)
        else:
            self.take_button.set_source(TAKE_ID if matter.real_name else TAKE)
        self.take_button.setProperty("role", "green" if mode.green else "primary")
        self.take_button.style().polish(self.take_button)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def set_live(self, catalog: Catalog) -> None:
        """Fresh waiting figures for the matter on show."""
        if self.matter is not None:
            fresh = catalog.matter(self.matter.code)
            if fresh is not None:
                self.matter, self._catalog = fresh, catalog
                self._stats()

    def relayout(self) -> None:
        for w in (self.scroll_area, self.stats_host, self.actions_host):
            self.grid.removeWidget(w)
        for i in range(3):
            self.grid.setRowStretch(i, 0)
            self.grid.setColumnStretch(i, 0)
        self.stats.setDirection(QBoxLayout.Direction.TopToBottom)
        self.action_box.setDirection(direction(not self.portrait))  # a row in portrait
        if self.portrait:
            self.grid.addWidget(self.stats_host, 0, 0)
            self.grid.addWidget(self.scroll_area, 1, 0)
            self.grid.addWidget(self.actions_host, 2, 0)
            self.grid.setRowStretch(1, 1)
        else:
            self.grid.addWidget(self.scroll_area, 0, 0, 2, 1)
            self.grid.addWidget(self.stats_host, 0, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self.actions_host, 1, 1, Qt.AlignmentFlag.AlignBottom)
            self.grid.setColumnStretch(0, 3)
            self.grid.setColumnStretch(1, 1)

    def _stats(self) -> None:
        m = self.matter
        if m is None:
            return
        self.waiting.caption.setText(self.tr("People waiting"))
        self.waiting.value.setText(self.tr("%n people", "", m.waiting))
        self.wait.caption.setText(self.tr("Estimated wait"))
        self.wait.value.setText(
            self.tr("about %n min", "", m.estimated_wait_min)
            if m.waiting
            else self.tr("Little or none")
        )
        self.windows.caption.setText(self.tr("Windows"))
        nums = self.lang.join(m.windows) or "—"
        self.windows.value.setText(self.tr("No. %1").replace("%1", nums))

    def retranslate(self) -> None:
        m = self.matter
        if m is None:
            return
        pick = self.lang.pick
        self.title.setText(pick(m.name, m.name_en))
        self.subtitle.setText(m.name_en if self.lang.zh else m.name)
        zone = self._catalog.zone(m.zone) if self._catalog else None
        kind = (
            self.tr("Promised: %n working days", "", m.spec.promise_days)
            if m.spec.kind == "promised"
            else self.tr("Done on the spot")
        )
        chips = [
            pick(zone.name, zone.name_en) if zone else "",
            pick(m.department_name, m.department_name_en),
            kind,
            self.tr("Real-name: bring your ID card") if m.real_name else "",
        ]
        self.chips.setText(
            "&nbsp;&nbsp; ".join(_chip(text, i == 3) for i, text in enumerate(chips) if text)
        )
        self._stats()
        self._fill_sections(m)

    def _fill_sections(self, m: MatterInfo) -> None:
        while self.sections.count():
            item = self.sections.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop: hide it now
                widget.setParent(None)
                widget.deleteLater()
        g, pick = m.spec.guide, self.lang.pick
        self._section(self.tr("Materials to bring (%1)").replace("%1", str(len(g.materials))))
        forms = {
            "original": self.tr("original"),
            "copy": self.tr("copy"),
            "original_and_copy": self.tr("original and copy"),
        }
        for n, mat in enumerate(g.materials, 1):
            self._line(f"{n}. {pick(mat.name, mat.name_en)}", "card-title")
            detail = f"{forms[mat.form]} × {mat.copies}"
            if self.lang.zh and mat.name_en:
                detail += f"   {mat.name_en}"
            self._line(detail + (f"\n{mat.note}" if mat.note else ""), "muted")
        if g.conditions:
            self._section(self.tr("Conditions"))
            self._numbered(g.conditions)
        if g.steps:
            self._section(self.tr("Steps"))
            self._numbered(g.steps)
        self._section(self.tr("Time limit"))
        limit = pick(g.time_limit, g.time_limit_en)
        self._line(limit or self._kind_text(m), "body")
        self._section(self.tr("Fees"))
        self._line(pick(g.fees, g.fees_en), "body")
        self._section(self.tr("Legal basis"))
        self._numbered(g.legal_basis, role="muted")
        if g.contact:
            self._section(self.tr("Enquiries"))
            self._line(g.contact, "body")
        self.sections.addStretch(1)

    def _kind_text(self, m: MatterInfo) -> str:
        if m.spec.kind == "promised":
            return self.tr("Completed within %n working days", "", m.spec.promise_days)
        return self.tr("Done on the spot when the materials are complete")

    def _section(self, text: str) -> None:
        head = label(text, "section", wrap=False)
        head.setSizePolicy(head.sizePolicy().horizontalPolicy(), head.sizePolicy().verticalPolicy())
        self.sections.addSpacing(8)
        self.sections.addWidget(head, 0, Qt.AlignmentFlag.AlignLeft)

    def _numbered(self, items: list[str], role: str = "body") -> None:
        for n, text in enumerate(items, 1):
            self._line(f"{n}. {text}", role)

    def _line(self, text: str, role: str) -> None:
        self.sections.addWidget(label(text, role))
