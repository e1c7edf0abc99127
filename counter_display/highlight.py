"""When a call is shown big on the hall TV, which calls are fresh, and how windows page (Qt-free).

Times are plain seconds (`time.monotonic()` in the apps, any numbers in tests).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from counter_display.board import Call

T = TypeVar("T")


@dataclass(frozen=True)
class Showing:
    """The call in the big panel: since when, and whether it is still highlighted."""

    call: Call
    since: float
    highlighted: bool


class HighlightQueue:
    """Every call gets the big panel for at least `min_s`, in order; the last one stays there.

    A call with nobody behind it is highlighted for `hold_s`, then stays shown, calm.
    Two calls within the same second are therefore both highlighted, one after the other.
    """

    def __init__(self, *, min_s: float = 3.5, hold_s: float = 10.0, max_pending: int = 30):
        self.min_s = min_s
        self.hold_s = max(hold_s, min_s)
        self._pending: deque[Call] = deque(maxlen=max_pending)
        self._shown: Call | None = None
        self._since = 0.0

    @property
    def pending(self) -> int:
        """Calls still waiting for their turn in the big panel."""
        return len(self._pending)

    def push(self, call: Call, now: float) -> None:
        """Queue a new call; it shows at once when the panel is free."""
        self._pending.append(call)
        self.tick(now)

    def tick(self, now: float) -> Showing | None:
        """What the big panel shows at `now` (advancing the queue when a turn is over)."""
        if self._pending and (self._shown is None or now - self._since >= self.min_s):
            self._shown, self._since = self._pending.popleft(), now
        if self._shown is None:
            return None
        highlighted = now - self._since < (self.min_s if self._pending else self.hold_s)
        return Showing(self._shown, self._since, highlighted)

    def show_latest(self, call: Call | None, now: float, *, highlighted: bool = False) -> None:
        """Show `call` without a turn (the newest call of a fresh snapshot), unless busy."""
        if self._pending or call is None:
            return
        self._shown = call
        self._since = now if highlighted else now - self.hold_s


class Freshness:
    """Tells live calls from old ones replayed after a reconnection.

    The display's clock may differ from the server's: the smallest delay seen between an
    event's time and its arrival stands for that offset (live events arrive at once).
    """

    def __init__(self, *, stale_s: float = 60.0) -> None:
        self.stale_s = stale_s
        self._offset: float | None = None

    def is_fresh(self, at: datetime | None, now: datetime) -> bool:
        """True for a call made within `stale_s` of its arrival (or of unknown time)."""
        if at is None or at.tzinfo is None or now.tzinfo is None:
            return True
        lag = (now - at).total_seconds()
        if self._offset is None or lag < self._offset:
            self._offset = lag
        return lag - self._offset <= self.stale_s


def page_count(count: int, per_page: int) -> int:
    """Pages needed for `count` items at most `per_page` to a page (at least one)."""
    return max(1, math.ceil(count / max(1, per_page)))


def page_sizes(count: int, per_page: int) -> list[int]:
    """How many of `count` items each page holds: `page_count` pages, none more than one
    item fuller than another, the fuller ones first (53 by 11 → 11, 11, 11, 10, 10)."""
    pages = page_count(count, per_page)
    base, fuller = divmod(max(0, count), pages)
    return [base + 1] * fuller + [base] * (pages - fuller)


def largest_page(count: int, per_page: int) -> int:
    """The items on the fullest page: the grid is shaped for it, so tiles keep their size
    whichever page is up."""
    return page_sizes(count, per_page)[0]


def page_items(items: list[T], page: int, per_page: int) -> list[T]:
    """The items of page `page` (wrapping), in order, pages filled evenly (`page_sizes`)."""
    pages = page_count(len(items), per_page)
    base, fuller = divmod(len(items), pages)
    page %= pages
    start = page * base + min(page, fuller)  # each fuller page before it adds one
    return items[start : start + base + int(page < fuller)]


def grid_shape(
    count: int,
    width: float,
    height: float,
    *,
    tile_aspect: float = 1.5,
    max_cols: int | None = None,
) -> tuple[int, int]:
    """(columns, rows) that give `count` tiles in a width×height area the largest size
    (with at most `max_cols` columns)."""
    if count <= 0:
        return 1, 1
    best, best_size = (1, count), 0.0
    for cols in range(1, min(count, max_cols or count) + 1):
        rows = math.ceil(count / cols)
        tile_w, tile_h = width / cols, height / rows
        size = min(tile_w, tile_h * tile_aspect)  # the usable width of a tile of that aspect
        if size > best_size:
            best, best_size = (cols, rows), size
    return best


def tile_height(cols: int, rows: int, width: float, height: float, gap: float) -> float:
    """The height of the tiles of a cols×rows grid in a width×height area (at most 0.9 of
    their width: a few windows do not become slabs)."""
    tile_w = (width - gap * (cols - 1)) / cols
    return min((height - gap * (rows - 1)) / rows, tile_w * 0.9)


def fit_page(
    count: int, width: float, height: float, *, gap: float, min_w: float, min_h: float, most: int
) -> int:
    """The most of `count` tiles (at most `most`) a page of a width×height area holds with no
    tile narrower than `min_w` or lower than `min_h`, pages filled evenly (at least 1)."""
    if count <= 0:
        return most
    max_cols = max(1, int((width + gap) // (min_w + gap)))
    for per in range(min(count, most), 0, -1):
        cols, rows = grid_shape(largest_page(count, per), width, height, max_cols=max_cols)
        if tile_height(cols, rows, width, height, gap) >= min_h:
            return per
    return 1
