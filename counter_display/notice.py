"""Printing the 补正 notice at the counter: rendered and printed on a worker thread.

`NoticeDesk` takes a render function, runs it and the printer off the GUI thread (one job
at a time, in order) and reports back by signal; a printer that fails or hangs never
freezes the console. `PreviewPrinter` writes each slip as a PNG (demo halls, screenshots).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kiosk.printing import PrinterUnavailable, SlipPrinter
from kiosk.slips import render_notice
from queue_server.config import Matter

log = logging.getLogger(__name__)
NO_PRINTER = (
    "本窗口未配置告知单打印机，请手写告知或到导办台打印。",
    "No notice printer is set up for this counter; write the notice by hand or ask the desk.",
)


class PreviewPrinter:
    """A SlipPrinter that saves each slip as `notice-<time>-<n>.png` in a directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._count = 0
        self._lock = threading.Lock()

    def print_image(self, image: Image.Image) -> None:
        """Write the slip; PrinterUnavailable when the directory cannot be written."""
        with self._lock:
            self._count += 1
            path = self.directory / f"notice-{datetime.now():%Y%m%d-%H%M%S}-{self._count}.png"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            image.save(path)
        except OSError as exc:
            raise PrinterUnavailable("io_error", str(exc)) from exc
        log.info("notice preview written to %s", path)


def matter_from_catalog(raw: Mapping[str, Any]) -> Matter:
    """The config model of a catalogue matter (the catalogue adds live fields; drop them)."""
    return Matter.model_validate({k: v for k, v in raw.items() if k in Matter.model_fields})


def notice_renderer(
    catalog: Mapping[str, Any],
    matter_code: str | None,
    missing: list[str],
    *,
    paper_mm: int,
    issued_at: datetime,
) -> Callable[[], Image.Image] | None:
    """A function that renders the 补正 notice of `missing` (for the worker), or None."""
    raw = next((m for m in catalog.get("matters", []) if m.get("code") == matter_code), None)
    if raw is None:
        log.warning("no matter %r in the catalogue: no notice", matter_code)
        return None
    hall_name = str((catalog.get("hall") or {}).get("name", ""))
    matter = matter_from_catalog(raw)
    windows = [int(n) for n in raw.get("windows", [])]

    def render() -> Image.Image:
        return render_notice(
            hall_name=hall_name,
            matter=matter,
            windows=windows,
            missing=list(missing),
            paper_mm=paper_mm,
            issued_at=issued_at,
        )

    return render


class _Signals(QObject):
    printed = Signal(str)
    failed = Signal(object)  # (Chinese, English, detail)


class _Job(QRunnable):
    def __init__(
        self, printer: SlipPrinter, render: Callable[[], Image.Image], what: str, signals: _Signals
    ) -> None:
        super().__init__()
        self.printer, self.render, self.what, self.signals = printer, render, what, signals

    def run(self) -> None:
        try:
            self.printer.print_image(self.render())
        except PrinterUnavailable as exc:
            log.warning("printing %s failed: %s", self.what, exc)
            self.signals.failed.emit((exc.message_zh, exc.message, exc.detail))
        except Exception as exc:  # a rendering bug must not take the console down
            log.exception("printing %s failed", self.what)
            self.signals.failed.emit(
                ("告知单生成失败。", "The notice could not be made.", str(exc))
            )
        else:
            self.signals.printed.emit(self.what)


class NoticeDesk(QObject):
    """The counter's notice printer, used from the GUI thread; work runs on a worker."""

    printed = Signal(str)  # what was printed
    failed = Signal(object)  # (Chinese, English, detail)

    def __init__(
        self, printer: SlipPrinter | None, *, paper_mm: int = 80, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.printer = printer
        self.paper_mm = paper_mm
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one printer: jobs in order
        self._signals = _Signals(self)
        self._signals.printed.connect(self.printed)
        self._signals.failed.connect(self.failed)

    @property
    def available(self) -> bool:
        """False when no printer is configured (a null printer)."""
        return self.printer is not None

    def submit(self, render: Callable[[], Image.Image], what: str) -> None:
        """Render and print on the worker; `printed` or `failed` follows."""
        if self.printer is None:
            self.failed.emit((*NO_PRINTER, "no printer"))
            return
        self._pool.start(_Job(self.printer, render, what, self._signals))

    def wait(self, ms: int = 10000) -> bool:
        """Wait for the jobs in hand (closing, tests); True when none is left."""
        return self._pool.waitForDone(ms)
