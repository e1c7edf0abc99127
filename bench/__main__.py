"""`python -m bench [NAME ...] [--quick] [--json FILE] [--pg URL]` and `python -m bench --check`.

Benchmarks (all by default, in this order): server, fanout, slip, kiosk, simulate. Each prints
into one rich table beside the machine's facts; `--json FILE` writes every figure as one flat
JSON object (NaN as null). `--quick` keeps the whole run under a minute. PostgreSQL figures
need `--pg URL` (or HALLQ_BENCH_PG_URL / HALLQ_TEST_PG_URL) of a server whose databases the
benchmark may create and drop. See docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import check, report

BENCHMARKS = ("server", "fanout", "slip", "kiosk", "simulate")


def _runner(name: str, quick: bool, pg_url: str | None) -> Callable[[], dict[str, float]]:
    if name == "server":
        from bench import server

        return lambda: server.run(quick=quick, pg_url=pg_url)
    module = __import__(f"bench.{name}", fromlist=["run"])
    return lambda: module.run(quick=quick)


# The figures issue #7 asks for, all numbers; `missing_figures` names those a run lacks.
REQUIRED = (
    "server.cycles_per_s",
    "server.issue_per_s",
    "server.call_next_p99_ms",
    "fanout.p99_ms",
    "slip.render_ms",
    "kiosk.tap_to_bytes_ms",
    "simulate.day_s",
    "simulate.estimate_mae_min",
    "simulate.erlang_ratio_sample",
    "simulate.erlang_ratio_comprehensive",
)


def missing_figures(figures: dict[str, Any]) -> list[str]:
    return [k for k in REQUIRED if not isinstance(figures.get(k), int | float)]


def run_all(
    names: list[str],
    *,
    quick: bool,
    pg_url: str | None,
    runner: Callable[[str, bool, str | None], Callable[[], dict[str, float]]] | None = None,
) -> dict[str, Any]:
    """Run the benchmarks; a failing one records `<name>.failed = 1` and the rest go on."""
    runner = runner or _runner
    figures: dict[str, Any] = report.machine_facts(pg_url)
    figures["run.quick"] = float(quick)
    started = time.perf_counter()
    for name in names:
        began = time.perf_counter()
        try:
            figures.update(runner(name, quick, pg_url)())
        except Exception as exc:  # one broken benchmark must not hide the others
            logging.getLogger("bench").exception("benchmark %s failed", name)
            figures[f"{name}.failed"] = 1.0
            figures[f"{name}.error"] = f"{type(exc).__name__}: {exc}"[:300]
        figures[f"run.{name}_s"] = time.perf_counter() - began
    figures["run.total_s"] = time.perf_counter() - started
    figures["machine.load_1m_end"] = report.load_average()
    return figures


def to_json(figures: dict[str, Any]) -> str:
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in figures.items()}
    return json.dumps(clean, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("names", nargs="*", metavar="NAME", help=f"of {', '.join(BENCHMARKS)}")
    p.add_argument("--quick", action="store_true", help="short runs: all in under a minute")
    p.add_argument("--json", metavar="FILE", help="write the figures as flat JSON ('-': stdout)")
    p.add_argument("--pg", metavar="URL", help="PostgreSQL server for the server benchmark")
    p.add_argument("--check", action="store_true", help="regression check against baseline")
    p.add_argument(
        "--update-baseline", action="store_true", help="with --check: store today's ratios"
    )
    args = p.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    console = Console()
    if args.check:
        started = time.perf_counter()
        passed, result = check.run_check(update=args.update_baseline)
        result["seconds"] = time.perf_counter() - started
        result["load_1m"] = report.load_average()
        console.print_json(json.dumps(result))
        if not passed:
            console.print(f"[red]performance regression (> {check.FACTOR:g}×): {result['failed']}")
        return 0 if passed else 1
    pg_url = args.pg or os.environ.get("HALLQ_BENCH_PG_URL") or os.environ.get("HALLQ_TEST_PG_URL")
    figures = run_all(args.names or list(BENCHMARKS), quick=args.quick, pg_url=pg_url)
    report.print_tables(figures, console)
    if len(args.names or BENCHMARKS) == len(BENCHMARKS) and missing_figures(figures):
        console.print(f"[yellow]missing figures: {', '.join(missing_figures(figures))}")
    if args.json == "-":
        sys.stdout.write(to_json(figures))
    elif args.json:
        Path(args.json).write_text(to_json(figures), encoding="utf-8")
    return 1 if any(k.endswith(".failed") for k in figures) else 0


if __name__ == "__main__":
    raise SystemExit(main())
