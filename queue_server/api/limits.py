"""Limits at the HTTP edge: the request body's size (plain ASGI middleware: counts bytes, so
chunked bodies are held too), and uses per client address in a sliding window."""

from __future__ import annotations

import ipaddress
import json
import math
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_DIGITS = re.compile(rb"[0-9]{1,12}")


def _body(code: str, message: str, message_zh: str) -> bytes:
    return json.dumps(
        {"error": {"code": code, "message": message, "message_zh": message_zh}},
        ensure_ascii=False,
    ).encode()


class BodyLimit:
    """Refuse bodies over `max_bytes` with 413 and malformed Content-Length with 400."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not _DIGITS.fullmatch(value):
                    await self._refuse(
                        send,
                        400,
                        "bad_request",
                        "Malformed Content-Length header.",
                        "请求头Content-Length格式错误。",
                    )
                    return
                if int(value) > self.max_bytes:
                    await self._too_large(send)
                    return
        received = 0
        refused = False

        async def counting_receive() -> Message:
            # Over the limit: answer 413 now and tell the app the client went away, so
            # whatever it was reading the body for stops there.
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    await self._too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)

    async def _too_large(self, send: Send) -> None:
        kib = self.max_bytes // 1024
        await self._refuse(
            send,
            413,
            "body_too_large",
            f"The request body is larger than {kib} KiB.",
            f"请求内容超过{kib}KB。",
        )

    @staticmethod
    async def _refuse(send: Send, status: int, code: str, en: str, zh: str) -> None:
        body = _body(code, en, zh)
        headers: list[Any] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def client_key(host: str | None) -> str:
    """What a request counts against: the client address the server sees — uvicorn has
    already put a trusted proxy's `X-Forwarded-For` there (`FORWARDED_ALLOW_IPS`), and
    nothing else of the request is believed. An IPv6 address counts by its /64, the
    prefix a phone or a home network gets whole (a script could rotate through it)."""
    if not host:
        return "unknown"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host  # not an IP (a test client, a Unix socket's peer): counted as given
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _exempted(host: str | None, exempt: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(host or "")
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in exempt)


class AddressLimit:
    """At most `limit` uses per client address (`client_key`) in any `window`: a sliding log
    of the times of each address's uses, in this process's memory (several server
    processes each keep their own). `limit` 0: no limit. Thread-safe."""

    def __init__(
        self,
        limit: int,
        window: timedelta,
        exempt: Sequence[Network] = (),
        *,
        sweep_at: int = 4096,  # this many addresses held: drop those idle for a window
    ) -> None:
        self.limit = limit
        self.window = window
        self.exempt = tuple(exempt)
        self._uses: dict[str, list[datetime]] = {}
        self._min_sweep = self._sweep_at = sweep_at
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many addresses are held in memory."""
        return len(self._uses)

    def take(self, host: str | None, now: datetime) -> int:
        """Count one use by `host` at `now`: 0 when it is within the limit, else (nothing
        counted) the whole seconds until the oldest use of the window ages out."""
        if self.limit <= 0 or _exempted(host, self.exempt):
            return 0
        key, since = client_key(host), now - self.window
        with self._lock:
            uses = [t for t in self._uses.get(key, ()) if t > since]
            if len(uses) >= self.limit:
                self._uses[key] = uses
                return max(1, math.ceil((min(uses) - since).total_seconds()))
            if len(self._uses) >= self._sweep_at:
                self._forget_idle(since)
            uses.append(now)
            self._uses[key] = uses
            return 0

    def give_back(self, host: str | None, at: datetime) -> None:
        """Undo the use `take` counted at `at` (what it was for was refused)."""
        with self._lock:
            uses = self._uses.get(client_key(host))
            if uses and at in uses:
                uses.remove(at)

    @contextmanager
    def hold(
        self, host: str | None, now: datetime, refuse: Callable[[int], Exception]
    ) -> Iterator[None]:
        """One use for the block; over the limit, raise `refuse(seconds to wait)` instead.
        A block that raises gives its use back: only what succeeded counts."""
        wait = self.take(host, now)
        if wait:
            raise refuse(wait)
        try:
            yield
        except BaseException:
            self.give_back(host, now)
            raise

    def _forget_idle(self, since: datetime) -> None:
        self._uses = {k: v for k, v in self._uses.items() if v and v[-1] > since}
        # Many addresses all active: sweep again only once they have doubled (not per use).
        self._sweep_at = max(self._min_sweep, 2 * len(self._uses))
