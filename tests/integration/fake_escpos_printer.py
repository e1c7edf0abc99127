"""A fake network thermal printer for tests: a TCP server on 127.0.0.1 (random port).

It records every byte of every connection, walks the stream with `tests.escpos_decode` as
it arrives, and answers the status queries `DLE EOT n` and `GS r n` wherever they come in a
job (the kiosk asks for the paper before the slip and for a receipt after the cut) like an
Epson printer with paper present, near its end, or out. Import it explicitly; it is not a
conftest.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Literal

from tests.escpos_decode import DecodeError, Incomplete, read_command

Paper = Literal["present", "near_end", "out"]
# DLE EOT 4 (roll paper sensor): bits 1 and 4 always set; 2-3 near end; 5-6 paper end.
_DLE_EOT_PAPER = {"present": 0x12, "near_end": 0x1E, "out": 0x72}
# GS r 1 (paper sensor): bits 0-1 near end, bits 2-3 paper end.
_GS_R_PAPER = {"present": 0x00, "near_end": 0x03, "out": 0x0F}


class StatusResponder:
    """One job's bytes as they arrive: decodes them and answers every status query in it.

    `mute_after` plays a printer that stops answering after that many answers (the queries are
    still recorded in `queries`). After bytes the decoder does not know (kept in `errors`) it
    goes on answering `DLE EOT n`, found by a plain search, as a printer would.
    """

    def __init__(self, paper: Paper = "present", *, mute_after: int | None = None) -> None:
        self.paper = paper
        self.mute_after = mute_after
        self.data = b""
        self.queries: list[bytes] = []
        self.errors: list[Exception] = []
        self._pos = 0
        self._parsing = True

    def feed(self, chunk: bytes) -> bytes:
        """Take the next bytes of the job; return the answers to send back (maybe none)."""
        self.data += chunk
        replies = b""
        try:
            while self._parsing and self._pos < len(self.data):
                command, end = read_command(self.data, self._pos)
                self._pos = end
                replies += self._answer(command.name, command.raw)
        except Incomplete:
            pass  # wait for the rest of the command
        except DecodeError as exc:
            self.errors.append(exc)
            self._parsing = False  # keep recording; the test reports the error
        while not self._parsing:
            at = self.data.find(b"\x10\x04", self._pos)
            if at == -1 or at + 3 > len(self.data):
                break  # none yet, or its n byte is still to come
            self._pos = at + 3
            replies += self._answer("DLE EOT", self.data[at : at + 3])
        return replies

    def _answer(self, name: str, raw: bytes) -> bytes:
        if name == "DLE EOT":
            n = raw[-1]
            reply = _DLE_EOT_PAPER[self.paper] if n == 4 else 0x12  # 0x12: online, no error
        elif name == "GS r":
            reply = _GS_R_PAPER[self.paper] if raw[-1] in (1, 49) else 0x00
        else:
            return b""
        self.queries.append(raw)
        if self.mute_after is not None and len(self.queries) > self.mute_after:
            return b""
        return bytes([reply])


class FakeNetworkPrinter:
    """Use as a context manager; `jobs` holds the bytes of each finished connection and
    `queries` the status queries of each (in order, answered or not)."""

    def __init__(self, *, paper: Paper = "present", mute_after: int | None = None) -> None:
        self.paper = paper
        self.mute_after = mute_after  # answer this many status queries per job, then no more
        self.jobs: list[bytes] = []
        self.queries: list[list[bytes]] = []
        self.errors: list[Exception] = []
        self._done = threading.Condition()
        self._stopping = False
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)

    @property
    def uri(self) -> str:
        return f"network://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeNetworkPrinter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        # accept() does not wake up when the socket closes: connect once to release it
        with socket.create_connection(("127.0.0.1", self.port), timeout=2):
            pass
        self._thread.join(timeout=5)
        self._listener.close()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        """Block until `count` connections have been closed by the client."""
        with self._done:
            if not self._done.wait_for(lambda: len(self.jobs) >= count, timeout=timeout):
                raise TimeoutError(f"expected {count} print job(s), got {len(self.jobs)}")
            return list(self.jobs)

    def _serve(self) -> None:
        while True:
            conn, _ = self._listener.accept()
            if self._stopping:
                conn.close()
                return
            status = StatusResponder(self.paper, mute_after=self.mute_after)
            with conn, contextlib.suppress(ConnectionError):  # a reset ends the job too
                while chunk := conn.recv(65536):
                    if replies := status.feed(chunk):
                        conn.sendall(replies)
            with self._done:
                self.errors += status.errors
                self.queries.append(status.queries)
                self.jobs.append(status.data)
                self._done.notify_all()


class SilentPrinter:
    """Accepts TCP connections (through the kernel backlog) but never reads or answers."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=8)
        self.uri = f"network://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> SilentPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()


def refusing_uri() -> tuple[socket.socket, str]:
    """A port that is bound but not listening, so connecting is refused at once.

    Keep the returned socket open while testing (it holds the port), then close it.
    """
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    return holder, f"network://127.0.0.1:{holder.getsockname()[1]}"
