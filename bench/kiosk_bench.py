"""Kiosk benchmark: start-up to the home screen, and tap-to-slip-bytes-sent.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.kiosk_bench [-n 20] [--hall sample|mini]

Against a real `hallq serve` (the sample hall by default: 81 matters, the catalogue a real
kiosk loads) and a fake network thermal printer on 127.0.0.1 that records the ESC/POS bytes.

- cold start: a new `python` process, imports included, until the zone buttons show;
- warm start: `build_kiosk()` in a running Qt application until the zone buttons show;
- tap → ticket on screen: a click on "Take a ticket" until the ticket screen shows the number;
- tap → slip bytes sent: the same click until the printer has the whole job (connection
  closed by the kiosk after the cut and the printer's answer to the status query that ends
  the job), i.e. issue + render + raster + network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.__main__ import Kiosk, build_kiosk  # noqa: E402
from kiosk.flow import Screen  # noqa: E402
from kiosk.settings import KioskSettings  # noqa: E402
from queue_server.config import SAMPLE_HALL  # noqa: E402
from tests.integration.fake_escpos_printer import FakeNetworkPrinter  # noqa: E402
from tests.serverproc import MINI_HALL, ServerProcess  # noqa: E402

HALLS = {
    "sample": (SAMPLE_HALL, "demo-kiosk-key-1", "gsj-gs-sl"),
    "mini": (MINI_HALL, "test-kiosk-key", "yyzz"),
}
COLD = """
import os, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk.__main__ import build_kiosk
from kiosk.settings import KioskSettings
k = build_kiosk(KioskSettings(server=sys.argv[1], key=sys.argv[2]))
k.window.show()
while not k.window.home.zone_buttons or not k.window.isVisible():
    app.processEvents()
    time.sleep(0.001)
print(f"{(time.perf_counter() - t0) * 1000:.1f}")
"""


def spin_until(condition: Callable[[], bool], timeout: float = 20.0) -> float:
    """Process Qt events until `condition()`; returns the perf_counter time it held."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step timed out")
        QApplication.processEvents()
        time.sleep(0.0005)
    return time.perf_counter()


def cold_start(url: str, key: str, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        out = subprocess.run(
            [sys.executable, "-c", COLD, url, key],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return samples


def warm_start(url: str, key: str, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        kiosk = build_kiosk(KioskSettings(server=url, key=key))
        kiosk.window.show()
        t1 = spin_until(lambda k=kiosk: bool(k.window.home.zone_buttons))  # type: ignore[misc]
        samples.append((t1 - t0) * 1000)
        kiosk.close()
    return samples


def tap(widget: object) -> None:
    w = widget  # a QWidget
    QTest.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(w.width() // 2, w.height() // 2))  # type: ignore[attr-defined]


def tap_to_print(kiosk: Kiosk, printer: FakeNetworkPrinter, matter: str, n: int) -> tuple:
    on_screen, printed = [], []
    c, w = kiosk.controller, kiosk.window
    for _ in range(n):
        c.home()
        c.open_matter(matter)
        spin_until(lambda: c.flow.current.screen is Screen.GUIDE and not c.loading)
        jobs = len(printer.jobs)
        t0 = time.perf_counter()
        tap(w.guide.take_button)
        t1 = spin_until(lambda: c.flow.current.screen is Screen.TICKET)
        t2 = spin_until(lambda j=jobs: len(printer.jobs) > j)  # type: ignore[misc]
        on_screen.append((t1 - t0) * 1000)
        printed.append((t2 - t0) * 1000)
        spin_until(lambda: w.ticket.state == "printed")
    return on_screen, printed


def row(name: str, samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=10, method="inclusive") if len(samples) > 1 else samples * 9
    return (
        f"| {name:<28} | {len(samples):>3} | {statistics.median(samples):>8.1f} | {q[8]:>8.1f} "
        f"| {min(samples):>8.1f} | {max(samples):>8.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.kiosk_bench", description=__doc__)
    parser.add_argument("-n", type=int, default=20, help="samples per measure (default 20)")
    parser.add_argument("--cold", type=int, default=5, help="cold-start processes (default 5)")
    parser.add_argument("--hall", choices=sorted(HALLS), default="sample")
    args = parser.parse_args(argv)
    config, key, matter = HALLS[args.hall]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, FakeNetworkPrinter() as printer:
        server = ServerProcess(Path(tmp), config=config).start()
        try:
            cold = cold_start(server.url, key, args.cold) if args.cold else []
            warm = warm_start(server.url, key, args.n)
            kiosk = build_kiosk(KioskSettings(server=server.url, key=key, printer=printer.uri))
            kiosk.window.show()
            spin_until(lambda: kiosk.controller.finder.index is not None)
            on_screen, printed = tap_to_print(kiosk, printer, matter, args.n)
            kiosk.close()
        finally:
            server.stop()
    print(f"kiosk benchmark: {args.hall} hall ({config.name}), matter {matter}, ms")
    print("| measure                      |   n |   median |      p90 |      min |      max |")
    print("|------------------------------|----:|---------:|---------:|---------:|---------:|")
    for name, samples in (
        ("cold start → home", cold),
        ("warm start → home", warm),
        ("tap → ticket on screen", on_screen),
        ("tap → slip bytes sent", printed),
    ):
        if samples:
            print(row(name, samples))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
