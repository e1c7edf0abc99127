"""Fault injectors shared by the fault tests: a lock held by another process, a tiny disk."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HOLD_MAX_S = 60  # the holder lets go by itself after this, whatever happens to the test
_HOLDER = """
import select, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
select.select([sys.stdin], [], [], float(sys.argv[2]))
conn.execute("COMMIT")
"""


class LockHolder:
    """Another process inside `BEGIN EXCLUSIVE` on an SQLite file until `release()`."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(db), str(HOLD_MAX_S)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "locked":
            self.proc.kill()
            raise RuntimeError("the lock holder could not lock the database")

    def release(self) -> None:
        """Commit (nothing) and exit: the lock is gone when this returns."""
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.write("\n")
                self.proc.stdin.flush()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@contextlib.contextmanager
def exclusive_lock(db: Path) -> Iterator[LockHolder]:
    holder = LockHolder(db)
    try:
        yield holder
    finally:
        holder.release()


def integrity(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def mount(options: list[str], target: Path) -> None:
    """`mount OPTIONS… TARGET`; skips the test when this machine does not let us mount
    (not root, no CAP_SYS_ADMIN in a container)."""
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here (root and CAP_SYS_ADMIN needed): {done.stderr.strip()}")


def unmount(target: Path) -> None:
    subprocess.run(["umount", "--lazy", str(target)], capture_output=True, check=False)


def fill(directory: Path) -> Path:
    """Write one file until the file system is full; returns it (delete it to free space)."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler
