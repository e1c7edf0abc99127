"""The limit per client address is counted in the database (migration 0005), on SQLite and
PostgreSQL: a new app on the same database goes on refusing, bookings made at once from one
address never pass the limit together, cancelled bookings still count, only a keyed hash of
the address is stored, and a 0004 database upgrades with its bookings kept."""

from __future__ import annotations

import threading
import tomllib
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from queue_server.adapters import tables
from queue_server.adapters.db import make_engine
from queue_server.adapters.migrate import alembic_config, upgrade
from queue_server.bootstrap import build_hall
from queue_server.config import HallConfig, Settings, parse_hall
from queue_server.domain import errors
from queue_server.domain.identity import address_hash
from queue_server.services import appointments as svc
from tests.conftest import FIXTURES, FakeClock
from tests.integration.apiutil import assert_error, login
from tests.integration.test_appointments import APPTS, make_id
from tests.integration.test_booking_rate_limit import OTHER, PHONE, SLOTS, book, proxied

V6 = "2001:db8:1:2:a1b2:c3d4:e5f6:7"


@pytest.fixture(scope="module")
def mini_config() -> HallConfig:
    data = tomllib.loads((FIXTURES / "mini_hall.toml").read_text(encoding="utf-8"))
    data["appointments"] = {"capacity": 2, "matters": ["yyzz", "sybx"]}  # per-address defaults
    return parse_hall(data)


def _address_hashes(settings: Settings) -> list[str | None]:
    engine = make_engine(settings.database_url)
    a = tables.appointments.c
    with engine.connect() as conn:
        found = list(conn.execute(sa.select(a.address_hash).order_by(a.created_at)).scalars())
    engine.dispose()
    return found


def test_a_new_app_on_the_same_database_still_refuses_the_address(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock, max_bookings_per_address=2) as api:
        assert book(api, 1, PHONE).status_code == 201
        clock.advance(minutes=20)
        assert book(api, 2, PHONE).status_code == 201
    # What a restart does: a new hall and app, with nothing in memory but the database.
    with proxied(settings, mini_config, clock, max_bookings_per_address=2) as api:
        refused = book(api, 3, PHONE)
        assert_error(refused, 429, "booking_rate_limit")
        assert refused.headers["Retry-After"] == str(40 * 60)  # the first one ages out then
        assert "40分钟" in refused.json()["error"]["message_zh"]
        assert book(api, 3, OTHER).status_code == 201
        clock.advance(minutes=40, seconds=1)
        assert book(api, 4, PHONE).status_code == 201


def test_cancelled_bookings_still_count_against_the_address(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    with proxied(settings, mini_config, clock, max_bookings_per_address=2) as api:
        for n in (1, 2):
            made = book(api, n, PHONE)
            assert made.status_code == 201
            cancel = {"id_number": make_id(n)}
            r = api.post(f"{APPTS}/{made.json()['code']}/cancel", json=cancel)
            assert r.status_code == 200 and r.json()["status"] == "cancelled", r.text
        # Booking and cancelling in a loop would otherwise book on for ever.
        assert_error(book(api, 3, PHONE), 429, "booking_rate_limit")


def test_the_address_is_stored_only_as_a_keyed_hash(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    exempt = ["192.0.2.0/24"]
    with proxied(settings, mini_config, clock, address_exempt=exempt) as api:
        desk = login(api, "desk1")
        for n, address, headers in [
            (1, PHONE, {}),
            (2, V6, {}),
            (3, "192.0.2.10", {}),  # exempt: counted against nothing
            (4, PHONE, desk),  # on behalf: not counted
        ]:
            assert book(api, n, address, headers=headers).status_code == 201
            clock.advance(minutes=1)  # one after the other in `created_at`
    secret = settings.secret.encode()
    assert _address_hashes(settings) == [
        address_hash(PHONE, secret),
        address_hash("2001:db8:1:2::/64", secret),
        None,
        None,
    ]
    engine = make_engine(settings.database_url)
    dump = []
    with engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            dump += [repr(tuple(row)) for row in conn.execute(sa.select(table))]
    engine.dispose()
    text = "\n".join(dump)
    for needle in (PHONE, "2001:db8", V6, "192.0.2.10"):
        assert needle not in text


def test_bookings_from_one_address_at_once_never_pass_the_limit(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    hall = build_hall(settings, mini_config, clock=clock)  # 5 an address in 60 min
    results: list[str] = []
    gate = threading.Barrier(len(SLOTS))

    def attempt(n: int) -> None:
        day, slot = SLOTS[n]
        gate.wait()
        try:
            svc.book(
                hall,
                matter="yyzz",
                day=date.fromisoformat(day),
                slot=slot,
                id_number=make_id(n + 1),
                phone=None,
                channel="mobile",
                actor="citizen",
                address=PHONE,
            )
            results.append("ok")
        except errors.HallqError as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(SLOTS))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(results) == ["booking_rate_limit"] * 5 + ["ok"] * 5
    assert _address_hashes(settings) == [address_hash(PHONE, settings.secret.encode())] * 5


# --- the migration --------------------------------------------------------------------------
def _seed_0004(engine: sa.Engine, made_at: datetime) -> None:
    """Two bookings for tomorrow 14:00 as a 0004 server left them, made from phones at
    `made_at` (naive UTC, as stored) and counted in that server's memory only."""
    appointments = sa.table(
        "appointments",
        *(sa.column(k) for k in ("code", "matter", "day", "slot_start", "id_hash", "status")),
        sa.column("created_at"),
    )
    details = sa.table("appointment_details", sa.column("code"), sa.column("channel"))
    slot = datetime(2026, 11, 24, 6, 0)
    with engine.begin() as conn:
        for code in ("AAAAAA", "BBBBBB"):
            conn.execute(
                sa.insert(appointments).values(
                    code=code,
                    matter="yyzz",
                    day=date(2026, 11, 24),
                    slot_start=slot,
                    id_hash=code.lower() * 10,
                    status="booked",
                    created_at=made_at,
                )
            )
            conn.execute(sa.insert(details).values(code=code, channel="mobile"))


def test_upgrade_from_0004_keeps_the_bookings_and_counts_from_then_on(
    settings: Settings, mini_config: HallConfig, clock: FakeClock
) -> None:
    engine = make_engine(settings.database_url)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    made_at = clock.now.replace(tzinfo=None) - timedelta(minutes=10)  # naive UTC, as stored
    _seed_0004(engine, made_at)

    upgrade(engine)  # what `hallq serve` does on start
    indexes = sa.inspect(engine).get_indexes("appointments")
    by_name = {ix["name"]: ix["column_names"] for ix in indexes}
    assert by_name["ix_appointments_address_created"] == ["address_hash", "created_at"]
    assert _address_hashes(settings) == [None, None]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("appointments")}
    assert "address_hash" not in columns and "code" in columns
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM appointments")).scalar() == 2
    engine.dispose()

    # Upgraded again on start; the bookings from before carry no address and count for none.
    with proxied(settings, mini_config, clock, max_bookings_per_address=1) as api:
        r = api.get(f"{APPTS}/AAAAAA")
        assert r.status_code == 200 and r.json()["status"] == "booked", r.text
        assert book(api, 1, PHONE).status_code == 201
        assert_error(book(api, 2, PHONE), 429, "booking_rate_limit")
    assert _address_hashes(settings)[-1] == address_hash(PHONE, settings.secret.encode())
