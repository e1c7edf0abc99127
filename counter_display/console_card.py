"""The console's top bar (window, staff, today's sign-ins, connection, clock) and the card of
the ticket in hand with the window's counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from counter_display.board import parse_time
from counter_display.console_logic import SIGNIN_SLOTS, signin_slots, waited_minutes
from counter_display.console_panels import label
from counter_display.counter_session import CounterSession
from counter_display.texts import GREEN_CATEGORY_TEXTS, QT_TRANSLATE_NOOP, STATE_TEXTS

AB_ROLES = {
    "A": QT_TRANSLATE_NOOP("Counter", "A role (in charge)"),
    "B": QT_TRANSLATE_NOOP("Counter", "B role (covering)"),
    "admin": QT_TRANSLATE_NOOP("Counter", "Administrator"),
    "desk": QT_TRANSLATE_NOOP("Counter", "Help desk"),
}
TICKET_STATES = {"called": STATE_TEXTS["calling"], "serving": STATE_TEXTS["serving"]}
GREEN_CHANNEL = QT_TRANSLATE_NOOP("Counter", "Green channel")


class TopBar(QFrame):
    """Window and staff on the left, sign-ins in the middle, connection and clock on the right."""

    def __init__(self, session: CounterSession) -> None:
        super().__init__()
        self.setObjectName("TopBar")
        self.session = session
        t = session.texts
        self.title = label("", "title")
        self.staff = label("", "subtitle")
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.title)
        left.addWidget(self.staff)
        self.slots: dict[str, QLabel] = {}
        middle = QHBoxLayout()
        middle.setSpacing(8)
        self.signins_label = label(
            t.zh(QT_TRANSLATE_NOOP("Counter", "Signed in today")), "subtitle"
        )
        middle.addWidget(self.signins_label)
        for code, _source, _start in SIGNIN_SLOTS:
            chip = label("", "slot-off")
            self.slots[code] = chip
            middle.addWidget(chip)
        self.offline = label(
            "  ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Reconnecting"))), "offline"
        )
        self.offline.hide()
        self.clock = label("", "title")
        self.sign_out = QPushButton(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Sign out"))))
        self.sign_out.setProperty("role", "bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(18)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 3)
        layout.addWidget(self.offline)
        layout.addWidget(self.clock)
        layout.addWidget(self.sign_out)

    def set_online(self, online: bool) -> None:
        """Show or hide "连接中断 / Reconnecting"."""
        self.offline.setVisible(not online and self.session.login_answer is not None)

    def tick(self, now: datetime) -> None:
        """Update the clock (in the hall's time)."""
        self.clock.setText(f"{now.astimezone(self.session.hall_tz):%H:%M}")

    def show_session(self) -> None:
        """Window, staff and today's sign-ins from the session."""
        s, t = self.session, self.session.texts
        info = s.window_info()
        no = t.zh(QT_TRANSLATE_NOOP("Counter", "No."))
        self.title.setText(f"{s.window}{no}  {info.get('name', '')}".strip())
        answer = s.login_answer
        signed = answer is not None
        for widget in (self.staff, self.signins_label, *self.slots.values(), self.sign_out):
            widget.setVisible(signed)
        if answer is None:
            self.offline.hide()
            return
        staff = answer.get("staff") or {}
        role_zh, role_en = t.dual(AB_ROLES.get(str(answer.get("ab_role")), ""))
        self.staff.setText(
            f"{staff.get('name', '')}  {staff.get('id', '')}  ·  {role_zh}  {role_en}"
        )
        times = [m for m in map(parse_time, answer.get("signins_today") or []) if m]
        slots = signin_slots(times, s.hall_tz)
        for code, source, _start in SIGNIN_SLOTS:
            at = slots[code]
            chip = self.slots[code]
            chip.setText(f"{t.zh(source)} {at:%H:%M}" if at else f"{t.zh(source)} —")
            chip.setProperty("role", "slot-on" if at else "slot-off")
            chip.style().unpolish(chip)
            chip.style().polish(chip)


class TicketCard(QFrame):
    """The ticket in hand, big, and the window's counts."""

    def __init__(self, session: CounterSession) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.session = session
        t = session.texts
        head = QHBoxLayout()
        title = label(" ".join(t.dual(QT_TRANSLATE_NOOP("Counter", "Ticket in hand"))), "muted")
        title.setWordWrap(False)
        head.addWidget(title, 1)
        self.green = label(" ".join(t.dual(GREEN_CHANNEL)), "badge-green")
        self.green.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = label("", "chip")
        for badge in (self.green, self.state):
            badge.setWordWrap(False)
        badges = QVBoxLayout()
        badges.setSpacing(8)
        badges.addStretch(1)
        badges.addWidget(self.state, 0, Qt.AlignmentFlag.AlignRight)
        badges.addWidget(self.green, 0, Qt.AlignmentFlag.AlignRight)
        badges.addStretch(1)
        self.number = label("—", "ticket-number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.matter = label("", "ticket-matter")
        self.matter_en = label("", "en")
        self.details = label("", "muted")
        counts = QGridLayout()
        self.waiting = label("0", "stat")
        self.served = label("0", "stat")
        for column, (source, value) in enumerate(
            (
                (QT_TRANSLATE_NOOP("Counter", "Waiting for this window"), self.waiting),
                (QT_TRANSLATE_NOOP("Counter", "Served today"), self.served),
            )
        ):
            zh, en = t.dual(source)
            counts.addWidget(label(f"{zh}\n{en}", "muted"), 0, column)
            counts.addWidget(value, 1, column)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #C3CEE0;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addLayout(head)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        number_row.addLayout(badges)
        layout.addLayout(number_row)
        layout.addWidget(self.matter)
        layout.addWidget(self.matter_en)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addLayout(counts)

    def show_view(self, view: dict[str, Any] | None) -> None:
        """Show GET /windows/{n}: the ticket in hand, waiting, served today."""
        t = self.session.texts
        view = view or {}
        ticket = view.get("current")
        self.waiting.setText(str(view.get("waiting", "—")))
        self.served.setText(str(view.get("served_today", "—")))
        green = bool(ticket and ticket.get("priority") == "green")
        if ticket and green:
            self.green.setText(self._green_badge(ticket.get("green_category")))
        self.green.setVisible(green)
        if not ticket:
            self.number.setText("—")
            if view.get("status") == "paused":
                zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Service paused"))
                self.matter.setText(f"{zh}：{view.get('pause_reason') or ''}".rstrip("："))
                self.matter_en.setText(en)
            else:
                zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "No ticket in hand"))
                self.matter.setText(zh)
                self.matter_en.setText(en)
            hint = QT_TRANSLATE_NOOP("Counter", "Press Call next to call the next citizen")
            self.details.setText("  ".join(t.dual(hint)) if view.get("status") == "open" else "")
            self.state.hide()
            return
        self.number.setText(str(ticket.get("number", "")))
        self.matter.setText(str(ticket.get("matter_name", "")))
        self.matter_en.setText(str(ticket.get("matter_name_en", "")))
        zh, en = t.dual(TICKET_STATES.get(str(ticket.get("status")), STATE_TEXTS["serving"]))
        self.state.setText(f"{zh} {en}")
        self.state.show()
        self.details.setText("\n".join(self._details(ticket)))

    def _green_badge(self, category: object) -> str:
        """绿色通道 Green channel and, below it when the ticket was taken with a category,
        whom it is for: 老年人 Elderly (a code this console does not know: as is). On a line
        of its own, the category never makes the badge wider: on one line it pushed the
        console past a 1366-pixel screen."""
        badge = " ".join(self.session.texts.dual(GREEN_CHANNEL))
        if not category:
            return badge
        code = str(category)
        source = GREEN_CATEGORY_TEXTS.get(code)
        whom = " ".join(self.session.texts.dual(source)) if source else code
        return f"{badge}\n{whom}"

    def _details(self, ticket: dict[str, Any]) -> list[str]:
        t = self.session.texts
        issued, called = parse_time(ticket.get("issued_at")), parse_time(ticket.get("called_at"))
        lines = []
        waited = waited_minutes(issued, called)
        if waited is not None and issued is not None:
            zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Waited %1 min (ticket taken at %2)"))
            taken = issued.astimezone(self.session.hall_tz).strftime("%H:%M")
            lines.append(
                zh.replace("%1", str(waited)).replace("%2", taken)
                + "  "
                + en.replace("%1", str(waited)).replace("%2", taken)
            )
        if ticket.get("id_masked"):
            zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "ID number"))
            lines.append(f"{zh} {en}：{ticket['id_masked']}")
        if ticket.get("recalls"):
            zh, en = t.dual(QT_TRANSLATE_NOOP("Counter", "Recalled %1 times"))
            n = str(ticket["recalls"])
            lines.append(zh.replace("%1", n) + "  " + en.replace("%1", n))
        return lines
