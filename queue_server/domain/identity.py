"""Resident ID numbers (GB 11643-1999): validation, keyed hashing and masking; the keyed hash
of a client address, which the limit per address stores instead of the address."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from datetime import date

from queue_server.domain import errors

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalize_id(raw: str) -> str:
    """Return the canonical 18-character ID or raise InvalidIdNumber."""
    # Fullwidth digits (１２３) would otherwise hash as a different person.
    value = unicodedata.normalize("NFKC", raw).strip().upper()
    if not value.isascii():
        raise errors.InvalidIdNumber()
    if (
        len(value) != 18
        or not value[:17].isdigit()
        or not (value[17].isdigit() or value[17] == "X")
    ):
        raise errors.InvalidIdNumber()
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise errors.InvalidIdNumber() from None
    if check_digit(value[:17]) != value[17]:
        raise errors.InvalidIdNumber()
    return value


def id_hash(id_number: str, secret: bytes) -> str:
    """Keyed hash: the plain ID is never stored."""
    return hmac.new(secret, id_number.encode(), hashlib.sha256).hexdigest()


def address_hash(address_key: str, secret: bytes) -> str:
    """Keyed hash of a client address key (an IPv4 address, an IPv6 /64), keyed as ID hashes
    are: there are few enough IPv4 addresses to hash them all, so an unkeyed hash would hide
    nothing. The prefix keeps it apart from every ID hash."""
    return hmac.new(secret, f"address:{address_key}".encode(), hashlib.sha256).hexdigest()


def mask_id(id_number: str) -> str:
    """110***********1234: what staff and screens may show."""
    return id_number[:3] + "*" * (len(id_number) - 7) + id_number[-4:]
