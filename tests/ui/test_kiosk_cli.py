"""`hallq slip …` and `hallq kiosk` on the command line, against a real server and printer."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot

from queue_server.cli import build_parser, main
from tests.escpos_decode import decode
from tests.integration.fake_escpos_printer import FakeNetworkPrinter, refusing_uri
from tests.serverproc import MINI_HALL, ServerProcess
from tests.ui.kiosk_support import KIOSK_KEY, MakeKiosk, fake_printer, make_kiosk  # noqa: F401


def qr_text(image: Image.Image) -> str:
    code = zxingcpp.read_barcode(image.convert("L"))
    assert code is not None, "no QR code"
    return str(code.text)


def test_slip_ticket_renders_the_issued_ticket_from_the_server(
    hall_server: ServerProcess, tmp_path: Path
) -> None:
    _, ticket = hall_server.post("/api/v1/tickets", {"matter": "yyzz"}, KIOSK_KEY)
    out = tmp_path / "ticket.png"
    code = main(
        ["slip", "ticket", ticket["status_url"], "--server", hall_server.url, "--out", str(out)]
    )
    assert code == 0
    image = Image.open(out)
    assert image.width == 576 and qr_text(image) == ticket["status_url"]


def test_slip_ticket_prints_on_a_network_printer(
    hall_server: ServerProcess,
    fake_printer: FakeNetworkPrinter,  # noqa: F811
) -> None:
    _, ticket = hall_server.post("/api/v1/tickets", {"matter": "sybx"}, KIOSK_KEY)
    argv = [
        "slip",
        "ticket",
        ticket["token"],
        "--server",
        hall_server.url,
        "--printer",
        fake_printer.uri + "?paper_mm=58",
    ]
    assert main(argv) == 0
    (job,) = fake_printer.wait_for_jobs(1)
    printed = decode(job).image
    assert printed.width == 384 and qr_text(printed) == ticket["status_url"]


def test_slip_notice_renders_a_matter_guide_without_a_server(tmp_path: Path) -> None:
    out = tmp_path / "notice.png"
    assert main(["slip", "notice", "ylbx", "--config", str(MINI_HALL), "--out", str(out)]) == 0
    assert Image.open(out).height > 500
    with pytest.raises(SystemExit, match="no matter"):
        main(["slip", "notice", "nope", "--config", str(MINI_HALL), "--out", str(out)])


def test_slip_test_page_to_a_refusing_printer_fails_with_a_bilingual_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    holder, uri = refusing_uri()
    try:
        assert main(["slip", "test", "--printer", uri]) == 3
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert "打印机拒绝连接" in err and "refused" in err


def test_kiosk_command_line_options_reach_the_settings(qtbot: QtBot) -> None:
    from kiosk.cli import settings_from_args

    args = build_parser().parse_args(
        [
            "kiosk",
            "--server",
            "http://10.0.0.2:8000",
            "--key",
            "k-123456",
            "--windowed",
            "--zone",
            "A",
            "--idle-timeout",
            "30",
            "--admin-pin",
            "1357",
            "--size",
            "1080x1920",
        ]
    )
    settings = settings_from_args(args)
    assert settings.server == "http://10.0.0.2:8000" and settings.windowed
    assert settings.zones == ("A",) and settings.idle_timeout_s == 30
    assert settings.size == (1080, 1920) and settings.admin_pin == "1357"


def test_a_zone_kiosk_lists_only_its_zone(
    qtbot: QtBot,
    hall_server: ServerProcess,
    make_kiosk: MakeKiosk,  # noqa: F811
) -> None:
    kiosk = make_kiosk(hall_server.url, zones=("B",))
    assert list(kiosk.window.home.zone_buttons) == ["B"]
    assert {m.zone for m in kiosk.controller.finder.search("")} == {"B"}


def test_slip_with_a_missing_hall_file_fails_in_both_languages_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope.toml")
    for out in (["--out", str(tmp_path / "n.png")], ["--printer", "kiosk1"]):
        assert main(["slip", "notice", "ylbx", "--config", missing, *out]) == 2
        err = capsys.readouterr().err
        assert "nope.toml" in err and "cannot read" in err and "大厅配置有误" in err


def test_slip_to_a_file_that_cannot_be_written_fails_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "notice.png"
    assert main(["slip", "notice", "ylbx", "--config", str(MINI_HALL), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "无法写入文件" in err


def test_slip_ticket_without_a_server_says_so_in_both_languages(tmp_path: Path) -> None:
    holder, uri = refusing_uri()  # a port nobody answers on
    server = uri.replace("network://", "http://")
    try:
        with pytest.raises(SystemExit, match="无法连接排队服务器.*Cannot reach the queue server"):
            main(["slip", "ticket", "abcdef", "--server", server, "--out", str(tmp_path / "t.png")])
    finally:
        holder.close()


@pytest.mark.parametrize(
    ("options", "english", "chinese"),
    [
        (["--printer", "nosuch", "--config", str(MINI_HALL)], "unknown printer", "设置有误"),
        (["--printer", "bogus://x"], "unsupported printer URI", "设置有误"),
        (["--config", "/nonexistent/hall.toml"], "cannot read", "大厅配置有误"),
    ],
)
def test_kiosk_with_a_bad_printer_or_hall_file_fails_before_starting(
    options: list[str], english: str, chinese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kiosk", "--windowed", "--key", KIOSK_KEY, *options]) == 2
    err = capsys.readouterr().err
    assert english in err and chinese in err


def test_a_bad_window_size_is_named_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    for app in (["kiosk"], ["counter", "--window", "5"]):
        with pytest.raises(SystemExit):
            build_parser().parse_args([*app, "--size", "12"])
        err = capsys.readouterr().err
        assert "'12'" in err and "尺寸应形如" in err


def test_python_m_kiosk_refuses_bad_settings_as_hallq_kiosk_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.__main__ import main as kiosk_main

    assert kiosk_main(["--windowed", "--admin-pin", "1"]) == 2
    assert kiosk_main(["--windowed", "--printer", "nosuch", "--config", str(MINI_HALL)]) == 2
    err = capsys.readouterr().err
    assert "管理密码应为4至8位数字" in err and "unknown printer 'nosuch'" in err


def test_a_kiosk_zone_the_hall_file_lacks_is_refused_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["kiosk", "--windowed", "--config", str(MINI_HALL), "--zone", "B", "--zone", "Q"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--zone Q: the hall has no such zone" in err and "大厅配置中没有功能区“Q”" in err
