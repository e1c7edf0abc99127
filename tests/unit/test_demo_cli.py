"""`hallq demo` refuses, in both languages and before starting anything, what cannot work."""

from __future__ import annotations

import socket

import pytest

from queue_server.cli import main


@pytest.mark.parametrize(
    ("windows", "said"),
    [
        ("99", "the hall has no window 99 / 大厅配置中没有窗口 99"),
        ("5,77,99", "the hall has no window 77, 99"),
        ("x", "--windows 应为窗口号"),
        (",", "--windows 应为窗口号"),
    ],
)
def test_demo_windows_the_hall_does_not_have_are_refused(
    windows: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--windows", windows, "--no-voice"]) == 2
    assert said in capsys.readouterr().err


def test_demo_on_a_port_already_in_use_is_refused_before_any_app_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["demo", "--port", str(port), "--no-voice"]) == 2
    err = capsys.readouterr().err
    assert f"port {port} is in use" in err and "已被占用" in err
