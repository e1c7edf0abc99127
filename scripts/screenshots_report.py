"""Photograph the HTML report of a generated month for docs/REPORTS.md (docs/screenshots/report-*).

    .venv/bin/python scripts/screenshots_report.py [--out docs/screenshots] [--keep DIR]

Generates October 2026 of the sample hall (seed 1, as the sample figures in docs/REPORTS.md)
into a new SQLite file, writes its HTML report with `hallq report --format html`, and
photographs the page with Playwright driving the system's headless Chromium (/usr/bin/chromium,
or HALLQ_CHROMIUM): the top of the page at 1400×2000 (report-month.png) and a section each,
from its heading to the next one.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from queue_server.cli import main as hallq  # noqa: E402

log = logging.getLogger("screenshots_report")
CHROMIUM = Path(os.environ.get("HALLQ_CHROMIUM", "/usr/bin/chromium"))
WIDTH, HEIGHT = 1400, 2000
MARGIN = 8  # px kept above a section's heading
# file → (the heading it starts at, the heading it ends before)
SECTIONS = {
    "report-heatmap.png": ("#trend", "#quality"),
    "report-quality.png": ("#quality", "#satisfaction"),
    "report-bookings.png": ("#bookings", "#ranking"),
    "report-ranking.png": ("#ranking", "#attendance"),
    "report-attendance.png": ("#attendance", "#appendix"),
}


def make_report(work: Path) -> Path:
    """The generated month's HTML report, in `work`."""
    db, page = work / "oct.sqlite3", work / "report.html"
    if not db.exists():
        generate = ["report", "generate-month", "--month", "2026-10", "--seed", "1"]
        if hallq([*generate, "--db", str(db)]) != 0:
            raise SystemExit("generate-month failed")
    report = ["report", "--month", "2026-10", "--db", str(db), "--format", "html"]
    if hallq([*report, "--out", str(page)]) != 0:
        raise SystemExit("hallq report failed")
    return page


def photograph(page_file: Path, out: Path) -> None:
    from playwright.sync_api import FloatRect, sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length > 0")
        page.wait_for_timeout(1500)  # plotly draws after load
        page.screenshot(path=str(out / "report-month.png"))
        log.info("report-month.png")
        for name, (first, until) in SECTIONS.items():
            top, bottom = _top(page, first), _top(page, until)
            clip = FloatRect(x=0, y=top - MARGIN, width=WIDTH, height=bottom - top)
            page.screenshot(path=str(out / name), clip=clip, full_page=True)
            log.info("%s (%d px high)", name, bottom - top)
        browser.close()


def _top(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => e.getBoundingClientRect().top + scrollY"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep", type=Path, help="work here (the database, the page) and keep it")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not CHROMIUM.exists():
        raise SystemExit(f"no Chromium at {CHROMIUM} (apt install chromium, or set HALLQ_CHROMIUM)")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        photograph(make_report(args.keep), args.out)
        return
    with tempfile.TemporaryDirectory() as work:
        photograph(make_report(Path(work)), args.out)


if __name__ == "__main__":
    main()
