"""What citizens key in or scan at the kiosk, checked before anything is sent (no Qt).

ID numbers use the server's own GB 11643 check (`queue_server.domain.identity`, pure), so
a mistyped digit is caught at the keypad. A ticket is found by its QR code (the status URL
`…/t/{token}`) or by the token typed in; appointment codes are letters, digits and dashes.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from queue_server.domain import errors
from queue_server.domain.identity import normalize_id
from queue_server.protocol import TOKEN_PATTERN

ID_LENGTH = 18
_TOKEN = re.compile(TOKEN_PATTERN)
_APPOINTMENT = re.compile(r"^[A-Z0-9-]{1,16}$")


@dataclass(frozen=True)
class Refusal:
    """A bilingual reason shown to the citizen, with a stable code for logs and tests."""

    code: str
    message: str
    message_zh: str


def check_id_number(raw: str) -> str | Refusal:
    """The canonical 18-character ID, or why it is not a valid resident ID number."""
    try:
        return normalize_id(raw)
    except errors.InvalidIdNumber as exc:
        return Refusal(exc.code, exc.message, exc.message_zh)


def id_keypad_text(raw: str) -> str:
    """Digits (and a final X) grouped 6-8-4 as printed on the card, for the big display."""
    value = raw.upper()
    groups = [value[:6], value[6:14], value[14:]]
    return " ".join(g for g in groups if g)


def accept_id_key(current: str, key: str) -> str:
    """The keypad's text after `key` (a digit or X); X only as the 18th character."""
    if len(current) >= ID_LENGTH:
        return current
    key = key.upper()
    if key.isdigit() or (key == "X" and len(current) == ID_LENGTH - 1):
        return current + key
    return current


def ticket_token(scanned: str) -> str | None:
    """The ticket token in a scanned status URL (`http://…/t/TOKEN`) or a typed token."""
    text = unicodedata.normalize("NFKC", scanned).strip()
    if "/t/" in text:
        path = urlsplit(text).path if "://" in text else text.split("?")[0].split("#")[0]
        text = unquote(path.rsplit("/t/", 1)[-1]).strip("/")
    return text if _TOKEN.match(text) else None


def appointment_code(typed: str) -> str | None:
    """The normalised appointment code (upper case, no spaces), or None if it cannot be one."""
    code = unicodedata.normalize("NFKC", typed).replace(" ", "").strip().upper()
    return code if _APPOINTMENT.match(code) else None


class PinLock:
    """The admin PIN: compared in constant time; after `limit` wrong tries, nothing opens it
    until the kiosk restarts. No PIN configured: always locked."""

    def __init__(self, pin: str, *, limit: int = 5) -> None:
        self._pin = pin.encode()
        self.limit = limit
        self.failures = 0

    def check(self, typed: str) -> bool:
        """True when `typed` is the PIN and the lock has not been tripped."""
        ok = bool(self._pin) and hmac.compare_digest(typed.encode(), self._pin)
        if ok and self.failures < self.limit:
            self.failures = 0
            return True
        self.failures += 1
        return False
