"""Waiting tickets of one matter, kept by class so dispatch and the estimate stay cheap."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from queue_server.domain.model import Priority, Ticket


@dataclass
class MatterQueues:
    """Waiting tickets of one matter by class, each list oldest first."""

    plain: list[Ticket] = field(default_factory=list)
    green: list[Ticket] = field(default_factory=list)
    appointment: list[Ticket] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.plain or self.green or self.appointment)

    def count(self) -> int:
        return len(self.plain) + len(self.green) + len(self.appointment)

    def of(self, ticket: Ticket) -> list[Ticket]:
        if ticket.appointment_at is not None:
            return self.appointment
        return self.green if ticket.priority is Priority.GREEN else self.plain

    def all(self) -> Iterator[Ticket]:
        yield from self.plain
        yield from self.green
        yield from self.appointment

    def contenders(self) -> Iterator[Ticket]:
        """The tickets of this matter that can be next at any window.

        Within one matter a plain (or plain green) ticket never outranks an older one of its
        kind: its class only improves with age (→ starved), then the queue time decides. So
        the oldest of each is enough; appointments (ordered by slot) all go. `exact=True`
        skips this pruning, and a test checks both give the same day.
        """
        if self.plain:
            yield self.plain[0]
        if self.green:
            yield self.green[0]
        yield from self.appointment

    def remove(self, ticket: Ticket) -> None:
        queue = self.of(ticket)
        if queue[0] is ticket:
            del queue[0]
        else:
            queue.remove(ticket)
