"""The call-next policy (ARCHITECTURE §3) on plain domain objects."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from queue_server.domain.dispatch import Policy, Profile, choose_next, queue_order
from queue_server.domain.model import Priority, Rank, Status, Ticket

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
POLICY = Policy(max_wait_min=60, priority_streak_cap=3)
FIFO = Profile(window=5, matters=("a", "b"), order_rule="fifo")
BY_PROFILE = Profile(window=5, matters=("a", "b"), order_rule="profile")


def ticket(number: str, matter: str = "a", minute: float = 0, **kw: object) -> Ticket:
    return Ticket(
        day=date(2026, 11, 23),
        number=number,
        token=f"tok-{number}",
        matter=matter,
        zone="A",
        issued_at=T0 + timedelta(minutes=minute),
        **kw,  # type: ignore[arg-type]
    )


def pick(
    tickets: list[Ticket], profile: Profile = FIFO, *, at: float = 10, streak: int = 0
) -> str | None:
    choice = choose_next(
        profile, tickets, T0 + timedelta(minutes=at), POLICY, priority_streak=streak
    )
    return choice[0].number if choice else None


def test_earliest_ticket_is_called_first_across_profile_matters_with_fifo() -> None:
    assert pick([ticket("A002", "a", 2), ticket("A001", "b", 1)]) == "A001"


def test_profile_order_rule_serves_the_first_matter_of_the_profile_before_the_second() -> None:
    assert pick([ticket("A001", "b", 1), ticket("A002", "a", 2)], BY_PROFILE) == "A002"


def test_green_channel_ticket_is_called_before_earlier_normal_ticket() -> None:
    tickets = [ticket("A001", minute=1), ticket("A002", minute=5, priority=Priority.GREEN)]
    assert pick(tickets) == "A002"


def test_due_appointment_goes_before_walk_ins_but_after_green() -> None:
    appt = ticket("A003", minute=6, appointment_at=T0 + timedelta(minutes=5))
    walk_in = ticket("A001", minute=1)
    green = ticket("A004", minute=7, priority=Priority.GREEN)
    assert pick([walk_in, appt]) == "A003"
    assert pick([walk_in, appt, green]) == "A004"


def test_appointment_not_yet_due_waits_like_a_walk_in_arriving_at_its_slot() -> None:
    early = ticket(
        "A002",
        minute=2,
        appointment_at=T0 + timedelta(minutes=30),
        queued_at=T0 + timedelta(minutes=30),
    )
    assert pick([early, ticket("A003", minute=3)], at=10) == "A003"


def test_returning_ticket_from_transfer_or_suspension_goes_before_normal() -> None:
    back = ticket("A001", minute=9, returning=True)
    assert pick([ticket("A002", minute=1), back]) == "A001"


def test_starvation_guard_promotes_a_ticket_waiting_past_max_wait_even_over_green() -> None:
    old = ticket("A001", "b", minute=0)
    green = ticket("A009", minute=70, priority=Priority.GREEN)
    assert pick([green, old], BY_PROFILE, at=61) == "A001"
    assert pick([green, old], BY_PROFILE, at=59) == "A009"


def test_priority_streak_cap_lets_the_longest_waiting_walk_in_through() -> None:
    tickets = [
        ticket("A001", minute=1),
        ticket("A002", minute=2),
        ticket("A005", minute=5, priority=Priority.GREEN),
    ]
    assert pick(tickets, streak=2) == "A005"
    assert pick(tickets, streak=3) == "A001"


def test_priority_streak_cap_does_not_block_priority_when_no_walk_in_waits() -> None:
    assert pick([ticket("A005", priority=Priority.GREEN)], streak=10) == "A005"


def test_call_records_rank_so_the_window_can_count_its_priority_streak() -> None:
    choice = choose_next(FIFO, [ticket("A1", priority=Priority.GREEN)], T0, POLICY)
    assert choice is not None and choice[1] is Rank.GREEN


def test_ticket_sent_to_another_window_is_taken_here_only_when_nothing_else_waits() -> None:
    elsewhere = ticket("A001", minute=0, target_window=7, returning=True)
    assert pick([elsewhere, ticket("A002", minute=5)]) == "A002"
    assert pick([elsewhere]) == "A001"


def test_ticket_sent_to_this_window_goes_to_the_front() -> None:
    mine = ticket("A009", minute=9, target_window=5, returning=True)
    assert pick([ticket("A001", minute=1), mine]) == "A009"


def test_window_never_answers_nobody_waiting_while_a_profile_matter_waits() -> None:
    odd_cases = [
        [ticket("A1", "b", target_window=99)],
        [ticket("A2", "a", priority=Priority.GREEN)],
        [ticket("A3", "b", appointment_at=T0 + timedelta(hours=3))],
    ]
    for case in odd_cases:
        assert pick(case, streak=50) is not None


def test_tickets_of_other_matters_or_not_waiting_are_never_called() -> None:
    assert pick([ticket("C1", "zzz"), ticket("A1", status=Status.CALLED)]) is None


def test_queue_order_lists_waiting_tickets_in_call_order() -> None:
    tickets = [
        ticket("A2", minute=2),
        ticket("A1", minute=1),
        ticket("A3", minute=3, priority=Priority.GREEN),
    ]
    order = queue_order(tickets, FIFO, T0 + timedelta(minutes=5), POLICY)
    assert [t.number for t in order] == ["A3", "A1", "A2"]
