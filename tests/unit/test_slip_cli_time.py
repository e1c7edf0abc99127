"""`hallq slip notice` stamps the notice with the hall's time, not the machine's zone."""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import kiosk.slips
from kiosk import cli
from queue_server.config import SAMPLE_HALL


def test_the_notice_printed_from_the_command_line_carries_hall_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(kiosk.slips, "render_notice", lambda **kw: seen.update(kw))
    monkeypatch.setenv("TZ", "UTC")  # a server whose clock runs in UTC, 8 h behind the hall
    time.tzset()
    try:
        args = argparse.Namespace(config=SAMPLE_HALL, matter="zxwq-bbdb", paper=80)
        cli._notice_image(args)
    finally:
        monkeypatch.undo()
        time.tzset()
    hall_now = datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
    assert abs(seen["issued_at"] - hall_now) < timedelta(minutes=1)
