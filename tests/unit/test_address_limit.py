"""The per-address limit at the HTTP edge: whom a request counts against, and the window."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

import pytest

from queue_server.api.limits import AddressLimit, client_key

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),  # IPv4 on a dual-stack socket
        ("2001:db8:1:2:a1b2:c3d4:e5f6:7", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::10", "2001:db8:1:2::/64"),
        ("testclient", "testclient"),
        (None, "unknown"),
    ],
)
def test_a_request_counts_against_its_address_and_ipv6_against_its_64(
    host: str | None, key: str
) -> None:
    assert client_key(host) == key


def test_the_window_slides_and_says_how_long_to_wait() -> None:
    limit = AddressLimit(2, timedelta(minutes=60))
    assert limit.take("203.0.113.7", T0) == 0
    assert limit.take("203.0.113.7", T0 + timedelta(minutes=10)) == 0
    assert limit.take("203.0.113.7", T0 + timedelta(minutes=20)) == 40 * 60
    assert limit.take("198.51.100.1", T0 + timedelta(minutes=20)) == 0
    assert limit.take("203.0.113.7", T0 + timedelta(minutes=60, seconds=1)) == 0  # first gone
    assert limit.take("203.0.113.7", T0 + timedelta(minutes=61)) == 9 * 60


def test_a_use_given_back_does_not_count() -> None:
    limit = AddressLimit(1, timedelta(minutes=60))

    class Refused(Exception):
        pass

    with pytest.raises(Refused), limit.hold("203.0.113.7", T0, refuse=lambda s: AssertionError()):
        raise Refused  # what the use was for was refused
    with limit.hold("203.0.113.7", T0, refuse=lambda s: AssertionError()):
        pass
    with pytest.raises(Refused), limit.hold("203.0.113.7", T0, refuse=lambda s: Refused(s)):
        pass


def test_exempt_networks_and_a_zero_limit_are_never_counted() -> None:
    exempt = [ipaddress.ip_network("203.0.113.0/28")]
    limit = AddressLimit(1, timedelta(minutes=60), exempt)
    assert [limit.take("::ffff:203.0.113.9", T0) for _ in range(3)] == [0, 0, 0]
    assert [AddressLimit(0, timedelta(minutes=1)).take("x", T0) for _ in range(3)] == [0, 0, 0]


def test_addresses_idle_for_a_window_are_forgotten_when_many() -> None:
    limit = AddressLimit(1, timedelta(minutes=60), sweep_at=3)
    for i in range(3):
        limit.take(f"198.51.100.{i}", T0)
    half_hour, two_hours = T0 + timedelta(minutes=30), T0 + timedelta(hours=2)
    assert limit.take("198.51.100.9", half_hour) == 0  # a sweep finds none idle
    assert limit.take("198.51.100.0", half_hour) > 0
    assert len(limit) == 4  # the next sweep waits until they have doubled
    for i in (1, 2):
        limit.take(f"203.0.113.{i}", two_hours)
    assert len(limit) == 6
    limit.take("203.0.113.3", two_hours)  # six held: those idle for an hour go first
    assert len(limit) == 3
    assert limit.take("198.51.100.0", two_hours) == 0
