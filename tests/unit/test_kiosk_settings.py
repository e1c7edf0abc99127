"""Kiosk settings: environment over defaults, the printer a kiosk uses, bad values refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.printing import EscposSlipPrinter
from kiosk.settings import KioskSettings, build_printer, parse_size, printer_label
from queue_server.config import SAMPLE_HALL


def test_command_line_beats_environment_beats_defaults() -> None:
    env = {
        "HALLQ_KIOSK_ADMIN_PIN": "2468",
        "HALLQ_KIOSK_IDLE_TIMEOUT_S": "30",
        "HALLQ_KIOSK_SERVER": "http://env:1",
        "HALLQ_KIOSK_HELP_COOLDOWN_S": "90",
    }
    s = KioskSettings.from_env(env, server="http://cli:1", key=None)
    assert (s.admin_pin, s.idle_timeout_s, s.server, s.key) == ("2468", 30.0, "http://cli:1", "")
    assert (s.help_cooldown_s, KioskSettings().help_cooldown_s) == (90.0, 60.0)


@pytest.mark.parametrize(
    ("given", "chinese"),
    [
        ({"language": "fr"}, "语言只能是"),
        ({"idle_timeout_s": 1.0}, "至少为5秒"),
        ({"admin_pin": "12ab"}, "管理密码应为4至8位数字"),
    ],
)
def test_unusable_settings_are_refused_in_both_languages(
    given: dict[str, object], chinese: str
) -> None:
    with pytest.raises(ValueError, match=f" / .*{chinese}"):
        KioskSettings.from_env({}, **given)


@pytest.mark.parametrize(
    ("printer", "chinese"),
    [
        ("nope", "大厅配置中没有该打印机"),
        ("bogus://x", "不支持该打印机地址"),
        ("usb://zz:yy", "十六进制"),
        ("network://h:port", "端口有误"),
    ],
)
def test_an_unusable_printer_is_refused_in_both_languages(printer: str, chinese: str) -> None:
    with pytest.raises(ValueError, match=chinese):
        build_printer(KioskSettings(printer=printer, config=SAMPLE_HALL))
    with pytest.raises(ValueError, match="窗口尺寸应形如"):
        parse_size("big")


def test_the_kiosk_device_of_the_hall_config_names_its_printer() -> None:
    label, printer, paper = build_printer(KioskSettings(key="demo-kiosk-key-2", config=SAMPLE_HALL))
    assert label == "kiosk2" and paper == 58
    assert isinstance(printer, EscposSlipPrinter) and printer.connection.kind == "file"


def test_a_printer_uri_needs_no_config_and_no_printer_means_preview_only(tmp_path: Path) -> None:
    label, printer, paper = build_printer(
        KioskSettings(printer=f"file://{tmp_path}/out.bin?paper_mm=58")
    )
    assert printer is not None and paper == 58 and label.endswith("out.bin-paper_mm-58")
    assert build_printer(KioskSettings(key="demo-kiosk-key-1"))[1] is None
    with pytest.raises(ValueError, match="unknown printer"):
        build_printer(KioskSettings(printer="nope", config=SAMPLE_HALL))


def test_fault_report_names_and_window_sizes() -> None:
    assert printer_label("network://127.0.0.1:9100") == "127.0.0.1-9100"
    assert len(printer_label("usb://" + "x" * 80)) == 40
    assert parse_size("1080x1920") == (1080, 1920)
    with pytest.raises(ValueError):
        parse_size("big")
