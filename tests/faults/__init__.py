"""Fault injection: the database locked, read-only or full, the printer cut off mid-slip.

Each test is bounded in time and undoes what it did (unmounts, kills what it started). The
kiosk and the TV surviving a server restart are proved by the Qt client's own tests:
tests/ui/test_client.py::test_display_reconnects_after_a_server_kill_and_receives_what_it_missed
and tests/ui/test_kiosk_faults.py (server down, server lost mid-flow).
"""
