"""Limits at the HTTP edge: the request body's size (plain ASGI middleware: counts bytes, so
chunked bodies are held too), and what a request counts against per client address (the
count itself is kept in the database: services/address_limit.py)."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Sequence
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


def counted_key(host: str | None, exempt: Sequence[Network]) -> str | None:
    """The `client_key` a request from `host` counts against, or None when it comes from one
    of the `exempt` networks (the hall's own guest Wi-Fi)."""
    try:
        ip = ipaddress.ip_address(host or "")
    except ValueError:
        return client_key(host)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return None if any(ip in net for net in exempt) else client_key(host)
