"""The kiosk flow state machine: navigation, modes, real-name, closed hall, admin."""

from __future__ import annotations

import pytest

from kiosk.flow import Flow, FlowError, Issue, Screen


def screens(flow: Flow) -> list[Screen]:
    return [s.screen for s in flow.stack]


def test_zone_matter_guide_then_a_normal_ticket() -> None:
    flow = Flow()
    flow.open_zone("A")
    assert flow.current.zone == "A"
    flow.open_matter("yyzz")
    assert screens(flow) == [Screen.HOME, Screen.MATTERS, Screen.GUIDE]
    assert flow.take_ticket("yyzz", real_name=False) == Issue("yyzz")
    flow.show_ticket()
    assert flow.current.screen is Screen.TICKET
    assert flow.back().screen is Screen.HOME


def test_back_pops_one_screen_and_never_leaves_home() -> None:
    flow = Flow()
    flow.open_search()
    flow.open_matter("yyzz")
    assert flow.back().screen is Screen.MATTERS
    assert flow.back().screen is Screen.HOME
    assert flow.back().screen is Screen.HOME
    assert not flow.can_go_back


def test_real_name_matter_asks_for_the_id_then_issues_with_it() -> None:
    flow = Flow()
    flow.open_matter("ylbx")
    assert flow.take_ticket("ylbx", real_name=True) is None
    assert flow.current.screen is Screen.IDENTITY and flow.current.matter == "ylbx"
    assert flow.enter_id("11010519491231002X") == Issue("ylbx", id_number="11010519491231002X")


def test_server_asking_for_the_id_shows_the_keypad_once() -> None:
    flow = Flow()
    flow.open_matter("ylbx")
    flow.ask_id("ylbx")
    flow.ask_id("ylbx")
    assert screens(flow) == [Screen.HOME, Screen.GUIDE, Screen.IDENTITY]


def test_green_channel_carries_its_priority_until_home() -> None:
    flow = Flow()
    flow.start_green()
    flow.choose_green("elderly")
    assert flow.current.screen is Screen.MATTERS and flow.current.zone is None
    flow.open_matter("yyzz")
    issue = flow.take_ticket("yyzz", real_name=False)
    assert issue == Issue("yyzz", priority="green", green_category="elderly")
    flow.home()
    assert flow.take_ticket("yyzz", real_name=False) == Issue("yyzz")


def test_backing_out_of_the_green_channel_drops_the_mode() -> None:
    flow = Flow()
    flow.start_green()
    flow.choose_green("pregnant")
    flow.back()
    assert flow.mode.green  # still on the category screen: may choose again
    flow.back()
    assert not flow.mode.green


def test_unknown_green_category_and_wrong_screen_are_refused() -> None:
    flow = Flow()
    with pytest.raises(FlowError):
        flow.choose_green("elderly")
    flow.start_green()
    with pytest.raises(ValueError):
        flow.choose_green("vip")


def test_appointment_code_goes_with_the_ticket() -> None:
    flow = Flow()
    flow.start_appointment()
    flow.enter_appointment("AB12-34")
    flow.open_matter("yyzz")
    issue = flow.take_ticket("yyzz", real_name=False)
    assert issue == Issue("yyzz", appointment_code="AB12-34")


def test_closed_hall_overrides_every_citizen_screen_and_reopening_starts_home() -> None:
    flow = Flow()
    flow.open_zone("A")
    assert flow.set_closed(True).screen is Screen.CLOSED
    assert not flow.can_go_back
    flow.open_admin()
    assert flow.current.screen is Screen.PIN  # staff can still get in
    flow.unlock_admin()
    assert flow.current.screen is Screen.ADMIN
    flow.back()
    assert flow.current.screen is Screen.CLOSED
    for entry in (flow.open_search, flow.start_green, flow.start_requeue):
        assert entry().screen is Screen.CLOSED  # the closed screen offers none of these
    assert flow.open_zone("A").screen is Screen.CLOSED
    assert flow.set_closed(False).screen is Screen.HOME


def test_closed_hall_takes_an_appointment_check_in_and_comes_back_to_closed() -> None:
    flow = Flow()
    flow.set_closed(True)
    flow.start_appointment()
    assert flow.can_go_back
    assert flow.back().screen is Screen.CLOSED  # Back from the code entry
    flow.start_appointment()
    flow.enter_appointment("AB12-34")
    flow.open_matter("ylbx")
    assert flow.take_ticket("ylbx", real_name=True) is None  # the ID first, as when open
    assert screens(flow)[0] is Screen.CLOSED and flow.current.screen is Screen.IDENTITY
    issue = flow.enter_id("11010519491231002X")
    assert issue.appointment_code == "AB12-34"
    flow.show_ticket()
    assert screens(flow) == [Screen.CLOSED, Screen.TICKET]
    assert flow.back().screen is Screen.CLOSED
    flow.start_appointment()
    assert flow.home().screen is Screen.CLOSED  # Home and the idle timeout
    assert flow.mode.appointment_code == ""


def test_opening_or_closing_keeps_a_check_in_under_way_and_a_ticket_on_show() -> None:
    flow = Flow()
    flow.set_closed(True)
    flow.start_appointment()
    flow.enter_appointment("X1")
    flow.open_matter("yyzz")
    assert flow.set_closed(False).screen is Screen.GUIDE
    assert screens(flow)[0] is Screen.HOME and flow.mode.appointment_code == "X1"
    assert flow.set_closed(True).screen is Screen.GUIDE
    assert flow.back().screen is Screen.MATTERS
    flow.show_ticket()
    assert flow.set_closed(False).screen is Screen.TICKET
    assert flow.back().screen is Screen.HOME
    flow.open_zone("A")  # a walk-in on its way starts over
    assert flow.set_closed(True).screen is Screen.CLOSED
    assert screens(flow) == [Screen.CLOSED]


def test_idle_home_clears_the_mode_and_the_stack() -> None:
    flow = Flow()
    flow.start_appointment()
    flow.enter_appointment("X1")
    flow.home()
    assert screens(flow) == [Screen.HOME] and flow.mode.appointment_code == ""
