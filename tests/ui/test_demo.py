"""`hallq demo` end to end (offscreen): the server answers, every app process comes up and
follows the hall, and an interrupt stops them all."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.serverproc import ROOT

START_S = 90.0  # six Qt apps starting on two cores


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `condition` until it holds; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)  # polling another process's log, bounded by the deadline


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_demo_starts_server_and_apps_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    log_path = tmp_path / "demo.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "queue_server.cli",
        "demo",
        "--data-dir",
        str(tmp_path / "data"),
        "--no-voice",
    ]
    with log_path.open("wb") as out:
        demo = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    text = lambda: log_path.read_text(errors="replace")  # noqa: E731
    try:
        wait_for(lambda: "demo running" in text() or demo.poll() is not None, START_S, "start")
        assert demo.poll() is None, text()
        url = re.search(r"server up on (http://\S+)", text())
        assert url is not None, text()
        with urllib.request.urlopen(f"{url[1]}/api/v1/state", timeout=5) as answer:
            state = json.loads(answer.read())
        assert len(state["windows"]) == 53  # the sample hall
        pids = {name: int(pid) for name, pid in re.findall(r"started (.+?) \(pid (\d+)\)", text())}
        assert {"hall TV", "counter 5", "counter 6", "window display 5", "evaluator 5"} <= set(pids)
        # The TV, the window display and the evaluator each take a first snapshot of the hall.
        wait_for(lambda: text().count("re-syncing from /state") >= 3, START_S, "apps online")
        assert all(alive(pid) for pid in pids.values()), text()
        assert "exited" not in text()
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(30)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    assert demo.returncode == 0, text()
    assert "stopping the demo" in text()
    assert not [name for name, pid in pids.items() if alive(pid)]
