"""`hallq simulate`: simulated hall days as a rich table and JSON.

Only argparse is imported at module level, so building the `hallq` parser stays cheap.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from queue_server.simulation.metrics import SimResult

log = logging.getLogger(__name__)


def add_parser(sub: Any) -> None:
    """Register `simulate` on the `hallq` sub-command parsers."""
    p = sub.add_parser(
        "simulate",
        help="simulate hall days with the real dispatch policy (no GUI)",
        description="Discrete-event simulation of hall days; see docs/SIMULATION.md.",
    )
    p.add_argument("--config", help="hall TOML file (default: the sample hall)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--tickets", type=int, help="expected tickets a day (default 900 × windows/53)")
    p.add_argument("--windows", type=int, help="clone or trim the hall's windows to N")
    p.add_argument("--open-fraction", type=float, default=1.0, help="share of windows staffed")
    p.add_argument("--comprehensive", action="store_true", help="every window serves all matters")
    p.add_argument(
        "--compare", action="store_true", help="run the profiles and comprehensive variants"
    )
    p.add_argument("--mix", choices=("seed", "capacity"), default="seed", help="demand mix")
    p.add_argument("--days", type=int, default=1, help="working days to simulate")
    p.add_argument("--exact", action="store_true", help="no pruning before choose_next (slow)")
    p.add_argument("--departments", action="store_true", help="also show waits per department")
    p.add_argument("--json", metavar="FILE", help="write the results as JSON ('-' for stdout)")
    p.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    from rich.console import Console

    from queue_server.config import SAMPLE_HALL, ConfigError, load_hall
    from queue_server.simulation.hallmodel import from_config
    from queue_server.simulation.params import SimParams
    from queue_server.simulation.runner import simulate

    console = Console()
    try:
        base = from_config(load_hall(args.config or SAMPLE_HALL))
    except ConfigError as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]")
        return 2
    if (
        args.days < 1
        or not 0 < args.open_fraction <= 1
        or (args.windows is not None and args.windows < 1)
        or (args.tickets is not None and args.tickets < 0)
    ):
        Console(stderr=True).print(
            "[red]--days and --windows must be ≥ 1, --tickets ≥ 0 and --open-fraction in "
            "(0, 1][/red]\n天数和窗口数至少为1，取号数不能为负，在岗比例应大于0且不超过1。",
            highlight=False,
        )
        return 2
    variants = [False, True] if args.compare else [args.comprehensive]
    results: list[SimResult] = []
    elapsed: list[float] = []
    for pooled in variants:
        params = SimParams(
            seed=args.seed,
            tickets=args.tickets,
            windows=args.windows,
            open_fraction=args.open_fraction,
            comprehensive=pooled,
            mix=args.mix,
            days=args.days,
            exact=args.exact,
        )
        started = time.perf_counter()
        try:
            results.append(simulate(base, params).result)
        except ValueError as exc:
            Console(stderr=True).print(f"[red]{exc}[/red]")
            return 2
        elapsed.append(time.perf_counter() - started)
        log.debug("%s variant took %.2f s", results[-1].variant, elapsed[-1])
    console.print(results_table(results, elapsed))
    if args.departments:
        for result in results:
            console.print(departments_table(result))
    if args.json:
        pairs = zip(results, elapsed, strict=True)
        doc = {"results": [r.to_dict() | {"elapsed_s": round(e, 3)} for r, e in pairs]}
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        if args.json == "-":
            console.print_json(text)
        else:
            try:
                Path(args.json).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                Console(stderr=True).print(
                    f"[red]cannot write {args.json}: {exc.strerror}[/red]\n"
                    f"无法写入文件 {args.json}。",
                    highlight=False,
                )
                return 2
    return 0


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def results_table(results: list[SimResult], elapsed: list[float]) -> Table:
    """One column per variant, one row per figure."""
    from rich.table import Table

    first = results[0]
    table = Table(
        title=f"{first.hall} — simulated {first.days} day(s), seed {first.seed}, mix {first.mix}",
        caption="waits in minutes; the Erlang-C reference assumes M/M/c (see docs/SIMULATION.md)",
    )
    table.add_column("figure")
    for r in results:
        table.add_column(r.variant, justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("windows", [str(r.windows) for r in results]),
        ("tickets (refused by quota)", [f"{r.tickets} ({r.refused})" for r in results]),
        ("served / no-show", [f"{r.served} / {r.no_shows}" for r in results]),
        ("mean wait", [_num(r.wait_mean) for r in results]),
        ("p50 / p90 wait", [f"{_num(r.wait_p50)} / {_num(r.wait_p90)}" for r in results]),
        ("max wait", [_num(r.wait_max) for r in results]),
        (
            f"within target ({first.target_wait_min:g} min)",
            [f"{r.within_target_pct:.1f}%" for r in results],
        ),
        (
            "green / other mean wait",
            [f"{_num(r.green_wait_mean)} / {_num(r.normal_wait_mean)}" for r in results],
        ),
        (
            "utilization mean (min–max)",
            [
                f"{r.utilization_mean:.0%} ({r.utilization_min:.0%}–{r.utilization_max:.0%})"
                for r in results
            ],
        ),
        (
            "延时服务 window-min / last finish",
            [f"{r.overtime_min:,.0f} / {r.last_finish}" for r in results],
        ),
        (
            "estimate MAE / bias",
            [f"{_num(r.estimate_mae)} / {r.estimate_bias:+.1f}" for r in results],
        ),
        (
            "λ /min · E[S] min · ρ",
            [
                f"{r.arrival_rate:.2f} · {r.mean_service:.1f} · {r.offered_load:.2f}"
                for r in results
            ],
        ),
        ("Erlang-C Wq (stationary)", [_num(r.erlang_c_wait, 3) for r in results]),
        (
            "Erlang-C Wq (hourly; overloaded h)",
            [f"{_num(r.erlang_c_hourly_wait, 2)} ({r.overloaded_hours})" for r in results],
        ),
        ("M/G/c Wq (Allen–Cunneen)", [_num(r.mgc_wait, 3) for r in results]),
        ("ratio mean wait / Erlang-C", [_num(r.ratio, 1) for r in results]),
        ("ratio vs hourly Erlang-C", [_num(r.ratio_hourly, 2) for r in results]),
        ("wall time (s)", [f"{e:.2f}" for e in elapsed]),
    ]
    for label, cells in rows:
        table.add_row(label, *cells)
    return table


def departments_table(result: SimResult) -> Table:
    from rich.table import Table

    table = Table(title=f"{result.variant}: waits per department (worst first)")
    for name in ("department", "windows", "tickets", "mean wait", "p90 wait"):
        table.add_column(name, justify="left" if name == "department" else "right")
    for d in result.departments:
        table.add_row(
            d.department, str(d.windows), str(d.tickets), _num(d.wait_mean), _num(d.wait_p90)
        )
    return table
