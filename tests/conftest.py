"""Shared fixtures: a controllable clock, the small test hall, and databases.

Integration tests run on SQLite and, when `HALLQ_TEST_PG_URL` points at a PostgreSQL server
(`./run test` and `.ci/run` start one on loopback), on PostgreSQL too.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from queue_server.config import HallConfig, Settings, load_hall

FIXTURES = Path(__file__).parent / "fixtures"
SHANGHAI = ZoneInfo("Asia/Shanghai")
PG_URL = os.environ.get("HALLQ_TEST_PG_URL", "")


@dataclass
class FakeClock:
    """A hall clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def hall_time(text: str) -> datetime:
    """'2026-11-23 10:00' in the hall's local time → aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(hall_time("2026-11-23 10:00"))  # a Monday, mid-morning


@pytest.fixture(scope="session")
def mini_config() -> HallConfig:
    return load_hall(FIXTURES / "mini_hall.toml")


def _pg_database() -> Iterator[str]:
    import sqlalchemy as sa

    name = f"hallq_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_URL).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hallq.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL (./run test starts one)")
    yield from _pg_database()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, data_dir=tmp_path, secret="test-secret")
