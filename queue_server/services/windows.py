"""Use cases of the counter: call-next and everything staff do with the ticket in hand."""

from __future__ import annotations

from collections.abc import Callable

from queue_server.adapters.uow import SqlUnitOfWork, after_commit
from queue_server.domain import errors
from queue_server.domain.dispatch import choose_next
from queue_server.domain.model import IN_HAND, Outcome, Status, Ticket, WindowState
from queue_server.hall import Hall
from queue_server.services import waits
from queue_server.services.tickets import Position, position_of

_CLAIM_ATTEMPTS = 20


def call_next(hall: Hall, window: int, *, actor: str) -> Ticket:
    """Give the window its next ticket; exactly one window gets each ticket."""
    hall.check_window(window)
    now = hall.now()
    profile = hall.profiles[window]
    with hall.uow() as uow:
        state = uow.windows.get(window, lock=True)
        _release_stale(hall, uow, state)
        state.ensure_can_call()
        day = hall.schedule.hall_day(now)
        skip: list[int] = []
        for _ in range(_CLAIM_ATTEMPTS):
            # Only the tickets that can be next: a few rows however long the queue.
            waiting = uow.tickets.contenders(day, profile.matters, skip=skip)
            choice = choose_next(
                profile, waiting, now, hall.policy, priority_streak=state.priority_streak
            )
            if choice is None:
                raise errors.NothingWaiting()
            ticket, rank = choice
            # Another window's transaction holds it (PostgreSQL): take the next one rather
            # than queue behind that transaction.
            if uow.tickets.lock_waiting(ticket):
                ticket.call(window, now, actor=actor)
                if uow.tickets.claim(ticket):
                    break
            assert ticket.id is not None
            skip.append(ticket.id)
        else:
            raise errors.NothingWaiting()
        state.took(ticket.token, rank)
        uow.windows.save(state)
        uow.events.append(ticket.events)
        uow.commit()
    hall.notify()
    return ticket


def _release_stale(hall: Hall, uow: SqlUnitOfWork, state: WindowState) -> None:
    """A ticket left in hand on an earlier hall day no longer blocks the window."""
    if state.current is None:
        return
    ticket = uow.tickets.by_token(state.current)
    if ticket is None or ticket.status not in IN_HAND:
        state.release()
    elif ticket.day < hall.schedule.hall_day(hall.now()):
        ticket.complete(
            Outcome.CONSULTED, hall.now(), actor="system", missing=[], note="closed at day end"
        )
        uow.tickets.save(ticket)
        uow.events.append(ticket.events)
        state.release()


def _with_current(
    hall: Hall, window: int, actor: str, action: Callable[[Ticket, WindowState], None]
) -> Ticket:
    """Run `action` on the window's ticket in hand, in one transaction."""
    return _act_on_current(hall, window, action)[0]


def _act_on_current(
    hall: Hall, window: int, action: Callable[[Ticket, WindowState], None]
) -> tuple[Ticket, Position | None]:
    """`_with_current`, and where the ticket stands when `action` left it waiting."""
    hall.check_window(window)
    position = None
    with hall.uow() as uow:
        state = uow.windows.get(window, lock=True)
        ticket = uow.tickets.by_token(state.current) if state.current else None
        if ticket is None or ticket.status not in IN_HAND:
            raise errors.NoCurrentTicket()
        action(ticket, state)
        if ticket.status not in IN_HAND:
            state.release()
        uow.tickets.save(ticket)
        uow.windows.save(state)
        if ticket.status is Status.WAITING:
            position = position_of(hall, uow, ticket, hall.now())
        uow.events.append(ticket.events)
        uow.commit()
    if ticket.status is Status.DONE:
        # A new service time for the estimate: now for the rest of a writer group, and
        # again once committed, for what other threads cached meanwhile.
        waits.forget(hall, ticket.matter)
        after_commit(lambda: waits.forget(hall, ticket.matter))
    hall.notify()
    return ticket, position


def recall(hall: Hall, window: int, *, actor: str) -> Ticket:
    max_recalls = hall.config.hall.max_recalls
    return _with_current(
        hall,
        window,
        actor,
        lambda t, _s: t.recall(hall.now(), actor=actor, max_recalls=max_recalls),
    )


def start(hall: Hall, window: int, *, actor: str) -> Ticket:
    return _with_current(hall, window, actor, lambda t, _s: t.start(hall.now(), actor=actor))


def no_show(hall: Hall, window: int, *, actor: str) -> Ticket:
    return _with_current(hall, window, actor, lambda t, _s: t.no_show(hall.now(), actor=actor))


def suspend(hall: Hall, window: int, *, actor: str) -> Ticket:
    return _with_current(hall, window, actor, lambda t, _s: t.suspend(hall.now(), actor=actor))


def complete(
    hall: Hall,
    window: int,
    *,
    actor: str,
    outcome: str,
    missing_materials: list[str],
    note: str,
) -> Ticket:
    """Finish the service with an outcome; 补正 names the missing materials from the guide."""
    result = Outcome(outcome)

    def act(ticket: Ticket, _state: WindowState) -> None:
        known = {m.name for m in hall.matter(ticket.matter).guide.materials}
        unknown = [name for name in missing_materials if name not in known]
        if unknown:
            raise errors.UnknownMaterial(
                f"Not in the guide of this matter: {', '.join(unknown)}.",
                f"以下材料不在该事项的材料清单中：{'、'.join(unknown)}。",
            )
        if result is Outcome.NEEDS_MORE and not missing_materials:
            raise errors.MissingMaterialsRequired()
        ticket.complete(result, hall.now(), actor=actor, missing=missing_materials, note=note)

    return _with_current(hall, window, actor, act)


def transfer(
    hall: Hall, window: int, *, actor: str, matter: str | None, to_window: int | None
) -> tuple[Ticket, Position | None]:
    """Send the citizen on to another matter or window, at the front, original time kept;
    the ticket and where it now stands in its new line."""
    if matter is None and to_window is None:
        raise errors.TransferTarget()
    if to_window is not None:
        hall.check_window(to_window)

    def act(ticket: Ticket, _state: WindowState) -> None:
        code = hall.matter(matter).code if matter else ticket.matter
        if to_window is not None and not hall.profiles[to_window].serves(code):
            raise errors.TransferTarget(
                f"Window {to_window} does not serve matter {code}.",
                f"{to_window}号窗口不办理该事项。",
            )
        if to_window == window and code == ticket.matter:
            raise errors.TransferTarget("The ticket is already at this window.", "号票已在本窗口。")
        zone = hall.matter(code).zone
        ticket.transfer(hall.now(), actor=actor, matter=code, zone=zone, window=to_window)

    return _act_on_current(hall, window, act)


def _window_action(hall: Hall, window: int, action: Callable[[WindowState], None]) -> WindowState:
    hall.check_window(window)
    with hall.uow() as uow:
        state = uow.windows.get(window, lock=True)
        action(state)
        uow.windows.save(state)
        uow.events.append(state.events)
        uow.commit()
    hall.notify()
    return state


def pause(hall: Hall, window: int, *, actor: str, reason: str) -> WindowState:
    return _window_action(hall, window, lambda s: s.pause(reason, hall.now(), actor=actor))


def resume(hall: Hall, window: int, *, actor: str) -> WindowState:
    return _window_action(hall, window, lambda s: s.resume(hall.now(), actor=actor))
