"""Processes of the benchmarks: a real `hallq serve`, helper processes, CPU accounting.

Everything listens on 127.0.0.1 only; every process started here is stopped by its own
handle (never by name), also when a benchmark fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.serverproc import ServerProcess

ROOT = Path(__file__).resolve().parents[1]
_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / _TICKS


@contextmanager
def cpu_share(pid: int) -> Iterator[dict[str, float]]:
    """Measure a process's CPU use over a block: `seconds` of CPU, and `share` = CPU seconds
    per wall second."""
    out: dict[str, float] = {}
    c0, t0 = cpu_seconds(pid), time.perf_counter()
    try:
        yield out
    finally:
        out["seconds"] = cpu_seconds(pid) - c0
        out["share"] = out["seconds"] / max(time.perf_counter() - t0, 1e-9)


@contextmanager
def hallq_server(
    workdir: Path, *, config: Path, db: str | None = None, env: dict[str, str] | None = None
) -> Iterator[ServerProcess]:
    """A `hallq serve` on a free loopback port, stopped on exit."""
    extra = {"HALLQ_SECRET": "bench-secret", **(env or {})}
    server = ServerProcess(workdir, config=config, db=db, extra_env=extra)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class FloorProcess(ServerProcess):
    """`python -m bench.floor` (the stack's floor, bench/floor.py) on a free loopback port,
    started, awaited and stopped as a `hallq serve` is."""

    def __init__(self, workdir: Path, *, hall: Path) -> None:
        super().__init__(workdir, config=hall, db=str(workdir / "floor.db"))

    def command(self) -> list[str]:
        return [sys.executable, "-m", "bench.floor", "--hall", str(self.config)] + [
            "--db",
            self.db,
            "--port",
            str(self.port),
        ]


@contextmanager
def floor_server(workdir: Path, *, hall: Path) -> Iterator[FloorProcess]:
    """The stack's floor serving `hall`, stopped on exit."""
    server = FloorProcess(workdir, hall=hall).start()
    try:
        yield server
    finally:
        server.stop()


def run_json(module: str, args: list[str], *, timeout: float) -> dict[str, Any]:
    """Run `python -m module args` and parse the JSON object it prints last."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@contextmanager
def pg_database(admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server of `admin_url`, dropped after."""
    import sqlalchemy as sa

    name = f"hallq_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
