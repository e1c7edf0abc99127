"""Fan-out benchmark: 500 WebSocket subscribers (another process) and call-next → event latency.

The driver calls tickets at one window over HTTP, one at a time; for each call it notes the
monotonic time when the call-next response arrived, and the subscriber process notes when
each subscriber received the `ticket.called` event. Latency = arrival − response (it can be
slightly negative: the hub may push the event before the HTTP response is out). Also, with
every subscriber listening: the clerk's call-next response time, and press → screen (the
request sent → the event at a subscriber), what a citizen waits between the clerk's press
and the TV.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.hallgen import PIN, kiosk_key, served_matters, staff_id, write_bench_hall
from bench.procs import ROOT, cpu_share, hallq_server
from bench.stats import percentile

WINDOW = 41  # a 人社 window of the benchmark hall
SUBSCRIBERS = 500


def _drive(url: str, matter: str, rounds: int, gap_s: float) -> dict[str, tuple[int, int]]:
    """Issue and call `rounds` tickets; number → monotonic ns of the call-next request sent
    and of its response."""
    called: dict[str, tuple[int, int]] = {}
    with httpx.Client(base_url=url, timeout=30) as client:
        login = {"staff_id": staff_id(WINDOW), "pin": PIN, "window": WINDOW}
        token = client.post("/api/v1/auth/login", json=login).raise_for_status().json()["token"]
        staff = {"Authorization": f"Bearer {token}"}
        kiosk = {"Authorization": f"Bearer {kiosk_key(1)}"}
        body = {"matter": matter, "channel": "kiosk", "priority": "normal"}
        for _ in range(rounds):
            client.post("/api/v1/tickets", json=body, headers=kiosk).raise_for_status()
            sent = time.monotonic_ns()
            resp = client.post(f"/api/v1/windows/{WINDOW}/call-next", headers=staff)
            answered = time.monotonic_ns()
            called[resp.raise_for_status().json()["ticket"]["number"]] = (sent, answered)
            client.post(
                f"/api/v1/windows/{WINDOW}/complete", json={"outcome": "done"}, headers=staff
            ).raise_for_status()
            time.sleep(gap_s)
    return called


def run(*, quick: bool, subscribers: int = SUBSCRIBERS) -> dict[str, float]:
    rounds = 8 if quick else 30
    with tempfile.TemporaryDirectory(prefix="hallq-bench-") as tmp:
        hall = Path(tmp) / "bench-hall.toml"
        data = write_bench_hall(hall, windows=120, kiosks=40)
        matter = served_matters(data)[WINDOW][0]
        with hallq_server(Path(tmp), config=hall) as server:
            ws_url = server.url.replace("http://", "ws://")
            result_file = Path(tmp) / "arrivals.json"
            args = ["--url", ws_url, "--n", str(subscribers), "--expect", str(rounds)]
            args += ["--out", str(result_file)]
            proc = subprocess.Popen(
                [sys.executable, "-m", "bench.subscribers", *args, "--timeout", "60"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            try:
                assert proc.stdout is not None
                if proc.stdout.readline().strip() != "READY":
                    raise RuntimeError(f"subscribers did not connect: {proc.stderr.read()}")
                assert server.proc is not None
                with cpu_share(server.proc.pid) as cpu:
                    called = _drive(server.url, matter, rounds, gap_s=0.25 if quick else 0.3)
                _, err = proc.communicate(timeout=90)
                if proc.returncode != 0:
                    raise RuntimeError(f"subscribers failed: {err[-2000:]}")
                result = json.loads(result_file.read_text(encoding="utf-8"))
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(10)
    latencies = [
        (arrival - called[number][1]) / 1e6
        for number, arrivals in result["arrivals"].items()
        if number in called
        for arrival in arrivals
    ]
    press_to_screen = [
        (arrival - called[number][0]) / 1e6
        for number, arrivals in result["arrivals"].items()
        if number in called
        for arrival in arrivals
    ]
    responses = [(answered - sent) / 1e6 for sent, answered in called.values()]
    expected = rounds * subscribers
    return {
        "fanout.subscribers": float(result["connected"]),
        "fanout.events": float(rounds),
        "fanout.delivered_share": len(latencies) / expected if expected else 0.0,
        "fanout.p50_ms": percentile(latencies, 50),
        "fanout.p99_ms": percentile(latencies, 99),
        "fanout.max_ms": max(latencies, default=float("nan")),
        "fanout.call_next_p50_ms": percentile(responses, 50),
        "fanout.call_next_max_ms": max(responses, default=float("nan")),
        "fanout.press_to_screen_p50_ms": percentile(press_to_screen, 50),
        "fanout.press_to_screen_p99_ms": percentile(press_to_screen, 99),
        "fanout.server_cpu": cpu["share"],
    }
