"""好差评 at the window: the national five-level scale, the reasons of a bad rating, and the
evaluator's flow — one rating per finished service (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from counter_display.texts import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Level:
    """One level of the scale; `rating` is what the API takes (5 best … 1 worst)."""

    rating: int
    label: str
    colour: str


SCALE = (
    Level(5, QT_TRANSLATE_NOOP("Counter", "Very satisfied"), "#12864A"),
    Level(4, QT_TRANSLATE_NOOP("Counter", "Satisfied"), "#3FA34D"),
    Level(3, QT_TRANSLATE_NOOP("Counter", "Basically satisfied"), "#C98A0B"),
    Level(2, QT_TRANSLATE_NOOP("Counter", "Dissatisfied"), "#E0661B"),
    Level(1, QT_TRANSLATE_NOOP("Counter", "Very dissatisfied"), "#C8102E"),
)
BAD = frozenset({1, 2})  # 差评: the citizen is asked why, and a follow-up opens
REASONS = (
    QT_TRANSLATE_NOOP("Counter", "Long wait"),
    QT_TRANSLATE_NOOP("Counter", "Poor attitude"),
    QT_TRANSLATE_NOOP("Counter", "Slow service"),
    QT_TRANSLATE_NOOP("Counter", "Not told everything at once"),
    QT_TRANSLATE_NOOP("Counter", "Too many materials asked for"),
    QT_TRANSLATE_NOOP("Counter", "Had to come back again"),
    QT_TRANSLATE_NOOP("Counter", "Guide unclear"),
    QT_TRANSLATE_NOOP("Counter", "Other"),
)


def level(rating: int) -> Level:
    """The level of a rating 1…5."""
    return next(x for x in SCALE if x.rating == rating)


class Step(Enum):
    IDLE = "idle"  # 欢迎评价: nothing to rate
    ASKING = "asking"  # a service just finished: five faces
    REASONS = "reasons"  # a bad rating: tick why
    SENDING = "sending"
    THANKS = "thanks"


class EvaluationFlow:
    """The evaluator's steps. A service is rated at most once; a newer service replaces an
    unrated one."""

    def __init__(self) -> None:
        self.step = Step.IDLE
        self.ticket: str | None = None
        self.rating: int | None = None
        self.reasons: list[str] = []
        self._done: set[str] = set()

    def service_finished(self, ticket: str) -> bool:
        """A `ticket.completed` at this window: ask for a rating (False if already rated)."""
        if ticket in self._done or (ticket == self.ticket and self.step is Step.SENDING):
            return False
        self.step, self.ticket, self.rating, self.reasons = Step.ASKING, ticket, None, []
        return True

    def choose(self, rating: int) -> bool:
        """A face was touched; True when the rating is ready to send (no reasons needed)."""
        if self.step not in (Step.ASKING, Step.REASONS):
            return False
        self.rating = rating
        if rating in BAD:
            self.step = Step.REASONS
            return False
        self.step = Step.SENDING
        return True

    def submit_reasons(self, reasons: list[str]) -> bool:
        """The reasons of a bad rating were confirmed; True when ready to send."""
        if self.step is not Step.REASONS:
            return False
        self.reasons = list(reasons)
        self.step = Step.SENDING
        return True

    def sent(self) -> None:
        """The server took the rating (or already had one): thank and never ask again."""
        if self.ticket is not None:
            self._done.add(self.ticket)
        self.step = Step.THANKS

    def failed(self) -> None:
        """The rating could not be sent: the citizen may try again."""
        if self.step is Step.SENDING:
            self.step = Step.REASONS if self.rating in BAD else Step.ASKING

    def reset(self) -> None:
        """Back to the idle screen (after the thanks, or nobody rated in time)."""
        self.step, self.rating, self.reasons = Step.IDLE, None, []
        self.ticket = None
