"""Wire schemas of the API (`/api/v1`), shared by the server and its clients."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Short = Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]
Note = Annotated[str, StringConstraints(max_length=500)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TicketCreate(_In):
    matter: Short
    channel: Literal["kiosk", "desk", "mobile"] = "kiosk"
    priority: Literal["normal", "green"] = "normal"
    id_number: Annotated[str, StringConstraints(max_length=18)] | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+?\d{5,15}$")] | None = None
    appointment_code: Annotated[str, StringConstraints(max_length=16)] | None = None


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
    status_url: str


class LoginIn(_In):
    staff_id: Short
    pin: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    window: Annotated[int, Field(ge=1, le=999)] | None = None


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
        list[Annotated[str, StringConstraints(max_length=200)]], Field(max_length=50)
    ] = []
    note: Note = ""


class TransferIn(_In):
    matter: Short | None = None
    window: Annotated[int, Field(ge=1, le=999)] | None = None


class PauseIn(_In):
    reason: Annotated[str, StringConstraints(max_length=200)] = ""


class EvaluationIn(_In):
    rating: Annotated[int, Field(ge=1, le=5)]
    reasons: Annotated[
        list[Annotated[str, StringConstraints(max_length=100)]], Field(max_length=20)
    ] = []
    comment: Note = ""


class PrinterFaultIn(_In):
    printer: Short
    reason: Short
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
