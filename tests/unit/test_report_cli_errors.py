"""`hallq report` that cannot write its file says so in both languages, without a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from queue_server.cli import main
from queue_server.config import load_hall
from queue_server.reports.store import prepare_database

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
