"""Real `hallq serve` processes for the Qt client tests, a scripted stand-in, dead ports."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import ServerConnection, serve

from tests.serverproc import ServerProcess, free_port


@pytest.fixture
def hall_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A running server on the mini hall (open all hours), stopped at the end."""
    server = ServerProcess(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def twin_server(hall_server: ServerProcess) -> Iterator[ServerProcess]:
    """Not started: a second server on another port over the same database and secret."""
    twin = ServerProcess(hall_server.workdir, db=hall_server.db)
    try:
        yield twin
    finally:
        twin.stop()


@pytest.fixture
def server_url(hall_server: ServerProcess) -> str:
    return hall_server.url


@pytest.fixture
def dead_url() -> str:
    """An address where nothing listens: connections are refused at once."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) but never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"


class ScriptedHall:
    """A stand-in server whose event stream and /state answers the test writes in advance.

    Only for what a real server will not do on demand: a hole in the seq of its stream.
    """

    def __init__(self, messages: list[dict[str, Any]], snapshots: list[int]) -> None:
        self.messages = messages
        self.snapshots = list(snapshots)  # the seq of each /state answer, in turn
        self.state_requests = 0
        self._server = serve(self._stream, "127.0.0.1", 0, process_request=self._http)
        self.url = f"http://127.0.0.1:{self._server.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _http(self, conn: ServerConnection, request: Request) -> Response | None:
        if request.path.startswith("/api/v1/events"):
            return None  # go on with the WebSocket handshake
        if request.path.startswith("/api/v1/state") and self.snapshots:
            self.state_requests += 1
            body = json.dumps({"seq": self.snapshots.pop(0), "calls": [], "windows": []})
            headers = Headers([("Content-Type", "application/json")])
            return Response(200, "OK", headers, body.encode())
        return conn.respond(404, "not here")

    def _stream(self, conn: ServerConnection) -> None:
        for msg in self.messages:
            conn.send(json.dumps(msg))
        with contextlib.suppress(ConnectionClosed):
            for _ in conn:  # hold the connection open until the client goes
                pass

    def __enter__(self) -> ScriptedHall:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


@pytest.fixture
def scripted_hall() -> Iterator[Callable[[list[dict[str, Any]], list[int]], ScriptedHall]]:
    """Factory: `scripted_hall(messages, snapshot_seqs)`; shut down at the end."""
    with contextlib.ExitStack() as stack:

        def make(messages: list[dict[str, Any]], snapshots: list[int]) -> ScriptedHall:
            return stack.enter_context(ScriptedHall(messages, snapshots))

        yield make
