"""`python -m bench --check`: a short regression run that fails on a > 2× slowdown.

Times are not compared across machines: each figure is divided (or multiplied) by a pure-Python
calibration loop measured in the same run, and that RATIO is compared with the one stored in
bench/baseline.json. The pure-Python probes (simulator, slip) are timed in CPU seconds of this
process, as is their calibration, so other processes on a busy 2-core machine hardly move
them. The service-layer probe is timed by the wall clock in short chunks with a calibration
loop between chunks, so both get the same share of a busy CPU (its CPU time doubled under two
competing busy loops while the calibration's did not); the HTTP probe (two processes) is timed
by the wall clock against wall calibrations right before and after it. Each figure is the
median of repeats; a figure outside the limit is measured again (with fresh calibrations) up
to `RETRIES` times before the check fails.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).with_name("baseline.json")
FACTOR = 2.0
RETRIES = 2
Measured = tuple[float, float]  # (raw value, calibration seconds)


def _calibration_work() -> int:
    """A fixed pure-Python workload of dict, str and arithmetic, like the server's."""
    counts: dict[int, int] = {}
    total = 0
    for i in range(150_000):
        key = i % 997
        counts[key] = counts.get(key, 0) + i
        total += len(str(i)) + (i & 7)
    return total + len(counts)


def calibrate(repeats: int = 9) -> tuple[float, float]:
    """(CPU s, wall s) of one calibration loop: the medians of `repeats`."""
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        _calibration_work()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


@dataclass(frozen=True)
class Probe:
    """One checked figure: `measure()` gives (raw value, calibration seconds). `per_second`
    values are rates (ratio = value × calibration s), the others durations (value ÷ it)."""

    name: str
    measure: Callable[[], Measured]
    per_second: bool

    def ratio(self, value: float, calib_s: float) -> float:
        return value * calib_s if self.per_second else value / calib_s


def regressions(
    baseline: dict[str, float], current: dict[str, float], probes: dict[str, bool]
) -> list[str]:
    """Names whose ratio got more than FACTOR× worse; `probes` maps name → per_second."""
    failed = []
    for name, per_second in probes.items():
        base, now = baseline.get(name), current.get(name)
        if base is None or now is None:
            continue
        worse = base / now if per_second else now / base
        if worse > FACTOR:
            failed.append(name)
    return failed


# --- the probes -------------------------------------------------------------------------

_KIOSK: dict[str, Any] = {"channel": "kiosk", "priority": "normal", "actor": "check"}


def service_cycles(cycles: int = 160) -> Measured:
    """Issue → call-next → complete through the service layer on SQLite (no HTTP):
    cycles per wall second, and the wall seconds of calibration loops run in between."""
    from bench.hallgen import PIN, served_matters, staff_id, write_bench_hall
    from queue_server.bootstrap import build_hall
    from queue_server.config import Settings, load_hall
    from queue_server.services import staff, tickets, windows

    with tempfile.TemporaryDirectory(prefix="hallq-check-") as tmp:
        path = Path(tmp)
        data = write_bench_hall(path / "hall.toml", windows=120, kiosks=2)
        profiles = served_matters(data)
        settings = Settings(
            database_url=f"sqlite:///{path / 'hallq.sqlite3'}",
            data_dir=path,
            secret="check",
            open_all_hours=True,
            sqlite_synchronous="NORMAL",
        )
        hall = build_hall(settings, load_hall(path / "hall.toml"))
        rng = random.Random(1)
        for n in range(1, 11):
            staff.login(hall, staff_id=staff_id(n), pin=PIN, window=n)
        for _ in range(100):
            window = 1 + rng.randrange(10)
            tickets.issue_ticket(hall, matter=rng.choice(profiles[window]), **_KIOSK)
        busy = 0.0
        loops: list[float] = []
        for i in range(cycles):
            if i % 20 == 0:  # a calibration loop every 20 cycles, on the same share of CPU
                start = time.perf_counter()
                _calibration_work()
                loops.append(time.perf_counter() - start)
            start = time.perf_counter()
            w = 1 + i % 10
            tickets.issue_ticket(hall, matter=rng.choice(profiles[w]), **_KIOSK)
            windows.call_next(hall, w, actor="check")
            windows.complete(hall, w, actor="check", outcome="done", missing_materials=[], note="")
            busy += time.perf_counter() - start
        assert hall.engine is not None
        hall.engine.dispose()
    return cycles / busy, statistics.median(loops)


def http_cycles() -> Measured:
    """Cycles/s over HTTP (bench.server, SQLite NORMAL), and the wall calibration around it."""
    from bench.server import Phases, run_one

    before = calibrate()[1]
    phases = Phases(issue_s=0, cycles_s=2.0, hall_s=0, warmup_s=0.5)
    with tempfile.TemporaryDirectory(prefix="hallq-check-") as tmp:
        figures = run_one(Path(tmp) / "srv", phases=phases, synchronous="NORMAL")
    return figures["cycles_per_s"], statistics.median([before, calibrate()[1]])


def simulate_day() -> Measured:
    """CPU seconds of a 120-window, ~2,000-ticket simulated day, and the CPU calibration."""
    from queue_server.config import load_hall
    from queue_server.simulation.hallmodel import from_config
    from queue_server.simulation.params import SimParams
    from queue_server.simulation.runner import simulate

    start = time.process_time()
    simulate(from_config(load_hall()), SimParams(seed=1, windows=120, tickets=2000))
    return time.process_time() - start, calibrate()[0]


def slip_render() -> Measured:
    """CPU seconds of rendering a ticket slip (median of 5), and the CPU calibration."""
    from bench.slip import ticket_slip
    from kiosk.slips import render_ticket

    slip = ticket_slip()
    render_ticket(slip)  # font loading
    samples = []
    for _ in range(5):
        start = time.process_time()
        render_ticket(slip)
        samples.append(time.process_time() - start)
    return statistics.median(samples), calibrate()[0]


def _median_of(fn: Callable[[], Measured], repeats: int) -> Callable[[], Measured]:
    """The repeat with the median value (with its own calibration)."""

    def run() -> Measured:
        results = sorted(fn() for _ in range(repeats))
        return results[len(results) // 2]

    return run


PROBES = (
    Probe("check.service_cycles", _median_of(service_cycles, 3), per_second=True),
    Probe("check.http_cycles", http_cycles, per_second=True),
    Probe("check.simulate_day", _median_of(simulate_day, 3), per_second=False),
    Probe("check.slip_render", slip_render, per_second=False),
)


def measure(probes: tuple[Probe, ...] = PROBES) -> dict[str, float]:
    """The ratio of every probe, and the calibration it was divided by."""
    out: dict[str, float] = {}
    for probe in probes:
        value, calib = probe.measure()
        out[probe.name] = probe.ratio(value, calib)
        out[f"{probe.name}.calibration_s"] = calib
    return out


def run_check(
    *,
    update: bool = False,
    baseline_path: Path = BASELINE,
    probes: tuple[Probe, ...] = PROBES,
) -> tuple[bool, dict[str, Any]]:
    """Measure; compare with the baseline (or store it). Returns (passed, report)."""
    current = measure(probes)
    kinds = {p.name: p.per_second for p in probes}
    if update or not baseline_path.exists():
        doc = {
            "recorded": date.today().isoformat(),
            "factor": FACTOR,
            "note": "ratios: rate × calibration s, or duration ÷ calibration s (bench/check.py)",
            "ratios": {name: current[name] for name in kinds},
        }
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        baseline_path.write_text(text, encoding="utf-8")
        return True, {"stored": doc, "current": current}
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))["ratios"]
    failed = regressions(baseline, current, kinds)
    for _ in range(RETRIES):
        if not failed:
            break
        current.update(measure(tuple(p for p in probes if p.name in failed)))
        failed = regressions(baseline, current, {n: kinds[n] for n in failed})
    return not failed, {"baseline": baseline, "current": current, "failed": failed}
