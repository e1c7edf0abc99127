"""A fake network thermal printer for tests: a TCP server on 127.0.0.1 (random port).

It records every byte of every connection, walks the stream with `tests.escpos_decode` as
it arrives, and answers the status queries `DLE EOT n` and `GS r n` like an Epson printer
with paper present, near its end, or out. Import it explicitly; it is not a conftest.
"""

from __future__ import annotations

import socket
import threading
from typing import Literal

from tests.escpos_decode import DecodeError, Incomplete, read_command

Paper = Literal["present", "near_end", "out"]
# DLE EOT 4 (roll paper sensor): bits 1 and 4 always set; 2-3 near end; 5-6 paper end.
_DLE_EOT_PAPER = {"present": 0x12, "near_end": 0x1E, "out": 0x72}
# GS r 1 (paper sensor): bits 0-1 near end, bits 2-3 paper end.
_GS_R_PAPER = {"present": 0x00, "near_end": 0x03, "out": 0x0F}


class FakeNetworkPrinter:
    """Use as a context manager; `jobs` holds the bytes of each finished connection."""

    def __init__(self, *, paper: Paper = "present") -> None:
        self.paper = paper
        self.jobs: list[bytes] = []
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
            with conn:
                data = self._handle(conn)
            with self._done:
                self.jobs.append(data)
                self._done.notify_all()

    def _handle(self, conn: socket.socket) -> bytes:
        data = b""
        pos = 0
        parsing = True
        while chunk := conn.recv(65536):
            data += chunk
            try:
                while parsing and pos < len(data):
                    command, pos = read_command(data, pos)
                    reply = self._status_reply(command.name, command.raw)
                    if reply is not None:
                        conn.sendall(bytes([reply]))
            except Incomplete:
                continue  # wait for the rest of the command
            except DecodeError as exc:
                self.errors.append(exc)
                parsing = False  # keep recording; the test reports the error
        return data

    def _status_reply(self, name: str, raw: bytes) -> int | None:
        if name == "DLE EOT":
            n = raw[-1]
            return _DLE_EOT_PAPER[self.paper] if n == 4 else 0x12  # 0x12: online, no error
        if name == "GS r":
            return _GS_R_PAPER[self.paper] if raw[-1] in (1, 49) else 0x00
        return None


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
