"""Wire schemas of the API (`/api/v1`), shared by the server and its clients."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from queue_server.domain.model import GreenCategory

# Codes of matters, staff, printers: what the config allows, so nothing odd is echoed back.
Code = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]


def _printable(value: str) -> str:
    """Free text may hold any language, but no control characters (NUL breaks PostgreSQL)."""
    if any(ord(ch) < 32 and ch not in "\n\t" or ord(ch) == 127 for ch in value):
        raise ValueError("control characters are not allowed")
    return value


Text = Annotated[str, AfterValidator(_printable)]
Short = Annotated[Text, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]
Note = Annotated[Text, StringConstraints(max_length=500)]
WindowNo = Annotated[int, Field(ge=1, le=999, strict=True)]
# A ticket token as issued (secrets.token_urlsafe): anything else cannot be a ticket.
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TicketCreate(_In):
    matter: Code
    channel: Annotated[
        Literal["kiosk", "desk", "mobile"],
        Field(
            description="Optional: the caller's own channel when left out (a kiosk key: "
            "`kiosk`; desk and window staff: `desk`); another one is refused 403 "
            "`channel_mismatch` (admins may record any)."
        ),
    ] = "kiosk"
    priority: Literal["normal", "green"] = "normal"
    green_category: Annotated[
        GreenCategory | None,
        Field(
            description="Optional, with priority `green` only: whom the green channel serves "
            "(老年人 elderly, 残疾人 disabled, 孕妇 pregnant, 军人 military, 其他 other); "
            "counted in the statistics and the monthly report. With another priority: 422 "
            "`green_category_not_green`."
        ),
    ] = None
    id_number: Annotated[Text, StringConstraints(max_length=18)] | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{5,15}$")] | None = None
    appointment_code: (
        Annotated[str, StringConstraints(max_length=16, pattern=r"^[A-Za-z0-9-]*$")] | None
    ) = None


class TicketPublic(BaseModel):
    number: str
    token: str
    matter: str
    matter_name: str
    matter_name_en: str
    zone: str
    priority: str
    green_category: Annotated[
        str | None,
        Field(
            description="Whom a green-channel ticket is for, as it was issued (`elderly`, "
            "`disabled`, `pregnant`, `military`, `other`); null for a normal ticket and a "
            "green one taken without a category."
        ),
    ] = None
    status: str
    windows: list[int]
    window: int | None = None
    waiting_ahead: int | None = None
    estimated_wait_min: int | None = None
    issued_at: datetime
    called_at: datetime | None = None
    recalls: int = 0
    outcome: str | None = None
    id_masked: str | None = None
    rated: bool = False
    requeued: bool = False
    status_url: str


class LoginIn(_In):
    staff_id: Code
    pin: Annotated[Text, StringConstraints(min_length=1, max_length=32)]
    window: WindowNo | None = None


class StaffOut(BaseModel):
    id: str
    name: str
    role: str
    department: str | None = None  # the department code of `[[staff]] department`, if any


class LoginOut(BaseModel):
    token: str
    staff: StaffOut
    window: int | None
    role: str
    ab_role: str
    signins_today: list[datetime]
    expires_at: datetime


class CompleteIn(_In):
    outcome: Literal["done", "accepted", "needs_more", "rejected", "consulted"]
    missing_materials: Annotated[
        list[Annotated[Text, StringConstraints(max_length=200)]], Field(max_length=50)
    ] = []
    note: Note = ""


class TransferIn(_In):
    matter: Code | None = None
    window: WindowNo | None = None


class CancelIn(_In):
    reason: Annotated[Text, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class PauseIn(_In):
    # The TV, the window display and the supervisors show why a window stopped serving.
    reason: Annotated[Text, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class EvaluationIn(_In):
    rating: Annotated[int, Field(ge=1, le=5, strict=True)]
    reasons: Annotated[
        list[Annotated[Text, StringConstraints(max_length=100)]], Field(max_length=20)
    ] = []
    comment: Note = ""


class PrinterFaultIn(_In):
    printer: Code
    reason: Code
    message: Note = ""
    ticket: Annotated[str, StringConstraints(max_length=12)] | None = None


class HelpIn(_In):
    """`POST /devices/help`: a citizen at a kiosk calls the guide staff (呼叫导服)."""

    screen: Annotated[
        Code | None,
        Field(description="The kiosk screen the citizen was on (`home`, `guide`, …)."),
    ] = None
    lang: Annotated[
        Literal["zh", "en"] | None, Field(description="The kiosk's language at the time.")
    ] = None


class WindowOut(BaseModel):
    number: int
    status: str
    pause_reason: str
    current: TicketPublic | None = None


class ErrorBody(BaseModel):
    code: str
    message: str
    message_zh: str


class ErrorOut(BaseModel):
    error: ErrorBody


class EventOut(BaseModel):
    """One message of `WS /api/v1/events`."""

    seq: int
    type: str
    at: datetime
    actor: str
    window: int | None = None
    ticket: str | None = None
    token: str | None = None
    matter: str | None = None
    zone: str | None = None
    data: dict[str, object] = {}


RATING_LABELS = {
    5: ("非常满意", "Very satisfied"),
    4: ("满意", "Satisfied"),
    3: ("基本满意", "Basically satisfied"),
    2: ("不满意", "Dissatisfied"),
    1: ("非常不满意", "Very dissatisfied"),
}


# --- hall operations: appointments, the guide desk, follow-ups, supervision ------------------
IdNumber = Annotated[Text, StringConstraints(min_length=1, max_length=18)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{5,15}$")]
SlotTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
# An appointment code as issued (6 of A-Z2-9), or what a kiosk keeps of one: nothing else.
APPOINTMENT_CODE_PATTERN = r"^[A-Za-z0-9-]{1,16}$"


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AppointmentCreate(_In):
    matter: Code
    day: date
    slot: SlotTime
    id_number: IdNumber | None = None
    phone: Phone | None = None


class AppointmentCancel(_In):
    id_number: IdNumber | None = None


class AppointmentOut(_Out):
    code: str
    matter: str
    matter_name: str = ""
    matter_name_en: str = ""
    day: date
    slot: str = ""
    slot_start: datetime
    slot_end: datetime
    check_in_from: datetime
    check_in_until: datetime
    status: Literal["booked", "checked_in", "late", "no_show", "cancelled"]
    channel: str
    id_masked: str | None = None
    ticket: str | None = None
    created_at: datetime


class SlotOut(_Out):
    slot: str
    start: datetime
    end: datetime
    capacity: int
    remaining: int


class SlotsOut(BaseModel):
    matter: str
    day: date
    slot_minutes: int
    bookable_until: date
    slots: list[SlotOut]


class BookableMatterOut(BaseModel):
    code: str
    name: str
    name_en: str
    zone: str
    capacity: int  # bookings per slot
    id_required: bool
    keywords: list[str] = []
    initials: list[str] = []  # pinyin initials of the name, then of each keyword: 营业执照 → yyzz


class BookableOut(BaseModel):
    """What can be booked: the matters, and the days a booking may be for."""

    enabled: bool
    today: date
    bookable_until: date
    slot_minutes: int
    matters: list[BookableMatterOut]
    # Whether a kiosk offers check-in (预约签到) today: `enabled`, or bookings made before
    # appointments were turned off are still to check in today (they are honoured).
    check_in: bool


class BookableDayOut(BaseModel):
    day: date
    slots: int  # slots of the day not yet begun
    remaining: int  # free places over those slots (0: the day is fully booked)


class BookableDaysOut(BaseModel):
    matter: str
    slot_minutes: int
    bookable_until: date
    days: list[BookableDayOut]


class DeskLookupIn(_In):
    id_number: IdNumber


class DeskTicketOut(_Out):
    number: str
    token: str
    matter: str
    matter_name: str = ""
    zone: str
    status: str
    priority: str
    green_category: str | None = None  # whom a green ticket is for, as in TicketPublic
    channel: str
    id_masked: str | None = None
    issued_at: datetime
    window: int | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    outcome: str | None = None
    waiting_ahead: int | None = None
    estimated_wait_min: int | None = None


class DeskLookupOut(_Out):
    id_masked: str
    day: date
    tickets: list[DeskTicketOut]
    appointments: list[AppointmentOut]


FollowupNote = Annotated[Text, StringConstraints(max_length=500, strip_whitespace=True)]


class FollowupContactIn(_In):
    note: FollowupNote = ""


class FollowupCloseIn(_In):
    resolution: Literal["contacted", "fixed", "appeal"]
    note: FollowupNote = ""


class FollowupNoteOut(_Out):
    at: datetime
    actor: str
    kind: str
    note: str
    resolution: str | None = None


class FollowupOut(_Out):
    id: int
    ticket: str
    day: date
    matter: str
    matter_name: str = ""
    matter_name_en: str = ""
    zone: str
    department: str
    department_name: str = ""
    department_name_en: str = ""
    window: int | None = None
    staff_id: str | None = None
    rating: int
    rating_label: str = ""
    rating_label_en: str = ""
    reasons: list[str]
    comment: str
    status: Literal["open", "contacted", "closed"]
    opened_at: datetime
    contact_due: datetime
    fix_due: datetime
    contacted_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    contact_overdue: bool
    fix_overdue: bool
    notes: list[FollowupNoteOut]


class FaultOut(_Out):
    seq: int
    at: datetime
    actor: str
    zone: str | None = None
    printer: str
    reason: str
    message: str


class ZoneOverviewOut(_Out):
    code: str
    prefix: str
    name: str
    name_en: str
    waiting: int
    oldest_since: datetime | None = None
    longest_wait_s: int
    longest_wait_min: int
    windows_open: int
    windows_paused: int
    windows_closed: int
    followups_open: int
    followups_overdue: int
    printer_faults: int
    long_wait: bool
    help_calls: int = 0


class WindowOverviewOut(_Out):
    number: int
    name: str
    name_en: str
    zone: str
    status: str
    staff_id: str | None = None
    staff_name: str | None = None
    pause_reason: str
    current: str | None = None


class HelpCallOut(_Out):
    """A call for help (呼叫导服) from a kiosk: open until the desk or an admin answers it."""

    id: int = Field(description="The call's id (its event `seq`): answer it by this.")
    seq: int
    at: datetime
    actor: str
    device: str
    zone: str | None = None
    screen: str | None = None
    lang: str | None = None
    waited_s: int = Field(description="Seconds from the call until now, or until answered.")
    status: Literal["open", "answered"]
    answered_at: datetime | None = None
    answered_by: str | None = None


class HelpCallsOut(_Out):
    """`GET /admin/help`: the open calls for help, for the guide desk's page."""

    at: datetime = Field(description="The server's clock when the calls were read.")
    seq: int = Field(description="Follow the event stream from here (`?since=`).")
    calls: list[HelpCallOut] = Field(description="Open calls for help, oldest first.")
    remind_s: int = Field(
        default=0, description="Ring again every so many seconds while a call is open; 0: never."
    )
    overdue_s: int = Field(
        default=0, description="A call waiting this many seconds is shown overdue."
    )


class AlertOut(_Out):
    kind: Literal["long_wait", "printer_fault", "followup_overdue", "help_call"]
    zone: str | None = None
    minutes: int | None = None
    count: int | None = None
    fault: FaultOut | None = None
    help_call: HelpCallOut | None = None
    overdue: bool | None = Field(
        default=None,
        description="help_call: the call has waited `help_overdue_s` or longer (超时未处理).",
    )
    message: str | None = Field(default=None, description="help_call: the alert in English.")
    message_zh: str | None = Field(default=None, description="help_call: the alert in Chinese.")


class OverviewOut(_Out):
    """`GET /admin/overview`: the hall floor now, for the supervision dashboard."""

    at: datetime
    seq: int
    target_wait_min: int
    wait_alert_min: float
    zones: list[ZoneOverviewOut]
    windows: list[WindowOverviewOut]
    followups_open: int
    followups_overdue: int
    printer_faults: list[FaultOut]
    alerts: list[AlertOut]
    help_calls: list[HelpCallOut] = Field(
        default=[], description="Open calls for help, oldest first."
    )
    help_remind_s: int = Field(
        default=0,
        description="Ring again every so many seconds while a call for help is open; 0: never.",
    )
    help_overdue_s: int = Field(
        default=0, description="A call for help waiting this many seconds is shown overdue."
    )
