"""The console's side panels: complete with an outcome (and the 补正 checklist), transfer,
pause with a reason. Each ends with `done` (confirmed or not); the session does the work."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_display.console_logic import OUTCOMES, PAUSE_REASONS, outcome
from counter_display.counter_session import CounterSession
from counter_display.texts import QT_TRANSLATE_NOOP

FORMS = {
    "original": QT_TRANSLATE_NOOP("Counter", "original"),
    "copy": QT_TRANSLATE_NOOP("Counter", "copy"),
    "original_and_copy": QT_TRANSLATE_NOOP("Counter", "original and copy"),
}


def label(text: str, role: str = "") -> QLabel:
    """A word-wrapping label with a style role."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    return widget


class Panel(QWidget):
    """Title, body, and Back / Confirm buttons."""

    done = Signal()

    def __init__(self, session: CounterSession, confirm: str) -> None:
        super().__init__()
        self.session = session
        t = session.texts
        self.title = label("", "h2")
        self.body = QVBoxLayout()
        self.back = QPushButton(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Back"))))
        self.confirm = QPushButton(" ".join(t.dual(confirm)))
        self.confirm.setProperty("role", "primary")
        self.back.clicked.connect(self.done)
        self.confirm.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back, 1)
        buttons.addWidget(self.confirm, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addLayout(buttons)

    def open_for(self, ticket: dict[str, Any] | None) -> None:
        """Prepare the panel for the ticket in hand."""

    def _confirm(self) -> None:
        self.done.emit()


class CompletePanel(Panel):
    """办结: outcome, the promised date (受理) or the missing materials (补正), a note."""

    def __init__(self, session: CounterSession) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Counter", "Confirm"))
        t = session.texts
        grid = QGridLayout()
        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[str, QPushButton] = {}
        for i, choice in enumerate(OUTCOMES):
            zh, en = t.dual(choice.label)
            button = QPushButton(f"{zh}\n{en}")
            button.setProperty("role", "option")
            button.setCheckable(True)
            self.outcomes.addButton(button)
            self.outcome_buttons[choice.code] = button
            grid.addWidget(button, i // 3, i % 3)
            button.toggled.connect(self._update)
        self.body.addLayout(grid)
        self.hint = label("", "muted")
        self.body.addWidget(self.hint)
        self.materials = QVBoxLayout()
        box = QWidget()
        box.setObjectName("Checklist")
        box.setLayout(self.materials)
        self.material_box = QScrollArea()
        self.material_box.setWidgetResizable(True)
        self.material_box.setWidget(box)
        self.body.addWidget(self.material_box, 1)
        self.note = QLineEdit()
        self.note.setPlaceholderText(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Note"))))
        self.body.addWidget(self.note)
        self.checks: dict[str, QCheckBox] = {}
        self.promised: date | None = None

    def open_for(self, ticket: dict[str, Any] | None) -> None:
        t = self.session.texts
        number = (ticket or {}).get("number", "")
        self.title.setText(
            " ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Complete"))) + f" · {number}"
        )
        self.note.clear()
        while self.materials.count():
            item = self.materials.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checks = {}
        matter = self.session.matter((ticket or {}).get("matter")) or {}
        for m in (matter.get("guide") or {}).get("materials", []):
            form = t.zh(FORMS.get(m.get("form", ""), FORMS["original"]))
            text = t.zh(QT_TRANSLATE_NOOP("Counter", "%1 (%2, %3 copies)"))
            copies = str(m.get("copies", 1))
            box = QCheckBox(text.replace("%1", m["name"]).replace("%2", form).replace("%3", copies))
            box.toggled.connect(self._update)
            self.materials.addWidget(box)
            self.checks[m["name"]] = box
        self.materials.addStretch(1)
        self.promised = self.session.promised(matter or None)
        self.outcome_buttons["done"].setChecked(True)
        self._update()

    def chosen(self) -> str:
        """The outcome code ticked."""
        return next(c for c, b in self.outcome_buttons.items() if b.isChecked())

    def missing(self) -> list[str]:
        """The materials ticked as missing, in the guide's order."""
        return [name for name, box in self.checks.items() if box.isChecked()]

    def _update(self) -> None:
        if not any(b.isChecked() for b in self.outcome_buttons.values()):
            return
        t = self.session.texts
        choice = outcome(self.chosen())
        self.material_box.setVisible(choice.needs_materials)
        hint_zh, hint_en = t.dual(choice.hint)
        hint = f"{hint_zh}  {hint_en}"
        if choice.promises_date and self.promised is not None:
            zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Promised by %1"))
            day = self.promised
            hint = (
                zh.replace("%1", f"{day.year}年{day.month}月{day.day}日")
                + "  "
                + en.replace("%1", day.isoformat())
            )
        self.hint.setText(hint)
        self.confirm.setEnabled(not choice.needs_materials or bool(self.missing()))

    def _confirm(self) -> None:
        self.session.complete(
            self.chosen(),
            self.missing() if outcome(self.chosen()).needs_materials else [],
            self.note.text(),
        )
        self.done.emit()


class TransferPanel(Panel):
    """转移: to another matter (any window serving it) or to a window."""

    def __init__(self, session: CounterSession) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Counter", "Transfer"))
        t = session.texts
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Search"))))
        self.filter.textChanged.connect(self._filter)
        self.matters = QListWidget()
        self.windows = QListWidget()
        for widget in (self.matters, self.windows):
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        row = QHBoxLayout()
        for title, widget in (
            (QT_TRANSLATE_NOOP("Counter", "To a matter"), self.matters),
            (QT_TRANSLATE_NOOP("Counter", "To a window"), self.windows),
        ):
            column = QVBoxLayout()
            column.addWidget(label(" ".join(t.dual(title)), "muted"))
            column.addWidget(widget, 1)
            row.addLayout(column, 3 if widget is self.matters else 2)
        self.body.addWidget(self.filter)
        self.body.addLayout(row, 1)
        self.matters.itemSelectionChanged.connect(lambda: self._pick(self.matters, self.windows))
        self.windows.itemSelectionChanged.connect(lambda: self._pick(self.windows, self.matters))

    def open_for(self, ticket: dict[str, Any] | None) -> None:
        t = self.session.texts
        self.title.setText(
            " ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Transfer")))
            + f" · {(ticket or {}).get('number', '')}"
        )
        self.filter.clear()
        self.matters.clear()
        self.windows.clear()
        current = (ticket or {}).get("matter")
        for m in (self.session.catalog or {}).get("matters", []):
            if m["code"] != current:
                item = QListWidgetItem(m["name"])
                item.setToolTip(f"{m['name']}  ·  {m['code']}")
                item.setData(Qt.ItemDataRole.UserRole, m["code"])
                self.matters.addItem(item)
        no = t.zh(QT_TRANSLATE_NOOP("Counter", "No."))
        for w in (self.session.catalog or {}).get("windows", []):
            if w["number"] != self.session.window:
                item = QListWidgetItem(f"{w['number']}{no}  {w.get('name', '')}")
                item.setData(Qt.ItemDataRole.UserRole, w["number"])
                self.windows.addItem(item)
        self.confirm.setEnabled(False)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.matters.count()):
            item = self.matters.item(i)
            code = str(item.data(Qt.ItemDataRole.UserRole)).lower()
            item.setHidden(bool(needle) and needle not in item.text().lower() + " " + code)

    def _pick(self, chosen: QListWidget, other: QListWidget) -> None:
        if chosen.selectedItems():
            other.blockSignals(True)
            other.clearSelection()
            other.blockSignals(False)
        self.confirm.setEnabled(bool(self.matters.selectedItems() or self.windows.selectedItems()))

    def _confirm(self) -> None:
        matter = [i.data(Qt.ItemDataRole.UserRole) for i in self.matters.selectedItems()]
        window = [i.data(Qt.ItemDataRole.UserRole) for i in self.windows.selectedItems()]
        self.session.transfer(
            matter=matter[0] if matter else None, to_window=int(window[0]) if window else None
        )
        self.done.emit()


class PausePanel(Panel):
    """暂停服务: a reason from the list, or typed."""

    def __init__(self, session: CounterSession) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Counter", "Pause service"))
        t = session.texts
        self.title.setText(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Pause service"))))
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.reasons: dict[str, QPushButton] = {}
        for i, reason in enumerate(PAUSE_REASONS):
            zh, en = t.dual(reason)
            button = QPushButton(f"{zh}  {en}")
            button.setProperty("role", "option")
            button.setCheckable(True)
            self.group.addButton(button)
            grid.addWidget(button, i // 2, i % 2)
            self.reasons[zh] = button
        self.body.addLayout(grid)
        self.other = QLineEdit()
        self.other.setPlaceholderText(
            " ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Other reason")))
        )
        self.body.addWidget(self.other)
        self.body.addStretch(1)

    def open_for(self, ticket: dict[str, Any] | None) -> None:
        self.other.clear()
        first = next(iter(self.reasons.values()))
        first.setChecked(True)

    def reason(self) -> str:
        """The typed reason, else the one ticked (in Chinese, as the hall reads it)."""
        typed = self.other.text().strip()
        return typed or next((r for r, b in self.reasons.items() if b.isChecked()), "")

    def _confirm(self) -> None:
        self.session.pause(self.reason())
        self.done.emit()
