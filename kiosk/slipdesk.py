"""Which slip prints when, and what happens when the printer fails.

Tickets, one-time notices and test pages are rendered and printed by the `PrintService`
worker. A failed ticket is logged and reported to the server (`printer.fault` on the event
stream, for the hall staff); the ticket itself was committed before printing started.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.catalog import Catalog, MatterInfo
from kiosk.entry import Refusal
from kiosk.printing import PrinterUnavailable
from kiosk.printjob import PrintService
from kiosk.slipdata import notice_image, test_page, ticket_image
from queue_server.client import ApiError, QueueClient

log = logging.getLogger(__name__)


class SlipDesk(QObject):
    """Prints slips on the worker; `rendered`, then `printed` or `failed(job, Refusal)`."""

    rendered = Signal(str, QImage)
    printed = Signal(str)
    failed = Signal(str, object)
    fault_reported = Signal(str)  # job

    def __init__(self, printer: PrintService, client: QueueClient) -> None:
        super().__init__()
        self.printer, self.client = printer, client
        self.ticket_job = ""
        self._tickets: dict[str, str | None] = {}  # job → ticket number
        printer.rendered.connect(self.rendered)
        printer.printed.connect(self._on_printed)
        printer.failed.connect(self._on_failed)

    @property
    def has_printer(self) -> bool:
        """A printer is configured."""
        return self.printer.has_printer

    def print_ticket(self, ticket: dict[str, Any], catalog: Catalog) -> str:
        """Render and print a ticket slip; returns the job id."""
        paper = self.printer.paper_mm
        job = self.printer.submit("ticket", lambda: ticket_image(ticket, catalog, paper_mm=paper))
        self._tickets[job] = str(ticket.get("number"))
        self.ticket_job = job
        return job

    def print_notice(self, matter: MatterInfo, catalog: Catalog) -> str:
        """Render and print a matter's one-time notice; returns the job id."""
        paper = self.printer.paper_mm
        job = self.printer.submit("notice", lambda: notice_image(matter, catalog, paper_mm=paper))
        self._tickets[job] = None
        return job

    def print_test_page(self) -> str:
        """Render and print the printer test page; returns the job id."""
        name, paper, server = self.printer.name, self.printer.paper_mm, self.client.api_url
        job = self.printer.submit(
            "test", lambda: test_page(printer=name, paper_mm=paper, server=server)
        )
        self._tickets[job] = None
        return job

    def _on_printed(self, job: str, seconds: float) -> None:
        self._tickets.pop(job, None)
        log.info("slip %s printed in %.2f s", job, seconds)
        self.printed.emit(job)

    def _on_failed(self, job: str, exc: PrinterUnavailable) -> None:
        number = self._tickets.pop(job, None)
        refusal = Refusal(exc.reason, exc.message, exc.message_zh)
        if self.has_printer:
            log.warning(
                "printer %s failed on %s (ticket %s): %s", self.printer.name, job, number, exc
            )
            self._report(job, exc, number)
        self.failed.emit(job, refusal)

    def _report(self, job: str, exc: PrinterUnavailable, number: str | None) -> None:
        body = {
            "printer": self.printer.name,
            "reason": exc.reason,
            "message": f"{exc.message_zh} {exc.message} {exc.detail}".strip()[:500],
            "ticket": number,
        }
        reply = self.client.post("/devices/printer-fault", body)
        reply.finished.connect(lambda _data: self.fault_reported.emit(job))
        reply.failed.connect(lambda e: self._not_reported(e))

    @staticmethod
    def _not_reported(error: ApiError) -> None:
        log.warning("printer fault not reported: %s (%s)", error, error.detail)
