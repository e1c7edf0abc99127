"""Times are stored as naive UTC; the domain works with aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime | None) -> datetime | None:
    """Aware datetime → naive UTC for storage."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC)
