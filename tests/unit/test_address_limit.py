"""The per-address limit at the HTTP edge: whom a request counts against, which networks are
exempt, and the keyed hash a booking stores instead of the address (the count itself is in
the database: tests/integration/test_booking_rate_limit.py)."""

from __future__ import annotations

import ipaddress

import pytest

from queue_server.api.limits import client_key, counted_key
from queue_server.domain.identity import address_hash, id_hash


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


def test_requests_from_exempt_networks_count_against_nothing() -> None:
    exempt = [ipaddress.ip_network("203.0.113.0/28"), ipaddress.ip_network("2001:db8:f::/48")]
    assert counted_key("203.0.113.9", exempt) is None
    assert counted_key("::ffff:203.0.113.9", exempt) is None  # IPv4 on a dual-stack socket
    assert counted_key("2001:db8:f:9::1", exempt) is None
    assert counted_key("203.0.113.16", exempt) == "203.0.113.16"  # just outside the /28
    assert counted_key("2001:db8:1:2::10", exempt) == "2001:db8:1:2::/64"
    assert counted_key("testclient", exempt) == "testclient"
    assert counted_key(None, []) == "unknown"


def test_an_address_is_stored_as_a_hash_keyed_by_the_server_secret() -> None:
    hashed = address_hash("203.0.113.7", b"secret-a")
    assert len(hashed) == 64 and set(hashed) <= set("0123456789abcdef")
    assert hashed == address_hash("203.0.113.7", b"secret-a")
    assert hashed != address_hash("203.0.113.7", b"secret-b")  # unkeyed, all IPv4 is a table
    assert hashed != address_hash("203.0.113.8", b"secret-a")
    assert hashed != id_hash("203.0.113.7", b"secret-a")  # apart from every ID hash
