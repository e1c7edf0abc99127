"""Kiosk tap → slip bytes at the printer.

When `bench/kiosk_bench.py` (the kiosk team's Qt benchmark: a real kiosk window, a real
server, a fake network printer) is present, its "tap → slip bytes sent" median is used
(`kiosk.from_kiosk_bench = 1`). Otherwise, or when it fails, the same path without Qt is
timed here (`kiosk.from_kiosk_bench = 0`): POST /tickets over HTTP to a real `hallq serve`,
`render_ticket`, and the ESC/POS job to the fake network printer on 127.0.0.1 until the
printer has the whole job.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from statistics import median

import httpx

from bench.procs import ROOT, hallq_server
from bench.stats import percentile

log = logging.getLogger(__name__)
_ROW = re.compile(r"^\|\s*tap → slip bytes sent\s*\|\s*(\d+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)")


def from_kiosk_bench(n: int, timeout: float) -> dict[str, float] | None:
    """Run bench/kiosk_bench.py if it exists; None when absent or failing."""
    if importlib.util.find_spec("bench.kiosk_bench") is None:
        return None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "bench.kiosk_bench", "-n", str(n), "--cold", "0"]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        log.warning("bench.kiosk_bench took more than %.0f s", timeout)
        return None
    for line in proc.stdout.splitlines():
        match = _ROW.match(line.strip())
        if match and proc.returncode == 0:
            return {
                "kiosk.tap_to_bytes_ms": float(match.group(2)),
                "kiosk.tap_to_bytes_p90_ms": float(match.group(3)),
                "kiosk.samples": float(match.group(1)),
                "kiosk.from_kiosk_bench": 1.0,
            }
    log.warning("bench.kiosk_bench gave no figure (exit %s): %s", proc.returncode, proc.stderr)
    return None


def without_qt(n: int) -> dict[str, float]:
    """Issue over HTTP + render + send to a loopback fake printer, timed end to end."""
    from kiosk.printing import EscposSlipPrinter
    from kiosk.slips import TicketSlip, render_ticket
    from queue_server.config import SAMPLE_HALL
    from tests.integration.fake_escpos_printer import FakeNetworkPrinter

    samples = []
    with (
        tempfile.TemporaryDirectory(prefix="hallq-bench-") as tmp,
        FakeNetworkPrinter() as fake,
        hallq_server(Path(tmp), config=SAMPLE_HALL) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        printer = EscposSlipPrinter(fake.uri, paper_mm=80)
        key = {"Authorization": "Bearer demo-kiosk-key-1"}
        body = {"matter": "gsj-gs-sl", "channel": "kiosk", "priority": "normal"}
        for i in range(n + 1):  # the first one warms up the connection and the font
            start = time.perf_counter()
            t = client.post("/api/v1/tickets", json=body, headers=key).raise_for_status().json()
            slip = TicketSlip(
                hall_name="长治市郊区政务服务中心",
                hall_name_en="Changzhi Jiaoqu District Government Service Centre",
                number=t["number"],
                matter_name=t["matter_name"],
                matter_name_en=t["matter_name_en"],
                zone_name=t["zone"],
                windows=t["windows"],
                waiting_ahead=t["waiting_ahead"],
                estimated_wait_min=t["estimated_wait_min"],
                issued_at=datetime.fromisoformat(t["issued_at"]),
                status_url=t["status_url"],
            )
            printer.print_image(render_ticket(slip))
            fake.wait_for_jobs(i + 1)
            if i:
                samples.append((time.perf_counter() - start) * 1000)
    return {
        "kiosk.tap_to_bytes_ms": median(samples),
        "kiosk.tap_to_bytes_p90_ms": percentile(samples, 90),
        "kiosk.samples": float(len(samples)),
        "kiosk.from_kiosk_bench": 0.0,
    }


def run(*, quick: bool) -> dict[str, float]:
    n = 5 if quick else 20
    return from_kiosk_bench(n, timeout=40 if quick else 180) or without_qt(n)
