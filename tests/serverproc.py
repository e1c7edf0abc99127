"""A real `hallq serve` process on 127.0.0.1 for end-to-end tests: start, kill -9, restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
MINI_HALL = ROOT / "tests" / "fixtures" / "mini_hall.toml"
START_TIMEOUT_S = 30.0


def zone_at_hour(hour: int, now: datetime) -> ZoneInfo:
    """A fixed-offset zone where the local time at `now` (aware) is `hour` o'clock, so a test
    hall whose data spans the last hour does not cross its midnight, whenever the tests run
    (hall days roll over at local midnight: 16:00 UTC for Asia/Shanghai)."""
    offset = (hour - now.hour + 12) % 24 - 12  # UTC-12 .. UTC+11, all in the tz database
    return ZoneInfo(f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT")


def mini_hall_in(zone: ZoneInfo) -> str:
    """The test hall's config text with its timezone set to `zone`."""
    text = MINI_HALL.read_text(encoding="utf-8")
    return text.replace('timezone = "Asia/Shanghai"', f'timezone = "{zone.key}"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`hallq serve` with its own database; can be killed (SIGKILL) and restarted in place."""

    def __init__(
        self,
        workdir: Path,
        *,
        config: Path = MINI_HALL,
        db: str | None = None,
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
        open_all_hours: bool = True,
    ) -> None:
        self.workdir = workdir
        self.open_all_hours = open_all_hours
        self.config = config
        self.db = db or str(workdir / "hallq.sqlite3")
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / f"server-{self.port}.log"

    def command(self) -> list[str]:
        """The server's command line (`hallq serve`; the benchmark's floor has its own)."""
        return [
            sys.executable,
            "-m",
            "queue_server.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--config",
            str(self.config),
            "--db",
            self.db,
            "--data-dir",
            str(self.workdir),
            *(["--open-all-hours"] if self.open_all_hours else []),
            "--log-level",
            "warning",
        ]

    def start(self) -> ServerProcess:
        """Start and wait, bounded, until GET /api/v1/health answers."""
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=self.env
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.get("/api/v1/health")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server did not start; log:\n{self.log.read_text(errors='replace')}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing — a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def restart(self) -> ServerProcess:
        """Start again on the same port, with the same database and data directory."""
        return self.start()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        timeout: float = 10,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            req.add_header(name, value)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as err:
            raw = err.read()
            return err.code, json.loads(raw) if raw else None

    def get(self, path: str, token: str | None = None) -> tuple[int, Any]:
        return self.request("GET", path, token=token, timeout=2)

    def post(self, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        return self.request("POST", path, body if body is not None else {}, token)
