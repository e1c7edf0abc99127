"""argparse's own refusals of a `hallq` command line carry a Chinese line too."""

from __future__ import annotations

import pytest

from queue_server.cli import main


@pytest.mark.parametrize(
    ("argv", "english"),
    [
        (["nosuch"], "invalid choice: 'nosuch'"),
        (["report", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["counter"], "the following arguments are required: --window"),
        (["audit", "--day", "2026-13-03"], "not a date"),
        (["slip", "notice", "yyzz"], "one of the arguments --printer --out is required"),
    ],
)
def test_a_bad_command_line_is_refused_in_both_languages(
    argv: list[str], english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert english in err and "命令参数有误" in err and "--help" in err
