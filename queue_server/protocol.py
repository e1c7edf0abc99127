"""Wire schemas of the API (`/api/v1`), shared by the server and its clients."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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
    channel: Literal["kiosk", "desk", "mobile"] = "kiosk"
    priority: Literal["normal", "green"] = "normal"
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


class PauseIn(_In):
    reason: Annotated[Text, StringConstraints(max_length=200)] = ""


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
