"""预约: what can be booked, free slots, book (anyone: the citizen's phone `/book`; the desk on
someone's behalf), look up and cancel by the booking code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from queue_server.api.deps import HallDep, error_docs, principal_of
from queue_server.api.limits import counted_key
from queue_server.domain import errors
from queue_server.hall import Hall
from queue_server.protocol import (
    APPOINTMENT_CODE_PATTERN,
    AppointmentCancel,
    AppointmentCreate,
    AppointmentOut,
    BookableDayOut,
    BookableDaysOut,
    BookableMatterOut,
    BookableOut,
    SlotOut,
    SlotsOut,
)
from queue_server.services import appointments as svc
from queue_server.services.staff import Principal

router = APIRouter(prefix="/appointments", tags=["appointments"])
_bearer = HTTPBearer(auto_error=False)
_ERR = error_docs(401, 403, 404, 409, 422, 429)
# Who may cancel someone else's booking without its ID number. A booking's channel is
# `services.appointments.booking_channel`: `desk` for every staff role, a lead's too.
ON_BEHALF = ("desk", "admin", "staff")
MatterQuery = Annotated[str, Query(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]


async def optional_principal(
    hall: HallDep, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal | None:
    """Citizens book without signing in; a token, when sent, must be valid."""
    if creds is None or not creds.credentials:
        return None
    return await principal_of(hall, creds.credentials)


MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]

# The devices that book or cancel for a citizen: only the kiosk has a screen for it. A
# display, an evaluator or a counter's hardware does not, and its key must not write bookings.
BOOKING_DEVICES = ("kiosk",)


async def booking_principal(who: MaybePrincipal) -> Principal | None:
    """Who books or cancels: the citizen (no token), a kiosk, or any of the hall's staff;
    another device's key is refused (403)."""
    if who is not None and who.kind == "device" and who.role not in BOOKING_DEVICES:
        raise errors.Forbidden(
            f"A {who.role} device does not book or cancel appointments.",
            "该设备无权预约或取消预约。",
        )
    return who


BookingPrincipal = Annotated[Principal | None, Depends(booking_principal)]


async def appointment_code(code: str) -> str:
    """A path code that cannot be one we issued is an unknown appointment, not a query."""
    if not re.fullmatch(APPOINTMENT_CODE_PATTERN, code):
        raise errors.UnknownAppointment("No appointment with this code.", "未找到该预约码。")
    return code


CodePath = Annotated[str, Depends(appointment_code)]


def out(hall: Hall, booking: svc.Booking) -> AppointmentOut:
    matter = hall.config.matter(booking.matter)
    return AppointmentOut.model_validate(
        {
            **asdict(booking),
            "matter_name": matter.name if matter else "",
            "matter_name_en": matter.name_en if matter else "",
            "slot": f"{hall.schedule.local(booking.slot_start):%H:%M}",
        }
    )


@router.get("/slots", responses=_ERR)
def slots(hall: HallDep, matter: MatterQuery, day: date) -> SlotsOut:
    """Bookable slots of a day with their remaining capacity (anyone)."""
    found = svc.available_slots(hall, matter=matter, day=day)
    today = hall.schedule.hall_day(hall.now())
    rules = hall.config.appointments
    return SlotsOut(
        matter=matter,
        day=day,
        slot_minutes=rules.slot_minutes,
        bookable_until=today + timedelta(days=rules.horizon_days),
        slots=[
            SlotOut(
                slot=f"{hall.schedule.local(s.start):%H:%M}",
                start=s.start,
                end=s.end,
                capacity=s.capacity,
                remaining=s.remaining,
            )
            for s in found
        ],
    )


@lru_cache(maxsize=4096)
def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters, other letters and digits kept, lower case:
    个体工商户营业执照 → gtgshyyzz (as the kiosk's search matches them)."""
    from pypinyin import Style, lazy_pinyin  # its dictionary loads on the first use only

    letters = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"))
    return re.sub(r"[^0-9a-z]+", "", unicodedata.normalize("NFKC", letters).lower())


@router.get("/matters")
def bookable(hall: HallDep) -> BookableOut:
    """The matters that can be booked ahead, the days a booking may be for, and whether a
    kiosk offers check-in today (anyone). Their guides (materials to bring): `GET /catalog`."""
    today = hall.schedule.hall_day(hall.now())
    rules = hall.config.appointments
    return BookableOut(
        enabled=rules.enabled,
        today=today,
        bookable_until=today + timedelta(days=rules.horizon_days),
        slot_minutes=rules.slot_minutes,
        matters=[
            BookableMatterOut(
                code=m.code,
                name=m.name,
                name_en=m.name_en,
                zone=m.zone,
                capacity=cap,
                id_required=svc.id_required(hall, m),
                keywords=m.keywords,
                initials=[x for x in (initials(t) for t in (m.name, *m.keywords)) if x],
            )
            for m, cap in svc.bookable_matters(hall)
        ],
        check_in=svc.takes_check_ins(hall),
    )


@router.get("/days", responses=_ERR)
def days(hall: HallDep, matter: MatterQuery) -> BookableDaysOut:
    """The days with slots still open for a matter, and how many places are left (anyone)."""
    found = svc.available_days(hall, matter=matter)
    today = hall.schedule.hall_day(hall.now())
    rules = hall.config.appointments
    return BookableDaysOut(
        matter=matter,
        slot_minutes=rules.slot_minutes,
        bookable_until=today + timedelta(days=rules.horizon_days),
        days=[
            BookableDayOut(day=day, slots=len(slots), remaining=sum(s.remaining for s in slots))
            for day, slots in found
        ],
    )


def _counted_address(request: Request, hall: Hall, who: Principal | None) -> str | None:
    """What a booking counts against: a booking without signing in, its client address key
    (None from an exempt network); the desk and other signed-in callers book for many people
    and are not limited."""
    if who is not None:
        return None
    host = request.client.host if request.client else None
    return counted_key(host, hall.config.appointments.address_exempt)


@router.post("", status_code=status.HTTP_201_CREATED, responses=_ERR)
def book(
    body: AppointmentCreate, hall: HallDep, who: BookingPrincipal, request: Request
) -> AppointmentOut:
    """Book a check-in slot; the answer's `code` is checked in at the kiosk. Without a token,
    at most `[appointments] max_bookings_per_address` per client address in
    `address_window_min` (429 `booking_rate_limit` with `Retry-After`)."""
    channel = svc.booking_channel(who.kind if who else None, who.role if who else None)
    actor = who.actor if who else "citizen"
    booking = svc.book(
        hall,
        matter=body.matter,
        day=body.day,
        slot=body.slot,
        id_number=body.id_number,
        phone=body.phone,
        channel=channel,
        actor=actor,
        address=_counted_address(request, hall, who),
    )
    return out(hall, booking)


@router.get("/{code}", responses=_ERR)
def get(code: CodePath, hall: HallDep) -> AppointmentOut:
    """A booking and its status (`no_show` once the check-in window has passed)."""
    return out(hall, svc.get_booking(hall, code))


@router.post("/{code}/cancel", responses=_ERR)
def cancel(
    code: CodePath, hall: HallDep, who: BookingPrincipal, body: AppointmentCancel | None = None
) -> AppointmentOut:
    """Cancel before the slot begins: with the booking's ID number, or by the desk."""
    booking = svc.cancel(
        hall,
        code,
        actor=who.actor if who else "citizen",
        id_number=body.id_number if body else None,
        on_behalf=who is not None and who.role in ON_BEHALF,
    )
    return out(hall, booking)
