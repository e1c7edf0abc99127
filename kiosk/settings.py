"""Kiosk settings from the command line and the environment, and the printer they name.

No Qt and nothing at import time. Environment variables (`HALLQ_KIOSK_KEY`,
`HALLQ_KIOSK_ADMIN_PIN`, …) fill what the command line leaves out, so a PIN or key need not
appear in the process list.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from queue_server.config import SAMPLE_HALL, ConfigError, HallConfig, load_hall

if TYPE_CHECKING:
    from kiosk.printing import SlipPrinter

log = logging.getLogger(__name__)

DEFAULT_SERVER = "http://127.0.0.1:8000"
ENV_PREFIX = "HALLQ_KIOSK_"
_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class KioskSettings:
    """Everything the composition root needs to build a kiosk."""

    server: str = DEFAULT_SERVER
    key: str = ""
    printer: str = ""  # [printers.NAME], a URI, or "" for the kiosk device's own printer
    config: Path | None = None  # hall TOML: printer names and the device's printer
    windowed: bool = False
    zones: tuple[str, ...] = ()
    language: str = "zh"
    idle_timeout_s: float = 60.0
    ticket_screen_s: float = 15.0
    fault_screen_s: float = 45.0
    catalog_refresh_s: float = 30.0
    request_timeout_s: float = 5.0
    issue_retries: int = 2  # a ticket request without an answer is sent again (same key)
    admin_pin: str = ""
    admin_hold_s: float = 3.0
    help_cooldown_s: float = 60.0  # after a call for help, the button rests this long
    size: tuple[int, int] = (1920, 1080)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **given: object) -> KioskSettings:
        """Settings from keyword arguments, falling back to `HALLQ_KIOSK_*` variables."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for name in ("server", "key", "printer", "admin_pin", "language"):
            if f"{ENV_PREFIX}{name.upper()}" in env:
                values[name] = env[f"{ENV_PREFIX}{name.upper()}"]
        floats = ("idle_timeout_s", "ticket_screen_s", "catalog_refresh_s", "admin_hold_s")
        for name in (*floats, "help_cooldown_s"):
            if f"{ENV_PREFIX}{name.upper()}" in env:
                values[name] = float(env[f"{ENV_PREFIX}{name.upper()}"])
        values.update({k: v for k, v in given.items() if v is not None and v != ""})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError naming the setting that cannot work."""
        if self.language not in ("zh", "en"):
            raise ValueError(
                f"language must be 'zh' or 'en', not {self.language!r} / 语言只能是 zh 或 en"
            )
        if self.idle_timeout_s < 5:
            raise ValueError(
                "the idle timeout must be at least 5 seconds / 无操作返回时间至少为5秒"
            )
        if self.admin_pin and not (self.admin_pin.isdigit() and 4 <= len(self.admin_pin) <= 8):
            raise ValueError("the admin PIN must be 4 to 8 digits / 管理密码应为4至8位数字")


def parse_size(text: str) -> tuple[int, int]:
    """`1080x1920` → (1080, 1920)."""
    match = re.fullmatch(r"\s*(\d{3,4})\s*[xX×]\s*(\d{3,4})\s*", text)
    if not match:
        raise ValueError(
            f"a window size looks like 1080x1920, not {text!r} / 窗口尺寸应形如 1080x1920"
        )
    return int(match[1]), int(match[2])


def hall_config(settings: KioskSettings) -> HallConfig | None:
    """The hall TOML of `--config` (or the sample hall when a printer NAME needs one).

    Read only when needed: parsing a big hall file costs ~0.1 s of start-up.
    """
    path = settings.config
    if path is None and settings.printer and "://" not in settings.printer:
        path = SAMPLE_HALL  # a printer NAME with no --config: the sample hall's printers
    if path is None:
        return None
    try:
        return load_hall(path)
    except ConfigError as exc:
        if settings.config is not None:
            raise
        log.warning("cannot read %s: %s", path, exc)
        return None


def printer_choice(settings: KioskSettings, hall: HallConfig | None) -> str:
    """The printer NAME or URI to use: `--printer`, else the kiosk device's `printer`."""
    if settings.printer:
        return settings.printer
    if hall is not None and settings.key:
        device = hall.device_with_key(settings.key)
        if device is not None and device.printer:
            return device.printer
    return ""


def printer_label(choice: str) -> str:
    """A printer name the server accepts in a fault report (a code, at most 40 chars)."""
    if "://" in choice:
        choice = choice.split("://", 1)[1]
    return _NAME.sub("-", choice)[-40:].strip("-.") or "kiosk-printer"  # the tail tells most


def build_printer(settings: KioskSettings) -> tuple[str, SlipPrinter | None, int]:
    """(label, printer or None, paper mm) from the settings; ValueError on a bad name/URI."""
    hall = hall_config(settings)
    choice = printer_choice(settings, hall)
    if not choice:
        return "", None, 80
    from kiosk.printing import printer_from_config  # escpos and Pillow load only when needed

    if "://" not in choice and hall is None:
        raise ValueError(
            f"printer {choice!r} is a name: give --config with [printers.{choice}] / "
            "打印机名称须配合 --config 指定的大厅配置使用"
        )
    printer = printer_from_config(choice, hall)  # type: ignore[arg-type]
    paper = int(getattr(printer, "paper_mm", 80))
    return printer_label(choice), printer, paper
