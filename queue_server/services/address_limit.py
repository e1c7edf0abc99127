"""The limit of bookings per client address (`[appointments] max_bookings_per_address` in any
`address_window_min`), counted in the database: one count for the hall, whichever server
process took the booking, and kept across restarts.

A booking made without signing in is stored with the keyed hash of its client address key
(`api.limits.client_key`: an IPv4 address, an IPv6 /64); the check counts that key's bookings
made in the window — cancelled ones too, so booking and cancelling cannot churn past it —
inside the booking's own write transaction. On PostgreSQL a transaction-scoped advisory lock
on the key makes two bookings from one address at once count one after the other; SQLite
runs one write transaction at a time anyway. A refused booking writes nothing, so it does
not count.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta

from queue_server.adapters.operations import Operations
from queue_server.domain import errors, identity
from queue_server.hall import Hall

log = logging.getLogger(__name__)


def hold(hall: Hall, ops: Operations, address: str, now: datetime) -> str:
    """Count a booking from `address` (a client address key) in the transaction of `ops`:
    the keyed hash to store the booking with, or `BookingRateLimit` with the seconds until
    enough of the window's bookings age out (the oldest, while the limit is unchanged).
    Locks first: call before the booking's other locks (person, slot)."""
    rules = hall.config.appointments
    hashed = identity.address_hash(address, hall.secret)
    limit = rules.max_bookings_per_address
    if limit <= 0:  # no limit: still stored, so turning it on counts what was made meanwhile
        return hashed
    ops.lock("appointment-address", hashed)
    window = timedelta(minutes=rules.address_window_min)
    since = now - window
    newest = ops.bookings.made_from(hashed, since=since, newest=limit)
    if len(newest) < limit:
        return hashed
    # Once the oldest of the newest `limit` leaves the window, one place is free again.
    wait_s = max(1, math.ceil((newest[-1] - since).total_seconds()))
    log.warning(
        "booking refused: %d made from %s in %d min", limit, address, rules.address_window_min
    )
    raise _too_many(wait_s)


def _too_many(wait_s: int) -> errors.HallqError:
    """The refusal, with the wait in whole minutes in both languages."""
    minutes = math.ceil(wait_s / 60)
    return errors.BookingRateLimit(
        "Too many bookings from this network; try again in "
        f"{minutes} min, or book at the hall's guide desk.",
        f"该网络预约过于频繁，请{minutes}分钟后再试，或到大厅导办台预约。",
        retry_after_s=wait_s,
    )
