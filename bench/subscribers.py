"""Many WebSocket subscribers of `/api/v1/events` in one process (the fan-out benchmark).

`python -m bench.subscribers --url ws://127.0.0.1:PORT --n 500 --expect K --out FILE` connects
`n` subscribers, prints `READY` once every one has its `hello`, then records, per subscriber, the
`time.monotonic_ns()` at which each `ticket.called` event arrives, until every subscriber has
seen `K` of them (or `--timeout`). It writes one JSON object to FILE: `{"arrivals": {number:
[ns…]}, "connected": n}` (a file, not stdout). CLOCK_MONOTONIC is shared by the processes of
one machine, so the driver can subtract its own timestamps.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect


async def _subscriber(
    url: str, hello: asyncio.Event, opened: list[ClientConnection], sem: asyncio.Semaphore
) -> None:
    async with sem:
        ws = await connect(url, max_queue=None, open_timeout=30, ping_interval=None)
        opened.append(ws)
        first = json.loads(await ws.recv())
        if first.get("type") == "hello":
            hello.set()


async def _listen(ws: ClientConnection, expect: int, arrivals: dict[str, list[int]]) -> None:
    seen = 0
    async for raw in ws:
        now = time.monotonic_ns()
        event: dict[str, Any] = json.loads(raw)
        if event.get("type") == "ticket.called":
            arrivals.setdefault(str(event["ticket"]), []).append(now)
            seen += 1
            if seen >= expect:
                return


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    url = f"{args.url.rstrip('/')}/api/v1/events"
    opened: list[ClientConnection] = []
    sem = asyncio.Semaphore(64)  # do not open 500 TCP connections in one burst
    hellos = [asyncio.Event() for _ in range(args.n)]
    await asyncio.gather(*(_subscriber(url, h, opened, sem) for h in hellos))
    # 500 displays are 500 devices: one process's garbage collector pausing all of them at once
    # would be a stall of the benchmark, not of the server.
    gc.freeze()
    gc.disable()
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    arrivals: dict[str, list[int]] = {}
    listeners = [asyncio.create_task(_listen(ws, args.expect, arrivals)) for ws in opened]
    await asyncio.wait(listeners, timeout=args.timeout)
    for task in listeners:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in opened), return_exceptions=True)
    return {"arrivals": arrivals, "connected": len(opened)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.subscribers")
    p.add_argument("--url", required=True, help="ws://127.0.0.1:PORT")
    p.add_argument("--n", type=int, default=500)
    p.add_argument("--expect", type=int, required=True, help="ticket.called events to wait for")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--out", required=True, help="file for the JSON result")
    args = p.parse_args(argv)
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        pass
    result = asyncio.run(main_async(args))
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
