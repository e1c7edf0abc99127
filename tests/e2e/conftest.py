"""Browser end-to-end fixtures: a real `hallq serve` and the system's headless Chromium.

Playwright drives Debian's /usr/bin/chromium (its own browser download does not work on
the hall's machines); the tests are skipped when either is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from queue_server.config import SAMPLE_HALL
from tests.e2e.staffpages import DESK, ZONED_KIOSK_TOML, start_server
from tests.serverproc import MINI_HALL, ROOT, ServerProcess

CHROMIUM = Path(os.environ.get("HALLQ_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")  # a session-wide Playwright loop would leak into later tests
def browser() -> Iterator[Any]:
    """One headless Chromium per module; each test opens its own contexts."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt install chromium, or set HALLQ_CHROMIUM)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


NOTICE = (
    'notice = "欢迎来到测试政务服务大厅！请凭号等候，留意语音叫号和屏幕提示；'
    '过号后可凭号票在取号机扫码重新排队一次。"\n'
    'notice_en = "Welcome! Please wait for your number to be called; '
    'if you miss your call, scan your slip at the kiosk to re-queue once."\n'
)


@pytest.fixture
def hall_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The small test hall (with a hall notice) on its own SQLite file; may be killed and
    restarted by a test."""
    config = tmp_path / "hall.toml"
    config.write_text(
        MINI_HALL.read_text(encoding="utf-8").replace("[hall]\n", "[hall]\n" + NOTICE, 1),
        encoding="utf-8",
    )
    srv = ServerProcess(tmp_path, config=config).start()
    yield srv
    srv.stop()


@pytest.fixture
def sample_hall_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The sample hall (config/hall.toml: 53 windows in 6 zones) on its own SQLite file."""
    srv = ServerProcess(tmp_path, config=SAMPLE_HALL).start()
    yield srv
    srv.stop()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: docs/screenshots with HALLQ_SCREENSHOTS=1, else a temp folder."""
    if os.environ.get("HALLQ_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
    else:
        folder = tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_staff_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_staff_page(server, path, viewport): a page in a context of its own; the test fails on
    any JavaScript error of any page it opened."""
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(server: ServerProcess, path: str, viewport: dict[str, int] = DESK) -> Any:
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(server.url + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def zoned_kiosk_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """The test hall with a second kiosk standing in zone B (社保服务区)."""
    srv = start_server(tmp_path, ZONED_KIOSK_TOML).start()
    yield srv
    srv.stop()
