"""Rendering and printing slips on a worker thread, reporting back by signals.

The GUI thread never touches the printer: a slow, refusing or paper-less printer only delays
the `printed` / `failed` signal. One thread per printer keeps jobs in order.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from kiosk.printing import PrinterUnavailable, SlipPrinter

log = logging.getLogger(__name__)
Render = Callable[[], Image.Image]


def to_qimage(image: Image.Image) -> QImage:
    """A Pillow slip (mode "1" or "L") as a grey QImage that owns its pixels."""
    grey = image.convert("L")
    data = grey.tobytes()
    return QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8).copy()


class _Signals(QObject):
    rendered = Signal(str, QImage)
    printed = Signal(str, float)
    failed = Signal(str, object)


class _Job(QRunnable):
    def __init__(
        self, job: str, render: Render, printer: SlipPrinter | None, signals: _Signals
    ) -> None:
        super().__init__()
        self.job, self.render, self.printer, self.signals = job, render, printer, signals

    def run(self) -> None:
        started = time.perf_counter()
        try:
            image = self.render()
        except Exception as exc:  # a bad catalogue entry must not kill the worker
            log.exception("rendering slip %s failed", self.job)
            self.signals.failed.emit(self.job, PrinterUnavailable("offline", f"render: {exc}"))
            return
        self.signals.rendered.emit(self.job, to_qimage(image))
        if self.printer is None:
            self.signals.failed.emit(self.job, PrinterUnavailable("offline", "no printer"))
            return
        try:
            self.printer.print_image(image)
        except PrinterUnavailable as exc:
            self.signals.failed.emit(self.job, exc)
            return
        except Exception as exc:  # a driver bug is still only a printer problem
            log.exception("printer raised an unexpected error")
            self.signals.failed.emit(self.job, PrinterUnavailable("offline", repr(exc)))
            return
        self.signals.printed.emit(self.job, time.perf_counter() - started)


class PrintService(QObject):
    """Submit render-and-print jobs; `rendered(job, QImage)`, then `printed` or `failed`."""

    rendered = Signal(str, QImage)
    printed = Signal(str, float)  # job, seconds from start to the last byte sent
    failed = Signal(str, object)  # job, PrinterUnavailable

    def __init__(self, printer: SlipPrinter | None, *, name: str = "", paper_mm: int = 80) -> None:
        super().__init__()
        self.printer = printer
        self.name = name or "kiosk-printer"
        self.paper_mm = paper_mm
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._signals = _Signals(self)
        self._signals.rendered.connect(self.rendered)
        self._signals.printed.connect(self.printed)
        self._signals.failed.connect(self.failed)

    @property
    def has_printer(self) -> bool:
        """A printer is configured."""
        return self.printer is not None

    def submit(self, kind: str, render: Render) -> str:
        """Queue a job; returns its id (`kind-N`)."""
        job = f"{kind}-{next(self._ids)}"
        self._pool.start(_Job(job, render, self.printer, self._signals))
        return job

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Wait for the jobs in hand (at shutdown, in tests)."""
        return self._pool.waitForDone(timeout_ms)
