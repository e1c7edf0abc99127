"""`hallq backup` / `hallq restore` of a live hall, and `hallq audit` of a day's event log.

Backups are taken while a real server process issues tickets; every ticket whose 201 the
kiosks had seen before the backup began must be in the restored copy. The audit replays a day
of every kind of activity clean, then finds each kind of tampering with the tables or the log.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Generator, Iterator
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from queue_server.cli import main
from queue_server.config import HallConfig
from queue_server.ops import pgtools
from queue_server.ops.append_only import APPEND_ONLY_SQL, app_role_sql
from queue_server.ops.audit import audit
from queue_server.ops.common import OpsError, pg_url
from tests.conftest import PG_URL, FakeClock, _pg_database
from tests.integration.apiutil import KIOSK, issue, login
from tests.serverproc import MINI_HALL, ROOT, ServerProcess


def fresh_pg_database() -> Generator[str, None, None]:
    """A new empty PostgreSQL database; `.close()` the generator to drop it."""
    return cast(Generator[str, None, None], _pg_database())


DAY = date(2026, 11, 23)
EVALUATOR = {"Authorization": "Bearer test-evaluator-key-1"}
VALID_ID = "11010519491231002X"
pytestmark = pytest.mark.timeout(120)


# ---------------------------------------------------------------------------------------------
# Backup and restore of a live hall


class Kiosks:
    """Two kiosks issuing tickets as fast as the server answers, until stopped."""

    def __init__(self, srv: ServerProcess) -> None:
        self.srv = srv
        self.issued: dict[str, str] = {}  # token -> number, in the order the 201s arrived
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(m,)) for m in ("yyzz", "sybx")]
        for t in self.threads:
            t.start()

    def _run(self, matter: str) -> None:
        while not self.stopping.is_set():
            status, body = self.srv.post("/api/v1/tickets", {"matter": matter}, "test-kiosk-key")
            assert status == 201, body
            with self.lock:
                self.issued[body["token"]] = body["number"]

    def wait_for(self, count: int) -> dict[str, str]:
        for _ in range(400):
            with self.lock:
                if len(self.issued) >= count:
                    return dict(self.issued)
            self.stopping.wait(0.025)
        raise AssertionError(f"only {len(self.issued)} tickets issued")

    def stop(self) -> dict[str, str]:
        self.stopping.set()
        for t in self.threads:
            t.join(15)
        return dict(self.issued)


def hallq(*args: str) -> int:
    return main([*args])


def sqlite_tickets(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("SELECT token, number FROM tickets").fetchall())


def test_sqlite_backup_of_a_live_hall_restores_every_ticket_committed_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srv = ServerProcess(tmp_path).start()
    backup = tmp_path / "backups" / "hall-2026-11-23.sqlite3"
    try:
        kiosks = Kiosks(srv)
        try:
            before = kiosks.wait_for(40)
            # the kiosks go on; the folder is new, so --mkdir
            assert hallq("backup", str(backup), "--db", srv.db, "--mkdir") == 0
            done = kiosks.wait_for(0)
            kiosks.wait_for(len(done) + 10)  # ten more issued after the backup finished
        finally:
            after = kiosks.stop()
        restored = tmp_path / "restored" / "hallq.sqlite3"
        assert hallq("restore", str(backup), "--db", str(restored), "--mkdir") == 0
        copy = sqlite_tickets(restored)
        assert before.items() <= copy.items()  # every ticket committed before the backup
        assert copy.items() <= after.items() and len(after) > len(copy) >= len(before)

        # A refusal that changes nothing: the live database holds data.
        assert hallq("restore", str(backup), "--db", srv.db) == 1
        err = capsys.readouterr().err
        assert "--force" in err and "不是空的" in err
        assert sqlite_tickets(Path(srv.db)) == after
    finally:
        srv.stop()

    # The restored hall runs, and goes on numbering after what it holds.
    clone = ServerProcess(tmp_path / "restored", db=str(restored)).start()
    try:
        status, body = clone.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        held = [int(n[1:]) for n in copy.values() if n.startswith("A")]
        assert status == 201 and int(body["number"][1:]) == max(held) + 1
    finally:
        clone.stop()


def test_backup_onto_the_live_database_or_its_side_files_is_refused_and_the_hall_runs_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA repro: `hallq backup --data-dir D D/hallq.sqlite3` renamed the copy over the live
    file, the -wal/-shm went and every request answered 500 until a restart."""
    srv = ServerProcess(tmp_path).start()
    db = Path(srv.db)
    try:
        status, first = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        assert status == 201
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        link = tmp_path / "link.sqlite3"
        link.symlink_to(db)
        hard = tmp_path / "hard.sqlite3"
        os.link(db, hard)
        targets = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), link, hard]
        targets.append(tmp_path / "sub" / ".." / db.name)  # another spelling of the same path
        for target in targets:
            for force in ((), ("--force",)):  # --force does not make it possible
                code = hallq("backup", "--data-dir", str(tmp_path), str(target), *force)
                assert code == 2, target
                err = capsys.readouterr().err
                assert "Nothing was changed" in err and "未做任何修改" in err, err
        assert hallq("restore", str(link), "--db", str(db), "--force") == 2
        assert "不能把数据库自身作为备份恢复" in capsys.readouterr().err
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        assert not Path(f"{db}-journal").exists()
        status, second = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        assert status == 201, second
        status, _ = srv.get(f"/api/v1/tickets/{first['token']}")
        assert status == 200
    finally:
        srv.stop()
    assert set(sqlite_tickets(db)) == {first["token"], second["token"]}


def tiny_hall_db(path: Path, tickets: list[tuple[str, str]]) -> Path:
    """The least SQLite file the backup commands take for a hall: events and tickets."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT)")
        conn.execute("CREATE TABLE tickets (token TEXT, number TEXT)")
        conn.executemany("INSERT INTO tickets VALUES (?, ?)", tickets)
        conn.commit()
    return path


def test_backup_over_the_database_of_another_running_server_is_refused_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA repro: `hallq backup --db other.sqlite3 LIVE.sqlite3 --force` renamed the copy over
    a running server's database; the server went on writing to the deleted file."""
    other = tiny_hall_db(tmp_path / "other.sqlite3", [("t9", "B009")])
    srv = ServerProcess(tmp_path).start()
    live = Path(srv.db)
    try:
        status, first = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        assert status == 201, first
        inode = live.stat().st_ino
        assert hallq("backup", "--db", str(other), str(live), "--force") == 2
        err = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
        assert "in use" in err and "stop that server first" in err, err
        assert "正在使用" in err and "请先停止该服务器" in err and "Traceback" not in err
        assert live.stat().st_ino == inode
        status, second = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        assert status == 201, second
    finally:
        srv.stop()
    assert set(sqlite_tickets(live)) == {first["token"], second["token"]}


def test_backup_over_a_database_a_connection_holds_is_refused_until_it_lets_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tiny_hall_db(tmp_path / "hall.sqlite3", [("t1", "A001")])
    held = tiny_hall_db(tmp_path / "held.sqlite3", [("t2", "A002")])  # rollback journal mode
    with closing(sqlite3.connect(held)) as conn:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM tickets").fetchone()  # a read lock, no side file
        assert hallq("backup", "--db", str(source), str(held), "--force") == 2
        err = " ".join(capsys.readouterr().err.split())
        assert "locked" in err and "已被锁定" in err and "--force" in err, err
        assert conn.execute("SELECT token FROM tickets").fetchall() == [("t2",)]
        conn.rollback()
    assert hallq("backup", "--db", str(source), str(held), "--force") == 0
    assert sqlite_tickets(held) == {"t1": "A001"}


def test_backup_replaces_a_file_only_with_force_and_makes_a_folder_only_with_mkdir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tiny_hall_db(tmp_path / "hall.sqlite3", [("t1", "A001")])

    existing = tmp_path / "old-backup.sqlite3"
    existing.write_bytes(b"yesterday's backup")
    assert hallq("backup", str(existing), "--db", str(source)) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "已存在" in err and "--force" in err
    assert existing.read_bytes() == b"yesterday's backup"
    assert not list(tmp_path.glob(".*.partial"))
    assert hallq("backup", str(existing), "--db", str(source), "--force") == 0
    assert sqlite_tickets(existing) == {"t1": "A001"}

    nested = tmp_path / "no" / "such" / "folder" / "b.sqlite3"
    assert hallq("backup", str(nested), "--db", str(source)) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "--mkdir" in err and "目录" in err and "不存在" in err
    assert not (tmp_path / "no").exists()
    assert hallq("backup", str(nested), "--db", str(source), "--mkdir") == 0
    assert sqlite_tickets(nested) == {"t1": "A001"}

    under_a_file = existing / "b.sqlite3"
    assert hallq("backup", str(under_a_file), "--db", str(source), "--mkdir") == 2
    assert "不是目录" in capsys.readouterr().err

    # PostgreSQL goes through the same checks before pg_dump is even looked for.
    pg = "postgresql://nobody@127.0.0.1:1/x"
    assert hallq("backup", str(existing), "--db", pg) == 1
    assert "--force" in capsys.readouterr().err
    assert hallq("backup", str(tmp_path / "none" / "b.pgdump"), "--db", pg) == 2
    assert "--mkdir" in capsys.readouterr().err
    assert sqlite_tickets(existing) == {"t1": "A001"}


@pytest.fixture
def pg_pair() -> Iterator[tuple[str, str]]:
    if not PG_URL:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL")
    source, target = fresh_pg_database(), fresh_pg_database()
    try:
        yield next(source), next(target)
    finally:
        source.close()
        target.close()


def pg_tickets(url: str) -> dict[str, str]:
    engine = sa.create_engine(pg_url(url))
    try:
        with engine.connect() as conn:
            return dict(conn.execute(sa.text("SELECT token, number FROM tickets")).all())
    finally:
        engine.dispose()


def test_postgresql_backup_of_a_live_hall_restores_every_ticket_committed_before_it(
    tmp_path: Path, pg_pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = pg_pair
    srv = ServerProcess(tmp_path, db=source).start()
    backup = tmp_path / "hall.pgdump"
    try:
        kiosks = Kiosks(srv)
        try:
            before = kiosks.wait_for(40)
            assert hallq("backup", str(backup), "--db", source) == 0
            kiosks.wait_for(len(kiosks.wait_for(0)) + 10)
        finally:
            after = kiosks.stop()
        assert backup.read_bytes().startswith(b"PGDMP")
        assert hallq("restore", str(backup), "--db", target) == 0
        copy = pg_tickets(target)
        assert before.items() <= copy.items() <= after.items() and len(copy) < len(after)
        assert hallq("restore", str(backup), "--db", source) == 1  # holds data: refused
        assert "--force" in capsys.readouterr().err
        assert pg_tickets(source) == after
        assert hallq("restore", str(backup), "--db", target, "--force") == 0
        assert pg_tickets(target) == copy
    finally:
        srv.stop()


def test_restore_into_a_missing_folder_needs_mkdir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tiny_hall_db(tmp_path / "hall.sqlite3", [("t1", "A001"), ("t2", "A002")])
    backup = tmp_path / "backup.sqlite3"
    assert hallq("backup", str(backup), "--db", str(source)) == 0
    typo = tmp_path / "halq-data" / "hallq.sqlite3"  # the server's folder is hallq-data

    assert hallq("restore", str(backup), "--db", str(typo)) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "不存在" in err and "--mkdir" in err
    assert not typo.parent.exists()

    assert hallq("restore", str(backup), "--db", str(typo), "--mkdir") == 0
    with closing(sqlite3.connect(typo)) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 2


def test_backup_and_restore_say_what_is_wrong_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such.sqlite3"
    assert hallq("backup", str(tmp_path / "b.sqlite3"), "--db", str(missing)) == 2
    assert not missing.exists() and not (tmp_path / "b.sqlite3").exists()
    err = capsys.readouterr().err
    assert "There is no database file" in err and "数据库文件不存在" in err

    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    assert hallq("restore", str(junk), "--db", str(tmp_path / "new.sqlite3")) == 2
    assert "不是 HallQ 备份文件" in capsys.readouterr().err

    damaged = tmp_path / "damaged.sqlite3"
    with closing(sqlite3.connect(damaged)) as conn:
        conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT)")
        conn.execute("CREATE TABLE tickets (token TEXT)")
        conn.executemany("INSERT INTO tickets VALUES (?)", [(str(i) * 50,) for i in range(2000)])
        conn.commit()
    raw = bytearray(damaged.read_bytes())
    raw[4096 * 3 : 4096 * 4] = b"\xff" * 4096  # one page of the tickets table overwritten
    damaged.write_bytes(bytes(raw))
    target = tmp_path / "new.sqlite3"
    assert hallq("restore", str(damaged), "--db", str(target)) == 1
    assert "damaged.sqlite3 已损坏" in capsys.readouterr().err
    assert not target.exists()

    sqlite_backup = tmp_path / "b2.sqlite3"
    sqlite_backup.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    assert hallq("restore", str(sqlite_backup), "--db", "postgresql://nobody@127.0.0.1:1/x") == 2
    assert "不能恢复到 postgresql 数据库" in capsys.readouterr().err

    with pytest.raises(OpsError) as no_tool:
        pgtools.find_tool("pg_dump", path="", lib=tmp_path)
    assert "postgresql-client" in no_tool.value.message and "未找到" in no_tool.value.message_zh


# ---------------------------------------------------------------------------------------------
# Audit


def ok(r: Any) -> dict[str, Any]:
    assert r.status_code < 300, r.text
    return r.json() if r.content else {}


def mixed_day(api: TestClient, clock: FakeClock) -> None:
    """Every kind of event the log holds, at four windows."""
    first = issue(api, "yyzz")
    issue(api, "yyzz")
    t = {m: issue(api, m) for m in ("spjy", "sybx", "dbsq")}
    issue(api, "ylbx", id_number=VALID_ID)
    green = issue(api, "yyzz", priority="green", green_category="elderly")
    s = {n: login(api, f"s{n}a", n) for n in (1, 2, 3, 4)}

    def at(window: int, action: str, body: Any = None) -> dict[str, Any]:
        url = f"/api/v1/windows/{window}/{action}"
        return ok(api.post(url, json=body, headers=s[window]))

    def on(token: str, action: str, body: Any = None, who: Any = KIOSK) -> None:
        ok(api.post(f"/api/v1/tickets/{token}/{action}", json=body, headers=who))

    assert at(1, "call-next")["ticket"]["number"] == green["number"]
    at(1, "recall")
    at(1, "start")
    at(1, "complete", {"outcome": "done"})
    ok(api.post("/api/v1/windows/1/evaluation", json={"rating": 1}, headers=EVALUATOR))
    assert at(1, "call-next")["ticket"]["number"] == first["number"]
    at(1, "recall")
    at(1, "recall")
    at(1, "no-show")
    clock.advance(minutes=1)
    on(first["token"], "requeue")
    held = at(1, "call-next")["ticket"]
    at(1, "suspend")
    clock.advance(minutes=2)
    on(held["token"], "return")
    assert at(2, "call-next")["ticket"]["number"] == t["spjy"]["number"]
    at(2, "transfer", {"matter": "yyzz", "window": 1})
    at(1, "call-next")
    at(1, "complete", {"outcome": "needs_more", "missing_materials": ["经营场所证明"]})
    at(3, "call-next")
    done = at(3, "complete", {"outcome": "accepted"})["ticket"]
    on(done["token"], "evaluation", {"rating": 5}, {})
    at(4, "pause", {"reason": "午休"})
    at(4, "resume")
    at(4, "call-next")
    at(4, "complete", {"outcome": "done"})
    at(3, "call-next")
    at(3, "transfer", {"matter": "sybx", "window": 4})
    ok(api.post("/api/v1/auth/logout", headers=s[2]))
    fault = {"printer": "kiosk1", "reason": "paper_out"}
    ok(api.post("/api/v1/devices/printer-fault", json=fault, headers=KIOSK))
    call = ok(api.post("/api/v1/devices/help", json={"screen": "home"}, headers=KIOSK))
    s[3] = login(api, "admin", 3)  # the admin takes window 3 over
    ok(api.post(f"/api/v1/admin/help/{call['id']}/answer", headers=s[3]))
    ok(api.post(f"/api/v1/admin/help/{call['id']}/reopen", headers=s[3]))  # 撤销
    ok(api.post(f"/api/v1/admin/help/{call['id']}/answer", headers=s[3]))
    at(3, "call-next")
    clock.advance(minutes=5)


# Every event type a use case writes (no route cancels a ticket: `ticket.cancelled` never is).
EVERY_KIND = {
    *(f"ticket.{k}" for k in ("issued", "called", "recalled", "serving", "no_show")),
    *(f"ticket.{k}" for k in ("transferred", "suspended", "returned", "requeued")),
    *(f"ticket.{k}" for k in ("completed", "evaluated")),
    *(f"window.{k}" for k in ("opened", "closed", "paused", "resumed")),
    "staff.signed_in",
    "printer.fault",
    "help.requested",
    "help.answered",
    "help.reopened",
}


def run_audit(db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = hallq("audit", "--day", DAY.isoformat(), "--db", db_url, "--config", str(MINI_HALL))
    return code, capsys.readouterr().out


def test_a_day_of_mixed_activity_audits_clean_and_each_tampering_is_found(
    api: TestClient,
    clock: FakeClock,
    db_url: str,
    mini_config: HallConfig,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mixed_day(api, clock)
    code, out = run_audit(db_url, capsys)
    assert code == 0, out
    assert "账实相符" in out
    engine = api.app.state.hall.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        logged = set(conn.execute(sa.text("SELECT DISTINCT type FROM events")).scalars())
    assert EVERY_KIND <= logged, EVERY_KIND - logged

    def sql(statement: str) -> Any:
        with engine.begin() as conn:
            result = conn.execute(sa.text(statement))
            return result.first() if result.returns_rows else None

    def found(change: str, undo: str) -> list[tuple[str, str]]:
        sql(change)
        try:
            return [(f.subject, f.problem) for f in audit(db_url, mini_config, DAY).findings]
        finally:
            sql(undo)

    def has(findings: list[tuple[str, str]], subject: str, problem: str) -> bool:
        return any(s == subject and problem in p for s, p in findings)

    waiting = sql("SELECT number FROM tickets WHERE status = 'waiting' ORDER BY number")[0]
    recalled = sql("SELECT number FROM tickets WHERE recalls = 1")[0]
    token = sql("SELECT token FROM tickets ORDER BY number")[0]
    actor_seq, actor = sql("SELECT seq, actor FROM events WHERE type = 'ticket.called'")

    sql(f"UPDATE tickets SET status = 'done' WHERE number = '{waiting}'")
    code, out = run_audit(db_url, capsys)
    assert code == 1 and waiting in out and "status" in out and "发现不一致" in out
    sql(f"UPDATE tickets SET status = 'waiting' WHERE number = '{waiting}'")
    assert run_audit(db_url, capsys)[0] == 0

    assert has(
        found(
            f"UPDATE tickets SET recalls = 0 WHERE number = '{recalled}'",
            f"UPDATE tickets SET recalls = 1 WHERE number = '{recalled}'",
        ),
        f"ticket {recalled}",
        "recalls differs",
    )
    green = sql("SELECT number FROM tickets WHERE green_category = 'elderly'")[0]
    assert has(
        found(
            f"UPDATE tickets SET green_category = 'military' WHERE number = '{green}'",
            f"UPDATE tickets SET green_category = 'elderly' WHERE number = '{green}'",
        ),
        f"ticket {green}",
        "green_category differs",
    )
    assert has(
        found(
            f"UPDATE windows SET current = '{token}' WHERE number = 2",
            "UPDATE windows SET current = NULL WHERE number = 2",
        ),
        "window 2",
        "current differs",
    )
    forged = (
        "INSERT INTO tickets (day, number, token, matter, zone, channel, priority, status, "
        "issued_at, queued_at, is_returning, recalls, calls, transfers, requeued, rated) "
        "SELECT day, 'A999', 'forged-token', matter, zone, channel, priority, 'waiting', "
        "issued_at, queued_at, is_returning, 0, 0, 0, requeued, rated FROM tickets "
        f"WHERE number = '{waiting}'"
    )
    assert has(
        found(forged, "DELETE FROM tickets WHERE number = 'A999'"),
        "ticket A999",
        "never issued in the log",
    )
    assert has(
        found(
            f"UPDATE events SET actor = '' WHERE seq = {actor_seq}",
            f"UPDATE events SET actor = '{actor}' WHERE seq = {actor_seq}",
        ),
        "event log",
        "without a valid actor",
    )
    # Deleting the record of a recall: the gap and the ticket's recall count both show it.
    seq = sql(
        f"SELECT max(seq) FROM events WHERE type = 'ticket.recalled' AND ticket = '{recalled}'"
    )[0]
    sql(f"DELETE FROM events WHERE seq = {seq}")
    findings = [(f.subject, f.problem, f.log) for f in audit(db_url, mini_config, DAY).findings]
    assert any(s == "event log" and f"missing seq {seq}" == log for s, _, log in findings)
    assert any(s == f"ticket {recalled}" and "recalls" in p for s, p, _ in findings)
    assert run_audit(db_url, capsys)[0] == 1


def test_hallq_audit_command_exit_codes_on_a_real_servers_day(tmp_path: Path) -> None:
    def hallq_process(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "queue_server.cli", "audit", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)

    srv = ServerProcess(tmp_path).start()
    try:
        first = srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")[1]
        srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")
        staff = srv.post("/api/v1/auth/login", {"staff_id": "s1a", "pin": "1111", "window": 1})
        srv.post("/api/v1/windows/1/call-next", token=staff[1]["token"])
    finally:
        srv.stop()
    today = first["issued_at"]  # UTC; the hall day is in Asia/Shanghai
    day = datetime.fromisoformat(today).astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    args = ("--day", day, "--db", srv.db, "--config", str(MINI_HALL))
    clean = hallq_process(*args)
    assert clean.returncode == 0 and "账实相符" in clean.stdout, clean.stdout + clean.stderr
    with closing(sqlite3.connect(srv.db)) as conn:
        conn.execute("UPDATE tickets SET status = 'done' WHERE number = 'A002'")
        conn.commit()
    tampered = hallq_process(*args)
    assert tampered.returncode == 1 and "A002" in tampered.stdout
    missing = hallq_process("--day", day, "--db", str(tmp_path / "none.sqlite3"))
    assert missing.returncode == 2 and "数据库文件不存在" in missing.stderr
    assert not (tmp_path / "none.sqlite3").exists()
    bad_day = hallq_process("--day", "23/11/2026", "--db", srv.db)
    assert bad_day.returncode == 2 and "YYYY-MM-DD" in bad_day.stderr


def test_a_ticket_left_in_hand_overnight_audits_clean_on_both_days(
    api: TestClient, clock: FakeClock, db_url: str, mini_config: HallConfig
) -> None:
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    ok(api.post("/api/v1/windows/1/call-next", headers=staff))
    clock.advance(days=1)  # nobody finished it; next morning the window calls again
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    ok(api.post("/api/v1/windows/1/call-next", headers=staff))
    for day in (DAY, date(2026, 11, 24)):
        report = audit(db_url, mini_config, day)
        assert report.clean and report.tickets == 1, report.findings


def test_a_windows_finding_is_reported_for_its_own_day_only(
    api: TestClient, clock: FakeClock, db_url: str, mini_config: HallConfig
) -> None:
    """The days before the one audited are replayed to know each window's state; what is
    wrong at a window on such a day is that day's finding, not every later day's."""
    if not db_url.startswith("sqlite"):
        pytest.skip("rewrites the log: the SQLite file (PostgreSQL's log is append-only)")
    issue(api, "yyzz")
    staff = login(api, "s1a", 1)
    ok(api.post("/api/v1/windows/1/call-next", headers=staff))
    ok(api.post("/api/v1/windows/1/complete", json={"outcome": "done"}, headers=staff))
    assert api.post("/api/v1/auth/logout", headers=staff).status_code == 204  # closes it
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:  # the window was never opened, as far as the log says
        conn.execute(
            sa.text("UPDATE events SET type = 'printer.fault' WHERE type = 'window.opened'")
        )
    engine.dispose()
    clock.advance(days=1)
    issue(api, "yyzz")

    first = audit(db_url, mini_config, DAY)
    called = [f for f in first.findings if f.log == "ticket.called"]
    assert [f.subject for f in called] == ["window 1"] and "无人签到" in called[0].problem
    later = audit(db_url, mini_config, date(2026, 11, 24))
    assert later.clean, later.findings


# ---------------------------------------------------------------------------------------------
# The event log, append-only in PostgreSQL too


def test_postgresql_trigger_makes_the_event_log_append_only_and_the_hall_still_runs(
    api: TestClient, db_url: str, clock: FakeClock, mini_config: HallConfig
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the trigger is PostgreSQL's; SQLite files are protected by file access")
    engine = api.app.state.hall.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(sa.text(APPEND_ONLY_SQL))
    mixed_day(api, clock)  # every use case still works
    for statement in (
        "DELETE FROM events WHERE seq = 1",
        "UPDATE events SET actor = 'staff:nobody' WHERE seq = 1",
        "TRUNCATE events",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(sa.text(statement))
    assert audit(db_url, mini_config, DAY).clean


def test_postgresql_server_role_without_rights_on_events_runs_the_hall_but_cannot_erase_it(
    tmp_path: Path,
) -> None:
    if not PG_URL:
        pytest.skip("PostgreSQL not available: set HALLQ_TEST_PG_URL")
    role = f"hallq_app_{uuid.uuid4().hex[:10]}"
    database = fresh_pg_database()
    url = next(database)
    admin = sa.create_engine(pg_url(PG_URL), isolation_level="AUTOCOMMIT")
    try:
        ServerProcess(tmp_path, db=url).start().stop()  # the owner creates the schema
        owner = sa.create_engine(pg_url(url), isolation_level="AUTOCOMMIT")
        with owner.connect() as conn:
            conn.execute(sa.text(f"CREATE ROLE {role} LOGIN"))
            for statement in app_role_sql(role):
                conn.execute(sa.text(statement))
        owner.dispose()
        as_app = sa.make_url(url).set(username=role).render_as_string(hide_password=False)
        srv = ServerProcess(tmp_path, db=as_app).start()  # the upgrade is a no-op: it starts
        try:
            assert srv.post("/api/v1/tickets", {"matter": "yyzz"}, "test-kiosk-key")[0] == 201
            staff = srv.post("/api/v1/auth/login", {"staff_id": "s1a", "pin": "1111", "window": 1})
            assert srv.post("/api/v1/windows/1/call-next", token=staff[1]["token"])[0] == 200
        finally:
            srv.stop()
        app = sa.create_engine(pg_url(as_app))
        for statement in ("DELETE FROM events", "UPDATE events SET actor = 'x'", "TRUNCATE events"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                with app.begin() as conn:
                    conn.execute(sa.text(statement))
        app.dispose()
    finally:
        database.close()  # drops the database, and with it the role's grants
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
