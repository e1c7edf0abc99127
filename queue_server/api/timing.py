"""The `Server-Timing` response header: where a request's time went inside the server.

Every answer carries `app;dur=<ms>`: from the request reaching the application (after
uvicorn parsed it) to its response headers — authentication, body validation, the use case,
serialisation. A write also carries, on SQLite, `wait;dur=` (queued for the writer thread's
next group) and `write;dur=` (its group's use cases, the commit and the hand-off of the
events), on PostgreSQL `write;dur=` (the use case in the thread pool, hop included). Browser
developer tools show the header; the benchmark's load generator reads it to tell the
server's own time from the machine's and the client's (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The marks of the request being served (one list per request; the endpoint appends).
_MARKS: ContextVar[list[tuple[str, float]] | None] = ContextVar("hallq_timing", default=None)


def note(name: str, seconds: float) -> None:
    """Add a metric to the current request's Server-Timing header (nothing outside one)."""
    marks = _MARKS.get()
    if marks is not None:
        marks.append((name, seconds))


def header_value(marks: list[tuple[str, float]], app_s: float) -> bytes:
    parts = [f"{name};dur={1000 * s:.2f}" for name, s in marks]
    parts.append(f"app;dur={1000 * app_s:.2f}")
    return ", ".join(parts).encode()


class ServerTiming:
    """Pure ASGI middleware (outermost): adds the header to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        marks: list[tuple[str, float]] = []
        token = _MARKS.set(marks)

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                value = header_value(marks, time.perf_counter() - start)
                headers = [*message.get("headers", ()), (b"server-timing", value)]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            _MARKS.reset(token)
