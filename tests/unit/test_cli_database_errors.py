"""A database `hallq` cannot use is named in English and Chinese, never with a traceback;
`hallq serve` takes its settings from `HALLQ_*` as the other commands do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queue_server.cli import main
from queue_server.config import load_hall

MINI = Path(__file__).parents[1] / "fixtures" / "mini_hall.toml"


def _said(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> str:
    return capsys.readouterr().err + caplog.text  # `report` logs its refusals


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "0"],
        ["report", "--from", "2026-10-01"],
        ["audit", "--day", "2026-10-01"],
        ["backup", "backup.sqlite3"],
        ["restore", "backup.sqlite3"],
    ],
)
def test_a_database_url_of_an_unknown_kind_is_refused_in_both_languages(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert main([*argv, "--db", "mysql://hall:s3cret@db.local/hallq"]) == 2
    said = _said(capsys, caplog)
    assert "mysql://" in said and "sqlite:///" in said and "数据库地址有误" in said
    assert "s3cret" not in said  # a URL may carry a password: only its scheme is shown


def test_a_bad_hallq_variable_is_named_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HALLQ_SQLITE_SYNCHRONOUS", "sometimes")
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "HALLQ_SQLITE_SYNCHRONOUS" in err and "'FULL' or 'NORMAL'" in err
    assert "环境变量" in err


def test_a_database_url_of_an_unknown_kind_in_the_environment_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HALLQ_DATABASE_URL", "foo://bar/db")
    assert main(["audit", "--day", "2026-10-01"]) == 2
    err = capsys.readouterr().err
    assert "HALLQ_DATABASE_URL" in err and "数据库地址有误" in err


def test_a_database_that_cannot_be_opened_is_a_bilingual_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = "postgresql://postgres@127.0.0.1:1/hallq"  # nothing listens on port 1
    argv = ["serve", "--port", "0", "--db", unreachable, "--data-dir", str(tmp_path)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "cannot be opened" in err and "无法打开或使用数据库" in err


def test_a_data_directory_that_is_a_file_is_a_bilingual_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("")
    assert main(["serve", "--port", "0", "--data-dir", str(not_a_folder)]) == 2
    err = capsys.readouterr().err
    assert str(not_a_folder) in err and "无法创建或读写数据目录" in err


def test_serve_reads_the_hall_file_of_hallq_config_as_report_and_audit_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app))
    monkeypatch.setenv("HALLQ_CONFIG", str(MINI))
    assert main(["serve", "--port", "0", "--data-dir", str(tmp_path)]) == 0
    assert served[0].state.hall.config.hall.name == load_hall(MINI).hall.name
    monkeypatch.setenv("HALLQ_CONFIG", str(tmp_path / "missing.toml"))
    assert main(["serve", "--port", "0", "--data-dir", str(tmp_path)]) == 2


def test_serve_on_a_port_in_use_says_so_in_chinese_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            main(["serve", "--port", str(port), "--data-dir", str(tmp_path)])
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert f"did not start on 127.0.0.1:{port}" in err and "端口可能已被占用" in err


def test_serve_never_logs_the_database_password(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import types

    import uvicorn

    import queue_server.bootstrap

    hall = load_hall(MINI)
    app = types.SimpleNamespace(
        state=types.SimpleNamespace(hall=types.SimpleNamespace(config=hall))
    )
    monkeypatch.setattr(queue_server.bootstrap, "create_app", lambda *_, **__: app)
    monkeypatch.setattr(uvicorn, "run", lambda *_, **__: None)
    caplog.set_level("INFO", logger="hallq")
    url = "postgresql://hallq:s3cret-pw@db.hall.local/hallq"
    assert main(["serve", "--port", "0", "--db", url]) == 0
    assert "postgresql://hallq:***@db.hall.local/hallq" in caplog.text
    assert "s3cret-pw" not in caplog.text
