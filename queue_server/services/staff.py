"""Staff sign-in (一日三签, A/B roles), tokens, and who is asking (device or staff)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

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


def token_hash(token: str) -> str:
    """What the database and the session cache know of a token: never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionCache:
    """Token hash → the staff Principal it authenticated, for at most `ttl_s` seconds.

    Answering a staff request's "who is this?" from the database took a thread-pool hop and a
    read transaction per request. An entry never outlives the token: the session's expiry is
    checked on every hit with the hall's clock. A logout or a new sign-in at a window in this
    process forgets the sessions it revoked at once (`forget`, `forget_window`). On
    PostgreSQL, what another server process revokes is announced at its commit and forgotten
    here as soon as it arrives (`forget_revoked`, adapters/notify.py); a revocation made
    directly in the database, or while this process was not listening, is seen within `ttl_s`.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # monotonic seconds; tests move it
        self._entries: dict[str, tuple[Principal, datetime, float]] = {}
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every forget: a read older than that may be stale

    @property
    def generation(self) -> int:
        return self._generation

    def get(self, key: str) -> tuple[Principal, datetime] | None:
        """The principal and the session's expiry, while the entry is fresh."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self.clock() >= entry[2]:
            self._entries.pop(key, None)
            return None
        return entry[0], entry[1]

    def put(
        self, key: str, principal: Principal, expires_at: datetime, ttl_s: float, generation: int
    ) -> None:
        """Remember a session read when `generation` was current, unless something was
        forgotten since (the read may predate a revocation)."""
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) >= 10_000:  # tokens of a busy day; drop the stale ones
                now = self.clock()
                self._entries = {k: e for k, e in self._entries.items() if e[2] > now}
            self._entries[key] = (principal, expires_at, self.clock() + ttl_s)

    def forget(self, key: str) -> None:
        with self._lock:
            self._generation += 1
            self._entries.pop(key, None)

    def forget_window(self, window: int) -> None:
        with self._lock:
            self._generation += 1
            self._entries = {k: e for k, e in self._entries.items() if e[0].window != window}

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries = {}


# One cache per database (like the typical service times in services.waits): every Hall on
# the same engine shares what this process revoked.
_CACHES: weakref.WeakKeyDictionary[Engine, SessionCache] = weakref.WeakKeyDictionary()
_NO_ENGINE = SessionCache()


def session_cache(hall: Hall) -> SessionCache:
    if hall.engine is None:
        return _NO_ENGINE
    cache = _CACHES.get(hall.engine)
    if cache is None:
        cache = _CACHES.setdefault(hall.engine, SessionCache())
    return cache


def forget_revoked(hall: Hall, announcement: str | None) -> None:
    """Another server process revoked sessions ("token:<hash>" or "window:<n>", see
    `SessionRepository`); None: we may have missed some, so forget every cached session."""
    cache = session_cache(hall)
    kind, _, value = (announcement or "").partition(":")
    if kind == "token" and value:
        cache.forget(value)
    elif kind == "window" and value.isdigit():
        cache.forget_window(int(value))
    else:
        cache.clear()


def login(hall: Hall, *, staff_id: str, pin: str, window: int | None) -> Login:
    """Check the PIN (rate-limited), record the sign-in and open the window."""
    now = hall.now()
    staff = hall.config.staff_member(staff_id)
    revoked_window = False
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
            revoked_window = True
            state.staff_id = None if state.staff_id != staff.id else state.staff_id
            state.open(staff.id, now, role=ab_role)
            uow.windows.save(state)
            events += state.events
        token = secrets.token_urlsafe(24)
        expires = now + timedelta(hours=hall.token_hours)
        uow.sessions.add(
            token_hash=token_hash(token),
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
    if revoked_window:
        assert window is not None
        session_cache(hall).forget_window(window)
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
        uow.sessions.revoke(token_hash(token))
        if principal.window is not None:
            state = uow.windows.get(principal.window, lock=True)
            if state.staff_id == principal.id:
                state.close(now, actor=principal.actor)
                uow.windows.save(state)
                uow.events.append(state.events)
        uow.commit()
    session_cache(hall).forget(token_hash(token))
    hall.notify()


def device_principal(hall: Hall, key: str) -> Principal | None:
    """The configured device whose key hashes to `key` (`token_hash` of the token sent).

    Comparing hashes by dictionary look-up replaces a constant-time comparison with every
    configured key (160 in a 120-window hall): what an attacker can time is the look-up of
    a SHA-256 digest, which tells nothing about any key.
    """
    device = hall.device_by_key_hash.get(key)
    return None if device is None else Principal("device", device.id, device.role, device.window)


def cached_principal(hall: Hall, token: str) -> Principal | None:
    """Who `token` is without touching the database: a device key, or a staff session
    authenticated less than `hall.session_cache_s` ago. None: ask `authenticate`.

    Raises Unauthorized for a cached session that has expired since.
    """
    key = token_hash(token)
    device = device_principal(hall, key)
    if device is not None:
        return device
    hit = session_cache(hall).get(key)
    if hit is None:
        return None
    principal, expires_at = hit
    if expires_at <= hall.now():
        raise _session_invalid()
    return principal


def authenticate(hall: Hall, token: str) -> Principal:
    """A device key from the config, or a live staff session token (read from the database,
    then remembered for `hall.session_cache_s`)."""
    key = token_hash(token)
    device = device_principal(hall, key)
    if device is not None:
        return device
    cache = session_cache(hall)
    generation = cache.generation
    with hall.uow(write=False) as uow:
        session = uow.sessions.get(key)
    if session is None or session["revoked"] or session["expires_at"] <= hall.now():
        raise _session_invalid()
    principal = Principal("staff", session["staff_id"], session["role"], session["window_no"])
    if hall.session_cache_s > 0:
        cache.put(key, principal, session["expires_at"], hall.session_cache_s, generation)
    return principal


def _session_invalid() -> errors.HallqError:
    return errors.Unauthorized(
        "The sign-in has expired or is not valid; sign in again.",
        "登录已失效，请重新登录。",
    )
