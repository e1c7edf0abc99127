"""A unit of work hands the events of its commit to the event hub itself
(`adapters.uow.publish_commits`), so the hub sends them without reading the log back; a
writer group does the same for its own (tests/integration/test_writer.py)."""

from __future__ import annotations

import pytest

from queue_server.adapters.uow import publish_commits
from queue_server.domain import errors
from queue_server.domain.events import Event
from queue_server.hall import Hall
from queue_server.services import tickets

KIOSK = {"channel": "kiosk", "priority": "normal", "actor": "kiosk-1"}


def test_each_commit_hands_over_exactly_its_events_in_order(hall: Hall) -> None:
    handed: list[list[Event]] = []
    publish_commits(hall.engine, handed.append)  # type: ignore[arg-type]

    tickets.issue_ticket(hall, matter="yyzz", **KIOSK)  # outside any writer group
    tickets.issue_ticket(hall, matter="sybx", **KIOSK)
    with pytest.raises(errors.HallqError):
        tickets.issue_ticket(hall, matter="no-such-matter", **KIOSK)  # rolled back
    with hall.uow() as uow:  # a commit that appended nothing hands over nothing
        uow.commit()

    assert [[e.type for e in group] for group in handed] == [["ticket.issued"]] * 2
    sent = [e.seq for group in handed for e in group]
    with hall.uow(write=False) as uow:
        assert sent == [e.seq for e in uow.events.since(0)]  # every committed one, once


def test_a_failing_publisher_does_not_undo_the_commit(hall: Hall) -> None:
    def broken(_events: list[Event]) -> None:
        raise RuntimeError("the hub is gone")

    publish_commits(hall.engine, broken)  # type: ignore[arg-type]
    ticket, _ = tickets.issue_ticket(hall, matter="yyzz", **KIOSK)
    with hall.uow(write=False) as uow:
        assert uow.tickets.by_token(ticket.token) is not None
