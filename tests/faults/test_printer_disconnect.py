"""The network printer drops the connection in the middle of a slip (power cut, cable pulled
and put back, printer rebooting): the kiosk must get PrinterUnavailable at once, with a reason
and message it can show, and the next slip must print whole. That holds up to the last byte: a
drop after the kiosk has handed the whole slip to its send buffer is caught by the status query
that ends every job."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from typing import Any

import pytest
from PIL import Image, ImageChops

from kiosk.printing import EscposSlipPrinter, PrinterUnavailable
from kiosk.slips import TicketSlip, render_ticket
from tests.escpos_decode import decode
from tests.integration.fake_escpos_printer import StatusResponder

pytestmark = pytest.mark.timeout(60)


class CutOffPrinter:
    """Answers the paper-status query, then closes the first job's socket after `cut_after`
    bytes of it; every later job is read to the end, its status queries answered wherever they
    come (the paper before the slip, the receipt after the cut), and kept in `jobs`."""

    def __init__(self, cut_after: int, *, linger_s: float = 0.0) -> None:
        self.cut_after = cut_after
        self.linger_s = linger_s  # wait before closing: the kiosk has handed over everything
        self.jobs: list[bytes] = []
        self.cut_at: list[int] = []
        self._done = threading.Event()
        self._listener = socket.socket()
        # A small receive buffer: the kiosk cannot push the whole slip into the kernel before
        # the printer has read it, as it could not with a real printer's small buffer.
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self._listener.settimeout(0.2)
        self.uri = f"network://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._done.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        first = True
        while not self._done.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                status = StatusResponder()
                if first:
                    first = False
                    # byte by byte up to the paper query, so that cut_after counts from its end
                    while not status.queries and (chunk := conn.recv(1)):
                        conn.sendall(status.feed(chunk))
                    self.cut_at.append(self._read(conn, self.cut_after))
                    time.sleep(self.linger_s)
                    continue  # closing with bytes unread: the kiosk gets a reset
                while chunk := conn.recv(65536):
                    conn.sendall(status.feed(chunk))
                self.jobs.append(status.data)

    @staticmethod
    def _read(conn: socket.socket, limit: int) -> int:
        got = 0
        while got < limit and (chunk := conn.recv(min(4096, limit - got))):
            got += len(chunk)
        return got


def slip() -> Image.Image:
    return render_ticket(
        TicketSlip(
            hall_name="测试政务服务大厅",
            hall_name_en="Test Service Hall",
            number="A012",
            matter_name="个体工商户营业执照办理",
            matter_name_en="Business licence for individual businesses",
            zone_name="证照类审批区",
            windows=[1],
            waiting_ahead=3,
            estimated_wait_min=30,
            issued_at=datetime(2026, 11, 23, 10, 0),
            status_url="http://hall.example:8000/t/Zq8XkP2mN4rT6vW9",
        ),
        paper_mm=80,
    )


JOB_BYTES = 83_000  # a ticket slip at 80 mm: ~83 KB of ESC/POS raster
SEND_BUFFER = 4096  # the kernel doubles it: 8 KB the kiosk can hand over before it blocks


@pytest.fixture(autouse=True)
def lan_buffers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the kiosk's printer socket a LAN-sized send buffer.

    On loopback the MSS is 64 KB and send-buffer autotuning grows to megabytes, so the kiosk
    could hand a whole slip to its kernel in one go, and whether a drop is noticed would
    depend on thread scheduling. A fixed small buffer (SO_SNDBUF also switches autotuning
    off) makes "how much was still to send when the printer went away" deterministic.
    """
    connect = socket.create_connection

    def with_lan_buffer(*args: Any, **kwargs: Any) -> socket.socket:
        sock = connect(*args, **kwargs)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        return sock

    monkeypatch.setattr(socket, "create_connection", with_lan_buffer)


@pytest.mark.parametrize(
    "cut_after", [0, 1500, JOB_BYTES // 2], ids=["after-status", "in-header", "mid-raster"]
)
def test_printer_dropping_mid_slip_is_reported_at_once_and_the_next_slip_prints_whole(
    cut_after: int,
) -> None:
    image = slip()
    printer = CutOffPrinter(cut_after)
    try:
        kiosk_printer = EscposSlipPrinter(printer.uri, paper_mm=80, timeout_s=5)
        start = time.monotonic()
        with pytest.raises(PrinterUnavailable) as failed:
            kiosk_printer.print_image(image)
        assert time.monotonic() - start < 2.0  # told at once, not after the 5 s timeout
        assert failed.value.reason == "offline"
        assert "打印机" in failed.value.message_zh and failed.value.message
        assert any(w in failed.value.detail for w in ("reset", "Broken pipe")), failed.value
        assert printer.cut_at == [cut_after]

        kiosk_printer.print_image(image)  # the printer is back: the next slip prints
        deadline = time.monotonic() + 5
        while not printer.jobs and time.monotonic() < deadline:
            time.sleep(0.02)
        [job] = printer.jobs
        decoded = decode(job)
        assert decoded.commands[-1].raw == b"\x10\x04\x01"  # the receipt query, answered
        printed = decoded.image
        same = ImageChops.difference(printed.convert("L"), image.convert("L")).getbbox() is None
        assert printed.size == image.size and same
    finally:
        printer.close()


@pytest.mark.parametrize(
    "cut_after", [JOB_BYTES - 4000, JOB_BYTES - 400], ids=["last-rows", "before-cut"]
)
def test_printer_dropping_at_the_end_of_a_slip_is_still_reported(cut_after: int) -> None:
    """Every byte was in the kiosk's send buffer before the printer went away: only the
    status query that ends the job (DLE EOT 1, answered on receipt) can tell."""
    printer = CutOffPrinter(cut_after, linger_s=0.3)
    try:
        start = time.monotonic()
        with pytest.raises(PrinterUnavailable) as failed:
            EscposSlipPrinter(printer.uri, paper_mm=80, timeout_s=5).print_image(slip())
        assert time.monotonic() - start < 2.0  # the reset, not the 5 s timeout
        assert failed.value.reason == "offline"
        assert printer.cut_at == [cut_after]
    finally:
        printer.close()
