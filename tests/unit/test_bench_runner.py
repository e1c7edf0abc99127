"""`python -m bench`: the flat JSON of figures and the regression check's logic (fake figures;
nothing here is timed)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

from bench import check
from bench.__main__ import BENCHMARKS, REQUIRED, missing_figures, run_all, to_json
from bench.hallgen import bench_hall, dumps, served_matters
from bench.loadgen import server_app_ms
from bench.server import Phases, run_one
from bench.stats import percentile, summary
from queue_server.config import parse_hall

FAKE = {
    "server": {"server.cycles_per_s": 120.0, "server.issue_per_s": 300.0},
    "fanout": {"fanout.p99_ms": 40.0},
    "slip": {"slip.render_ms": 12.0},
    "kiosk": {"kiosk.tap_to_bytes_ms": 50.0},
    "simulate": {
        "simulate.day_s": 0.7,
        "simulate.estimate_mae_min": 3.8,
        "simulate.erlang_ratio_sample": math.nan,
        "simulate.erlang_ratio_comprehensive": 33.0,
    },
}


def fake_runner(name: str, quick: bool, pg_url: str | None) -> Callable[[], dict[str, float]]:
    if name == "server":
        return lambda: {**FAKE["server"], "server.call_next_p99_ms": 9.0}
    if name == "kiosk":
        raise_later = name

        def broken() -> dict[str, float]:
            raise RuntimeError(f"{raise_later} printer on fire")

        return broken
    return lambda: FAKE[name]


def test_a_run_writes_one_flat_json_object_of_numbers_with_machine_facts() -> None:
    figures = run_all(list(BENCHMARKS), quick=True, pg_url=None, runner=fake_runner)
    doc = json.loads(to_json(figures))
    assert all(isinstance(v, int | float | str) or v is None for v in doc.values())
    assert doc["simulate.erlang_ratio_sample"] is None  # NaN is not JSON: null
    assert doc["machine.cores"] >= 1 and doc["machine.sqlite"].count(".") == 2
    assert {"machine.load_1m_start", "machine.load_1m_end", "run.total_s"} <= doc.keys()
    assert doc["server.call_next_p99_ms"] == 9.0


def test_a_failing_benchmark_is_recorded_and_the_others_still_run() -> None:
    figures = run_all(["kiosk", "slip"], quick=True, pg_url=None, runner=fake_runner)
    assert figures["kiosk.failed"] == 1.0 and "on fire" in figures["kiosk.error"]
    assert figures["slip.render_ms"] == 12.0
    assert "kiosk.tap_to_bytes_ms" in missing_figures(figures)


def test_every_required_figure_is_named_once() -> None:
    assert len(set(REQUIRED)) == len(REQUIRED)
    present = dict.fromkeys(REQUIRED, 1.0)
    assert missing_figures(present) == []


def test_a_slowdown_beyond_twice_the_baseline_ratio_fails() -> None:
    kinds = {"rate": True, "time": False}
    baseline = {"rate": 10.0, "time": 2.0}
    assert check.regressions(baseline, {"rate": 5.1, "time": 3.9}, kinds) == []
    assert check.regressions(baseline, {"rate": 4.9, "time": 4.1}, kinds) == ["rate", "time"]
    assert check.regressions(baseline, {"rate": 50.0, "time": 0.1}, kinds) == []  # faster
    assert check.regressions(baseline, {}, kinds) == []  # a probe not run is not a failure


def test_ratios_divide_out_the_speed_of_the_machine() -> None:
    rate = check.Probe("r", lambda: (0.0, 1.0), per_second=True)
    duration = check.Probe("d", lambda: (0.0, 1.0), per_second=False)
    # Twice as slow a machine: half the rate, twice the time, twice the calibration.
    assert rate.ratio(100.0, 0.05) == rate.ratio(50.0, 0.10)
    assert duration.ratio(1.0, 0.05) == duration.ratio(2.0, 0.10)


def test_check_stores_a_baseline_then_fails_only_after_the_retries(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    readings = iter([100.0, 40.0, 45.0, 30.0])  # stored, then three slow readings

    def probes() -> tuple[check.Probe, ...]:
        return (check.Probe("check.fake", lambda: (next(readings), 1.0), per_second=True),)

    passed, result = check.run_check(baseline_path=path, probes=probes())
    assert passed and json.loads(path.read_text())["ratios"] == {"check.fake": 100.0}
    passed, result = check.run_check(baseline_path=path, probes=probes())
    assert not passed and result["failed"] == ["check.fake"]


def test_check_passes_when_a_retry_is_back_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"ratios": {"check.fake": 100.0}}))
    readings = iter([30.0, 90.0])  # one slow reading (a busy machine), then normal
    probes = (check.Probe("check.fake", lambda: (next(readings), 1.0), per_second=True),)
    passed, result = check.run_check(baseline_path=path, probes=probes)
    assert passed and result["current"]["check.fake"] == 90.0


def test_the_stored_baseline_covers_every_probe() -> None:
    stored = json.loads(check.BASELINE.read_text())["ratios"]
    assert set(stored) == {p.name for p in check.PROBES}
    assert all(v > 0 for v in stored.values())


def test_the_benchmark_hall_is_a_valid_hall_with_120_windows_and_40_kiosks() -> None:
    data = bench_hall(windows=120, kiosks=40)
    import tomllib

    hall = parse_hall(tomllib.loads(dumps(data)))
    assert len(hall.windows) == 120 and len({w.staff_a for w in hall.windows}) == 120
    assert sum(d.role == "kiosk" for d in hall.devices) == 40
    assert not any(m.real_name or m.daily_quota for m in hall.matters)
    assert served_matters(data)[54] == served_matters(data)[1]  # cloned from the sample


def test_latency_summary_percentiles() -> None:
    samples = [float(i) for i in range(1, 101)]
    assert percentile(samples, 50) == 50.5 and percentile(samples, 99) == 99.01
    assert summary(samples)["n"] == 100 and math.isnan(summary([])["p99"])


def test_the_load_generator_reads_the_servers_own_time_from_server_timing() -> None:
    assert server_app_ms("wait;dur=0.08, write;dur=1.27, app;dur=2.70") == 2.70
    assert server_app_ms("app;dur=12.5") == 12.5
    assert server_app_ms("") is None  # the stack's floor sends none
    assert server_app_ms("write;dur=3.0") is None


def test_a_hall_phase_reports_call_next_inside_the_server_below_what_the_clerk_waits(
    tmp_path: Path,
) -> None:
    """A real `hallq serve` under the hall load for a moment: the call-nexts timed inside the
    server (Server-Timing) are there, and take less than the same calls seen by the client."""
    phases = Phases(issue_s=0, cycles_s=0, hall_s=1.5, warmup_s=0.5)
    figures = run_one(tmp_path / "hall", phases=phases)
    assert figures["errors"] == 0
    assert figures["call_next_samples"] > 10
    assert 0 < figures["call_next_in_server_p50_ms"] < figures["call_next_p50_ms"]
