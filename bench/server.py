"""Server benchmark: a real `hallq serve` on a 120-window hall, driven over loopback HTTP.

Three phases against one server, each by a fresh load-generator process (`bench.loadgen`):

- issue: 40 kiosks issue tickets as fast as they can (closed loop) → tickets/s;
- cycles: 32 windows each run issue → call-next → complete in a closed loop → cycles/s
  (three requests and three write use cases per cycle);
- ceiling: 32 connections GET /api/v1/health in a closed loop: the web stack (uvicorn,
  the middleware, FastAPI's routing and answer) with no use case, no auth and no database.
  Its server CPU per request gives `ceiling_cycles_per_s`, the cycles/s one fully busy core
  could answer if the use cases cost nothing: the web stack's own bound on the cycles figure;
- floor (its own process, `bench/floor.py`): the issue, cycles and hall phases against the
  least any server on this stack spends on them (FastAPI + uvicorn + SQLAlchemy Core on
  SQLite WAL, the fewest statements per call, nothing decided). Its server CPU per cycle
  bounds HallQ's cycles/s from above on this machine (`server.floor.cycles_bound_per_s`),
  `server.normal.cost_vs_floor` is HallQ's CPU per cycle over the floor's, and its hall-phase
  latencies are the stack's own at that load (full runs only);
- hall: all 120 windows call, serve (exponential, mean 4 s) and complete, while 40 kiosks
  issue 30 tickets/s (Poisson) → call-next latency p50/p99 under a steady ~90 requests/s,
  about 100× the busiest hour of a 4,000-ticket day (≈ 0.4 tickets/s); the full run adds
  the same at twice that load (`server.stress.*`).

Run on SQLite with `synchronous=FULL` (the default), `NORMAL`, and on PostgreSQL when a URL is
given. Beside each figure: the CPU share of the server and of the load generator (CPU seconds
per wall second; one Python process cannot use much more than 1.0 because of the GIL).
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.hallgen import write_bench_hall
from bench.procs import cpu_share, floor_server, hallq_server, pg_database, run_json

WINDOWS, KIOSKS, CYCLE_WINDOWS = 120, 40, 32


@dataclass(frozen=True)
class Phases:
    """Seconds of each phase (0 skips it) and of the unrecorded warm-up before each."""

    issue_s: float
    cycles_s: float
    hall_s: float
    warmup_s: float
    ceiling_s: float = 0.0


# The hall phase is the longest: ~29 call-nexts/s, so 30 s give ~860 latencies and their p99
# is the ~9th slowest, not the 3rd of a 10 s phase (which swung 20–90 ms between runs).
FULL_RUN = Phases(issue_s=5, cycles_s=8, hall_s=30, warmup_s=1, ceiling_s=4)
QUICK_RUN = Phases(issue_s=1.0, cycles_s=2, hall_s=2.0, warmup_s=0.5, ceiling_s=1.0)
# The hall phase: 120 windows serving ~4 s each (≈ 30 calls/s) and 30 tickets/s issued, about
# 100× the busiest hour of a 4,000-ticket day; HALL_STRESS doubles both.
HALL_LOAD = {"service_s": 4.0, "issue_rate": 30.0}
HALL_STRESS = {"service_s": 2.0, "issue_rate": 60.0}
PREFILL = 480  # tickets waiting before the hall phase when no issue phase ran: 4 a window


def _phase(
    server: Any, hall: Path, mode: str, seconds: float, warmup: float, extra: list[str]
) -> dict[str, Any]:
    args = ["--url", server.url, "--hall", str(hall), "--mode", mode]
    args += ["--seconds", str(seconds), "--warmup", str(warmup), *extra]
    assert server.proc is not None
    with cpu_share(server.proc.pid) as cpu:
        result = run_json("bench.loadgen", args, timeout=seconds + warmup + 60)
    result["server_cpu"] = cpu["share"]
    result["server_cpu_s"] = cpu["seconds"]
    return result


def run_one(
    workdir: Path,
    *,
    phases: Phases,
    db: str | None = None,
    synchronous: str = "FULL",
    hall_load: dict[str, float] | None = None,
    floor: bool = False,
) -> dict[str, float]:
    """The phases with a non-zero length against one fresh server; flat figures, no prefix.
    With `floor`, the server is the stack's floor (bench/floor.py), not `hallq serve`."""
    workdir.mkdir(parents=True, exist_ok=True)
    hall = workdir / "bench-hall.toml"
    write_bench_hall(hall, windows=WINDOWS, kiosks=KIOSKS)
    env = {"HALLQ_SQLITE_SYNCHRONOUS": synchronous}
    out: dict[str, float] = {}
    errors = 0.0
    serving = (
        floor_server(workdir, hall=hall)
        if floor
        else hallq_server(workdir, config=hall, db=db, env=env)
    )
    with serving as server:
        w = phases.warmup_s
        if phases.ceiling_s:
            top = _phase(
                server, hall, "ceiling", phases.ceiling_s, w, ["--windows", str(CYCLE_WINDOWS)]
            )
            # The load generator (httpx) saturates a core first here, so the bound is taken
            # from the server's CPU per answer: what one fully busy core could answer.
            answered = top["health_all"] * top["elapsed_s"]  # every answer of the phase
            per_request_ms = 1000 * top["server_cpu_s"] / max(answered, 1.0)
            out["ceiling_requests_per_s"] = top["health_ok"]
            out["ceiling_server_ms_per_request"] = per_request_ms
            out["ceiling_cycles_per_s"] = 1000 / (3 * per_request_ms)
            out["ceiling_p50_ms"] = top["health"]["p50"]
            out["ceiling_server_cpu"] = top["server_cpu"]
            out["ceiling_loadgen_cpu"] = top["loadgen_cpu"]
            errors += top["errors_total"]
        if phases.issue_s:
            issue = _phase(server, hall, "issue", phases.issue_s, w, ["--kiosks", str(KIOSKS)])
            out["issue_per_s"] = issue["issued"]
            out["issue_p50_ms"] = issue["issue"]["p50"]
            out["issue_p99_ms"] = issue["issue"]["p99"]
            out["issue_server_cpu"] = issue["server_cpu"]
            out["issue_loadgen_cpu"] = issue["loadgen_cpu"]
            errors += issue["errors_total"]
        if phases.cycles_s:
            cycles = _phase(
                server, hall, "cycles", phases.cycles_s, w, ["--windows", str(CYCLE_WINDOWS)]
            )
            out.update(_cycle_figures(cycles))
            errors += cycles["errors_total"]
        if phases.hall_s:
            load = hall_load or HALL_LOAD
            mixed = _phase(
                server,
                hall,
                "mixed",
                phases.hall_s,
                w,
                [
                    *("--windows", str(WINDOWS), "--kiosks", str(KIOSKS)),
                    *("--service-s", str(load["service_s"])),
                    *("--issue-rate", str(load["issue_rate"])),
                    *("--prefill", "0" if phases.issue_s else str(PREFILL)),
                ],
            )
            out["opening_ms"] = mixed["opening_ms"]
            out["call_next_p50_ms"] = mixed["call_next"]["p50"]
            out["call_next_p99_ms"] = mixed["call_next"]["p99"]
            out["call_next_max_ms"] = mixed["call_next"].get("max", math.nan)
            # The same call-nexts timed inside the server (its Server-Timing `app`; the floor
            # sends none): the client's figure less the network, the client and the machine.
            inside = mixed.get("server_app", {}).get("call_next", {})
            if inside.get("n"):
                out["call_next_in_server_p50_ms"] = inside["p50"]
                out["call_next_in_server_p99_ms"] = inside["p99"]
            out["call_next_samples"] = mixed["call_next"]["n"]
            out["call_next_per_s"] = mixed["called"] + mixed["empty"]
            out["hall_requests_per_s"] = (
                mixed["called"] + mixed["empty"] + mixed["done"] + mixed["issued"]
            )
            out["hall_issue_p99_ms"] = mixed["issue"]["p99"]
            out["hall_complete_p99_ms"] = mixed["complete"]["p99"]
            out["hall_server_cpu"] = mixed["server_cpu"]
            out["hall_loadgen_cpu"] = mixed["loadgen_cpu"]
            errors += mixed["errors_total"]
    out["errors"] = errors
    return out


def _cycle_figures(cycles: dict[str, Any]) -> dict[str, float]:
    """Cycles/s measured, and the server's CPU per cycle with the cycles/s one fully busy core
    would give at that cost (the bound when the load generator, not the server, is the limit)."""
    per_s = min(cycles["issued"], cycles["called"], cycles["done"])
    ms_per_cycle = 1000 * cycles["server_cpu"] / per_s if per_s else math.nan
    return {
        "cycles_per_s": per_s,
        "cycles_request_p50_ms": cycles["call_next"]["p50"],
        "cycles_server_cpu": cycles["server_cpu"],
        "cycles_loadgen_cpu": cycles["loadgen_cpu"],
        "cpu_per_cycle_ms": ms_per_cycle,
        "cycles_bound_per_s": 1000 / ms_per_cycle if ms_per_cycle else math.nan,
    }


def run(*, quick: bool, pg_url: str | None) -> dict[str, float]:
    """SQLite FULL (the default) as `server.*`, NORMAL as `server.normal.*`, PostgreSQL as
    `server.pg.*` (when `pg_url` is set); in a full run also the stress load as
    `server.stress.*`."""
    phases = QUICK_RUN if quick else FULL_RUN
    short = Phases(issue_s=0, cycles_s=phases.cycles_s, hall_s=phases.hall_s, warmup_s=0.5)
    # The ceiling touches no database: its figure on each server shows its spread.
    runs: list[tuple[str, Phases, dict[str, Any]]] = [
        ("server", phases, {"synchronous": "FULL"}),
        ("server.normal", phases if not quick else short, {"synchronous": "NORMAL"}),
    ]
    if not quick:
        stress = Phases(issue_s=0, cycles_s=0, hall_s=phases.hall_s, warmup_s=1)
        runs.append(("server.stress", stress, {"synchronous": "FULL", "hall_load": HALL_STRESS}))
    figures: dict[str, float] = {}
    for prefix, ph, options in runs:
        with tempfile.TemporaryDirectory(prefix="hallq-bench-") as tmp:
            result = run_one(Path(tmp) / "srv", phases=ph, **options)
        figures.update({f"{prefix}.{k}": v for k, v in result.items()})
    if not quick:  # a quick run keeps to its minute: the floor is for full runs
        # The floor runs the phases that server.normal ran (no fsync per commit on either),
        # but the ceiling (no use case: the same web stack).
        with tempfile.TemporaryDirectory(prefix="hallq-bench-") as tmp:
            floor = run_one(Path(tmp) / "floor", phases=replace(phases, ceiling_s=0), floor=True)
        figures.update({f"server.floor.{k}": v for k, v in floor.items()})
        figures["server.normal.cost_vs_floor"] = (
            figures["server.normal.cpu_per_cycle_ms"] / floor["cpu_per_cycle_ms"]
        )
    if pg_url:
        with tempfile.TemporaryDirectory(prefix="hallq-bench-") as tmp, pg_database(pg_url) as db:
            result = run_one(Path(tmp) / "srv", phases=phases if not quick else short, db=db)
        figures.update({f"server.pg.{k}": v for k, v in result.items()})
    return figures
