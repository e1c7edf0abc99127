"""Slip benchmark: render a ticket and a notice slip (kiosk.slips), ESC/POS bytes, loopback print.

- render: `render_ticket` / `render_notice` to a 1-bit image, median of n (the first render,
  which loads the font, is timed apart as `slip.first_render_ms`);
- bytes: the ESC/POS job of each slip (`MemoryPrinter`, python-escpos Dummy);
- send: the ticket slip through `EscposSlipPrinter` to the fake network printer of the tests
  (tests/integration/fake_escpos_printer.py, 127.0.0.1), to the connection closed after the
  printer's answer to the status query that ends the job.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from statistics import median
from typing import TypeVar

from PIL import Image

from kiosk.printing import EscposSlipPrinter, MemoryPrinter
from kiosk.slips import TicketSlip, render_notice, render_ticket
from queue_server.config import load_hall
from tests.integration.fake_escpos_printer import FakeNetworkPrinter

ISSUED = datetime(2026, 11, 23, 2, 5, tzinfo=UTC)
T = TypeVar("T")


def ticket_slip() -> TicketSlip:
    return TicketSlip(
        hall_name="长治市郊区政务服务中心",
        hall_name_en="Changzhi Jiaoqu District Government Service Centre",
        number="F123",
        matter_name="城乡居民基本养老保险参保登记",
        matter_name_en="Residents' basic pension insurance enrolment",
        zone_name="社保就业服务区",
        windows=[41, 42, 43, 44, 45],
        waiting_ahead=12,
        estimated_wait_min=18,
        issued_at=ISSUED,
        status_url="http://192.168.1.10:8000/t/abcdefghijklmnop",
        masked_id="140***********1234",
    )


def _timed(fn: Callable[[], T], n: int) -> tuple[list[float], T]:
    """Milliseconds of each of `n` calls, and the last result."""
    samples = []
    for _ in range(n - 1):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    result = fn()
    samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def run(*, quick: bool) -> dict[str, float]:
    n = 5 if quick else 20
    hall = load_hall()
    matter = max(hall.matters, key=lambda m: len(m.guide.materials))
    slip = ticket_slip()
    first, _ = _timed(lambda: render_ticket(slip), 1)
    ticket_ms, ticket = _timed(lambda: render_ticket(slip), n)

    def notice() -> Image.Image:
        return render_notice(
            hall_name=hall.hall.name, matter=matter, windows=[41, 42], issued_at=ISSUED
        )

    notice_ms, notice_img = _timed(notice, n)
    sizes = {}
    for name, image in (("ticket", ticket), ("notice", notice_img)):
        memory = MemoryPrinter(80)
        memory.print_image(image)
        sizes[name] = len(memory.output)
    with FakeNetworkPrinter() as fake:
        printer = EscposSlipPrinter(fake.uri, paper_mm=80, timeout_s=5)
        send_ms = []
        for i in range(n):
            start = time.perf_counter()
            printer.print_image(ticket)
            fake.wait_for_jobs(i + 1)
            send_ms.append((time.perf_counter() - start) * 1000)
    return {
        "slip.first_render_ms": first[0],
        "slip.render_ms": median(ticket_ms),
        "slip.notice_render_ms": median(notice_ms),
        "slip.ticket_bytes": float(sizes["ticket"]),
        "slip.notice_bytes": float(sizes["notice"]),
        "slip.ticket_height_px": float(ticket.height),
        "slip.notice_height_px": float(notice_img.height),
        "slip.send_loopback_ms": median(send_ms),
    }
