"""The HTTP load generator of the server benchmark; runs in its own process.

`python -m bench.loadgen --url URL --hall FILE --mode issue|cycles|mixed|ceiling [...]` prints
one JSON object. asyncio (uvloop) + one `httpx.AsyncClient` per simulated device (window or
kiosk), each with one keep-alive connection, as real devices have. One client with a pool of 160
connections was the bottleneck itself: httpcore's pool scheduling made p99 reach seconds
(76 req/s for GET /health at 160 concurrent requests, against ~1,200 req/s with a client per
task). The generator reports its own CPU use (`loadgen_cpu`: CPU seconds per wall second), so
the benchmark can tell whether the generator rather than the server was the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import ssl
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx

from bench.hallgen import PIN, kiosk_key, served_matters, staff_id
from bench.stats import summary

V1 = "/api/v1"


class Load:
    """Shared state of one run: a client per device, the hall's windows, latency samples."""

    def __init__(self, url: str, hall: dict[str, Any], seed: int) -> None:
        self.url = url
        self.ssl = ssl.create_default_context()  # one context: building one per client is slow
        self.clients: dict[str, httpx.AsyncClient] = {}
        self.profiles = served_matters(hall)
        self.matters = sorted({m for ms in self.profiles.values() for m in ms})
        self.rng = random.Random(seed)
        self.tokens: dict[int, str] = {}
        self.samples: dict[str, list[float]] = {
            "issue": [],
            "call_next": [],
            "complete": [],
            "health": [],
        }
        self.counts: dict[str, int] = {
            "issued": 0,
            "called": 0,
            "empty": 0,
            "done": 0,
            "health_ok": 0,
            "health_all": 0,  # warm-up and the last answers too: against the server's CPU
            "errors": 0,
        }
        # The same requests' time inside the server, from its Server-Timing header (`app`):
        # what the client's latency is, less the network, the client and the machine.
        self.server_samples: dict[str, list[float]] = {kind: [] for kind in self.samples}
        self.recording = False
        self.opening_ms = float("nan")
        self.ready_after_ms = float("nan")

    def client(self, device: str) -> httpx.AsyncClient:
        if device not in self.clients:
            self.clients[device] = httpx.AsyncClient(
                base_url=self.url,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                timeout=30,
                verify=self.ssl,
            )
        return self.clients[device]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    async def timed(
        self, device: str, kind: str, method: str, path: str, **kw: Any
    ) -> httpx.Response:
        start = time.perf_counter()
        # A latency belongs to the phase when the request was sent during it: one sent
        # during the warm-up (say the opening burst) and answered later is not counted.
        sent_recording = self.recording
        try:
            resp = await self.client(device).request(method, path, **kw)
        except httpx.RemoteProtocolError:  # the server closed an idle keep-alive connection
            self.counts["errors"] += 1
            resp = await self.client(device).request(method, path, **kw)
        if sent_recording:
            self.samples[kind].append((time.perf_counter() - start) * 1000)
            inside = server_app_ms(resp.headers.get("server-timing", ""))
            if inside is not None:
                self.server_samples[kind].append(inside)
        if resp.status_code >= 400:
            self.counts["errors"] += 1
        return resp

    async def login(self, windows: list[int]) -> None:
        async def one(n: int) -> None:
            body = {"staff_id": staff_id(n), "pin": PIN, "window": n}
            resp = await self.client(f"w{n}").post(f"{V1}/auth/login", json=body)
            resp.raise_for_status()
            self.tokens[n] = resp.json()["token"]

        await asyncio.gather(*(one(n) for n in windows))

    async def issue(self, kiosk: int, matter: str | None = None) -> None:
        body = {
            "matter": matter or self.rng.choice(self.matters),
            "channel": "kiosk",
            "priority": "green" if self.rng.random() < 0.05 else "normal",
        }
        headers = {"Authorization": f"Bearer {kiosk_key(kiosk)}"}
        resp = await self.timed(
            f"k{kiosk}", "issue", "POST", f"{V1}/tickets", json=body, headers=headers
        )
        if resp.status_code == 201 and self.recording:
            self.counts["issued"] += 1

    async def call_next(self, window: int) -> bool:
        headers = {"Authorization": f"Bearer {self.tokens[window]}"}
        path = f"{V1}/windows/{window}/call-next"
        resp = await self.timed(f"w{window}", "call_next", "POST", path, headers=headers)
        if self.recording:
            self.counts["called" if resp.status_code == 200 else "empty"] += 1
        return resp.status_code == 200

    async def complete(self, window: int) -> None:
        headers = {"Authorization": f"Bearer {self.tokens[window]}"}
        path = f"{V1}/windows/{window}/complete"
        resp = await self.timed(
            f"w{window}", "complete", "POST", path, json={"outcome": "done"}, headers=headers
        )
        if resp.status_code == 200 and self.recording:
            self.counts["done"] += 1

    async def health(self, client: int) -> None:
        resp = await self.timed(f"h{client}", "health", "GET", f"{V1}/health")
        self.counts["health_all"] += 1
        if resp.status_code == 200 and self.recording:
            self.counts["health_ok"] += 1


def server_app_ms(header: str) -> float | None:
    """The `app` duration of a Server-Timing header (queue_server/api/timing.py), in ms."""
    for part in header.split(","):
        name, _, dur = part.strip().partition(";dur=")
        if name == "app" and dur:
            return float(dur)
    return None


async def _until(deadline: list[float], job: Any) -> None:
    while time.perf_counter() < deadline[0]:
        await job()


async def run_issue(load: Load, *, kiosks: int, seconds: float, warmup: float) -> float:
    """Kiosks issue as fast as they can (closed loop)."""
    return await _timed_phase(
        load, [lambda k=k: load.issue(k) for k in range(1, kiosks + 1)], seconds, warmup
    )


async def run_cycles(load: Load, *, windows: list[int], seconds: float, warmup: float) -> float:
    """Each window in a closed loop: a kiosk issues a ticket it serves, it calls, it completes."""

    async def cycle(n: int) -> None:
        await load.issue(1 + n % 40, load.rng.choice(load.profiles[n]))
        if await load.call_next(n):
            await load.complete(n)

    return await _timed_phase(load, [lambda n=n: cycle(n) for n in windows], seconds, warmup)


async def run_ceiling(load: Load, *, clients: int, seconds: float, warmup: float) -> float:
    """The web stack alone: `clients` connections GET /health (no auth, no database) in a
    closed loop — what one server process answers with no use case at all."""
    return await _timed_phase(
        load, [lambda c=c: load.health(c) for c in range(1, clients + 1)], seconds, warmup
    )


async def run_mixed(
    load: Load,
    *,
    windows: list[int],
    kiosks: int,
    seconds: float,
    warmup: float,
    service_s: float,
    issue_rate: float,
    prefill: int = 0,
) -> float:
    """A hall under stress: every window calls, serves (exp. `service_s`) and completes;
    kiosks issue as a Poisson stream of `issue_rate` tickets/s in all. Unless earlier phases
    left a queue, `prefill` tickets are issued first (unrecorded) so windows find work."""

    # The opening: every window presses call-next at once. That burst is measured on its
    # own (`opening_ms`: until the last window had its first answer); the recorded phase
    # is the steady hall after it.
    opened: set[int] = set()
    all_open = asyncio.Event()

    async def window(n: int) -> None:
        called = await load.call_next(n)
        if n not in opened:
            opened.add(n)
            if len(opened) == len(windows):
                load.opening_ms = (time.perf_counter() - begin) * 1000
                all_open.set()
        if called:
            await asyncio.sleep(load.rng.expovariate(1 / service_s))
            await load.complete(n)
        else:
            await asyncio.sleep(0.5)

    async def kiosk(k: int) -> None:
        await asyncio.sleep(load.rng.expovariate(issue_rate / kiosks))
        await load.issue(k)

    if prefill:
        per_kiosk = -(-prefill // kiosks)

        async def fill(k: int) -> None:
            for _ in range(per_kiosk):
                await load.issue(k)

        await asyncio.gather(*(fill(k) for k in range(1, kiosks + 1)))
    jobs = [lambda n=n: window(n) for n in windows]
    jobs += [lambda k=k: kiosk(k) for k in range(1, kiosks + 1)]
    begin = time.perf_counter()
    return await _timed_phase(load, jobs, seconds, warmup, ready=all_open)


async def _timed_phase(
    load: Load,
    jobs: list[Any],
    seconds: float,
    warmup: float,
    ready: asyncio.Event | None = None,
) -> float:
    """Run `jobs` in loops; record what completes during `seconds` after `warmup` (and, when
    given, after `ready` is set)."""
    start = time.perf_counter()
    deadline = [float("inf")]
    tasks = [asyncio.create_task(_until(deadline, job)) for job in jobs]
    await asyncio.sleep(warmup)
    if ready is not None:
        await ready.wait()
    load.recording = True
    measured_from = time.perf_counter()
    load.ready_after_ms = (measured_from - start) * 1000
    deadline[0] = measured_from + seconds
    await asyncio.sleep(seconds)
    load.recording = False
    elapsed = time.perf_counter() - measured_from
    await asyncio.wait(tasks, timeout=2)  # let most last requests finish, unrecorded
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return elapsed


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    hall = tomllib.loads(Path(args.hall).read_text(encoding="utf-8"))
    load = Load(args.url, hall, args.seed)
    try:
        windows = sorted(load.profiles)[: args.windows]
        if args.mode not in ("issue", "ceiling"):
            await load.login(windows)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        if args.mode == "issue":
            elapsed = await run_issue(
                load, kiosks=args.kiosks, seconds=args.seconds, warmup=args.warmup
            )
        elif args.mode == "ceiling":
            elapsed = await run_ceiling(
                load, clients=args.windows, seconds=args.seconds, warmup=args.warmup
            )
        elif args.mode == "cycles":
            elapsed = await run_cycles(
                load, windows=windows, seconds=args.seconds, warmup=args.warmup
            )
        else:
            elapsed = await run_mixed(
                load,
                windows=windows,
                kiosks=args.kiosks,
                seconds=args.seconds,
                warmup=args.warmup,
                service_s=args.service_s,
                issue_rate=args.issue_rate,
                prefill=args.prefill,
            )
        cpu = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    finally:
        await load.close()
    out: dict[str, Any] = {"mode": args.mode, "elapsed_s": elapsed, "loadgen_cpu": cpu}
    out.update({k: v / elapsed for k, v in load.counts.items()})
    out["errors_total"] = load.counts["errors"]
    out["ready_after_ms"] = load.ready_after_ms
    out["opening_ms"] = load.opening_ms
    for kind, samples in load.samples.items():
        out[kind] = summary(samples)
    out["server_app"] = {kind: summary(s) for kind, s in load.server_samples.items()}
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.loadgen")
    p.add_argument("--url", required=True)
    p.add_argument("--hall", required=True, help="the benchmark hall TOML the server runs")
    p.add_argument("--mode", choices=("issue", "cycles", "mixed", "ceiling"), required=True)
    p.add_argument("--windows", type=int, default=120)
    p.add_argument("--kiosks", type=int, default=40)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--warmup", type=float, default=1.0)
    p.add_argument("--service-s", type=float, default=2.0)
    p.add_argument("--issue-rate", type=float, default=60.0)
    p.add_argument("--prefill", type=int, default=0, help="mixed: tickets issued first")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        pass
    result = asyncio.run(main_async(args))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
