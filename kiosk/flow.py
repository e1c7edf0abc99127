"""The kiosk's screens and how a citizen moves between them: a small state machine, no Qt.

A stack of steps (Back pops, Home and the idle timeout clear it) plus the *mode* of the
ticket being taken: normal, green channel (绿色通道, with its category) or an appointment
check-in. Taking a ticket for a real-name matter first asks for the ID number.

While the hall is not issuing, the bottom of the stack is the closed screen instead of home:
from there only an appointment check-in (the server takes a booking that is due before
walk-in issuing opens) and the staff screens lead on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from queue_server.domain.model import GREEN_CATEGORIES


class Screen(StrEnum):
    """Every screen of the kiosk."""

    HOME = "home"
    MATTERS = "matters"
    GUIDE = "guide"
    GREEN = "green"
    IDENTITY = "identity"
    APPOINTMENT = "appointment"
    REQUEUE = "requeue"
    TICKET = "ticket"
    CLOSED = "closed"
    PIN = "pin"
    ADMIN = "admin"


_MODE_SCREENS = (Screen.GREEN, Screen.APPOINTMENT)
_STAFF_SCREENS = (Screen.PIN, Screen.ADMIN)


@dataclass(frozen=True)
class Step:
    """One screen on the stack and what it shows."""

    screen: Screen
    zone: str | None = None  # MATTERS: that zone's matters; None lists (and searches) all
    matter: str | None = None  # GUIDE, IDENTITY


@dataclass(frozen=True)
class Mode:
    """What kind of ticket is being taken."""

    priority: str = "normal"
    green_category: str = ""
    appointment_code: str = ""

    @property
    def green(self) -> bool:
        """A green-channel ticket."""
        return self.priority == "green"


@dataclass(frozen=True)
class Issue:
    """Everything `POST /tickets` needs."""

    matter: str
    priority: str = "normal"
    id_number: str | None = None
    appointment_code: str | None = None
    green_category: str | None = None  # whom a green-channel ticket is for


class FlowError(RuntimeError):
    """An action that the current screen does not offer."""


class Flow:
    """Where the citizen is, what they are taking, and whether the hall is issuing."""

    def __init__(self) -> None:
        self._stack: list[Step] = [Step(Screen.HOME)]
        self.mode = Mode()
        self.closed = False

    @property
    def current(self) -> Step:
        """The screen to show: the top of the stack."""
        return self._stack[-1]

    @property
    def _root(self) -> Step:
        """The bottom of the stack: home, or the closed screen while the hall is not issuing."""
        return Step(Screen.CLOSED if self.closed else Screen.HOME)

    @property
    def checking_in(self) -> bool:
        """An appointment check-in is under way (its code entry is on the stack)."""
        return any(s.screen is Screen.APPOINTMENT for s in self._stack)

    @property
    def stack(self) -> tuple[Step, ...]:
        """The screens from home to the current one."""
        return tuple(self._stack)

    @property
    def can_go_back(self) -> bool:
        """Back leads somewhere."""
        return len(self._stack) > 1 and self.current.screen is not Screen.CLOSED

    def _push(self, step: Step) -> Step:
        self._stack.append(step)
        return step

    # -- navigation ----------------------------------------------------------------------
    def open_zone(self, zone: str) -> Step:
        """A zone's matters (not while closed: the closed screen offers no zones)."""
        if self.closed:
            return self.current
        return self._push(Step(Screen.MATTERS, zone=zone))

    def open_search(self) -> Step:
        """Search over all matters (not while closed)."""
        if self.closed:
            return self.current
        return self._push(Step(Screen.MATTERS))

    def open_matter(self, code: str) -> Step:
        """A matter's guide."""
        return self._push(Step(Screen.GUIDE, matter=code))

    def back(self) -> Step:
        """Pop one screen (never the home screen); leaving a mode's entry drops the mode."""
        if len(self._stack) > 1:
            self._stack.pop()
        if not any(s.screen in _MODE_SCREENS for s in self._stack):
            self.mode = Mode()
        if self._stack[-1].screen is Screen.TICKET:  # nothing to go back to from a ticket
            return self.home()
        return self.current

    def home(self) -> Step:
        """Home screen (the closed screen while closed), nothing chosen: the Home button and
        the idle timeout."""
        self._stack = [self._root]
        self.mode = Mode()
        return self.current

    # -- special entries -----------------------------------------------------------------
    def start_green(self) -> Step:
        """The green-channel categories (not while closed)."""
        if self.closed:
            return self.current
        return self._push(Step(Screen.GREEN))

    def choose_green(self, category: str) -> Step:
        """Green channel for `category`; then the citizen picks the matter."""
        if category not in GREEN_CATEGORIES:
            raise ValueError(f"unknown green-channel category {category!r}")
        self._expect(Screen.GREEN)
        self.mode = Mode(priority="green", green_category=category)
        return self._push(Step(Screen.MATTERS))

    def start_appointment(self) -> Step:
        """The appointment code entry (also from the closed screen)."""
        return self._push(Step(Screen.APPOINTMENT))

    def enter_appointment(self, code: str) -> Step:
        """The appointment code is read; the citizen picks the matter it was booked for."""
        self._expect(Screen.APPOINTMENT)
        self.mode = Mode(appointment_code=code)
        return self._push(Step(Screen.MATTERS))

    def start_requeue(self) -> Step:
        """The re-queue entry (not while closed)."""
        if self.closed:
            return self.current
        return self._push(Step(Screen.REQUEUE))

    # -- taking the ticket ---------------------------------------------------------------
    def take_ticket(self, matter: str, *, real_name: bool) -> Issue | None:
        """The ticket to issue now, or None when the ID number must be asked first."""
        if real_name:
            self.ask_id(matter)
            return None
        return self._issue(matter, None)

    def ask_id(self, matter: str) -> Step:
        """Show the ID keypad (also when the server says the ID is required)."""
        if self.current.screen is Screen.IDENTITY:
            return self.current
        return self._push(Step(Screen.IDENTITY, matter=matter))

    def enter_id(self, id_number: str) -> Issue:
        """The ticket to issue with the (already validated) ID number."""
        step = self._expect(Screen.IDENTITY)
        assert step.matter is not None
        return self._issue(step.matter, id_number)

    def _issue(self, matter: str, id_number: str | None) -> Issue:
        return Issue(
            matter=matter,
            priority=self.mode.priority,
            id_number=id_number,
            appointment_code=self.mode.appointment_code or None,
            green_category=self.mode.green_category or None,
        )

    def show_ticket(self) -> Step:
        """A ticket was issued (or re-queued): show it; Back and Home both lead home (or to
        the closed screen)."""
        self._stack = [self._root, Step(Screen.TICKET)]
        self.mode = Mode()
        return self.current

    # -- hall state and staff ------------------------------------------------------------
    def set_closed(self, closed: bool) -> Step:
        """The catalogue says whether the hall issues tickets; a change starts over, except
        for an appointment check-in under way, a ticket on show and the staff screens, which
        stay (on the new bottom of the stack)."""
        if closed == self.closed:
            return self.current
        self.closed = closed
        top = self._stack[-1]
        if top.screen in _STAFF_SCREENS:
            self._stack = [self._root, top]
        elif self.checking_in or top.screen is Screen.TICKET:
            self._stack[0] = self._root
        else:
            self.home()
        return self.current

    def open_admin(self) -> Step:
        """The admin gesture: ask for the PIN (also on the closed screen)."""
        if self.current.screen in _STAFF_SCREENS:
            return self.current
        return self._push(Step(Screen.PIN))

    def unlock_admin(self) -> Step:
        """The right PIN: the staff settings."""
        self._expect(Screen.PIN)
        self._stack[-1] = replace(self._stack[-1], screen=Screen.ADMIN)
        return self.current

    def _expect(self, screen: Screen) -> Step:
        step = self._stack[-1]
        if step.screen is not screen:
            raise FlowError(f"expected the {screen} screen, at {step.screen}")
        return step
