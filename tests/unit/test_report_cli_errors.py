"""`hallq report` that cannot write its file says so in both languages, without a traceback."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy.engine import make_url

from queue_server.cli import main
from queue_server.config import load_hall
from queue_server.reports.store import prepare_database
from tests.conftest import PG_URL, _pg_database

MINI = Path(__file__).parents[1] / "fixtures" / "mini_hall.toml"


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "xlsx", "html"])
def test_a_report_into_a_missing_folder_is_a_bilingual_error(
    fmt: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "hall.sqlite3"
    day = date(2026, 10, 12)
    prepare_database(f"sqlite:///{db}", load_hall(MINI), first=day, last=day).dispose()
    out = tmp_path / "no-such-folder" / f"report.{fmt}"
    argv = ["report", "--from", day.isoformat(), "--db", str(db), "--config", str(MINI)]
    assert main([*argv, "--format", fmt, "--out", str(out)]) == 2
    assert "cannot write" in caplog.text and "无法写入报表文件" in caplog.text
    assert str(out) in caplog.text


def test_a_database_without_the_log_is_named_without_its_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    if not PG_URL:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL (./run test starts one)")
    # A new, empty database (no events table); close() drops it.
    database = cast(Generator[str, None, None], _pg_database())
    try:
        url = make_url(next(database)).set(password="s3cret-pw")
        argv = ["report", "--from", "2026-10-12", "--config", str(MINI)]
        assert main([*argv, "--db", url.render_as_string(hide_password=False)]) == 2
    finally:
        database.close()
    assert "not a HallQ database" in caplog.text and "不是HallQ数据库" in caplog.text
    assert "s3cret-pw" not in caplog.text


def test_generate_month_refuses_a_negative_ticket_count_and_creates_no_database(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "month.sqlite3"
    argv = ["report", "generate-month", "--month", "2026-10", "--db", str(db)]
    assert main([*argv, "--config", str(MINI), "--tickets", "-5"]) == 2
    assert "--tickets must be ≥ 0" in caplog.text and "每日取号数不能为负" in caplog.text
    assert not db.exists()


def test_a_report_refuses_a_negative_min_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    argv = ["report", "--from", "2026-10-12", "--db", str(tmp_path / "none.sqlite3")]
    assert main([*argv, "--config", str(MINI), "--min-served", "-1"]) == 2
    assert "--min-served must be ≥ 0" in caplog.text and "不能为负" in caplog.text
