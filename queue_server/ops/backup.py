"""`hallq backup FILE` and `hallq restore FILE`: one file holds the whole hall.

SQLite is copied with SQLite's online backup API in a single step: one read transaction, so
the copy is a consistent snapshot of the moment the step began, and in WAL mode the running
server keeps writing meanwhile. PostgreSQL goes through `pg_dump --format=custom` (one
repeatable-read snapshot) and `pg_restore`. A backup is written next to FILE and renamed over
it only when complete, so FILE is never half a backup.

FILE is checked before anything is written: never the database being backed up nor one of
its -wal/-shm/-journal files (a rename over them would pull the live file from under the
running server), nor an SQLite database in use (its -wal/-shm/-journal beside it, or locked:
renaming over it would leave its server writing to a deleted file), an existing file only with
`force`, a missing folder only with `mkdir`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from queue_server.ops import pgtools
from queue_server.ops.common import (
    OpsError,
    activity,
    is_sqlite,
    rows_by_table,
    shown,
    sqlite_path,
)

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database file
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class Summary:
    """What a backup or restore handled."""

    kind: str  # "sqlite" | "postgresql"
    file: Path
    database: str  # shown without its password
    size: int
    tickets: int | None = None
    events: int | None = None


def backup(url: str, dest: Path, *, force: bool = False, mkdir: bool = False) -> Summary:
    """Copy the database at `url` into `dest`, safely while the server runs.

    Refuses `dest` when it is the database itself or one of its side files (exit 2), when it
    exists and `force` is not given (exit 1), and when its folder is missing and `mkdir` is not
    given (exit 2), and when it is an SQLite database in use, even with `force` (exit 2);
    nothing is written then."""
    dest = dest.expanduser().resolve()  # a symlink to the live database is the database
    if dest.is_dir():
        raise OpsError(f"{dest} is a directory; name a file.", f"{dest} 是目录，请指定文件名。")
    if is_sqlite(url):
        _refuse_the_database_itself(sqlite_path(url), dest)
    _check_folder(dest.parent, mkdir=mkdir)
    _refuse_a_database_in_use(dest)
    if dest.exists() and not force:
        raise OpsError(
            f"{dest} already exists. Nothing was changed; add --force to replace it with the "
            "new backup.",
            f"{dest} 已存在。未做任何修改；确需用新备份覆盖时请加 --force。",
            exit_code=1,
        )
    if mkdir:
        dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.partial")
    tickets: int | None = None
    events: int | None = None
    try:
        if is_sqlite(url):
            try:
                tickets, events = _backup_sqlite(sqlite_path(url), partial)
            except sqlite3.DatabaseError as exc:  # not a database, damaged, unreadable
                raise OpsError(
                    f"Cannot back up {shown(url)}: {exc}", f"无法备份 {shown(url)}：{exc}"
                ) from exc
        else:
            pgtools.dump(url, partial)
        _fsync(partial)
        os.replace(partial, dest)
        _fsync(dest.parent)
    finally:
        partial.unlink(missing_ok=True)
    kind = "sqlite" if is_sqlite(url) else "postgresql"
    summary = Summary(kind, dest, shown(url), dest.stat().st_size, tickets, events)
    log.info("backed up %s to %s (%d bytes)", summary.database, dest, summary.size)
    return summary


def restore(src: Path, url: str, *, force: bool = False, mkdir: bool = False) -> Summary:
    """Load the backup `src` into the database at `url`; refuses to overwrite data unless
    `force`, and to create a missing folder for an SQLite file unless `mkdir` (a mistyped
    path would otherwise restore the hall where the server never looks). Stop the server
    first: it would keep serving what it had in memory."""
    src = src.expanduser().resolve()
    if not src.is_file():
        raise OpsError(f"There is no backup file at {src}.", f"备份文件不存在：{src}。")
    if is_sqlite(url):
        _refuse_the_database_itself(sqlite_path(url), src, restoring=True)
    kind = backup_kind(src)
    target = "sqlite" if is_sqlite(url) else "postgresql"
    if kind != target:
        raise OpsError(
            f"{src.name} is a {kind} backup; it cannot be restored into a {target} database.",
            f"{src.name} 是 {kind} 备份，不能恢复到 {target} 数据库。",
        )
    if kind == "sqlite":
        _check_folder(sqlite_path(url).parent, mkdir=mkdir)
    _refuse_to_overwrite(url, force=force)
    if kind == "sqlite":
        _restore_sqlite(src, sqlite_path(url))
    else:
        pgtools.restore(src, url)
    counts = rows_by_table(url)
    summary = Summary(
        kind, src, shown(url), src.stat().st_size, counts.get("tickets"), counts.get("events")
    )
    log.info("restored %s into %s", src, summary.database)
    return summary


def backup_kind(path: Path) -> str:
    """ "sqlite" or "postgresql", from the file's first bytes."""
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise OpsError(
        f"{path.name} is not a HallQ backup (neither an SQLite file nor a pg_dump archive).",
        f"{path.name} 不是 HallQ 备份文件（既不是 SQLite 文件，也不是 pg_dump 归档）。",
    )


def _backup_sqlite(source: Path, out: Path) -> tuple[int, int]:
    if not source.is_file():
        raise OpsError(f"There is no database file at {source}.", f"数据库文件不存在：{source}。")
    out.unlink(missing_ok=True)
    # mode=ro: the tool can neither create an empty database by a typo nor change the live one.
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as src,
        closing(sqlite3.connect(out)) as dst,
    ):
        src.backup(dst)  # pages=-1: everything in one step, i.e. one consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return _check_sqlite(dst, out)


def _refuse_the_database_itself(database: Path, file: Path, *, restoring: bool = False) -> None:
    """`file` must be neither `database` nor one of its side files: by path (symlinks resolved)
    or, for files that exist, by identity (a hard link, another spelling of the same file)."""
    for suffix in ("", *SIDE_FILES):
        own = Path(f"{database}{suffix}")
        same = own.resolve() == file
        if not same and own.exists() and file.exists():
            same = os.path.samefile(own, file)
        if not same:
            continue
        part, part_zh = (
            ("the database", "数据库")
            if not suffix
            else (f"the database's {suffix[1:]} file", f"数据库的 {suffix[1:]} 文件")
        )
        if restoring:
            why = "a backup cannot be restored from the database it is restored into"
            why_zh = "不能把数据库自身作为备份恢复到它自己"
        else:
            why = "writing the backup there would destroy the database under the running server"
            why_zh = "把备份写到这里会毁坏正在运行的服务器所用的数据库"
        raise OpsError(
            f"{file} is {part} {database}: {why}. Nothing was changed; name another file.",
            f"{file} 就是{part_zh}（{database}）：{why_zh}。未做任何修改；请指定其他文件。",
        )


def _refuse_a_database_in_use(file: Path) -> None:
    """`file`, if an SQLite database, must not be open: a backup renamed over it would leave
    its server (or tool) writing to the deleted file, and its -wal beside the new one."""
    try:
        with file.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return
    except OSError:  # missing or unreadable: checked afterwards
        return
    side = [f"{file.name}{s}" for s in SIDE_FILES if Path(f"{file}{s}").exists()]
    locked = False
    if not side:  # a database in rollback mode shows its use only by its locks
        try:
            # timeout=0: take the exclusive lock now or not at all; released at once.
            with closing(sqlite3.connect(f"file:{file}?mode=rw", uri=True, timeout=0)) as conn:
                conn.execute("BEGIN EXCLUSIVE")
                conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            locked = True
    if not side and not locked:
        return
    seen = f" ({', '.join(side)} beside it)" if side else " (it is locked)"
    seen_zh = f"（旁边有 {', '.join(side)}）" if side else "（它已被锁定）"
    raise OpsError(
        f"{file} is an SQLite database in use{seen}: replacing it would pull it from under "
        "the server using it, which would go on writing to the deleted file. Nothing was "
        "changed, even with --force; stop that server first (one that crashed leaves its -wal "
        "behind: start and stop it once), or name another file.",
        f"{file} 是正在使用的 SQLite 数据库{seen_zh}：覆盖它会使正在使用它的服务器继续写入已删除的"
        "文件。即使加了 --force 也未做任何修改；请先停止该服务器（崩溃过的服务器会留下 -wal 文件："
        "请将其启动并正常停止一次），或指定其他文件。",
    )


def _check_folder(folder: Path, *, mkdir: bool) -> None:
    if folder.is_dir():
        return
    if folder.exists() or any(p.exists() and not p.is_dir() for p in folder.parents):
        raise OpsError(
            f"{folder} is not a directory. Nothing was changed.",
            f"{folder} 不是目录。未做任何修改。",
        )
    if not mkdir:
        raise OpsError(
            f"The folder {folder} does not exist. Nothing was changed; create it first, or "
            "add --mkdir to have it created.",
            f"目录 {folder} 不存在。未做任何修改；请先创建该目录，或加 --mkdir 让本命令创建。",
        )


def _check_sqlite(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Integrity and HallQ tables present; (tickets, events)."""
    try:
        problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:  # too damaged to even check
        problem = str(exc)
    if problem != "ok":
        raise OpsError(
            f"{path.name} is damaged: {problem}", f"{path.name} 已损坏：{problem}", exit_code=1
        )
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"tickets", "events"} <= names:
        raise OpsError(
            f"{path.name} is an SQLite file but not a HallQ database.",
            f"{path.name} 是 SQLite 文件，但不是 HallQ 数据库。",
        )
    tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return int(tickets), int(events)


def _refuse_to_overwrite(url: str, *, force: bool) -> None:
    if is_sqlite(url) and not sqlite_path(url).exists():
        return
    try:
        held = activity(rows_by_table(url))
    except Exception as exc:  # connection refused, no such database, damaged file …
        raise OpsError(
            f"Cannot open the target database {shown(url)}: {exc}",
            f"无法打开目标数据库 {shown(url)}：{exc}",
        ) from exc
    if held and not force:
        listed = ", ".join(f"{name} ({n})" for name, n in sorted(held.items()))
        raise OpsError(
            f"The target database {shown(url)} is not empty: {listed}. Nothing was changed; "
            "add --force to replace its contents with the backup.",
            f"目标数据库 {shown(url)} 不是空的：{listed}。未做任何修改；"
            "确需用备份覆盖时请加 --force。",
            exit_code=1,
        )


def _restore_sqlite(src: Path, target: Path) -> None:
    with closing(sqlite3.connect(f"file:{src}?mode=ro", uri=True)) as backup_db:
        _check_sqlite(backup_db, src)
        target.parent.mkdir(parents=True, exist_ok=True)  # allowed by _check_folder
        # The backup API writes through the target's own pager and journal: one atomic
        # change, and a -wal left beside the target is taken care of.
        with closing(sqlite3.connect(target, timeout=30)) as dst:
            backup_db.backup(dst)
            _check_sqlite(dst, target)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
