"""Kiosk-made messages (English source texts of the Kiosk context), shown in both languages."""

from __future__ import annotations

from kiosk.i18n import QT_TRANSLATE_NOOP

NO_TICKET = QT_TRANSLATE_NOOP("Kiosk", "No ticket was issued")
NOT_REQUEUED = QT_TRANSLATE_NOOP("Kiosk", "The ticket was not put back in line")
NOT_READ = QT_TRANSLATE_NOOP("Kiosk", "The code could not be read")
ASK_DESK = QT_TRANSLATE_NOOP("Kiosk", "If you need help, please ask the staff at the help desk.")
TRY_AGAIN = QT_TRANSLATE_NOOP(
    "Kiosk", "Please try again in a moment, or take a ticket at the help desk."
)
BAD_TICKET_CODE = QT_TRANSLATE_NOOP("Kiosk", "This is not the QR code or code of a ticket.")
BAD_APPOINTMENT = QT_TRANSLATE_NOOP(
    "Kiosk", "An appointment code has only letters, digits and dashes (up to 16)."
)
BAD_CATALOG = QT_TRANSLATE_NOOP("Kiosk", "The server sent a catalogue this kiosk cannot read.")

# 呼叫工作人员: the top bar's button, and what the kiosk says after a tap
CALL_STAFF = QT_TRANSLATE_NOOP("Kiosk", "Call staff")
CALLING_STAFF = QT_TRANSLATE_NOOP("Kiosk", "Calling staff…")
STAFF_CALLED = QT_TRANSLATE_NOOP("Kiosk", "Staff called")
HELP_CALLED = QT_TRANSLATE_NOOP("Kiosk", "Staff have been called, please wait")
HELP_COMING = QT_TRANSLATE_NOOP("Kiosk", "A member of staff will come to this kiosk shortly.")
HELP_FAILED = QT_TRANSLATE_NOOP("Kiosk", "Staff could not be called")
