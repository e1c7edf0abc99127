"""Staff sign-in (一日三签, A/B roles), tokens, and who is asking (device or staff)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_server.config import Staff
from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.hall import Hall

log = logging.getLogger(__name__)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=5)
_PBKDF2_ROUNDS = 200_000


@dataclass(frozen=True)
class Principal:
    """The caller of an API request: a configured device or a signed-in staff member."""

    kind: str  # "device" | "staff"
    id: str
    role: str  # kiosk | display | evaluator | counter | staff | desk | admin
    window: int | None = None

    @property
    def actor(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Login:
    token: str
    staff: Staff
    window: int | None
    role: str
    ab_role: str
    signins_today: list[datetime]
    expires_at: datetime


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """`pbkdf2_sha256$rounds$salt$hash` for `[[staff]] pin_hash` in a real hall's config."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PBKDF2_ROUNDS)
    b64 = base64.b64encode
    return f"pbkdf2_sha256${_PBKDF2_ROUNDS}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(staff: Staff, pin: str) -> bool:
    if staff.pin is not None:
        return hmac.compare_digest(staff.pin.encode(), pin.encode())
    try:
        scheme, rounds, salt, digest = (staff.pin_hash or "").split("$")
        if scheme != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt), int(rounds))
        return hmac.compare_digest(got, base64.b64decode(digest))
    except ValueError:
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(hall: Hall, *, staff_id: str, pin: str, window: int | None) -> Login:
    """Check the PIN (rate-limited), record the sign-in and open the window."""
    now = hall.now()
    staff = hall.config.staff_member(staff_id)
    with hall.uow() as uow:
        if uow.logins.failures_since(staff_id, now - FAILURE_WINDOW) >= MAX_FAILURES:
            log.warning("sign-in refused: too many wrong PINs for staff %r", staff_id)
            raise errors.TooManyAttempts()
        if staff is None or not verify_pin(staff, pin):
            uow.logins.add(staff_id, now, ok=False)
            uow.commit()
            log.warning("wrong PIN or unknown staff %r at window %s", staff_id, window)
            raise errors.BadCredentials()
        ab_role = _ab_role(hall, staff, window)
        uow.logins.add(staff_id, now, ok=True)
        events = [
            Event(
                type="staff.signed_in",
                at=now,
                actor=f"staff:{staff.id}",
                window=window,
                data={"ab_role": ab_role},
            )
        ]
        if window is not None:
            state = uow.windows.get(window, lock=True)
            if state.staff_id not in (None, staff.id) and staff.role != "admin":
                if uow.sessions.live_at_window(state.staff_id, window, now):
                    raise errors.WindowTaken()
            uow.sessions.revoke_window(window)
            state.staff_id = None if state.staff_id != staff.id else state.staff_id
            state.open(staff.id, now, role=ab_role)
            uow.windows.save(state)
            events += state.events
        token = secrets.token_urlsafe(24)
        expires = now + timedelta(hours=hall.token_hours)
        uow.sessions.add(
            token_hash=_token_hash(token),
            staff_id=staff.id,
            role=staff.role,
            window=window,
            now=now,
            expires_at=expires,
        )
        day = hall.schedule.hall_day(now)
        uow.signins.add(staff_id=staff.id, window=window, day=day, now=now, ab_role=ab_role)
        signins = uow.signins.of_day(day, staff.id)
        uow.events.append(events)
        uow.commit()
    hall.notify()
    return Login(token, staff, window, staff.role, ab_role, signins, expires)


def _ab_role(hall: Hall, staff: Staff, window: int | None) -> str:
    if window is None:
        if staff.role == "staff":
            raise errors.NotAssigned(
                "Window staff must sign in at a window.", "窗口工作人员须在窗口签到。"
            )
        return staff.role
    hall.check_window(window)
    cfg = hall.config.window(window)
    assert cfg is not None
    if staff.id == cfg.staff_a:
        return "A"
    if staff.id == cfg.staff_b:
        return "B"
    if staff.role in ("admin", "desk"):
        return staff.role
    raise errors.NotAssigned()


def logout(hall: Hall, principal: Principal, token: str) -> None:
    """End the session; a window with nothing in hand closes."""
    now = hall.now()
    with hall.uow() as uow:
        uow.sessions.revoke(_token_hash(token))
        if principal.window is not None:
            state = uow.windows.get(principal.window, lock=True)
            if state.staff_id == principal.id:
                state.close(now, actor=principal.actor)
                uow.windows.save(state)
                uow.events.append(state.events)
        uow.commit()
    hall.notify()


def authenticate(hall: Hall, token: str) -> Principal:
    """A device key from the config, or a live staff session token."""
    for device in hall.config.devices:
        if hmac.compare_digest(device.key.encode(), token.encode()):
            return Principal("device", device.id, device.role, device.window)
    with hall.uow(write=False) as uow:
        session = uow.sessions.get(_token_hash(token))
    if session is None or session["revoked"] or session["expires_at"] <= hall.now():
        raise errors.Unauthorized(
            "The sign-in has expired or is not valid; sign in again.",
            "登录已失效，请重新登录。",
        )
    return Principal("staff", session["staff_id"], session["role"], session["window_no"])
